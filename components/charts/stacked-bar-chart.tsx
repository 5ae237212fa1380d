import { AxisLeft } from '@visx/axis'
import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import Link from 'next/link'
import { ChartLegend } from './chart-legend'
import { ChartTable } from './chart-table'

export interface ChartSeries {
  key: string
  label: string
  /** An SVG fill class for the bars (fill-success, …): theme colours, light and dark. */
  fill: string
  /** The same colour as a background class, for the legend (bg-success, …). */
  swatch: string
}

export interface StackedBar {
  key: string
  /** Names the bar in tooltips and the table ("2030-06-15"). */
  label: string
  /** Under the axis, when shown (every `tickEvery`-th bar); `label` otherwise. */
  axisLabel?: string
  /** Value per series key; a missing key is 0. */
  values: Record<string, number>
  /** A page about the bar (e.g. that day's runs): its bars open it, its table row links to it. */
  href?: string
}

const width = 960
const height = 220
const margin = { top: 12, right: 8, bottom: 24, left: 44 }

/**
 * Bars of stacked values, one segment per series in the order given (the first at the
 * bottom), e.g. runs per day by status. Drawn as SVG on the server: hovering a segment names
 * it, clicking a bar opens its `href`. The figure carries its textual fallback: `summary` as
 * its caption and every number in a table under "Show as a table", whose first column links
 * to each bar's `href` (the keyboard's way in: the bars themselves are not tab stops, so 30
 * bars do not stand between a keyboard user and the rest of the page).
 */
export function StackedBarChart({
  label,
  summary,
  series,
  bars,
  categoryLabel,
  formatValue = String,
  tickEvery = 1,
}: {
  /** Names the chart and its table. */
  label: string
  /** The chart in one sentence. */
  summary: string
  series: ChartSeries[]
  bars: StackedBar[]
  /** The table's first column heading ("Day"). */
  categoryLabel: string
  formatValue?: (value: number) => string
  tickEvery?: number
}) {
  const total = (bar: StackedBar) => series.reduce((sum, s) => sum + (bar.values[s.key] ?? 0), 0)
  // Only the series that occur: a legend and a table of zeros say nothing.
  const shown = series.filter((s) => bars.some((b) => (b.values[s.key] ?? 0) > 0))
  const x = scaleBand({ domain: bars.map((b) => b.key), range: [margin.left, width - margin.right], padding: 0.2 })
  const y = scaleLinear({
    domain: [0, Math.max(1, ...bars.map(total))],
    range: [height - margin.bottom, margin.top],
    nice: true,
  })
  const ticks = y.ticks(4).filter((t) => Number.isInteger(t))

  return (
    <figure className="grid gap-3">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-auto w-full text-muted-foreground"
        role="img"
        aria-label={label}
      >
        <Group>
          {ticks.map((t) => (
            <line key={t} x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} className="stroke-border" />
          ))}
        </Group>
        <AxisLeft
          scale={y}
          left={margin.left - 4}
          tickValues={ticks}
          hideAxisLine
          hideTicks
          tickFormat={(v) => formatValue(Number(v))}
          tickLabelProps={{ fill: 'currentColor', fontSize: 11, fontFamily: 'inherit' }}
        />
        {bars.map((bar, i) => {
          let top = y(0)
          const segments = shown.map((s) => {
            const value = bar.values[s.key] ?? 0
            const h = y(0) - y(value)
            top -= h
            return { s, value, y: top, h }
          })
          const tick = i % tickEvery === 0
          const marks = segments
            .filter((seg) => seg.value > 0)
            .map((seg) => (
              <Bar
                key={seg.s.key}
                x={x(bar.key)!}
                y={seg.y}
                width={x.bandwidth()}
                height={seg.h}
                className={seg.s.fill}
              >
                <title>{`${bar.label}: ${formatValue(seg.value)} ${seg.s.label.toLowerCase()}`}</title>
              </Bar>
            ))
          return (
            <g key={bar.key} data-bar={bar.key}>
              {bar.href ? (
                <a href={bar.href} tabIndex={-1} className="hover:opacity-80">
                  {marks}
                </a>
              ) : (
                marks
              )}
              {tick && (
                <text
                  x={x(bar.key)! + x.bandwidth() / 2}
                  y={height - margin.bottom + 16}
                  textAnchor="middle"
                  fontSize={11}
                  fill="currentColor"
                >
                  {bar.axisLabel ?? bar.label}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      {shown.length > 0 && <ChartLegend entries={shown} />}
      <figcaption className="text-sm">{summary}</figcaption>
      <ChartTable
        label={label}
        columns={[
          { key: 'category', label: categoryLabel },
          ...shown.map((s) => ({ key: s.key, label: s.label, numeric: true })),
          { key: 'total', label: 'Total', numeric: true },
        ]}
        rows={bars.map((bar) => ({
          key: bar.key,
          cells: {
            category: bar.href ? (
              <Link href={bar.href} className="underline-offset-2 hover:underline">
                {bar.label}
              </Link>
            ) : (
              bar.label
            ),
            ...Object.fromEntries(shown.map((s) => [s.key, formatValue(bar.values[s.key] ?? 0)])),
            total: formatValue(total(bar)),
          },
        }))}
      />
    </figure>
  )
}

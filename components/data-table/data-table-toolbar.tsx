'use client'

import { useId, useState, type ReactNode } from 'react'
import { debounce } from 'nuqs'
import type { ParserMap } from 'nuqs/server'
import { Search, X } from 'lucide-react'

import { cn } from '@/lib/utils'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select'
import type { SetTableValues, TableValues } from '@/components/data-table/use-table-params'

/**
 * A toolbar filter bound to the URL param `id` (a filter parser of the table definition):
 * - `options`: a select with an "All" entry that removes the param;
 * - `type: 'date'`: a date input (use `parseAsIsoDate`), e.g. the bounds of a time range;
 * - `type: 'text'`: a debounced text input (use `parseAsString`).
 */
export type DataTableFilter<K extends string = string> =
  | { id: K; label: string; options: readonly { value: string; label: string }[] }
  | { id: K; label: string; type: 'date' | 'text' }

// Radix Select reserves '' for "no value", so "All" needs a value of its own.
const ALL = '__all__'
const TYPING_DEBOUNCE_MS = 300

type Parser = ParserMap[string]

type DataTableToolbarProps = {
  values: TableValues
  set: SetTableValues
  params: ParserMap
  searchPlaceholder?: string
  filters?: readonly DataTableFilter[]
  /** Extra controls on the right (e.g. a "New script" button). */
  children?: ReactNode
}

export function DataTableToolbar({
  values,
  set,
  params,
  searchPlaceholder = 'Search…',
  filters = [],
  children,
}: DataTableToolbarProps) {
  const active = values.q !== '' || filters.some((f) => isSet(values[f.id], params[f.id]))
  // Typing replaces the history entry and waits for a pause; clearing applies at once.
  const setTyped = (key: string, text: string, value: unknown) =>
    set(
      { [key]: value, page: null },
      { history: 'replace', limitUrlUpdates: text === '' ? undefined : debounce(TYPING_DEBOUNCE_MS) },
    )

  return (
    <div data-slot="data-table-toolbar" className="flex flex-wrap items-center gap-2">
      <TypingInput
        value={values.q}
        label={searchPlaceholder.replace(/[….]+$/, '')}
        placeholder={searchPlaceholder}
        icon
        className="w-full sm:w-64"
        onChange={(q) => setTyped('q', q, q === '' ? null : q)}
      />
      {filters.map((filter) => {
        const parser = params[filter.id]
        if (!parser) throw new Error(`DataTable filter "${filter.id}" has no parser in params`)
        // The filter's own parser converts between URL text and the typed value (e.g. a Date).
        const text = toText(values[filter.id], parser)
        const fromText = (t: string) => (t === '' ? null : parser.parse(t as never))

        if ('options' in filter) {
          return (
            <SelectFilter
              key={filter.id}
              filter={filter}
              value={text}
              onChange={(t) => set({ [filter.id]: fromText(t), page: null })}
            />
          )
        }
        if (filter.type === 'text') {
          return (
            <TypingInput
              key={filter.id}
              value={text}
              label={filter.label}
              placeholder={filter.label}
              className="w-full sm:w-40"
              onChange={(t) => setTyped(filter.id, t, fromText(t))}
            />
          )
        }
        return (
          <DateFilter
            key={filter.id}
            label={filter.label}
            value={text}
            onChange={(t) => set({ [filter.id]: fromText(t), page: null })}
          />
        )
      })}
      {active && (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => set({ q: null, page: null, ...Object.fromEntries(filters.map((f) => [f.id, null])) })}
        >
          Reset
          <X aria-hidden />
        </Button>
      )}
      {children && <div className="ml-auto flex items-center gap-2">{children}</div>}
    </div>
  )
}

function toText(value: unknown, parser: Parser): string {
  if (value == null) return ''
  return String((parser.serialize as (v: unknown) => unknown)(value))
}

function isSet(value: unknown, parser: Parser | undefined): boolean {
  if (value == null || !parser) return false
  const fallback = parser.defaultValue
  return fallback === undefined || !(parser.eq as (a: unknown, b: unknown) => boolean)(value, fallback)
}

/** A text input that answers keystrokes locally and reports trimmed text for the URL. */
function TypingInput({
  value,
  label,
  placeholder,
  icon,
  className,
  onChange,
}: {
  value: string
  label: string
  placeholder: string
  icon?: boolean
  className?: string
  onChange: (value: string) => void
}) {
  // Local text so typing never waits on the URL; it follows the URL when that changes
  // elsewhere (Back button, Reset).
  const [text, setText] = useState(value)
  const [seen, setSeen] = useState(value)
  if (value !== seen) {
    setSeen(value)
    setText(value)
  }

  return (
    <div className={cn('relative', className)}>
      {icon && (
        <Search
          aria-hidden
          className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground"
        />
      )}
      <Input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          onChange(e.target.value.trim())
        }}
        className={cn('h-8', icon && 'pl-8')}
      />
    </div>
  )
}

function SelectFilter({
  filter,
  value,
  onChange,
}: {
  filter: Extract<DataTableFilter, { options: unknown }>
  value: string
  onChange: (value: string) => void
}) {
  return (
    <Select value={value || ALL} onValueChange={(v) => onChange(v === ALL ? '' : v)}>
      <SelectTrigger size="sm" aria-label={filter.label} className="gap-1.5">
        <span aria-hidden className="text-muted-foreground">
          {filter.label}:
        </span>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={ALL}>All</SelectItem>
        {filter.options.map((option) => (
          <SelectItem key={option.value} value={option.value}>
            {option.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  )
}

function DateFilter({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId()
  return (
    <div className="flex items-center gap-2">
      <Label htmlFor={id} className="font-normal text-muted-foreground">
        {label}
      </Label>
      <Input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} className="h-8 w-auto" />
    </div>
  )
}

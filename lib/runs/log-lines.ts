import Anser from 'anser'

/** A run of a log line drawn one way: colours are anser's "r, g, b" strings, `match` marks search hits. */
export interface LogSegment {
  text: string
  fg: string | null
  bg: string | null
  bold: boolean
  dim: boolean
  italic: boolean
  underline: boolean
  strikethrough: boolean
  match: boolean
}

const CARRIAGE_RETURN = 13

/**
 * The lines of a growing log, kept as the chunks it arrived in plus where each line starts. Lines are
 * cut out only when asked for. Holding the chunks, not one string, is what keeps an append cheap: V8
 * flattens a concatenated string on its first character read, which costs the whole log each time.
 */
export class LineIndex {
  private chunks: string[] = []
  private chunkStarts: number[] = []
  private length = 0
  // starts[k] is where line k begins; breaks counts the newlines seen, so lines 0..breaks-1 are complete.
  private starts = new Uint32Array(1024)
  private breaks = 0
  private restarts = 0

  /** How often the index started afresh on another log; what a view derived from earlier lines is stale. */
  get generation(): number {
    return this.restarts
  }

  /** Lines so far; the open last line counts once it holds a character. */
  get count(): number {
    return this.breaks + (this.length > this.starts[this.breaks] ? 1 : 0)
  }

  /** Line i as received, without its newline. */
  line(i: number): string {
    if (!Number.isInteger(i) || i < 0 || i >= this.count) throw new RangeError(`no line ${i} of ${this.count}`)
    const end = i < this.breaks ? this.starts[i + 1] - 1 : this.length
    let at = this.starts[i]
    let line = ''
    for (let k = this.chunkAt(at); at < end; k++) {
      const base = this.chunkStarts[k]
      const stop = Math.min(end, base + this.chunks[k].length)
      line += this.chunks[k].slice(at - base, stop - base)
      at = stop
    }
    return line
  }

  /** Adds a chunk at the end; the work is proportional to the chunk, not to the log. */
  append(chunk: string): void {
    for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) {
      this.recordBreak(this.length + at + 1)
    }
    this.chunks.push(chunk)
    this.chunkStarts.push(this.length)
    this.length += chunk.length
  }

  /**
   * Brings the index to `chunks`: a list that extends the one indexed costs only its new chunks (and a
   * comparison of the old ones, by reference when they are the same strings); any other list, such as
   * another host's output, is indexed afresh.
   */
  sync(chunks: readonly string[]): void {
    if (!this.extendedBy(chunks)) {
      this.chunks = []
      this.chunkStarts = []
      this.length = 0
      this.breaks = 0
      this.restarts++
    }
    for (let k = this.chunks.length; k < chunks.length; k++) this.append(chunks[k])
  }

  private extendedBy(chunks: readonly string[]): boolean {
    if (chunks.length < this.chunks.length) return false
    for (let k = 0; k < this.chunks.length; k++) if (chunks[k] !== this.chunks[k]) return false
    return true
  }

  // The last chunk starting at or before `offset`: the one holding it, since empty chunks come before it.
  private chunkAt(offset: number): number {
    let low = 0
    let high = this.chunkStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (this.chunkStarts[mid] <= offset) low = mid
      else high = mid - 1
    }
    return low
  }

  private recordBreak(start: number) {
    if (this.breaks + 1 === this.starts.length) {
      const grown = new Uint32Array(this.starts.length * 2)
      grown.set(this.starts)
      this.starts = grown
    }
    this.starts[++this.breaks] = start
  }
}

// ECMA-48 escapes: a CSI sequence; a string command (OSC, DCS, SOS, PM, APC) up to BEL, ST or the end
// of the line; or a short escape (charset selection, cursor save, keypad mode). A lone ESC matches too.
const ESCAPE =
  /\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|[\x20-\x2f]*[\x30-\x7e])?/g
const SGR = /\x1b\[[\d;]*m/g
const IS_SGR = /^\x1b\[[\d;]*m$/
// C0 and C1 controls other than tab (and ESC, which ESCAPE has dealt with) would show as boxes.
const CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]/g

/**
 * What a terminal shows of a raw line, still carrying its colour codes: after a carriage return the
 * text before it is overwritten (a progress bar shows its last state), though colours it set stay on;
 * every escape other than a plain colour code, and every control character but tab, is dropped.
 */
function terminalLine(raw: string): string {
  let end = raw.length
  while (end > 0 && raw.charCodeAt(end - 1) === CARRIAGE_RETURN) end--
  const line = end === raw.length ? raw : raw.slice(0, end)
  const cr = line.lastIndexOf('\r')
  const shown = cr === -1 ? line : (line.slice(0, cr).match(SGR) ?? []).join('') + line.slice(cr + 1)
  return shown.replace(ESCAPE, (sequence) => (IS_SGR.test(sequence) ? sequence : '')).replace(CONTROL, '')
}

/** The characters a line shows, without any styling. */
export function visibleText(raw: string): string {
  return terminalLine(raw).replace(SGR, '')
}

/**
 * A raw line as styled segments, parsed by anser as data, never as HTML. Each line starts with the
 * default style: a colour left open at the end of a line does not carry into the next, as in many log
 * viewers, so any line renders on its own and a virtualised view need not read the lines above it.
 */
export function lineSegments(raw: string): LogSegment[] {
  return Anser.ansiToJson(terminalLine(raw), { json: true, remove_empty: true }).map((entry) => ({
    text: entry.content,
    // anser types these as strings but leaves them null when unset.
    fg: entry.fg ?? null,
    bg: entry.bg ?? null,
    bold: entry.decorations.includes('bold'),
    dim: entry.decorations.includes('dim'),
    italic: entry.decorations.includes('italic'),
    underline: entry.decorations.includes('underline'),
    strikethrough: entry.decorations.includes('strikethrough'),
    match: false,
  }))
}

function searchPattern(search: string, flags: string): RegExp {
  return new RegExp(search.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'), flags)
}

/** Splits segments where `search` occurs, case-insensitively, in the line's text, marking the hits. */
export function highlightMatches(segments: LogSegment[], search: string): LogSegment[] {
  if (!search) return segments
  const text = segments.map((s) => s.text).join('')
  // Matched on the whole line, so a hit may span segments; the 'u' flag keeps indexes in code units.
  const hits = Array.from(text.matchAll(searchPattern(search, 'giu')), (m) => [m.index, m.index + m[0].length])
  if (hits.length === 0) return segments
  const split: LogSegment[] = []
  let offset = 0
  let next = 0
  for (const segment of segments) {
    const end = offset + segment.text.length
    let at = offset
    while (at < end) {
      while (next < hits.length && hits[next][1] <= at) next++
      const hit = hits[next]
      const match = hit !== undefined && hit[0] <= at
      const stop = match ? Math.min(hit[1], end) : Math.min(hit?.[0] ?? end, end)
      split.push({ ...segment, text: segment.text.slice(at - offset, stop - offset), match })
      at = stop
    }
    offset = end
  }
  return split
}

/**
 * The first line from `from` towards `to` (which it stops short of; lower than `from` searches
 * backwards) whose visible text contains `search`, case-insensitively; -1 when none does.
 */
export function findMatchingLine(index: LineIndex, search: string, from: number, to: number): number {
  if (!search) return -1
  const pattern = searchPattern(search, 'iu')
  const step = to < from ? -1 : 1
  for (let i = from; i !== to; i += step) if (pattern.test(visibleText(index.line(i)))) return i
  return -1
}

/** The matching line after `current` (or before it), wrapping round the log; -1 when no line matches. */
export function nextMatchingLine(index: LineIndex, search: string, current: number | null, direction: 1 | -1): number {
  const count = index.count
  if (direction === 1) {
    const from = current === null ? 0 : Math.min(current + 1, count)
    const found = findMatchingLine(index, search, from, count)
    return found !== -1 ? found : findMatchingLine(index, search, 0, Math.min(from, count))
  }
  const from = (current === null ? count : Math.min(current, count)) - 1
  const found = findMatchingLine(index, search, from, -1)
  return found !== -1 ? found : findMatchingLine(index, search, count - 1, Math.max(from, -1))
}

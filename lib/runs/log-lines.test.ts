import { describe, expect, it } from 'vitest'
import {
  findMatchingLine,
  highlightMatches,
  LineIndex,
  lineSegments,
  nextMatchingLine,
  visibleText,
  type LogSegment,
} from './log-lines'

const ESC = '\x1b'

function linesOf(index: LineIndex): string[] {
  return Array.from({ length: index.count }, (_, i) => index.line(i))
}

function indexed(...chunks: string[]): LineIndex {
  const index = new LineIndex()
  for (const chunk of chunks) index.append(chunk)
  return index
}

const joined = (segments: LogSegment[]) => segments.map((s) => s.text).join('')

const plain = { fg: null, bg: null, bold: false, dim: false, italic: false, underline: false, strikethrough: false }

describe('LineIndex', () => {
  const log = 'first line\r\nsecond\n\nprogress 10%\rprogress 100%\r\nlast, still open'

  it('counts complete lines and the open last line, but not an empty one', () => {
    expect(linesOf(indexed(''))).toEqual([])
    expect(linesOf(indexed('\n'))).toEqual([''])
    expect(linesOf(indexed('a\nb'))).toEqual(['a', 'b'])
    expect(linesOf(indexed('a\nb\n'))).toEqual(['a', 'b'])
  })

  it('gives the same lines whatever the chunk boundaries, a CRLF split included', () => {
    const whole = linesOf(indexed(log))
    expect(whole).toEqual(['first line\r', 'second', '', 'progress 10%\rprogress 100%\r', 'last, still open'])
    for (let size = 1; size <= 7; size++) {
      const chunks = log.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? []
      expect(linesOf(indexed(...chunks))).toEqual(whole)
    }
    const crlf = log.indexOf('\r\n') + 1
    expect(linesOf(indexed(log.slice(0, crlf), log.slice(crlf)))).toEqual(whole)
  })

  it('shows the open line as it grows', () => {
    const index = indexed('done\nwork')
    expect(index.line(1)).toBe('work')
    index.append('ing')
    expect(index.line(1)).toBe('working')
    index.append('\n')
    expect(index.count).toBe(2)
  })

  it('follows a chunk list that grows and starts over on one that does not extend it', () => {
    const index = new LineIndex()
    const chunks: string[] = []
    for (const chunk of ['one\ntw', 'o\nthr', '', 'ee\n', 'four']) {
      chunks.push(chunk)
      index.sync([...chunks])
      expect(linesOf(index)).toEqual(linesOf(indexed(chunks.join(''))))
    }
    expect(index.generation).toBe(0)
    index.sync(['one\ntw', 'O\nTHR', '', 'ee\n', 'four', '!'])
    expect(linesOf(index)).toEqual(['one', 'twO', 'THRee', 'four!'])
    expect(index.generation).toBe(1)
    index.sync(['short'])
    expect(linesOf(index)).toEqual(['short'])
    index.sync([])
    expect(index.count).toBe(0)
  })

  it('joins a line that arrived in many chunks', () => {
    const chunks = Array.from({ length: 1000 }, (_, i) => `\r${i / 10}%`)
    const index = indexed('start\n', ...chunks, ' done\nnext')
    expect(index.line(1)).toBe(`${chunks.join('')} done`)
    expect(visibleText(index.line(1))).toBe('99.9% done')
    expect(index.line(2)).toBe('next')
  })

  it('refuses lines it does not have', () => {
    expect(() => indexed('a\nb').line(2)).toThrow(RangeError)
    expect(() => indexed('a').line(-1)).toThrow(RangeError)
  })

  // A quadratic index would scan ~10^12 characters here and never finish within the test timeout.
  it('indexes 10 MiB appended line by line (200k lines) with work proportional to each append', () => {
    const line = `${'x'.repeat(52)}\n`
    const index = new LineIndex()
    for (let i = 0; i < 200_000; i++) index.append(line)
    expect(index.count).toBe(200_000)
    expect(index.line(199_999)).toBe('x'.repeat(52))
  })

  it('indexes 10 MiB in one chunk, then only what is appended to it', () => {
    const text = `${'y'.repeat(52)}\n`.repeat(200_000)
    const index = new LineIndex()
    index.sync([text])
    expect(index.count).toBe(200_000)
    // Rescanning the big chunk on each sync would read 100 GB here.
    const chunks = [text]
    for (let i = 0; i < 10_000; i++) {
      chunks.push(`${i}`)
      index.sync(chunks)
    }
    expect(index.count).toBe(200_001)
    expect(index.line(200_000)).toBe(Array.from({ length: 10_000 }, (_, k) => k).join(''))
  })
})

describe('visibleText', () => {
  it('shows what follows the last carriage return, ignoring CRLF endings', () => {
    expect(visibleText('progress 10%\rprogress 55%\rprogress 100%')).toBe('progress 100%')
    expect(visibleText('windows line\r')).toBe('windows line')
    expect(visibleText('done\r\r')).toBe('done')
    expect(visibleText('old\r\rnew\r')).toBe('new')
  })

  it('strips cursor moves, titles, charset switches and control characters', () => {
    expect(visibleText(`${ESC}[2K${ESC}[1Gclean${ESC}[?25l`)).toBe('clean')
    expect(visibleText(`${ESC}]0;window title\x07after`)).toBe('after')
    expect(visibleText(`${ESC}]8;;https://example.com${ESC}\\link${ESC}]8;;${ESC}\\`)).toBe('link')
    expect(visibleText(`${ESC}(Bascii${ESC}7${ESC}8 ok`)).toBe('ascii ok')
    expect(visibleText(`bell\x07 back\b nul\x00 tab\tend${ESC}`)).toBe('bell back nul tab\tend')
    expect(visibleText(`${ESC}]0;title never ended`)).toBe('')
  })
})

describe('lineSegments', () => {
  it('turns colour codes into coloured segments with no escape bytes left', () => {
    const segments = lineSegments(`${ESC}[31merror:${ESC}[0m plain ${ESC}[1;42mbold on green${ESC}[m`)
    expect(segments).toEqual([
      { ...plain, text: 'error:', fg: '187, 0, 0', match: false },
      { ...plain, text: ' plain ', match: false },
      { ...plain, text: 'bold on green', bg: '0, 187, 0', bold: true, match: false },
    ])
    expect(segments.some((s) => s.text.includes(ESC))).toBe(false)
  })

  it('reads 256-colour and true-colour codes and each decoration on its own', () => {
    const [palette, truecolor, styled] = lineSegments(
      `${ESC}[38;5;196mA${ESC}[0;48;2;1;2;3mB${ESC}[0;2;3;4;9mC${ESC}[1mD`,
    )
    expect(palette).toMatchObject({ text: 'A', fg: '255, 0, 0' })
    expect(truecolor).toMatchObject({ text: 'B', fg: null, bg: '1, 2, 3' })
    expect(styled).toMatchObject({
      text: 'C',
      dim: true,
      italic: true,
      underline: true,
      strikethrough: true,
      bold: false,
    })
  })

  it('keeps colours set before a carriage return on the text after it', () => {
    expect(lineSegments(`${ESC}[32m 10%\r 100%`)).toEqual([{ ...plain, text: ' 100%', fg: '0, 187, 0', match: false }])
  })

  it('starts every line in the default style', () => {
    const index = indexed(`${ESC}[31mred and never reset\nnext line`)
    expect(lineSegments(index.line(1))).toEqual([{ ...plain, text: 'next line', match: false }])
  })

  it('keeps markup as literal text', () => {
    const line = `${ESC}[33m<script>alert(1)</script>${ESC}[0m <img src=x onerror=alert(1)> &amp;`
    const segments = lineSegments(line)
    expect(joined(segments)).toBe('<script>alert(1)</script> <img src=x onerror=alert(1)> &amp;')
    expect(segments[0]).toMatchObject({ text: '<script>alert(1)</script>', fg: '187, 187, 0' })
  })

  it('drops non-colour escapes instead of showing their parameters', () => {
    const segments = lineSegments(`${ESC}[2J${ESC}[H${ESC}[38:2::255:0:0mcolon form${ESC}[0m${ESC}]2;title\x07!`)
    expect(joined(segments)).toBe('colon form!')
  })

  it('agrees with visibleText', () => {
    const line = `a${ESC}[1mb${ESC}[Kc\rd${ESC}[31me${ESC}]0;t\x07f${ESC}[0m`
    expect(joined(lineSegments(line))).toBe(visibleText(line))
  })
})

describe('highlightMatches', () => {
  const texts = (segments: LogSegment[]) => segments.map((s) => [s.text, s.match])

  it('marks case-insensitive matches and keeps the rest as it was', () => {
    const segments = highlightMatches(lineSegments(`${ESC}[31mError${ESC}[0m: second ERROR here`), 'error')
    expect(texts(segments)).toEqual([
      ['Error', true],
      [': second ', false],
      ['ERROR', true],
      [' here', false],
    ])
    expect(segments[0].fg).toBe('187, 0, 0')
  })

  it('marks a match that spans a colour change in both segments', () => {
    const segments = highlightMatches(lineSegments(`war${ESC}[33mning${ESC}[0m!`), 'rnin')
    expect(texts(segments)).toEqual([
      ['wa', false],
      ['r', true],
      ['nin', true],
      ['g', false],
      ['!', false],
    ])
  })

  it('treats the search as text, not as a pattern', () => {
    expect(texts(highlightMatches(lineSegments('a.b axb (c)'), '.'))).toEqual([
      ['a', false],
      ['.', true],
      ['b axb (c)', false],
    ])
    expect(texts(highlightMatches(lineSegments('f(x) = [y]'), '(x) = [y'))).toEqual([
      ['f', false],
      ['(x) = [y', true],
      [']', false],
    ])
  })

  it('leaves lines without a match, and an empty search, alone', () => {
    const segments = lineSegments('nothing to see')
    expect(highlightMatches(segments, 'absent')).toBe(segments)
    expect(highlightMatches(segments, '')).toBe(segments)
    expect(highlightMatches([], 'x')).toEqual([])
  })
})

describe('findMatchingLine and nextMatchingLine', () => {
  const index = indexed(`start\nfirst ${ESC}[31mHIT${ESC}[0m\nmiss\nsecond hit\nend`)

  it('finds the first matching line in a range, either way', () => {
    expect(findMatchingLine(index, 'hit', 0, 5)).toBe(1)
    expect(findMatchingLine(index, 'hit', 2, 5)).toBe(3)
    expect(findMatchingLine(index, 'hit', 4, -1)).toBe(3)
    expect(findMatchingLine(index, 'hit', 2, 0)).toBe(1)
    expect(findMatchingLine(index, 'hit', 2, 1)).toBe(-1)
    expect(findMatchingLine(index, 'hit', 5, 5)).toBe(-1)
  })

  it('steps to the next and previous match, wrapping round', () => {
    expect(nextMatchingLine(index, 'hit', null, 1)).toBe(1)
    expect(nextMatchingLine(index, 'hit', 1, 1)).toBe(3)
    expect(nextMatchingLine(index, 'hit', 3, 1)).toBe(1)
    expect(nextMatchingLine(index, 'hit', null, -1)).toBe(3)
    expect(nextMatchingLine(index, 'hit', 3, -1)).toBe(1)
    expect(nextMatchingLine(index, 'hit', 1, -1)).toBe(3)
    expect(nextMatchingLine(index, 'second', 3, 1)).toBe(3)
    expect(nextMatchingLine(index, 'second', 3, -1)).toBe(3)
  })

  it('matches what is shown, not the escape codes', () => {
    expect(nextMatchingLine(index, '31m', null, 1)).toBe(-1)
    expect(nextMatchingLine(index, 'first hit', null, 1)).toBe(1)
  })

  it('returns -1 when nothing matches or there is nothing to search', () => {
    expect(nextMatchingLine(index, 'absent', 2, 1)).toBe(-1)
    expect(nextMatchingLine(index, 'absent', 2, -1)).toBe(-1)
    expect(nextMatchingLine(index, '', null, 1)).toBe(-1)
    expect(nextMatchingLine(new LineIndex(), 'x', null, 1)).toBe(-1)
    expect(nextMatchingLine(new LineIndex(), 'x', null, -1)).toBe(-1)
  })
})

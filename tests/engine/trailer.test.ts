import { describe, expect, it } from 'vitest'
import { TrailerSplitter } from '@/lib/engine/trailer'

const MARKER = 'fanout-outputs-0123456789abcdef'

function split(text: string, size: number) {
  const splitter = new TrailerSplitter(MARKER)
  const own: Buffer[] = []
  const bytes = Buffer.from(text)
  for (let i = 0; i < bytes.length; i += size) own.push(splitter.push(bytes.subarray(i, i + size)))
  own.push(splitter.end())
  return { stdout: Buffer.concat(own).toString(), trailer: splitter.trailer }
}

describe('splitting output parameters off the end of stdout', () => {
  it('cuts at the marker line whatever the chunking, even after a line without a newline', () => {
    for (const size of [1, 2, 7, 31, 32, 33, 1000]) {
      expect(split(`line 1\npartial${MARKER}\nA=1\nB=two\n`, size)).toEqual({
        stdout: 'line 1\npartial',
        trailer: 'A=1\nB=two\n',
      })
    }
  })

  it('holds nothing back that cannot begin the marker: a live line shows at once', () => {
    const splitter = new TrailerSplitter(MARKER)
    expect(splitter.push(Buffer.from('started on web-1\n')).toString()).toBe('started on web-1\n')
    expect(splitter.push(Buffer.from('step 2 fan')).toString()).toBe('step 2 ')
    expect(splitter.push(Buffer.from('cy\n')).toString()).toBe('fancy\n')
  })

  it('passes everything through when no marker comes, including a lookalike', () => {
    const text = `fanout-outputs-0123\n${MARKER.slice(0, -1)}\nend`
    for (const size of [1, 5, 64]) expect(split(text, size)).toEqual({ stdout: text, trailer: '' })
  })
})

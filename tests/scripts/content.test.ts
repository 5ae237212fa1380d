import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { contentBytes, contentSha256, MAX_CONTENT_BYTES, normaliseContent } from '@/lib/scripts/content'
import { createScriptSchema } from '@/lib/scripts/schema'

const base = { tenant: 't', name: 'Deploy', language: 'bash' }

describe('normaliseContent', () => {
  it('turns CRLF into LF and keeps everything else as typed', () => {
    expect(normaliseContent('echo a\r\necho b\r\n')).toBe('echo a\necho b\n')
    expect(normaliseContent('  indented\ttabs  \n\n\ntrailing   ')).toBe('  indented\ttabs  \n\n\ntrailing   ')
    expect(normaliseContent('no final newline')).toBe('no final newline')
  })

  it('keeps a lone CR, which may be meant', () => {
    expect(normaliseContent('printf "50%\\r"\r\n')).toBe('printf "50%\\r"\n')
    expect(normaliseContent('a\rb')).toBe('a\rb')
  })

  it('removes a leading UTF-8 BOM only', () => {
    expect(normaliseContent('\uFEFF#!/bin/sh\r\n')).toBe('#!/bin/sh\n')
    expect(normaliseContent('echo "\uFEFF"')).toBe('echo "\uFEFF"')
  })

  it('is idempotent', () => {
    const once = normaliseContent('\uFEFFa\r\n\r\nb\r')
    expect(normaliseContent(once)).toBe(once)
  })
})

describe('contentSha256', () => {
  it('is the hex sha256 of the UTF-8 bytes', () => {
    expect(contentSha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(contentSha256('echo héllo ✓\n')).toBe(
      createHash('sha256').update(Buffer.from('echo héllo ✓\n', 'utf8')).digest('hex'),
    )
  })

  it('gives a CRLF and an LF copy of a script one hash once normalised', () => {
    expect(contentSha256(normaliseContent('\uFEFFecho a\r\n'))).toBe(contentSha256('echo a\n'))
    expect(contentSha256('echo a\n')).not.toBe(contentSha256('echo a'))
  })
})

describe('the content field of the script schema', () => {
  it('stores normalised text', () => {
    const parsed = createScriptSchema.parse({ ...base, content: '\uFEFFecho a\r\n' })
    expect(parsed.content).toBe('echo a\n')
  })

  it('refuses an empty script and one over the size limit, counted in UTF-8 bytes', () => {
    expect(createScriptSchema.safeParse({ ...base, content: ' \r\n\t' }).success).toBe(false)
    const big = 'é'.repeat(MAX_CONTENT_BYTES / 2 + 1)
    expect(big.length).toBeLessThan(MAX_CONTENT_BYTES)
    expect(contentBytes(big)).toBeGreaterThan(MAX_CONTENT_BYTES)
    const result = createScriptSchema.safeParse({ ...base, content: big })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0].message).toMatch(/limited to 256 KiB/)
  })
})

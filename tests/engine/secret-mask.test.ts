import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { maskText, SecretMasker, secretPatterns } from '@/lib/engine/secret-mask'

/** Feeds `text` to a masker in chunks of `size` bytes and returns what it let out. */
function feed(text: Buffer, size: number, values: string[], encoding = 'utf-8') {
  const masker = new SecretMasker(secretPatterns(values, encoding))
  const out: Buffer[] = []
  for (let i = 0; i < text.length; i += size) out.push(masker.mask(text.subarray(i, i + size)))
  out.push(masker.end())
  return Buffer.concat(out)
}

describe('masking secret values in output', () => {
  const secret = 'hunter2-pass'
  const text = Buffer.from(`login ${secret} ok\n${secret}${secret}\nend ${secret}`)
  const expected = 'login ****** ok\n************\nend ******'

  it('masks every occurrence whatever the chunk boundaries, down to one byte at a time', () => {
    for (const size of [1, 2, 3, 5, 7, 11, 12, 13, 64, 4096])
      expect(feed(text, size, [secret]).toString()).toBe(expected)
  })

  it('prefers the longest of two secrets starting at the same byte, and leaves short values alone', () => {
    const out = feed(Buffer.from('a=abcdef b=abcd c=ab'), 3, ['abcd', 'abcdef', 'ab'])
    expect(out.toString()).toBe('a=****** b=****** c=ab')
  })

  it('masks the form a GBK host prints, as well as UTF-8', () => {
    const value = '密码很长的'
    const gbk = Buffer.concat([Buffer.from('pw='), iconv.encode(value, 'gbk'), Buffer.from('\n')])
    expect(iconv.decode(feed(gbk, 2, [value], 'gbk'), 'gbk')).toBe('pw=******\n')
  })

  it('holds back only what could begin a secret, so live output is not delayed', () => {
    const masker = new SecretMasker(secretPatterns([secret], 'utf-8'))
    expect(masker.mask(Buffer.from('progress 10%\n')).toString()).toBe('progress 10%\n')
    expect(masker.mask(Buffer.from('pw: hunt')).toString()).toBe('pw: ')
    expect(masker.mask(Buffer.from('er2-pass!')).toString()).toBe('******!')
  })

  it('lets output without secrets through unchanged and holds nothing back', () => {
    const masker = new SecretMasker(secretPatterns([], 'utf-8'))
    const chunk = Buffer.from('plain')
    expect(masker.mask(chunk)).toBe(chunk)
    expect(masker.end().length).toBe(0)
  })

  it('masks output parameters', () => {
    expect(maskText(`TOKEN=${secret}\nOTHER=x`, [secret])).toBe('TOKEN=******\nOTHER=x')
  })
})

import { describe, expect, it } from 'vitest'
import { contentSha256 } from '@/lib/scripts/content'
import type { StoredParameter } from '@/lib/scripts/parameters'
import { needsNewVersion } from '@/lib/scripts/versioning'

const param = (over: Partial<StoredParameter> = {}): StoredParameter => ({
  name: 'PORT',
  type: 'number',
  description: 'Port to listen on',
  required: true,
  default: '8080',
  options: [],
  ...over,
})

const state = (content: string, parameters: StoredParameter[] = [param()]) => ({
  sha256: contentSha256(content),
  parameters,
})

describe('needsNewVersion', () => {
  it('is false when content and parameters are the same', () => {
    expect(needsNewVersion(state('echo a\n'), state('echo a\n'))).toBe(false)
  })

  it('is true when the content changed, even by one byte', () => {
    expect(needsNewVersion(state('echo a\n'), state('echo a'))).toBe(true)
  })

  it('is true when any part of a parameter declaration changed', () => {
    const before = state('x')
    for (const change of [
      { name: 'PORT2' },
      { type: 'string' as const },
      { description: 'other' },
      { required: false },
      { default: '80' },
      { default: null },
    ]) {
      expect(needsNewVersion(before, state('x', [param(change)])), JSON.stringify(change)).toBe(true)
    }
    expect(needsNewVersion(before, state('x', []))).toBe(true)
    expect(needsNewVersion(before, state('x', [param(), param({ name: 'HOST', type: 'string' })]))).toBe(true)
  })

  it('counts the order of parameters (they are positional arguments)', () => {
    const a = param({ name: 'A' })
    const b = param({ name: 'B' })
    expect(needsNewVersion(state('x', [a, b]), state('x', [b, a]))).toBe(true)
  })

  it('does not depend on the key order of the stored JSON', () => {
    const shuffled = JSON.parse(
      '{"options":[],"default":"8080","required":true,"description":"Port to listen on","type":"number","name":"PORT"}',
    )
    expect(needsNewVersion(state('x'), state('x', [shuffled]))).toBe(false)
  })

  it('treats a re-entered secret as a change (new envelope), a kept one as none', () => {
    const secret = param({ name: 'TOKEN', type: 'secret', default: 'v1:key:nonce1:body1' })
    expect(needsNewVersion(state('x', [secret]), state('x', [{ ...secret }]))).toBe(false)
    expect(needsNewVersion(state('x', [secret]), state('x', [{ ...secret, default: 'v1:key:nonce2:body2' }]))).toBe(
      true,
    )
  })
})

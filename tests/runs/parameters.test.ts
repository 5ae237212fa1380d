import { describe, expect, it } from 'vitest'
import { decryptSecret, encryptSecret } from '@/lib/crypto/envelope'
import type { StoredParameter } from '@/lib/scripts/parameters'
import { bindParameters } from '@/lib/runs/parameters'

const declared = (p: Partial<StoredParameter> & { name: string }): StoredParameter => ({
  type: 'string',
  description: '',
  required: false,
  default: null,
  options: [],
  ...p,
})

describe('binding parameter values for a run', () => {
  it('keeps declaration order, takes defaults for empty values and keeps text byte for byte', () => {
    const result = bindParameters(
      [
        declared({ name: 'MSG' }),
        declared({ name: 'COUNT', type: 'number', default: '3' }),
        declared({ name: 'MODE', type: 'choice', options: ['fast', 'safe'], default: 'safe' }),
      ],
      { MSG: '  it\'s $HOME "x"  ', MODE: '' },
    )
    expect(result).toEqual({
      ok: true,
      values: [
        { name: 'MSG', value: '  it\'s $HOME "x"  ', secret: false },
        { name: 'COUNT', value: '3', secret: false },
        { name: 'MODE', value: 'safe', secret: false },
      ],
    })
  })

  it('names every wrong value: required, number, choice, unknown name', () => {
    const result = bindParameters(
      [
        declared({ name: 'HOST', required: true }),
        declared({ name: 'PORT', type: 'number' }),
        declared({ name: 'MODE', type: 'choice', options: ['a', 'b'] }),
      ],
      { PORT: '80x', MODE: 'c', EXTRA: '1' },
    )
    expect(result).toEqual({
      ok: false,
      errors: {
        HOST: 'Required.',
        PORT: 'Enter a number, e.g. 10 or 2.5.',
        MODE: 'Choose one of: a, b.',
        EXTRA: 'This script has no parameter EXTRA.',
      },
    })
  })

  it('encrypts a secret entered now and reuses the stored envelope when left empty', () => {
    const stored = encryptSecret('stored-pass')
    const result = bindParameters(
      [declared({ name: 'NEW', type: 'secret' }), declared({ name: 'OLD', type: 'secret', default: stored })],
      { NEW: 'typed-now' },
    )
    if (!result.ok) throw new Error('expected values')
    const [fresh, kept] = result.values
    expect(fresh.secret).toBe(true)
    expect(fresh.value).not.toContain('typed-now')
    expect(decryptSecret(fresh.value)).toBe('typed-now')
    expect(kept).toEqual({ name: 'OLD', value: stored, secret: true })
  })

  it('refuses a required secret with no value and no stored default', () => {
    expect(bindParameters([declared({ name: 'TOKEN', type: 'secret', required: true })], {})).toEqual({
      ok: false,
      errors: { TOKEN: 'Required.' },
    })
  })
})

import { describe, expect, it } from 'vitest'
import { isPrintable, nameField } from './printable'

describe('names', () => {
  it('take letters of any script, emoji and right-to-left text as typed', () => {
    // Among them: an emoji of two joined by U+200D, and a left-to-right mark.
    for (const name of [
      '日本語のサーバー',
      'שרת ראשי',
      'خادم',
      'deploy \u{1f469}\u200d\u{1f4bb} \u{1f680}',
      'Ünïcødé',
      'left\u200eright',
    ]) {
      expect(nameField().parse(`  ${name} `)).toBe(name)
    }
  })

  it('refuse control characters, line separators and bidirectional overrides', () => {
    for (const bad of [
      'a\u0000b',
      'a\u001b[31mb',
      'a\nb',
      'a\tb',
      'a\u007fb',
      'a\u0085b',
      'a\u2028b',
      'a\u202eb',
      'a\u2066b',
    ]) {
      expect(isPrintable(bad), JSON.stringify(bad)).toBe(false)
      expect(nameField().safeParse(bad).error?.issues[0].message).toMatch(/printable characters only/)
    }
  })

  it('say what is missing or too long', () => {
    expect(nameField(100, 'Name it.').safeParse(' ').error?.issues[0].message).toBe('Name it.')
    expect(nameField(10).safeParse('x'.repeat(11)).error?.issues[0].message).toBe('At most 10 characters.')
  })
})

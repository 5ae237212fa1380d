import { describe, expect, it } from 'vitest'
import { isPrintable, nameField, textField } from './printable'
import { targetSchema } from './targets/schema'
import { taskSchema } from './tasks/schema'

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

describe('descriptions', () => {
  it('keep line breaks and tabs', () => {
    expect(textField(100).parse('  First line\n\tindented\r\nlast  ')).toBe('First line\n\tindented\r\nlast')
  })

  it('refuse every other control character, line separators and bidirectional overrides', () => {
    for (const bad of ['a\u0000b', 'a\u001b[31mb', 'a\u007fb', 'a\u0085b', 'a\u2028b', 'a\u202eb']) {
      expect(textField(100).safeParse(bad).error?.issues[0].message, JSON.stringify(bad)).toMatch(
        /printable characters only/,
      )
    }
  })
})

describe('the fields of a target and a task a user types', () => {
  const target = {
    tenant: 't',
    host: 'db-1',
    port: 22,
    username: 'deploy',
    credentialType: 'platform_key',
    name: 'db-1',
  }

  it('refuse control characters in a resource pool, a region and a description', () => {
    for (const field of ['resourcePool', 'region', 'description']) {
      const parsed = targetSchema.safeParse({ ...target, [field]: 'east\u001b[8m' })
      expect(
        parsed.error?.issues.map((i) => [i.path.join('.'), i.message]),
        field,
      ).toEqual([[field, expect.stringMatching(/printable characters only/)]])
    }
    expect(taskSchema.safeParse({ description: 'ok\u0000' }).error?.issues).toContainEqual(
      expect.objectContaining({ path: ['description'], message: expect.stringMatching(/printable characters only/) }),
    )
  })
})

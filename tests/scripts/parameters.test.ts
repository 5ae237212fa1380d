import { describe, expect, it } from 'vitest'
import {
  type ParameterInputDraft,
  parameterListSchema,
  parseStoredParameters,
  serialiseParameters,
  type StoredParameter,
  toParameterViews,
  toStoredParameters,
} from '@/lib/scripts/parameters'
import { flattenWithPaths } from '@/lib/scripts/validation-errors'

const parse = (list: ParameterInputDraft[]) => parameterListSchema.safeParse(list)
const issues = (list: ParameterInputDraft[]) =>
  (parse(list).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`)
const fakeEncrypt = (plain: string) => `v1:test:${Buffer.from(plain).toString('base64url')}:sealed`

describe('parameter validation', () => {
  it('accepts each type with a matching default, and fills the optional fields', () => {
    const result = parse([
      { name: 'HOST', type: 'string', default: ' spaced value ' },
      { name: 'port', type: 'number', default: ' 8080 ', required: true },
      { name: '_ratio', type: 'number', default: '-0.5' },
      { name: 'MODE', type: 'choice', options: ['fast', 'safe'], default: 'safe' },
      { name: 'TOKEN', type: 'secret', default: 's3cret' },
      { name: 'EMPTY', type: 'number' },
    ])
    expect(result.success).toBe(true)
    expect(result.data?.[0]).toMatchObject({ default: ' spaced value ', required: false, description: '', options: [] })
    expect(result.data?.[1].default).toBe('8080')
    expect(result.data?.[3].options).toEqual(['fast', 'safe'])
  })

  it('requires shell-safe identifiers as names', () => {
    for (const name of ['1st', 'has space', 'dash-name', 'ünïcode', '$HOME', 'a;b', '']) {
      expect(parse([{ name, type: 'string' }]).success, name).toBe(false)
    }
    for (const name of ['a', '_', 'A_1', 'snake_case_9'])
      expect(parse([{ name, type: 'string' }]).success, name).toBe(true)
  })

  it('refuses duplicate names, ignoring case, on the later row', () => {
    expect(
      issues([
        { name: 'PORT', type: 'string' },
        { name: 'Port', type: 'number' },
      ]),
    ).toEqual(['1.name: Parameter 1 already has this name (names ignore case).'])
  })

  it('checks that defaults match their type', () => {
    for (const bad of ['ten', '1e3', '0x10', '1.', '--1', '1 2']) {
      expect(issues([{ name: 'N', type: 'number', default: bad }]), bad).toEqual([
        '0.default: The default must be a number, e.g. 10 or 2.5.',
      ])
    }
    expect(issues([{ name: 'C', type: 'choice', options: ['a', 'b'], default: 'c' }])).toEqual([
      '0.default: The default must be one of the options.',
    ])
    expect(issues([{ name: 'C', type: 'choice', options: [] }])).toEqual([
      '0.options: List the options to choose from.',
    ])
    expect(issues([{ name: 'C', type: 'choice', options: ['a', 'a'] }])).toEqual(['0.options: “a” is listed twice.'])
    expect(issues([{ name: 'S', type: 'string', default: 'a\u0000b' }])).toEqual([
      '0.default: The default cannot contain NUL.',
    ])
  })

  it('drops options from parameters that are not choices', () => {
    expect(parse([{ name: 'S', type: 'string', options: ['x'] }]).data?.[0].options).toEqual([])
  })

  it('reports row errors under dotted paths the form can place', async () => {
    // next-safe-action hands the shape function zod's formatted tree.
    const tree = {
      _errors: [],
      name: { _errors: ['Enter a name.'] },
      parameters: { 1: { default: { _errors: ['The default must be a number, e.g. 10 or 2.5.'] } } },
    }
    expect(await flattenWithPaths(tree)).toEqual({
      formErrors: [],
      fieldErrors: {
        name: ['Enter a name.'],
        'parameters.1.default': ['The default must be a number, e.g. 10 or 2.5.'],
      },
    })
  })
})

describe('storing parameters', () => {
  const input = (list: ParameterInputDraft[]) => parameterListSchema.parse(list)

  it('encrypts a secret default and stores other defaults as typed', () => {
    const stored = toStoredParameters(
      input([
        { name: 'TOKEN', type: 'secret', default: 'hunter2' },
        { name: 'HOST', type: 'string', default: 'db1' },
        { name: 'NONE', type: 'secret' },
      ]),
      [],
      fakeEncrypt,
    )
    expect(stored[0].default).toBe(fakeEncrypt('hunter2'))
    expect(stored[1].default).toBe('db1')
    expect(stored[2].default).toBeNull()
    expect(serialiseParameters(stored)).not.toContain('hunter2')
  })

  it('keeps the stored envelope of a secret, found by the name it had, even after a rename', () => {
    const previous: StoredParameter[] = [
      { name: 'TOKEN', type: 'secret', description: '', required: false, default: 'v1:k:n:old', options: [] },
      { name: 'PLAIN', type: 'string', description: '', required: false, default: 'visible', options: [] },
    ]
    const [renamed, stolen] = toStoredParameters(
      input([
        { name: 'API_TOKEN', type: 'secret', keepStoredDefault: true, originalName: 'TOKEN' },
        // "Keep" only reuses secrets: a plain default never becomes a secret's value by name.
        { name: 'OTHER', type: 'secret', keepStoredDefault: true, originalName: 'PLAIN' },
      ]),
      previous,
      fakeEncrypt,
    )
    expect(renamed.default).toBe('v1:k:n:old')
    expect(stolen.default).toBeNull()
  })

  it('never shows a secret value to a page, only that one is set', () => {
    const stored = toStoredParameters(
      input([
        { name: 'TOKEN', type: 'secret', default: 'hunter2' },
        { name: 'UNSET', type: 'secret' },
        { name: 'HOST', type: 'string', default: 'db1' },
      ]),
      [],
      fakeEncrypt,
    )
    const views = toParameterViews(stored)
    expect(views).toEqual([
      {
        name: 'TOKEN',
        type: 'secret',
        description: '',
        required: false,
        default: null,
        options: [],
        secretIsSet: true,
      },
      {
        name: 'UNSET',
        type: 'secret',
        description: '',
        required: false,
        default: null,
        options: [],
        secretIsSet: false,
      },
      {
        name: 'HOST',
        type: 'string',
        description: '',
        required: false,
        default: 'db1',
        options: [],
        secretIsSet: false,
      },
    ])
    expect(JSON.stringify(views)).not.toContain('sealed')
  })

  it('round-trips through the column text and refuses malformed text', () => {
    const stored = toStoredParameters(
      input([{ name: 'MODE', type: 'choice', options: ['a', 'b'], default: 'b' }]),
      [],
      fakeEncrypt,
    )
    expect(parseStoredParameters(serialiseParameters(stored))).toEqual(stored)
    expect(parseStoredParameters('[]')).toEqual([])
    expect(() => parseStoredParameters('[{"name":"x"}]')).toThrow()
  })
})

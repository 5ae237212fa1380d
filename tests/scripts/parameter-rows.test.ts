import { describe, expect, it } from 'vitest'
import { rowsFromViews, rowToInput, splitOptions } from '@/app/(portal)/[tenant]/scripts/parameter-rows'
import { parameterListSchema, type ParameterView } from '@/lib/scripts/parameters'

const view = (over: Partial<ParameterView>): ParameterView => ({
  name: 'P',
  type: 'string',
  description: '',
  required: false,
  default: null,
  options: [],
  secretIsSet: false,
  ...over,
})

describe('the parameter rows of the script form', () => {
  it('start a stored secret as "keep", and send no value for it', () => {
    const [row] = rowsFromViews([view({ name: 'TOKEN', type: 'secret', secretIsSet: true })])
    expect(row).toMatchObject({ keepStoredDefault: true, default: '', originalName: 'TOKEN' })
    expect(rowToInput({ ...row, name: 'API_TOKEN' })).toMatchObject({
      name: 'API_TOKEN',
      default: '',
      keepStoredDefault: true,
      originalName: 'TOKEN',
    })
  })

  it('send a replaced secret as a new value, and keep only applies to secrets', () => {
    const [row] = rowsFromViews([view({ name: 'TOKEN', type: 'secret', secretIsSet: true })])
    expect(rowToInput({ ...row, keepStoredDefault: false, default: 'new' })).toMatchObject({
      default: 'new',
      keepStoredDefault: false,
    })
    expect(rowToInput({ ...row, type: 'string', default: 'plain' })).toMatchObject({
      default: 'plain',
      keepStoredDefault: false,
    })
  })

  it('split choice options on commas and round-trip through the schema', () => {
    expect(splitOptions(' fast, safe ,, slow ')).toEqual(['fast', 'safe', 'slow'])
    const [row] = rowsFromViews([view({ name: 'MODE', type: 'choice', options: ['fast', 'safe'], default: 'safe' })])
    expect(row.optionsText).toBe('fast, safe')
    const parsed = parameterListSchema.parse([rowToInput(row)])
    expect(parsed[0]).toMatchObject({ name: 'MODE', type: 'choice', options: ['fast', 'safe'], default: 'safe' })
  })
})

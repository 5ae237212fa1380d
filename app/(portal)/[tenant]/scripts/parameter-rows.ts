import type { ParameterInputDraft, ParameterType, ParameterView } from '@/lib/scripts/parameters'

/** One parameter as the form edits it. Inputs carry no `name`: the rows travel as `parameters` in the action's extra. */
export interface ParameterRowState {
  /** React key; stable while rows are added and removed. */
  key: string
  name: string
  type: ParameterType
  description: string
  required: boolean
  default: string
  /** Choice options, comma-separated as typed. */
  optionsText: string
  /** A secret whose stored default stays unless the user replaces it. */
  keepStoredDefault: boolean
  /** The name the parameter had in the version being edited: how the server finds a kept secret. */
  originalName?: string
}

let counter = 0
const nextKey = () => `p${Date.now().toString(36)}${(counter++).toString(36)}`

export function newParameterRow(): ParameterRowState {
  return {
    key: nextKey(),
    name: '',
    type: 'string',
    description: '',
    required: false,
    default: '',
    optionsText: '',
    keepStoredDefault: false,
  }
}

export function rowsFromViews(views: readonly ParameterView[]): ParameterRowState[] {
  return views.map((p) => ({
    key: nextKey(),
    name: p.name,
    type: p.type,
    description: p.description,
    required: p.required,
    default: p.default ?? '',
    optionsText: p.options.join(', '),
    keepStoredDefault: p.type === 'secret' && p.secretIsSet,
    originalName: p.name,
  }))
}

export function splitOptions(text: string): string[] {
  return text
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '')
}

export function rowToInput(row: ParameterRowState): ParameterInputDraft {
  const keep = row.type === 'secret' && row.keepStoredDefault
  return {
    name: row.name,
    type: row.type,
    description: row.description,
    required: row.required,
    default: keep ? '' : row.default,
    options: row.type === 'choice' ? splitOptions(row.optionsText) : [],
    keepStoredDefault: keep,
    originalName: row.originalName,
  }
}

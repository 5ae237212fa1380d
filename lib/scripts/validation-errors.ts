// next-safe-action's "flattened" shape keeps one level of fields and drops nested ones; the
// script form needs each parameter row's errors, so this shape keys them by dotted path
// ("parameters.2.default"). Same { formErrors, fieldErrors } as the default, so
// components/forms/use-form-action reads it unchanged.

type Node = { _errors?: string[] } & { [key: string]: unknown }

export interface PathValidationErrors {
  formErrors: string[]
  fieldErrors: Record<string, string[]>
}

export async function flattenWithPaths(errors: unknown): Promise<PathValidationErrors> {
  const fieldErrors: Record<string, string[]> = {}
  const visit = (node: Node, path: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (key === '_errors') {
        if (path.length > 0 && Array.isArray(value) && value.length > 0) fieldErrors[path.join('.')] = value
      } else if (value && typeof value === 'object') {
        visit(value as Node, [...path, key])
      }
    }
  }
  const root = (errors ?? {}) as Node
  visit(root, [])
  return { formErrors: root._errors ?? [], fieldErrors }
}

/**
 * The inverse, for errors an action finds itself: { "steps.0.name": "…" } → the nested
 * `{ steps: { 0: { name: { _errors: ['…'] } } } }` tree returnValidationErrors takes.
 */
export function nestErrors(flat: Record<string, string>): Record<string, unknown> {
  const tree: Record<string, unknown> = {}
  for (const [path, message] of Object.entries(flat)) {
    let node = tree
    for (const key of path.split('.')) node = (node[key] ??= {}) as Record<string, unknown>
    node._errors = [message]
  }
  return tree
}

import type { z } from 'zod'

// Every /api/v1 error is JSON: `{ error }`, and for a wrong input also the field it is
// about (`field`, a dotted path such as "parameters.0.WHO") and every issue found.

export interface FieldIssue {
  field: string
  message: string
}

export function apiError(status: number, message: string, headers?: HeadersInit) {
  return Response.json({ error: message }, { status, headers })
}

export const notFound = () => apiError(404, 'Not found.')

/** 400 naming the first wrong field and listing all of them. */
export function invalid(issues: FieldIssue[]) {
  const [first] = issues
  return Response.json({ error: first.message, field: first.field, issues }, { status: 400 })
}

/** A zod error's issues, each named by its dotted path ("body" for the whole body). */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || 'body', message: issue.message }))
}

/** A JSON answer checked against the schema the OpenAPI document declares for it. */
export function reply<S extends z.ZodType>(schema: S, value: z.input<S>, status = 200) {
  return Response.json(schema.parse(value), { status })
}

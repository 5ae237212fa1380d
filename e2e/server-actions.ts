import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { APIRequestContext } from '@playwright/test'
import Database from 'better-sqlite3'

// Calls server actions the way a hostile client could: straight over HTTP with the
// action's id (from the build's manifest) and any input, bypassing the UI entirely.

type Manifest = { node: Record<string, { exportedName: string; filename: string }> }

function actionId(name: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(__dirname, '../.next/server/server-reference-manifest.json'), 'utf8'),
  ) as Manifest
  const found = Object.entries(manifest.node).find(([, a]) => a.exportedName === name)
  if (!found) throw new Error(`No server action named ${name} in the build`)
  return found[0]
}

export interface ActionResult {
  status: number
  location?: string
  body: string
  data?: unknown
  serverError?: string
  validationErrors?: unknown
}

/** POSTs input to the action named `name` from the page at `from` (a path the action is used on). */
export async function callAction(
  request: APIRequestContext,
  from: string,
  name: string,
  input: unknown,
): Promise<ActionResult> {
  const post = () =>
    request.post(from, {
      headers: {
        'Next-Action': actionId(name),
        Accept: 'text/x-component',
        'Content-Type': 'text/plain;charset=UTF-8',
      },
      data: JSON.stringify([input]),
      maxRedirects: 0,
    })
  // A kept-alive connection the server closed as idle just as this request went out is reset
  // before the server read anything: sending it again on a new connection is safe.
  const res = await post().catch((error: Error) =>
    error.message.includes('ECONNRESET') ? post() : Promise.reject(error),
  )
  const body = await res.text()
  // The RSC payload holds the action's return value as a JSON row "1:{…}".
  const row = body.split('\n').find((line) => line.startsWith('1:'))
  const result = row ? (JSON.parse(row.slice(2)) as Omit<ActionResult, 'status' | 'body'>) : {}
  return { status: res.status(), location: res.headers().location, body, ...result }
}

/** Read-only look into the e2e server's SQLite database, for ids and for checking nothing changed. */
export function e2eDatabase() {
  return new Database(path.join(process.env.E2E_DATA_DIR!, 'fanout.db'), { readonly: true, fileMustExist: true })
}

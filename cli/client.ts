// The CLI's connection to a Fanout server: where (URL) and as whom (API token), from
// `fanout login` (~/.config/fanout/config.json, mode 0600) or FANOUT_URL / FANOUT_TOKEN.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import path from 'node:path'

export interface Connection {
  url: string
  token: string
}

/** An error to print as it is and exit with code 2 (usage, auth, refusals). */
export class CliError extends Error {}

const configFile = () =>
  path.join(process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'fanout', 'config.json')

export function saveConnection(connection: Connection) {
  const file = configFile()
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  writeFileSync(file, `${JSON.stringify(connection, null, 2)}\n`, { mode: 0o600 })
  chmodSync(file, 0o600)
  return file
}

export function loadConnection(): Connection {
  let saved: Partial<Connection> = {}
  try {
    saved = JSON.parse(readFileSync(configFile(), 'utf8')) as Partial<Connection>
  } catch {
    // Not logged in yet: the environment may still say where to go.
  }
  const url = process.env.FANOUT_URL || saved.url
  const token = process.env.FANOUT_TOKEN || saved.token
  if (!url || !token) throw new CliError('Not logged in: run `fanout login --url <server> --token <api token>`.')
  return { url: url.replace(/\/+$/, ''), token }
}

/** Calls the API; a refusal becomes a CliError with the server's message (and field). */
export async function api<T>(connection: Connection, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${connection.url}/api/v1${route}`, {
    method,
    headers: {
      authorization: `Bearer ${connection.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).catch((error: unknown) => {
    throw new CliError(`Cannot reach ${connection.url}: ${error instanceof Error ? error.message : error}`)
  })
  const text = await response.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    throw new CliError(`${method} ${route}: HTTP ${response.status}, not JSON`)
  }
  if (!response.ok) {
    const { error, field } = (json ?? {}) as { error?: string; field?: string }
    throw new CliError(`${error ?? `HTTP ${response.status}`}${field ? ` (${field})` : ''}`)
  }
  return json as T
}

/** Every item of a cursor-paginated list. */
export async function listAll<T>(connection: Connection, route: string): Promise<T[]> {
  const items: T[] = []
  let cursor: string | null = null
  do {
    const sep = route.includes('?') ? '&' : '?'
    const page: { items: T[]; nextCursor: string | null } = await api(
      connection,
      'GET',
      `${route}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    )
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

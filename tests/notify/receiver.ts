// A webhook receiver on loopback for the notification tests: records every request and
// answers with what `respond` says (200 {} unless told otherwise).
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  path: string
  url: URL
  headers: IncomingHttpHeaders
  raw: string
  body: unknown
}

type Answer = { status?: number; body?: unknown }

export async function startReceiver(respond: (request: Received, index: number) => Answer = () => ({})) {
  const requests: Received[] = []
  const server = createServer((req, res) => {
    const parts: Buffer[] = []
    req.on('data', (part: Buffer) => parts.push(part))
    req.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8')
      const url = new URL(req.url ?? '/', 'http://127.0.0.1')
      let body: unknown = null
      try {
        body = JSON.parse(raw)
      } catch {
        body = raw
      }
      const request = { path: url.pathname, url, headers: req.headers, raw, body }
      requests.push(request)
      const answer = respond(request, requests.length - 1)
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(answer.body ?? {}))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export async function waitFor<T>(check: () => Promise<T | null | undefined | false>, ms = 10_000): Promise<T> {
  for (const end = Date.now() + ms; ; await new Promise((r) => setTimeout(r, 25))) {
    const value = await check()
    if (value) return value
    if (Date.now() > end) throw new Error(`not true after ${ms} ms`)
  }
}

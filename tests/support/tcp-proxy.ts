// A loopback TCP proxy between Fanout and a harness host, for fault tests: it forwards,
// stalls (the network stops carrying anything, every connection stays open) or cuts (every
// connection is reset mid-stream), on demand.
import net from 'node:net'

export interface TcpProxy {
  /** The port to point a target at (on 127.0.0.1). */
  port: number
  /** Stops carrying bytes either way; the sockets stay open, the bytes wait in the kernel. */
  stall(): void
  /** Carries bytes again, those that waited first. */
  resume(): void
  /** Resets every open connection (new ones are still forwarded). */
  cut(): void
  /** Stops listening and drops every connection. */
  close(): Promise<void>
}

/** Forwards 127.0.0.1:<its port> to 127.0.0.1:port. */
export async function startTcpProxy(port: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>()
  let stalled = false
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port })
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from)
      // A paused socket holds back everything behind it, as a dead link does.
      from.on('data', (chunk) => {
        if (to.write(chunk)) return
        from.pause()
        to.once('drain', () => stalled || from.resume())
      })
      from.on('end', () => to.end())
      if (stalled) from.pause()
      from.on('error', () => {})
      from.on('close', () => {
        sockets.delete(from)
        to.destroy()
      })
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    stall() {
      stalled = true
      for (const s of sockets) s.pause()
    },
    resume() {
      stalled = false
      for (const s of sockets) s.resume()
    },
    cut() {
      for (const s of sockets) s.resetAndDestroy()
    },
    close() {
      for (const s of sockets) s.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

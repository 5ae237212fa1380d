// The baseline: the least a Node program can do for the same job. One ssh2 Client per
// target (same key, same sshd), `concurrency` at once, exec the command, collect stdout,
// close and wait for the close — nothing stored, no wrapper, no bookkeeping.
import { Client } from 'ssh2'
import { mapWithConcurrency } from '@/lib/concurrency'
import type { SshdAddress } from './protocol'

function once(address: SshdAddress, username: string, privateKey: string, command: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const client = new Client()
    const out: Buffer[] = []
    let failure: Error | null = null
    client.on('error', (e) => (failure ??= e))
    client.on('close', () => (failure ? reject(failure) : resolve(Buffer.concat(out))))
    client.on('ready', () => {
      client.exec(command, (err, stream) => {
        if (err) {
          failure = err
          return client.end()
        }
        stream.on('data', (c: Buffer) => out.push(c))
        stream.stderr.resume()
        stream.on('close', () => client.end())
      })
    })
    client.connect({ host: address.host, port: address.port, username, privateKey, readyTimeout: 60_000 })
  })
}

/** Runs command on n targets spread over the sshds; resolves with every target's stdout. */
export function ssh2Loop(opts: {
  sshds: SshdAddress[]
  targets: number
  concurrency: number
  username: string
  privateKey: string
  command: string
}): Promise<Buffer[]> {
  const indexes = Array.from({ length: opts.targets }, (_, i) => i)
  return mapWithConcurrency(indexes, opts.concurrency, (i) =>
    once(opts.sshds[i % opts.sshds.length], opts.username, opts.privateKey, opts.command),
  )
}

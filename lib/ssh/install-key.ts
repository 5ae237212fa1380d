import { connect } from './connect'
import { describeEndpoint, redact, SshError } from './errors'
import { parsePublicKey } from './keys'
import type { ConnectOptions, SshEndpoint } from './types'

// Runs under `sh -c '…'` whatever the login shell is, so the script holds no single quote
// (nor backslash-quote or '!', for csh and fish). The key arrives on stdin, never in the
// command line: nothing in it (a comment with $(…), quotes, ;) is ever parsed by a shell.
const INSTALL_SCRIPT = [
  'umask 077',
  'IFS= read -r k || [ -n "$k" ] || exit 3',
  'd="$HOME/.ssh"',
  'f="$d/authorized_keys"',
  'mkdir -p "$d" && chmod 700 "$d" && touch "$f" && chmod 600 "$f" || exit 4',
  'if grep -qxF -e "$k" "$f"; then echo fanout-key:present; exit 0; fi',
  'if [ -s "$f" ] && [ -n "$(tail -c 1 "$f")" ]; then echo >> "$f"; fi',
  'printf "%s\\n" "$k" >> "$f" && echo fanout-key:installed',
].join('; ')

const INSTALL_COMMAND = `sh -c '${INSTALL_SCRIPT}'`

export interface InstallKeyOptions extends Pick<
  ConnectOptions,
  'proxies' | 'connectTimeoutMs' | 'onHostKey' | 'signal'
> {
  /** The host to install on; its stored credential is ignored (the password is used once). */
  target: Omit<SshEndpoint, 'credential'> & { credential?: SshEndpoint['credential'] }
  password: string
  /** 'ssh-ed25519 AAAA… comment', e.g. the tenant's platform key. */
  publicKey: string
}

/**
 * Logs in with the password once and appends the public key to ~/.ssh/authorized_keys
 * unless that exact line is already there (~/.ssh 700, the file 600). The password is
 * used for this connection only: never stored, logged or put in an error message.
 */
export async function installKeyWithPassword(options: InstallKeyOptions): Promise<{ installed: boolean }> {
  const { line } = parsePublicKey(options.publicKey)
  const target: SshEndpoint = { ...options.target, credential: { type: 'password', password: options.password } }
  const conn = await connect({ ...options, target })
  try {
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    const result = await conn.exec(INSTALL_COMMAND, {
      stdin: `${line}\n`,
      onStdout: (c) => stdout.push(c),
      onStderr: (c) => stderr.push(c),
      signal: options.signal,
    })
    const out = Buffer.concat(stdout).toString('utf8')
    if (result.code === 0 && /^fanout-key:installed$/m.test(out)) return { installed: true }
    if (result.code === 0 && /^fanout-key:present$/m.test(out)) return { installed: false }
    const why = Buffer.concat(stderr).toString('utf8').trim().slice(0, 300) || `exit status ${result.code}`
    throw new SshError(
      'protocol',
      redact(`${describeEndpoint(target, true)}: could not add the key to ~/.ssh/authorized_keys: ${why}`, [
        options.password,
      ]),
      { hop: { id: target.id, label: target.label, index: conn.hops.length - 1, isTarget: true } },
    )
  } finally {
    await conn.close()
  }
}

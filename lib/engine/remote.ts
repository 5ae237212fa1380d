import { randomBytes } from 'node:crypto'
import { accountNamePattern } from '@/lib/accounts/name'
import { normaliseContent } from '@/lib/scripts/content'
import { shellQuote } from '@/lib/ssh'

// What runs on the host. The script text travels on the channel's stdin, never inside a
// command line; only the wrapper below, parameter values (single-quoted) and a random
// work-directory name appear there. The wrapper is POSIX sh with no ! , \ or ' inside,
// so it survives whatever login shell (sh, bash, zsh, csh, fish) hands it to sh -c.
//
// Protocol, all under $TMPDIR (or /tmp)/<workDir>, created 0700:
//   script   the script, removed when it ends
//   pgid     the process group (and session) id of the script, for timeout and cancel
//   output   $FANOUT_OUTPUT: KEY=VALUE lines the script writes
//   NAME     each extra file (FANOUT_PREV_SUCCEEDED …), its path exported as $NAME
// When the script ends, the wrapper prints a marker line and the output file on stdout
// (only when the script wrote any: the engine cuts them off the stored stdout, see
// trailer.ts), then removes the directory. One exec per script; nothing to collect after.
// The wrapper's exit status is the script's (128+n when a signal n killed it).
//
// Extra files travel the same way, right after the script, each with its exact byte count
// on the command line: no second exec (a round trip, and a window where the work dir
// exists half-filled), no size limit of the environment, and a short or lost send is
// caught like a truncated script.
//
// With a run-as account the whole wrapper runs through `sudo -n -u ACCOUNT env …`: the
// work dir is then the account's own, 0700 (private from the login user and everyone
// else), the script reads it as the account, and the kill goes through sudo as well,
// so it may signal the account's processes.
//
// stdin carries exactly <bytes> bytes of script, then the extra files, and then stays
// open: Fanout closes it only once the wrapper has exited. EOF while the script runs
// therefore means the channel is gone (the server died, the connection dropped), and a
// watcher then kills the script's group, TERM and KILL after the grace period: nothing
// keeps running unobserved.

export const scriptLanguages = ['bash', 'sh', 'python3', 'perl', 'powershell-core'] as const
export type ScriptLanguage = (typeof scriptLanguages)[number]

const interpreters: Record<ScriptLanguage, string> = {
  bash: 'bash',
  sh: 'sh',
  python3: 'python3',
  perl: 'perl',
  'powershell-core': 'pwsh -NoLogo -NoProfile -NonInteractive -File',
}

// Arguments: work dir, script suffix, script bytes, kill grace seconds, outputs marker,
// extra files ("NAME BYTES NAME BYTES …"), then the script's.
const WRAPPER = [
  'umask 077',
  'd="${TMPDIR:-/tmp}/$1"',
  'mkdir "$d" || exit 125',
  'f="$d/script$2"',
  // head -c reads no further than asked: what follows on stdin is the watcher's.
  'head -c "$3" > "$f" || { rm -rf "$d"; exit 125; }',
  // A connection lost mid-send leaves a truncated script: never run half of one.
  '[ $(wc -c < "$f") -eq "$3" ] || { rm -rf "$d"; exit 125; }',
  // Each extra file: a NAME word, then its BYTES word (no # or % expansions: csh-safe).
  'n=',
  'for x in $6; do if [ -z "$n" ]; then n=$x; else',
  '  head -c "$x" > "$d/$n" && [ $(wc -c < "$d/$n") -eq "$x" ] || { rm -rf "$d"; exit 125; }',
  '  export "$n=$d/$n"; n=; fi; done',
  ': > "$d/output"',
  'export FANOUT_OUTPUT="$d/output"',
  'g=$4',
  'm=$5',
  'shift 6',
  // An asynchronous list gets /dev/null as stdin, so the watcher reads the channel via fd 3.
  'exec 3<&0',
  // setsid makes the script a session and process-group leader (its pid is the pgid),
  // so timeout and cancel can signal the whole tree; the wrapper stays outside it.
  'if [ "$FANOUT_INTERPRETER" = shebang ]; then chmod 700 "$f"; setsid "$f" "$@" < /dev/null 3<&- & else setsid $FANOUT_INTERPRETER "$f" "$@" < /dev/null 3<&- & fi',
  // jobs -p, not $!: csh would expand the ! before sh ever saw it.
  'jobs -p > "$d/pgid"',
  'read p < "$d/pgid"',
  // The watcher kills only while the work directory exists: once the wrapper removed it
  // (the script ended), what a script deliberately left running (a daemon) is spared.
  '{ while read x; do :; done; mkdir "$d/end" && { kill -TERM "-$p"; sleep "$g"; kill -KILL "-$p"; }; } <&3 > /dev/null 2>&1 &',
  // A lost channel must not stop the clean-up below with SIGPIPE (the script started
  // before this, so it keeps the default disposition).
  'trap "" PIPE',
  'wait "$p"',
  'rc=$?',
  'if [ -s "$d/output" ]; then echo "$m"; cat "$d/output"; fi',
  'rm -rf "$d"',
  'exit $rc',
].join('\n')

export interface ScriptInvocation {
  /** Unique per target-run: names the work directory on the host. */
  workDir: string
  language: ScriptLanguage
  /** Script text; a UTF-8 BOM and CRLF line endings are normalised before it is sent. */
  content: string
  /** Positional arguments ($1, $2 …). */
  args: string[]
  /** Environment: FANOUT_PARAM_*, FANOUT_OUT_* … (names already validated). */
  env: Record<string, string>
  /** Files written to the work directory before the script starts; each env name gets its path. */
  files?: Record<string, string>
  /** An execution account (a user on the host): everything runs as it via `sudo -n -u`. */
  runAs?: string | null
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/
const workDirName = /^[A-Za-z0-9._-]+$/

/** The command prefix that runs the rest as account, never prompting (sudo fails instead). */
function asAccount(account: string | null | undefined): string[] {
  if (!account) return []
  if (!accountNamePattern.test(account)) throw new Error('Invalid account name')
  return ['sudo', '-n', '-u', account, '--']
}

/**
 * The command to exec and what to write to its stdin: the normalised script, whose byte
 * length the command carries. The caller must keep stdin open until the command exits.
 */
export function scriptExec(
  inv: ScriptInvocation,
  killGraceSeconds = 5,
  outputsMarker = newOutputsMarker(),
): { command: string; stdin: Buffer; outputsMarker: string } {
  if (!workDirName.test(inv.workDir)) throw new Error('Invalid work directory name')
  // Content saved elsewhere than the library (an API, an older row) gets the library's rule.
  const content = normaliseContent(inv.content)
  const shebang = content.startsWith('#!')
  const env = Object.entries({ ...inv.env, FANOUT_INTERPRETER: shebang ? 'shebang' : interpreters[inv.language] })
  for (const [name] of env) if (!envName.test(name)) throw new Error(`Invalid environment variable name ${name}`)
  const suffix = inv.language === 'powershell-core' ? '.ps1' : ''
  const files = Object.entries(inv.files ?? {}).map(([name, text]) => [name, Buffer.from(text, 'utf8')] as const)
  for (const [name] of files) if (!envName.test(name)) throw new Error(`Invalid file name ${name}`)
  const script = Buffer.from(content, 'utf8')
  const stdin = Buffer.concat([script, ...files.map(([, data]) => data)])
  const command = [
    ...asAccount(inv.runAs),
    'env',
    ...env.map(([k, v]) => `${k}=${shellQuote(v)}`),
    'sh -c',
    shellQuote(WRAPPER),
    'fanout',
    inv.workDir,
    shellQuote(suffix),
    String(script.length),
    String(Math.max(0, Math.ceil(killGraceSeconds))),
    outputsMarker,
    shellQuote(files.map(([name, data]) => `${name} ${data.length}`).join(' ')),
    ...inv.args.map(shellQuote),
  ].join(' ')
  return { command, stdin, outputsMarker }
}

/** A line no script prints by chance: it separates the script's stdout from its outputs. */
export function newOutputsMarker(): string {
  return `fanout-outputs-${randomBytes(16).toString('hex')}`
}

/**
 * Signals the script's whole process group: TERM, then KILL after the grace period for
 * whatever ignored TERM. Idempotent; harmless when the script already ended. With runAs,
 * as that account (its work dir and processes are its own).
 */
export function killCommand(workDir: string, graceSeconds = 5, runAs?: string | null): string {
  if (!workDirName.test(workDir)) throw new Error('Invalid work directory name')
  const d = `"\${TMPDIR:-/tmp}/${workDir}"`
  const kill = [
    // A kill may race the start: give the wrapper a moment to record the group.
    `i=0; while [ ! -s ${d}/pgid ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done`,
    `p=$(cat ${d}/pgid 2>/dev/null)`,
    '[ -n "$p" ] || exit 0',
    'kill -TERM "-$p" 2>/dev/null',
    `i=0; while kill -0 "-$p" 2>/dev/null && [ $i -lt ${graceSeconds * 10} ]; do sleep 0.1; i=$((i+1)); done`,
    'kill -KILL "-$p" 2>/dev/null',
    'exit 0',
  ].join('; ')
  return runAs ? [...asAccount(runAs), 'sh -c', shellQuote(kill)].join(' ') : kill
}

/** Whether sudo lets the login user run commands as account: exits 0 when it does. */
export function sudoCheckCommand(account: string): string {
  return [...asAccount(account), 'env true'].join(' ')
}

/** Why sudo refused (its exit code and stderr), in words an operator can act on. */
export function sudoRefusal(account: string, code: number | null, stderr: string): string {
  const said = stderr
    .trim()
    .split('\n')
    .filter((l) => !/unable to resolve host/i.test(l))
  const text = said.join(' ')
  const refused = `sudo refused to run as ${account}`
  if (code === 127 && !/sudo:/.test(text)) return 'sudo is not installed on the target: install it to run as an account'
  if (/password is required/i.test(text))
    return `${refused}: a password is required (configure NOPASSWD for the login user)`
  if (/unknown user/i.test(text)) return `${refused}: there is no such user on the target`
  if (/not allowed|not in the sudoers/i.test(text))
    return `${refused}: the login user may not run commands as ${account} (add a sudoers entry)`
  return `${refused}: ${text || `exit code ${code}`}`
}

/** KEY=VALUE lines → a map; invalid names and other lines are ignored. Later keys win. */
export function parseOutputParameters(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.replace(/\r$/, ''))
    if (m) out[m[1]] = m[2]
  }
  return out
}

import { shellQuote } from '@/lib/ssh'

// What runs on the host. The script text travels on the channel's stdin, never inside a
// command line; only the wrapper below, parameter values (single-quoted) and a random
// work-directory name appear there. The wrapper is POSIX sh with no ! , \ or ' inside,
// so it survives whatever login shell (sh, bash, zsh, csh, fish) hands it to sh -c.
//
// Protocol, all under $TMPDIR (or /tmp)/<workDir>, created 0700:
//   script   the script, removed when it ends
//   pgid     the process group (and session) id of the script, for timeout and cancel
//   output   $FANOUT_OUTPUT: KEY=VALUE lines the script writes, read after it ends
// The wrapper's exit status is the script's (128+n when a signal n killed it).

export const scriptLanguages = ['bash', 'sh', 'python3', 'perl', 'powershell-core'] as const
export type ScriptLanguage = (typeof scriptLanguages)[number]

const interpreters: Record<ScriptLanguage, string> = {
  bash: 'bash',
  sh: 'sh',
  python3: 'python3',
  perl: 'perl',
  'powershell-core': 'pwsh -NoLogo -NoProfile -NonInteractive -File',
}

const WRAPPER = [
  'umask 077',
  'd="${TMPDIR:-/tmp}/$1"',
  'mkdir "$d" || exit 125',
  'f="$d/script$2"',
  'cat > "$f" || exit 125',
  ': > "$d/output"',
  'chmod 700 "$f"',
  'export FANOUT_OUTPUT="$d/output"',
  'shift 2',
  // setsid makes the script a session and process-group leader (its pid is the pgid),
  // so timeout and cancel can signal the whole tree; the wrapper stays outside it.
  'if [ "$FANOUT_INTERPRETER" = shebang ]; then setsid "$f" "$@" < /dev/null & else setsid $FANOUT_INTERPRETER "$f" "$@" < /dev/null & fi',
  'jobs -p > "$d/pgid"',
  'read p < "$d/pgid"',
  'wait "$p"',
  'rc=$?',
  'rm -f "$f"',
  'exit $rc',
].join('\n')

export interface ScriptInvocation {
  /** Unique per target-run: names the work directory on the host. */
  workDir: string
  language: ScriptLanguage
  /** Normalised script text (LF line endings, no BOM). */
  content: string
  /** Positional arguments ($1, $2 …). */
  args: string[]
  /** Environment: FANOUT_PARAM_*, FANOUT_OUT_* … (names already validated). */
  env: Record<string, string>
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/
const workDirName = /^[A-Za-z0-9._-]+$/

/** The command to exec; the script itself is written to the channel's stdin. */
export function scriptCommand(inv: ScriptInvocation): string {
  if (!workDirName.test(inv.workDir)) throw new Error('Invalid work directory name')
  const shebang = inv.content.startsWith('#!')
  const env = Object.entries({ ...inv.env, FANOUT_INTERPRETER: shebang ? 'shebang' : interpreters[inv.language] })
  for (const [name] of env) if (!envName.test(name)) throw new Error(`Invalid environment variable name ${name}`)
  const suffix = inv.language === 'powershell-core' ? '.ps1' : ''
  return [
    'env',
    ...env.map(([k, v]) => `${k}=${shellQuote(v)}`),
    'sh -c',
    shellQuote(WRAPPER),
    'fanout',
    inv.workDir,
    shellQuote(suffix),
    ...inv.args.map(shellQuote),
  ].join(' ')
}

/**
 * Signals the script's whole process group: TERM, then KILL after the grace period for
 * whatever ignored TERM. Idempotent; harmless when the script already ended.
 */
export function killCommand(workDir: string, graceSeconds = 5): string {
  if (!workDirName.test(workDir)) throw new Error('Invalid work directory name')
  const d = `"\${TMPDIR:-/tmp}/${workDir}"`
  return [
    // A kill may race the start: give the wrapper a moment to record the group.
    `i=0; while [ ! -s ${d}/pgid ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done`,
    `p=$(cat ${d}/pgid 2>/dev/null)`,
    '[ -n "$p" ] || exit 0',
    'kill -TERM "-$p" 2>/dev/null',
    `i=0; while kill -0 "-$p" 2>/dev/null && [ $i -lt ${graceSeconds * 10} ]; do sleep 0.1; i=$((i+1)); done`,
    'kill -KILL "-$p" 2>/dev/null',
    'exit 0',
  ].join('; ')
}

/** Prints the output parameters file and removes the work directory. */
export function collectCommand(workDir: string): string {
  if (!workDirName.test(workDir)) throw new Error('Invalid work directory name')
  const d = `"\${TMPDIR:-/tmp}/${workDir}"`
  return `cat ${d}/output 2>/dev/null; rm -rf ${d}`
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

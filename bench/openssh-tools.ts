// parallel-ssh and `ansible -m raw`, the tools people already use for this, driven with
// their ordinary command lines against the same sshd and key. Each target is an alias of
// its own (t-00000 …) all resolving to the one sshd, so neither tool can share a
// connection between targets; output is checked so a tool that silently fails is caught.
import { spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { SshdAddress } from './protocol'
import { createCpuGroup } from './cpu-group'
import { childrenCpuMs } from './sampling'

export interface ToolRun {
  wallMs: number
  /** CPU of the tool and every process it started (ssh clients, ansible forks). */
  cpuMs: number
}

export interface ExternalTool {
  name: 'pssh' | 'ansible'
  /** The command line as run, for RESULTS.md. */
  commandLine: string
  /** Settings outside the command line (config files, environment), for RESULTS.md. */
  settings: string
  run(): Promise<ToolRun>
}

interface ToolSetup {
  dir: string
  sshd: SshdAddress
  targets: number
  concurrency: number
  username: string
  keyFile: string
}

const aliases = (n: number) => Array.from({ length: n }, (_, i) => `t-${String(i).padStart(5, '0')}`)

/**
 * Runs a tool to its end. Its CPU and that of every process it starts is counted in a
 * cgroup it joins before exec; without one, from what this process reaps (cutime).
 */
function execute(argv: string[], env: NodeJS.ProcessEnv): Promise<ToolRun & { stdout: string }> {
  const group = createCpuGroup(path.basename(argv[0]))
  const cpu0 = group ? 0 : childrenCpuMs()
  const [file, args] = group
    ? ['sh', ['-c', 'echo $$ > "$0" && exec "$@"', group.procsFile, ...argv]]
    : [argv[0], argv.slice(1)]
  return new Promise<ToolRun & { stdout: string }>((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)))
    child.on('error', reject)
    child.on('close', (code) => {
      const wallMs = performance.now() - t0
      if (code !== 0) return reject(new Error(`${argv[0]} exited ${code}: ${stderr.trim() || stdout.slice(-2000)}`))
      resolve({ wallMs, cpuMs: group ? group.usageMs() : childrenCpuMs() - cpu0, stdout })
    })
  }).finally(() => group?.remove())
}

export function parallelSsh(o: ToolSetup): ExternalTool {
  const dir = path.join(o.dir, 'pssh')
  mkdirSync(dir, { recursive: true })
  const hosts = path.join(dir, 'hosts')
  const sshConfig = path.join(dir, 'ssh_config')
  const outDir = path.join(dir, 'out')
  writeFileSync(hosts, aliases(o.targets).join('\n') + '\n')
  const config = [
    'Host t-*',
    `  HostName ${o.sshd.host}`,
    `  Port ${o.sshd.port}`,
    `  User ${o.username}`,
    `  IdentityFile ${o.keyFile}`,
    '  IdentitiesOnly yes',
    '  BatchMode yes',
    '  StrictHostKeyChecking no',
    '  UserKnownHostsFile /dev/null',
    '  ControlMaster no',
    '  LogLevel ERROR',
    '',
  ].join('\n')
  writeFileSync(sshConfig, config)
  const argv = [
    'parallel-ssh',
    ...['-h', hosts, '-p', String(o.concurrency), '-t', '300', '-o', outDir, '-x', `-F ${sshConfig}`],
    'echo hello',
  ]
  return {
    name: 'pssh',
    commandLine: argv.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' '),
    settings: `${sshConfig}:\n${config}`,
    async run() {
      rmSync(outDir, { recursive: true, force: true })
      const result = await execute(argv, process.env)
      const files = readdirSync(outDir)
      const ok = files.filter((f) => readFileSync(path.join(outDir, f), 'utf8') === 'hello\n').length
      const success = (result.stdout.match(/\[SUCCESS\]/g) ?? []).length
      if (ok !== o.targets || success !== o.targets)
        throw new Error(`parallel-ssh: ${success} SUCCESS and ${ok} "hello" outputs for ${o.targets} targets`)
      return { wallMs: result.wallMs, cpuMs: result.cpuMs }
    },
  }
}

export function ansibleRaw(o: ToolSetup): ExternalTool {
  const dir = path.join(o.dir, 'ansible')
  mkdirSync(path.join(dir, 'tmp'), { recursive: true })
  const inventory = path.join(dir, 'inventory.ini')
  const cfgFile = path.join(dir, 'ansible.cfg')
  const vars = [
    `ansible_host=${o.sshd.host}`,
    `ansible_port=${o.sshd.port}`,
    `ansible_user=${o.username}`,
    `ansible_ssh_private_key_file=${o.keyFile}`,
  ]
  writeFileSync(inventory, `${aliases(o.targets).join('\n')}\n\n[all:vars]\n${vars.join('\n')}\n`)
  // No ControlPersist: ansible's default multiplexes by host and port, which would let 400
  // aliases of one sshd share a handful of connections (and not mentioning it keeps ansible
  // from adding a ControlPath). No -C either: nothing else compresses.
  const cfg = [
    '[defaults]',
    'host_key_checking = False',
    'gathering = explicit',
    'timeout = 60',
    'nocolor = True',
    'deprecation_warnings = False',
    `local_tmp = ${path.join(dir, 'tmp')}`,
    '[ssh_connection]',
    'ssh_args = -o ControlMaster=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR',
    '',
  ].join('\n')
  writeFileSync(cfgFile, cfg)
  const argv = ['ansible', 'all', '-i', inventory, '-m', 'raw', '-a', 'echo hello', '-f', String(o.concurrency)]
  const env = { ...process.env, ANSIBLE_CONFIG: cfgFile, ANSIBLE_HOME: dir }
  return {
    name: 'ansible',
    commandLine: `ANSIBLE_CONFIG=${cfgFile} ` + argv.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' '),
    settings: `${inventory}: ${o.targets} lines t-00000 … with [all:vars] ${vars.join(' ')}\n${cfgFile}:\n${cfg}`,
    async run() {
      const result = await execute(argv, env)
      const ok = (result.stdout.match(/^t-\d+ \| CHANGED \| rc=0 >>\r?\nhello\r?$/gm) ?? []).length
      if (ok !== o.targets) throw new Error(`ansible: ${ok} "CHANGED rc=0 hello" results for ${o.targets} targets`)
      return { wallMs: result.wallMs, cpuMs: result.cpuMs }
    },
  }
}

// A real network for proxy-chain tests, built from Linux network namespaces, so that a
// proxy chain is proven to be needed and not just configured:
//
//   root namespace (the test process, the app)
//     │ A.1 ── veth ── A.2
//   jump1 (netns j1, sshd on A.2:22)
//     │ B.1 ── veth ── B.2
//   jump2 (netns j2, sshd on B.2:22)
//     │ C.1 ── veth ── C.2
//   target (netns t, sshd on C.2:22)
//
// A, B and C are 10.211.x.0/24 subnets of a per-run slot. No namespace has a default route
// and none forwards IP packets: a hop reaches the next one only through SSH forwarding
// (direct-tcpip), exactly like a real bastion. In the root namespace, `unreachable` routes
// for B and C make a direct attempt fail at once with "no route to host"; one for A with a
// high metric takes over should the veth go away. Nothing for 10.211.x.x can ever leave the
// machine through the default route.
//
// Ownership and cleanup. Names are fo<pid>s<slot><role> (namespaces: j1, j2, t; veths: a0
// in the root namespace, a1/b1 in j1, b2/c2 in j2, c3 in t) and the root routes carry
// `proto 211`. A slot (its three subnets) is owned by holding the abstract Unix socket
// "fanout-netns-slot-<k>": the kernel releases it when the owner dies, so whoever takes a
// slot next removes what a crashed run left in it. Everything is removed by destroy(), on
// process exit and on SIGINT/SIGTERM/SIGHUP; leftovers of a SIGKILLed run go at the next
// start. No other interface, route or sysctl of the root namespace is ever touched.
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { addAuthorizedKey, type SshHost, startSshd } from './sshd'

const SLOTS = 64 // slot k uses 10.211.(3k+1).0/24, 10.211.(3k+2).0/24 and 10.211.(3k+3).0/24
const NET = '10.211'
const PROTO = '211' // marks the routes this harness adds
const FALLBACK_METRIC = '4000' // A's unreachable route, behind the veth's connected route
const NAME = /^fo(\d+)s(\d+)(j1|j2|t|a0|a1|b1|b2|c2|c3)$/

export interface NetnsHost extends SshHost {
  /** The network namespace sshd runs in. */
  netns: string
}

export interface Topology {
  /** Reachable from the root namespace (A.2), reaches jump2 (B.2). */
  jump1: NetnsHost
  /** Reachable from jump1 only, reaches the target (C.2). */
  jump2: NetnsHost
  /** Reachable from jump2 only. */
  target: NetnsHost
  /** 'fo<pid>s<slot>': every namespace and link name starts with it. */
  prefix: string
  namespaces: string[]
  /** The subnets (CIDR) of the root↔jump1, jump1↔jump2 and jump2↔target links. */
  subnets: { a: string; b: string; c: string }
  /** The root namespace's unreachable routes (CIDR). */
  unreachable: string[]
  /** Adds a public key to the authorized keys of all three sshds. */
  authorize(publicKey: string): void
  /** Stops the sshds, removes namespaces, links and routes; verifies nothing is left. Idempotent. */
  destroy(): Promise<void>
}

export interface StartTopologyOptions {
  authorizedKeys?: string[]
}

interface Plan {
  slot: number
  prefix: string
  ns: { j1: string; j2: string; t: string }
  link: { a0: string; a1: string; b1: string; b2: string; c2: string; c3: string }
  subnet: { a: string; b: string; c: string }
  addr: { rootA: string; j1A: string; j1B: string; j2B: string; j2C: string; tC: string }
  routes: string[][]
}

function planFor(slot: number): Plan {
  const prefix = `fo${process.pid}s${slot}`
  const octet = (i: number) => `${NET}.${3 * slot + i}`
  const [a, b, c] = [octet(1), octet(2), octet(3)]
  const subnet = { a: `${a}.0/24`, b: `${b}.0/24`, c: `${c}.0/24` }
  return {
    slot,
    prefix,
    ns: { j1: `${prefix}j1`, j2: `${prefix}j2`, t: `${prefix}t` },
    link: {
      a0: `${prefix}a0`,
      a1: `${prefix}a1`,
      b1: `${prefix}b1`,
      b2: `${prefix}b2`,
      c2: `${prefix}c2`,
      c3: `${prefix}c3`,
    },
    subnet,
    addr: { rootA: `${a}.1`, j1A: `${a}.2`, j1B: `${b}.1`, j2B: `${b}.2`, j2C: `${c}.1`, tC: `${c}.2` },
    routes: [
      ['unreachable', subnet.b, 'proto', PROTO],
      ['unreachable', subnet.c, 'proto', PROTO],
      ['unreachable', subnet.a, 'proto', PROTO, 'metric', FALLBACK_METRIC],
    ],
  }
}

const slotOf = (thirdOctet: number) => Math.floor((thirdOctet - 1) / 3)

// ---------------------------------------------------------------------------------------
// Running ip

class IpError extends Error {
  constructor(
    readonly args: string[],
    readonly stderr: string,
  ) {
    super(`ip ${args.join(' ')} failed: ${stderr.trim() || '(no output)'}`)
  }
}

function ip(args: string[], input?: string): string {
  try {
    return execFileSync('ip', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw missingIp()
    throw new IpError(args, String((err as { stderr?: unknown }).stderr ?? (err as Error).message))
  }
}

function ipAsync(args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('ip', args, { encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout)
      reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? missingIp() : new IpError(args, stderr || err.message))
    })
    child.stdin?.end(input ?? '')
  })
}

function ipJson<T>(args: string[]): T[] {
  const out = ip(['-j', ...args]).trim()
  return out ? (JSON.parse(out) as T[]) : []
}

const missingIp = () =>
  new Error('tests/support/netns: iproute2 is missing (no `ip` command); run scripts/install-test-deps.sh')

function preflight() {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'tests/support/netns: must run as root (network namespaces, veth links and routes need CAP_NET_ADMIN); ' +
        `running as uid ${process.getuid?.()}. CI runs the tests as root.`,
    )
  }
  if (!existsSync('/proc/self/ns/net')) {
    throw new Error('tests/support/netns: this kernel has no network namespaces (/proc/self/ns/net is missing)')
  }
  try {
    ip(['netns', 'list'])
  } catch (err) {
    if (err instanceof IpError) {
      throw new Error(`tests/support/netns: this system has no usable \`ip netns\` support: ${err.message}`)
    }
    throw err
  }
}

// ---------------------------------------------------------------------------------------
// What exists: our namespaces, root links and routes (parsed back from ip's JSON)

interface Residue {
  namespaces: string[]
  links: string[]
  /** Route specs, as `ip route del` takes them. */
  routes: string[][]
}

/** Our namespaces, root links and routes in the slots `inSlot` picks (whichever run made them). */
function residue(inSlot: (slot: number) => boolean): Residue {
  const ours = (name: string) => {
    const m = NAME.exec(name)
    return !!m && inSlot(Number(m[2]))
  }
  const namespaces = ipJson<{ name: string }>(['netns', 'list'])
    .map((n) => n.name)
    .filter(ours)
  const links = ipJson<{ ifname: string }>(['link', 'show'])
    .map((l) => l.ifname)
    .filter(ours)
  const routes = ipJson<{ type?: string; dst: string; metric?: number }>([
    '-4',
    'route',
    'show',
    'table',
    'main',
    'proto',
    PROTO,
  ])
    .filter((r) => r.type === 'unreachable')
    .flatMap((r) => {
      const m = /^10\.211\.(\d+)\.0\/24$/.exec(r.dst)
      if (!m || !inSlot(slotOf(Number(m[1])))) return []
      return [['unreachable', r.dst, 'proto', PROTO, ...(r.metric ? ['metric', String(r.metric)] : [])]]
    })
  return { namespaces, links, routes }
}

const isEmpty = (r: Residue) => !r.namespaces.length && !r.links.length && !r.routes.length

/** Kills what still runs in the namespaces, then deletes links, routes and namespaces. Synchronous: also runs on exit. */
function removeSync(r: Residue) {
  for (const ns of r.namespaces) {
    let pids: string[] = []
    try {
      pids = ip(['netns', 'pids', ns]).split(/\s+/).filter(Boolean)
    } catch {
      // gone already
    }
    for (const pid of pids) {
      try {
        process.kill(Number(pid), 'SIGKILL')
      } catch {
        // exited meanwhile
      }
    }
  }
  const batch = [
    ...r.links.map((l) => `link del dev ${l}`),
    ...r.routes.map((spec) => `route del ${spec.join(' ')}`),
    ...r.namespaces.map((ns) => `netns del ${ns}`),
  ]
  if (!batch.length) return
  try {
    // -force: go on after an error (something already gone); what is left is checked by the caller.
    ip(['-force', '-batch', '-'], `${batch.join('\n')}\n`)
  } catch {
    // checked by the caller
  }
}

// ---------------------------------------------------------------------------------------
// Slots: an abstract Unix socket per slot is the lock (released by the kernel on death)

function lockSlot(slot: number): Promise<net.Server | null> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(null) : reject(err)))
    server.listen({ path: `\0fanout-netns-slot-${slot}` }, () => {
      server.unref()
      resolve(server)
    })
  })
}

function unlock(server: net.Server) {
  return new Promise<void>((resolve) => server.close(() => resolve()))
}

/** Removes what dead runs left in slots nobody holds now (holding the slot while doing so). */
async function sweepStale() {
  const found = residue(() => true)
  const slots = new Set<number>()
  for (const name of [...found.namespaces, ...found.links]) slots.add(Number(NAME.exec(name)![2]))
  for (const spec of found.routes) slots.add(slotOf(Number(spec[1].split('.')[2])))
  for (const slot of slots) {
    const lock = await lockSlot(slot)
    if (!lock) continue // a live run owns it
    try {
      removeSync(residue((s) => s === slot))
    } finally {
      await unlock(lock)
    }
  }
}

interface Prefix {
  bits: number
  len: number
}

function parsePrefix(cidr: string): Prefix | null {
  const [addr, len] = cidr.split('/')
  const parts = addr.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !(p >= 0 && p <= 255))) return null
  return { bits: ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0, len: Number(len ?? 32) }
}

function overlaps(a: Prefix, b: Prefix) {
  const len = Math.min(a.len, b.len)
  if (len === 0) return true
  const mask = (0xffffffff << (32 - len)) >>> 0
  return (a.bits & mask) >>> 0 === (b.bits & mask) >>> 0
}

/** A route or address of the machine (not ours) inside the slot's subnets: the slot cannot be used. */
function foreignOverlap(plan: Plan): string | null {
  const mine = Object.values(plan.subnet).map((s) => parsePrefix(s)!)
  const routes = ipJson<{ dst: string }>(['-4', 'route', 'show', 'table', 'all'])
  for (const r of routes) {
    if (r.dst === 'default') continue
    const p = parsePrefix(r.dst)
    if (p && mine.some((m) => overlaps(m, p))) return `route ${r.dst}`
  }
  return null
}

// ---------------------------------------------------------------------------------------
// Building and tearing down

const live = new Set<{ plan: Plan; lock: net.Server }>()
let hooksInstalled = false

function cleanupAllSync() {
  for (const entry of live) {
    removeSync(residue((slot) => slot === entry.plan.slot))
    live.delete(entry)
  }
}

function installHooks() {
  if (hooksInstalled) return
  hooksInstalled = true
  process.once('exit', cleanupAllSync)
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      cleanupAllSync()
      // Alone on this signal: die of it as we would have without the hook.
      if (process.listenerCount(sig) === 0) process.kill(process.pid, sig)
    })
  }
}

async function takeSlot(): Promise<{ plan: Plan; lock: net.Server }> {
  const skipped: string[] = []
  for (let slot = 0; slot < SLOTS; slot++) {
    const lock = await lockSlot(slot)
    if (!lock) continue
    // Held by us now: anything left in this slot is a dead run's.
    removeSync(residue((s) => s === slot))
    const plan = planFor(slot)
    const overlap = foreignOverlap(plan)
    if (!overlap) return { plan, lock }
    skipped.push(`${Object.values(plan.subnet).join(', ')} (${overlap})`)
    await unlock(lock)
  }
  throw new Error(
    `tests/support/netns: no free slot of ${SLOTS} in ${NET}.0.0/16` +
      (skipped.length ? `; skipped for routes of this machine: ${skipped.join('; ')}` : ''),
  )
}

async function build(plan: Plan) {
  const { ns, link, addr } = plan
  // Root namespace, in this order: the unreachable routes before anything exists that could
  // connect, then namespaces and veths (created directly in their namespaces).
  ip(
    ['-batch', '-'],
    [
      ...plan.routes.map((spec) => `route add ${spec.join(' ')}`),
      `netns add ${ns.j1}`,
      `netns add ${ns.j2}`,
      `netns add ${ns.t}`,
      `link add ${link.a0} type veth peer name ${link.a1} netns ${ns.j1}`,
      `link add ${link.b1} netns ${ns.j1} type veth peer name ${link.b2} netns ${ns.j2}`,
      `link add ${link.c2} netns ${ns.j2} type veth peer name ${link.c3} netns ${ns.t}`,
      '',
    ].join('\n'),
  )
  // Only our own veth: no IPv6 link-local chatter from it.
  try {
    writeFileSync(`/proc/sys/net/ipv6/conf/${link.a0}/disable_ipv6`, '1')
  } catch {
    // no IPv6 in this kernel
  }
  // Inside each namespace: IPv4 forwarding off (a new namespace copies the root's setting)
  // and IPv6 off, then addresses and links up. No default route anywhere.
  const inside = (name: string, lines: string[]) =>
    ipAsync(
      [
        'netns',
        'exec',
        name,
        'sh',
        '-ec',
        'echo 0 > /proc/sys/net/ipv4/conf/all/forwarding; ' +
          '[ ! -d /proc/sys/net/ipv6 ] || echo 1 > /proc/sys/net/ipv6/conf/all/disable_ipv6; ' +
          'exec ip -batch -',
      ],
      [...lines, 'link set lo up', ''].join('\n'),
    )
  await Promise.all([
    ipAsync(['-batch', '-'], [`address add ${addr.rootA}/24 dev ${link.a0}`, `link set ${link.a0} up`, ''].join('\n')),
    inside(ns.j1, [
      `address add ${addr.j1A}/24 dev ${link.a1}`,
      `address add ${addr.j1B}/24 dev ${link.b1}`,
      `link set ${link.a1} up`,
      `link set ${link.b1} up`,
    ]),
    inside(ns.j2, [
      `address add ${addr.j2B}/24 dev ${link.b2}`,
      `address add ${addr.j2C}/24 dev ${link.c2}`,
      `link set ${link.b2} up`,
      `link set ${link.c2} up`,
    ]),
    inside(ns.t, [`address add ${addr.tC}/24 dev ${link.c3}`, `link set ${link.c3} up`]),
  ])
}

/**
 * Builds the three-namespace network (see the top of this file) and starts an sshd on port
 * 22 in each namespace, logging in as the usual test user. Fails with a clear message when
 * not root or without network namespace support.
 */
export async function startTopology(opts: StartTopologyOptions = {}): Promise<Topology> {
  preflight()
  await sweepStale()
  const entry = await takeSlot()
  const { plan } = entry
  installHooks()
  live.add(entry)

  const hosts: SshHost[] = []
  let destroyed: Promise<void> | null = null
  const destroy = () => {
    destroyed ??= (async () => {
      await Promise.allSettled(hosts.map((h) => h.stop()))
      removeSync(residue((slot) => slot === plan.slot))
      live.delete(entry)
      const left = residue((slot) => slot === plan.slot)
      await unlock(entry.lock)
      if (!isEmpty(left)) {
        throw new Error(`tests/support/netns: cleanup of ${plan.prefix} left ${JSON.stringify(left)}`)
      }
    })()
    return destroyed
  }

  try {
    await build(plan)
    const authorizedKeys = opts.authorizedKeys ?? []
    const start = async (netns: string, address: string): Promise<NetnsHost> => {
      const host = await startSshd({ netns, listenAddress: address, port: 22, authorizedKeys })
      hosts.push(host)
      return { ...host, netns }
    }
    const [jump1, jump2, target] = await Promise.all([
      start(plan.ns.j1, plan.addr.j1A),
      start(plan.ns.j2, plan.addr.j2B),
      start(plan.ns.t, plan.addr.tC),
    ])
    return {
      jump1,
      jump2,
      target,
      prefix: plan.prefix,
      namespaces: Object.values(plan.ns),
      subnets: plan.subnet,
      unreachable: plan.routes.map((spec) => spec[1]),
      authorize(publicKey) {
        for (const h of [jump1, jump2, target]) addAuthorizedKey(h, publicKey)
      },
      destroy,
    }
  } catch (err) {
    await destroy().catch(() => {})
    if (!(err instanceof IpError)) throw err
    throw new Error(
      `tests/support/netns: cannot build the network namespaces (needs root with CAP_NET_ADMIN and a kernel with ` +
        `network namespaces and veth): ${err.message}`,
    )
  }
}

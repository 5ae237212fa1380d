import 'server-only'
import { db } from '@/lib/db'
import { senders } from './channels'
import { openSecrets, redactSecrets } from './channels/secrets'
import { type ChannelSecrets, DeliveryError } from './channels/types'
import type { RunMessage } from './message'
import type { ChannelKind } from './schema'

// Deliveries are rows (Delivery, DeliveryAttempt): queued when a run ends, sent by the
// worker of any replica, retried with backoff from the database, so a restart loses
// nothing. A claim (lockedUntil, set by a conditional update) keeps two workers from
// sending the same one; a worker that dies mid-send leaves it to be claimed again later.

/** The wait before each try: at once, after 1 min, after 10 more. */
export const DEFAULT_BACKOFF_MS = [0, 60_000, 600_000]
/** Longer than any send takes (each network phase times out after 10 s). */
const CLAIM_MS = 2 * 60_000
const BATCH = 10

export interface DeliveryOutcome {
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  statusCode: number | null
  error: string | null
}

// A global, not a module variable: Next bundles instrumentation (which starts the worker)
// apart from the actions and the engine that queue deliveries.
const workers: Set<() => Promise<void>> = ((
  globalThis as { fanoutDeliveryWorkers?: Set<() => Promise<void>> }
).fanoutDeliveryWorkers ??= new Set())

/** Lets this process's workers send what was just queued instead of at their next poll. */
export function wakeDeliveries() {
  for (const poke of workers) void poke()
}

/** One pending delivery of message per enabled channel of this tenant among channelIds; others are ignored. */
export async function queueDeliveries(
  tenantId: string,
  runId: string | null,
  channelIds: string[],
  message: RunMessage,
): Promise<number> {
  if (!channelIds.length) return 0
  const channels = await db.notifyChannel.findMany({
    where: { tenantId, id: { in: channelIds }, enabled: true },
    select: { id: true },
  })
  if (!channels.length) return 0
  const payload = JSON.stringify(message)
  await db.delivery.createMany({ data: channels.map((c) => ({ tenantId, channelId: c.id, runId, payload })) })
  wakeDeliveries()
  return channels.length
}

/**
 * Sends message through one channel of the tenant now, once, recorded like any delivery
 * ("Send test"; a test message goes even through a disabled channel). Null when the
 * channel is not the tenant's.
 */
export async function deliverNow(tenantId: string, channelId: string, message: RunMessage) {
  const channel = await db.notifyChannel.findFirst({ where: { id: channelId, tenantId }, select: { id: true } })
  if (!channel) return null
  const delivery = await db.delivery.create({
    // Claimed from birth: no worker picks it up while it is sent here.
    data: { tenantId, channelId, payload: JSON.stringify(message), lockedUntil: new Date(Date.now() + CLAIM_MS) },
    select: { id: true },
  })
  return attempt(delivery.id, [0])
}

async function claimDue(): Promise<string[]> {
  const now = new Date()
  const unclaimed = { OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] }
  const due = await db.delivery.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: now }, ...unclaimed },
    orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
    take: BATCH,
    select: { id: true },
  })
  const claimed: string[] = []
  for (const { id } of due) {
    const { count } = await db.delivery.updateMany({
      where: { id, status: 'pending', ...unclaimed },
      data: { lockedUntil: new Date(now.getTime() + CLAIM_MS) },
    })
    if (count === 1) claimed.push(id)
  }
  return claimed
}

/** One try of a claimed delivery, recorded: the attempt, the delivery's state, the channel's last result. */
async function attempt(deliveryId: string, backoff: number[]): Promise<DeliveryOutcome | null> {
  const delivery = await db.delivery.findUnique({
    where: { id: deliveryId },
    select: {
      attempts: true,
      payload: true,
      channel: { select: { id: true, kind: true, config: true, secret: true, enabled: true } },
    },
  })
  if (!delivery) return null
  const { channel } = delivery
  const message = JSON.parse(delivery.payload) as RunMessage
  const number = delivery.attempts + 1
  const tries = message.kind === 'test' ? 1 : Math.max(1, backoff.length)
  let secrets: ChannelSecrets = {}
  let statusCode: number | null = null
  let error: string | null = null
  let final = false
  try {
    if (!channel.enabled && message.kind !== 'test') {
      final = true
      throw new DeliveryError('The channel was disabled before this was sent.', null)
    }
    secrets = openSecrets(channel.secret)
    const sender = senders[channel.kind as ChannelKind]
    if (!sender) throw new DeliveryError(`Unknown channel kind “${channel.kind}”.`, null)
    ;({ statusCode } = await sender({ message, config: JSON.parse(channel.config), secrets, deliveryId }))
  } catch (e) {
    if (!(e instanceof DeliveryError)) console.error(`[fanout] delivery ${deliveryId} failed unexpectedly:`, e)
    statusCode = e instanceof DeliveryError ? e.statusCode : null
    error = redactSecrets(e instanceof Error ? e.message : 'Sending failed.', secrets)
  }
  const now = new Date()
  const status = !error ? 'delivered' : final || number >= tries ? 'failed' : 'pending'
  await db.$transaction([
    db.deliveryAttempt.create({ data: { deliveryId, attempt: number, at: now, statusCode, error } }),
    db.delivery.update({
      where: { id: deliveryId },
      data: {
        status,
        attempts: number,
        lastStatusCode: statusCode,
        lastError: error,
        lockedUntil: null,
        ...(status === 'delivered' ? { deliveredAt: now } : {}),
        ...(status === 'pending' ? { nextAttemptAt: new Date(now.getTime() + (backoff[number] ?? 0)) } : {}),
      },
    }),
    ...(final
      ? []
      : [
          db.notifyChannel.update({
            where: { id: channel.id },
            data: error ? { lastError: error, lastErrorAt: now } : { lastSuccessAt: now },
          }),
        ]),
  ])
  return { status, attempts: number, statusCode, error }
}

/**
 * The delivery worker of one server process: sends due deliveries (claimed, so several
 * replicas share the work) until none is due, then waits for a poke or the next poll.
 */
export function startDeliveryWorker(options: { pollMs?: number; backoffMs?: number[] } = {}) {
  const pollMs = options.pollMs ?? 5_000
  const backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS
  let stopping = false
  let running: Promise<void> | null = null
  let again = false

  async function drain() {
    while (!stopping) {
      const claimed = await claimDue()
      if (!claimed.length) return
      await Promise.all(
        claimed.map((id) =>
          attempt(id, backoff).catch((e: unknown) =>
            console.error(`[fanout] delivery ${id}:`, e instanceof Error ? e.message : e),
          ),
        ),
      )
    }
  }

  function tick(): Promise<void> {
    if (stopping) return Promise.resolve()
    // A wake-up during a tick (a delivery queued meanwhile) drains once more right after it.
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        do {
          again = false
          await drain()
        } while (again && !stopping)
      } catch (e) {
        console.error('[fanout] delivery worker tick failed:', e instanceof Error ? e.message : e)
      } finally {
        running = null
      }
    })()
    return running
  }

  const timer = setInterval(() => void tick(), pollMs)
  timer.unref()
  workers.add(tick)
  void tick()
  return {
    /** Sends what is due now. */
    poke: () => tick(),
    /** Stops claiming; resolves once the sends in progress are recorded. */
    async stop() {
      stopping = true
      clearInterval(timer)
      workers.delete(tick)
      await running
    },
  }
}

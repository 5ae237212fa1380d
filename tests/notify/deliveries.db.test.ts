import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { channelRecord } from '@/lib/notify/channels/record'
import { queueDeliveries, startDeliveryWorker } from '@/lib/notify/deliveries'
import { testMessage } from '@/lib/notify/message'
import { createChannel } from '@/lib/notify/queries'
import { createChannelSchema } from '@/lib/notify/schema'
import { makeTenant } from '../support/factories'
import { startReceiver, waitFor } from './receiver'

// Deliveries are rows: retried with backoff from the database, claimed so that no two
// workers (or a restarted one) send the same message twice.

const tiny = { pollMs: 20, backoffMs: [0, 50, 50] }
const message = { ...testMessage({ name: 'Acme', slug: 'acme' }, 'ops'), kind: 'run' as const, runId: null }
const stops: (() => Promise<void>)[] = []
let tenantId: string
let n = 0

function worker(options: Parameters<typeof startDeliveryWorker>[0] = tiny) {
  const w = startDeliveryWorker(options)
  stops.push(w.stop)
  return w
}

async function channel(url: string, extra: Record<string, unknown> = {}, owner = tenantId) {
  const parsed = createChannelSchema.parse({ tenant: 't', name: `hook ${++n}`, kind: 'webhook', url, ...extra })
  const record = channelRecord(parsed)
  if (!record.ok) throw new Error(record.message)
  return createChannel({ tenantId: owner }, record.data)
}

const deliveryOf = (channelId: string) =>
  db.delivery.findFirstOrThrow({ where: { channelId }, include: { log: { orderBy: { attempt: 'asc' } } } })

const settled = (channelId: string) =>
  waitFor(async () => {
    const d = await deliveryOf(channelId)
    return d.status !== 'pending' && d
  })

beforeAll(async () => {
  tenantId = (await makeTenant()).id
})

afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()))
})

describe(`deliveries (${process.env.FANOUT_TEST_DB})`, () => {
  it('retries a failing receiver with backoff and delivers on the third try, recording each attempt', async () => {
    const receiver = await startReceiver((_, i) => (i < 2 ? { status: 500, body: { error: 'busy' } } : {}))
    try {
      const hook = await channel(receiver.url())
      worker()
      expect(await queueDeliveries(tenantId, null, [hook.id], message)).toBe(1)
      const delivery = await settled(hook.id)
      expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null })
      expect(delivery.deliveredAt).not.toBeNull()
      expect(delivery.log.map((a) => [a.attempt, a.statusCode, a.error])).toEqual([
        [1, 500, `${new URL(receiver.url()).host} answered HTTP 500: {"error":"busy"}`],
        [2, 500, `${new URL(receiver.url()).host} answered HTTP 500: {"error":"busy"}`],
        [3, 200, null],
      ])
      expect(delivery.log[1].at.getTime() - delivery.log[0].at.getTime()).toBeGreaterThanOrEqual(50)
      expect(receiver.requests).toHaveLength(3)
      const stored = await db.notifyChannel.findUniqueOrThrow({ where: { id: hook.id } })
      expect(stored.lastSuccessAt).not.toBeNull()
      expect(stored.lastError).toContain('answered HTTP 500')
    } finally {
      await receiver.stop()
    }
  })

  it('gives up after the last try and marks the delivery failed', async () => {
    const receiver = await startReceiver(() => ({ status: 503 }))
    try {
      const hook = await channel(receiver.url())
      worker()
      await queueDeliveries(tenantId, null, [hook.id], message)
      const delivery = await settled(hook.id)
      expect(delivery).toMatchObject({ status: 'failed', attempts: 3, lastStatusCode: 503, deliveredAt: null })
      expect(receiver.requests).toHaveLength(3)
    } finally {
      await receiver.stop()
    }
  })

  it('still delivers after a restart between tries, without sending twice', async () => {
    const receiver = await startReceiver((_, i) => (i === 0 ? { status: 500 } : {}))
    try {
      const hook = await channel(receiver.url())
      const first = worker({ pollMs: 20, backoffMs: [0, 400, 50] })
      await queueDeliveries(tenantId, null, [hook.id], message)
      await waitFor(async () => (await deliveryOf(hook.id)).attempts === 1)
      await first.stop()
      expect(await deliveryOf(hook.id)).toMatchObject({ status: 'pending', attempts: 1 })
      worker()
      expect(await settled(hook.id)).toMatchObject({ status: 'delivered', attempts: 2 })
      expect(receiver.requests).toHaveLength(2)
    } finally {
      await receiver.stop()
    }
  })

  it('never sends a delivery twice when two workers run at once', async () => {
    const receiver = await startReceiver()
    try {
      const hooks = await Promise.all(Array.from({ length: 12 }, () => channel(receiver.url())))
      worker()
      worker()
      await queueDeliveries(
        tenantId,
        null,
        hooks.map((h) => h.id),
        message,
      )
      await Promise.all(hooks.map((h) => settled(h.id)))
      const ids = receiver.requests.map((r) => r.headers['x-fanout-delivery'])
      expect(ids).toHaveLength(12)
      expect(new Set(ids).size).toBe(12)
      expect(
        await db.deliveryAttempt.count({ where: { delivery: { channelId: { in: hooks.map((h) => h.id) } } } }),
      ).toBe(12)
    } finally {
      await receiver.stop()
    }
  })

  it("ignores another tenant's channel and disabled channels among the ids", async () => {
    const receiver = await startReceiver()
    try {
      const mine = await channel(receiver.url())
      const off = await channel(receiver.url(), { enabled: false })
      const other = await channel(receiver.url(), {}, (await makeTenant()).id)
      expect(await queueDeliveries(tenantId, null, [mine.id, off.id, other.id, 'nope'], message)).toBe(1)
      expect(await db.delivery.count({ where: { channelId: { in: [off.id, other.id] } } })).toBe(0)
      worker()
      await settled(mine.id)
      expect(receiver.requests).toHaveLength(1)
    } finally {
      await receiver.stop()
    }
  })

  it('records a failing channel’s last error without its secrets, even when the receiver echoes them', async () => {
    // The receiver answers with the URL it was called on (token in the path and query).
    const receiver = await startReceiver((request) => ({ status: 401, body: { url: request.url.href } }))
    try {
      const token = 'tok3n-in-the-path-0123456789'
      const key = 'query-key-abcdef'
      const hook = await channel(receiver.url(`/hooks/${token}?key=${key}`), { signingSecret: 'sign-secret-42' })
      worker({ pollMs: 20, backoffMs: [0] })
      await queueDeliveries(tenantId, null, [hook.id], message)
      const delivery = await settled(hook.id)
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 401 })
      const stored = await db.notifyChannel.findUniqueOrThrow({ where: { id: hook.id } })
      expect(stored.lastErrorAt).not.toBeNull()
      expect(stored.lastError).toContain('answered HTTP 401')
      for (const text of [stored.lastError, delivery.lastError, delivery.log[0].error, stored.config]) {
        for (const secret of [token, key, 'sign-secret-42']) expect(text).not.toContain(secret)
      }
      expect(stored.secret).not.toContain(token)
    } finally {
      await receiver.stop()
    }
  })
})

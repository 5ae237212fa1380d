import { createHmac } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { plainText } from '@/lib/notify/channels/format'
import { channelRecord } from '@/lib/notify/channels/record'
import { deliverNow } from '@/lib/notify/deliveries'
import type { RunMessage } from '@/lib/notify/message'
import { createChannel } from '@/lib/notify/queries'
import { createChannelSchema } from '@/lib/notify/schema'
import { makeTenant } from '../support/factories'
import { startReceiver } from './receiver'

// Each channel kind against a real receiver on loopback: the body a user's chat tool
// would get, and its signature recomputed here.

const LINK = 'http://fanout.test/acme/tasks/t1/runs/r1'
const base: RunMessage = {
  kind: 'run',
  tenant: 'Acme',
  title: 'nightly backup',
  status: 'failed',
  statusLabel: 'Failed',
  link: LINK,
  runId: 'r1',
  error: null,
  counts: [
    { status: 'succeeded', label: 'Succeeded', hosts: 2 },
    { status: 'failed', label: 'Failed', hosts: 1 },
  ],
  hosts: 3,
  failing: [
    {
      name: 'db-1',
      status: 'failed',
      statusLabel: 'Failed',
      exitCode: 3,
      error: null,
      lines: ['rsync: disk FULL <sda1>'],
    },
  ],
  moreFailing: 0,
  finishedAt: new Date().toISOString(),
  summary: '',
  text: '',
}
const message: RunMessage = { ...base, text: plainText(base) }

let scope: { tenantId: string }
let receiver: Awaited<ReturnType<typeof startReceiver>>
let answer: { status?: number; body?: unknown } = {}
let n = 0

async function channel(input: Record<string, unknown>) {
  const parsed = createChannelSchema.parse({ tenant: 't', name: `channel ${++n}`, ...input })
  const record = channelRecord(parsed)
  if (!record.ok) throw new Error(record.message)
  return createChannel(scope, record.data)
}

/** Sends message through a new channel; returns the outcome and what the receiver got. */
async function send(input: Record<string, unknown>, msg = message) {
  const { id } = await channel(input)
  const before = receiver.requests.length
  const outcome = await deliverNow(scope.tenantId, id, msg)
  return { outcome, request: receiver.requests[before], channelId: id }
}

beforeAll(async () => {
  scope = { tenantId: (await makeTenant()).id }
  receiver = await startReceiver(() => answer)
})

afterAll(() => receiver?.stop())

describe(`notification channels (${process.env.FANOUT_TEST_DB})`, () => {
  it('sends email through a real SMTP server, signing in', async () => {
    const mails: ParsedMail[] = []
    const logins: string[] = []
    const smtp = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        logins.push(`${auth.username}:${auth.password}`)
        if (auth.password === 'smtp-pass-123') callback(null, { user: auth.username })
        else callback(new Error('Invalid username or password'))
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => (mails.push(mail), callback()), callback)
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const port = (smtp.server.address() as AddressInfo).port
    try {
      const email = {
        kind: 'email',
        host: '127.0.0.1',
        port: String(port),
        tls: 'none',
        user: 'fanout',
        password: 'smtp-pass-123',
        from: 'Fanout <fanout@example.test>',
        to: 'ops@example.test, oncall@example.test',
      }
      const { outcome } = await send(email)
      expect(outcome).toMatchObject({ status: 'delivered', attempts: 1, statusCode: 250, error: null })
      expect(logins).toEqual(['fanout:smtp-pass-123'])
      const [mail] = mails
      expect(mail.subject).toBe('[Fanout] Failed: nightly backup')
      expect(mail.from?.text).toBe('"Fanout" <fanout@example.test>')
      expect([mail.to].flat().map((t) => t?.text)).toEqual(['ops@example.test, oncall@example.test'])
      expect(mail.text).toContain('Failed: nightly backup')
      expect(mail.text).toContain('3 hosts: 2 succeeded, 1 failed')
      expect(mail.text).toContain(`Run: ${LINK}`)
      expect(mail.text).toContain('- db-1: Failed, exit 3\n    rsync: disk FULL <sda1>')

      const wrong = await send({ ...email, password: 'not-the-password' })
      expect(wrong.outcome).toMatchObject({ status: 'failed', attempts: 1, statusCode: 535 })
      expect(wrong.outcome?.error).toMatch(/^SMTP 127\.0\.0\.1:\d+: Invalid login/)
      const stored = await db.notifyChannel.findUniqueOrThrow({ where: { id: wrong.channelId } })
      expect(stored.lastError).toBe(wrong.outcome?.error)
      expect(stored.lastError).not.toContain('not-the-password')
      expect(stored.secret).not.toContain('not-the-password')
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()))
    }
  })

  it('posts the message as JSON to a generic webhook, signed with HMAC-SHA256 of the raw body', async () => {
    answer = {}
    const { outcome, request } = await send({ kind: 'webhook', url: receiver.url('/fanout'), signingSecret: 'whsec-1' })
    expect(outcome).toMatchObject({ status: 'delivered', statusCode: 200 })
    expect(request.path).toBe('/fanout')
    expect(request.body).toMatchObject({ kind: 'run', title: 'nightly backup', status: 'failed', link: LINK })
    expect((request.body as RunMessage).failing[0]).toMatchObject({ name: 'db-1', lines: ['rsync: disk FULL <sda1>'] })
    const expected = createHmac('sha256', 'whsec-1').update(request.raw).digest('hex')
    expect(request.headers['x-fanout-signature']).toBe(`sha256=${expected}`)
    expect(Math.abs(Number(request.headers['x-fanout-timestamp']) - Date.now() / 1000)).toBeLessThan(10)
    const delivery = await db.delivery.findFirstOrThrow({
      where: { tenantId: scope.tenantId },
      orderBy: { createdAt: 'desc' },
    })
    expect(request.headers['x-fanout-delivery']).toBe(delivery.id)

    const unsigned = await send({ kind: 'webhook', url: receiver.url('/plain') })
    expect(unsigned.request.headers['x-fanout-signature']).toBeUndefined()
  })

  it('formats Slack blocks with an escaped text fallback', async () => {
    answer = { body: 'ok' }
    const { outcome, request } = await send({ kind: 'slack', url: receiver.url('/services/T0/B0/xyz') })
    expect(outcome?.status).toBe('delivered')
    const body = request.body as { text: string; blocks: { type: string; text: { type: string; text: string } }[] }
    expect(body.text).toContain('Failed: nightly backup')
    expect(body.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: `*<${LINK}|Failed: nightly backup>*\n3 hosts: 2 succeeded, 1 failed` },
    })
    expect(body.blocks[1].text.text).toBe('*db-1: Failed, exit 3*\n```rsync: disk FULL &lt;sda1&gt;```')
  })

  it('signs Feishu messages in the body with timestamp and sign, and fails on a non-zero code', async () => {
    answer = { body: { code: 0, msg: 'success', data: {} } }
    const { outcome, request } = await send({
      kind: 'feishu',
      url: receiver.url('/open-apis/bot/v2/hook/abc'),
      signingSecret: 'fs-secret',
    })
    expect(outcome?.status).toBe('delivered')
    const body = request.body as { timestamp: string; sign: string; msg_type: string; content: { text: string } }
    expect(body.msg_type).toBe('text')
    expect(body.content.text).toBe(message.text)
    expect(Math.abs(Number(body.timestamp) - Date.now() / 1000)).toBeLessThan(10)
    expect(body.sign).toBe(createHmac('sha256', `${body.timestamp}\nfs-secret`).update('').digest('base64'))

    answer = { body: { code: 19021, msg: 'sign match fail or timestamp is not within one hour', data: {} } }
    const refused = await send({
      kind: 'feishu',
      url: receiver.url('/open-apis/bot/v2/hook/abc'),
      signingSecret: 'wrong',
    })
    expect(refused.outcome).toMatchObject({ status: 'failed', statusCode: 200 })
    expect(refused.outcome?.error).toBe(
      `${new URL(receiver.url()).host} refused the message: code 19021: sign match fail or timestamp is not within one hour`,
    )
  })

  it('signs DingTalk messages in the query string and sends markdown', async () => {
    answer = { body: { errcode: 0, errmsg: 'ok' } }
    const url = receiver.url('/robot/send?access_token=dt-token')
    const { outcome, request } = await send({ kind: 'dingtalk', url, signingSecret: 'SECdt' })
    expect(outcome?.status).toBe('delivered')
    expect(request.url.searchParams.get('access_token')).toBe('dt-token')
    const timestamp = request.url.searchParams.get('timestamp')!
    expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(10_000)
    const sign = createHmac('sha256', 'SECdt').update(`${timestamp}\nSECdt`).digest('base64')
    expect(request.url.searchParams.get('sign')).toBe(sign)
    expect(request.url.search).toContain(`sign=${encodeURIComponent(sign)}`)
    const body = request.body as { msgtype: string; markdown: { title: string; text: string } }
    expect(body.msgtype).toBe('markdown')
    expect(body.markdown.title).toBe('Failed: nightly backup')
    expect(body.markdown.text).toContain(`[Open the run](${LINK})`)
    expect(body.markdown.text).toContain('- **db-1: Failed, exit 3**\n> rsync: disk FULL <sda1>')

    answer = { body: { errcode: 310000, errmsg: 'sign not match' } }
    const refused = await send({ kind: 'dingtalk', url, signingSecret: 'SECdt' })
    expect(refused.outcome?.error).toContain('refused the message: errcode 310000: sign not match')
  })

  it('sends WeCom markdown, cut to 4096 bytes', async () => {
    answer = { body: { errcode: 0, errmsg: 'ok' } }
    const long: RunMessage = {
      ...message,
      failing: Array.from({ length: 5 }, (_, i) => ({
        ...message.failing[0],
        name: `主机-${i}`,
        lines: ['磁盘已满'.repeat(50), '错误'.repeat(90), '失败'.repeat(90)],
      })),
    }
    const { outcome, request } = await send(
      { kind: 'wecom', url: receiver.url('/cgi-bin/webhook/send?key=wc-key') },
      long,
    )
    expect(outcome?.status).toBe('delivered')
    expect(request.url.searchParams.get('key')).toBe('wc-key')
    const body = request.body as { msgtype: string; markdown: { content: string } }
    expect(body.msgtype).toBe('markdown')
    expect(
      body.markdown.content.startsWith(
        `### Failed: nightly backup\n3 hosts: 2 succeeded, 1 failed\n\n[Open the run](${LINK})`,
      ),
    ).toBe(true)
    expect(Buffer.byteLength(body.markdown.content)).toBeLessThanOrEqual(4096)
    expect(body.markdown.content.endsWith('…')).toBe(true)
  })

  it('accepts only http(s) webhook URLs', () => {
    const result = createChannelSchema.safeParse({
      tenant: 't',
      name: 'x',
      kind: 'slack',
      url: 'ftp://example.test/hook',
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['url', 'Enter an http:// or https:// URL.'],
    ])
  })
})

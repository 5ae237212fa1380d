import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import type { EmailConfig } from './channels/types'
import type { ChannelKind } from './schema'

// Every function takes the scope first and keeps scope.tenantId in every where. No select
// here includes NotifyChannel.secret except getChannelSecret, which never reaches a page.

/** A webhook kind's config: where it posts (origin only) and whether it signs. */
export interface HookConfig {
  urlHint: string
  signed: boolean
}

export interface ChannelData {
  name: string
  kind: ChannelKind
  enabled: boolean
  config: EmailConfig | HookConfig
  secret: string | null
}

const RECENT_DELIVERIES = 5

/** The tenant's channels for pickers (a task's notification policy). */
export function listChannels(scope: Pick<Scope, 'tenantId'>) {
  return db.notifyChannel.findMany({
    where: { tenantId: scope.tenantId },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, kind: true, enabled: true },
  })
}

/** The channels as the settings page shows them, each with its latest deliveries. */
export async function listChannelDetails(scope: Pick<Scope, 'tenantId'>) {
  const channels = await db.notifyChannel.findMany({
    where: { tenantId: scope.tenantId },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      name: true,
      kind: true,
      enabled: true,
      config: true,
      lastError: true,
      lastErrorAt: true,
      lastSuccessAt: true,
    },
  })
  return Promise.all(
    channels.map(async ({ config, ...channel }) => ({
      ...channel,
      kind: channel.kind as ChannelKind,
      config: JSON.parse(config) as Partial<EmailConfig & HookConfig>,
      deliveries: await db.delivery.findMany({
        where: { tenantId: scope.tenantId, channelId: channel.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: RECENT_DELIVERIES,
        select: {
          id: true,
          runId: true,
          status: true,
          attempts: true,
          lastStatusCode: true,
          lastError: true,
          createdAt: true,
          deliveredAt: true,
          nextAttemptAt: true,
        },
      }),
    })),
  )
}

export type ChannelDetail = Awaited<ReturnType<typeof listChannelDetails>>[number]

export function findChannel(scope: Pick<Scope, 'tenantId'>, channelId: string) {
  return db.notifyChannel.findFirst({
    where: { id: channelId, tenantId: scope.tenantId },
    select: { id: true, name: true, kind: true, enabled: true },
  })
}

export function findChannelByName(scope: Pick<Scope, 'tenantId'>, name: string) {
  return db.notifyChannel.findFirst({ where: { tenantId: scope.tenantId, name }, select: { id: true } })
}

/** The stored secret envelope, for re-sealing on edit (server only; never rendered). */
export function getChannelSecret(scope: Pick<Scope, 'tenantId'>, channelId: string) {
  return db.notifyChannel.findFirst({
    where: { id: channelId, tenantId: scope.tenantId },
    select: { kind: true, secret: true },
  })
}

export function createChannel(scope: Pick<Scope, 'tenantId'>, data: ChannelData) {
  return db.notifyChannel.create({
    data: { ...data, config: JSON.stringify(data.config), tenantId: scope.tenantId },
    select: { id: true, name: true },
  })
}

export async function updateChannel(scope: Pick<Scope, 'tenantId'>, channelId: string, data: ChannelData) {
  const { count } = await db.notifyChannel.updateMany({
    where: { id: channelId, tenantId: scope.tenantId },
    data: { ...data, config: JSON.stringify(data.config) },
  })
  return count === 1
}

export async function setChannelEnabled(scope: Pick<Scope, 'tenantId'>, channelId: string, enabled: boolean) {
  const { count } = await db.notifyChannel.updateMany({
    where: { id: channelId, tenantId: scope.tenantId },
    data: { enabled },
  })
  return count === 1
}

/** Deletes the channel and its delivery history (cascade). */
export async function deleteChannel(scope: Pick<Scope, 'tenantId'>, channelId: string) {
  const { count } = await db.notifyChannel.deleteMany({ where: { id: channelId, tenantId: scope.tenantId } })
  return count === 1
}

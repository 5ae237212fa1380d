'use server'
import { revalidatePath } from 'next/cache'
import { returnValidationErrors } from 'next-safe-action'
import { tenantClient, UserError } from '@/lib/action'
import type { Scope } from '@/lib/auth/tenant-access'
import { channelRecord } from './channels/record'
import { openSecrets } from './channels/secrets'
import { deliverNow } from './deliveries'
import { testMessage } from './message'
import {
  type ChannelData,
  createChannel,
  deleteChannel,
  findChannel,
  findChannelByName,
  getChannelSecret,
  setChannelEnabled,
  updateChannel,
} from './queries'
import {
  type ChannelInput,
  channelIdSchema,
  createChannelSchema,
  setChannelEnabledSchema,
  updateChannelSchema,
} from './schema'

// A tenant's notification channels belong to its settings: tenant admins change them.
// Audit details name the channel and where it sends, never a secret.

const channelsPath = (slug: string) => `/${slug}/settings/channels`

async function channelOrThrow(scope: Scope, channelId: string) {
  const channel = await findChannel(scope, channelId)
  if (!channel) throw new UserError('Not found.')
  return channel
}

/** The form as stored; a missing secret or a taken name becomes a field error (the action ends there). */
async function recordOrFieldError(
  scope: Scope,
  input: ChannelInput,
  channelId: string | null,
  kept: string | null,
): Promise<ChannelData> {
  const taken = await findChannelByName(scope, input.name)
  if (taken && taken.id !== channelId)
    returnValidationErrors(createChannelSchema, { name: { _errors: ['A channel with this name exists.'] } } as never)
  const record = channelRecord(input, openSecrets(kept))
  if (!record.ok)
    returnValidationErrors(createChannelSchema, { [record.field]: { _errors: [record.message] } } as never)
  return record.data
}

function auditDetail(data: ChannelData) {
  return { kind: data.kind, enabled: data.enabled, config: data.config }
}

export const createChannelAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'channel.create' })
  .inputSchema(createChannelSchema)
  .action(async ({ parsedInput, ctx }) => {
    const data = await recordOrFieldError(ctx.scope, parsedInput, null, null)
    const channel = await createChannel(ctx.scope, data)
    ctx.audit.target({ type: 'channel', id: channel.id, label: data.name }, auditDetail(data))
    revalidatePath(channelsPath(parsedInput.tenant))
    return { id: channel.id }
  })

export const updateChannelAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'channel.update' })
  .inputSchema(updateChannelSchema)
  .action(async ({ parsedInput: { channelId, ...input }, ctx }) => {
    const stored = await getChannelSecret(ctx.scope, channelId)
    if (!stored) throw new UserError('Not found.')
    if (stored.kind !== input.kind) throw new UserError('A channel keeps its kind: add a new channel instead.')
    const data = await recordOrFieldError(ctx.scope, input, channelId, stored.secret)
    if (!(await updateChannel(ctx.scope, channelId, data))) throw new UserError('Not found.')
    ctx.audit.target({ type: 'channel', id: channelId, label: data.name }, auditDetail(data))
    revalidatePath(channelsPath(input.tenant))
    return { id: channelId }
  })

export const setChannelEnabledAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'channel.update' })
  .inputSchema(setChannelEnabledSchema)
  .action(async ({ parsedInput: { tenant, channelId, enabled }, ctx }) => {
    const channel = await channelOrThrow(ctx.scope, channelId)
    await setChannelEnabled(ctx.scope, channelId, enabled)
    ctx.audit.target({ type: 'channel', id: channelId, label: channel.name }, { enabled })
    revalidatePath(channelsPath(tenant))
    return { id: channelId, enabled }
  })

export const deleteChannelAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'channel.delete' })
  .inputSchema(channelIdSchema)
  .action(async ({ parsedInput: { tenant, channelId }, ctx }) => {
    const channel = await channelOrThrow(ctx.scope, channelId)
    await deleteChannel(ctx.scope, channelId)
    ctx.audit.target({ type: 'channel', id: channelId, label: channel.name }, { kind: channel.kind })
    revalidatePath(channelsPath(tenant))
    return { id: channelId }
  })

/** Sends a test message now, recorded as a delivery; the outcome is the answer. */
export const testChannelAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'channel.test' })
  .inputSchema(channelIdSchema)
  .action(async ({ parsedInput: { tenant, channelId }, ctx }) => {
    const channel = await channelOrThrow(ctx.scope, channelId)
    const outcome = await deliverNow(ctx.scope.tenantId, channelId, testMessage(ctx.tenant, channel.name))
    if (!outcome) throw new UserError('Not found.')
    ctx.audit.target(
      { type: 'channel', id: channelId, label: channel.name },
      { delivered: outcome.status === 'delivered', statusCode: outcome.statusCode },
    )
    revalidatePath(channelsPath(tenant))
    return outcome
  })

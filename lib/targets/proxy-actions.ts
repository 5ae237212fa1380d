'use server'
import { returnValidationErrors } from 'next-safe-action'
import { revalidatePath } from 'next/cache'
import { tenantClient, UserError } from '@/lib/action'
import { checkEndpoints, trustPresentedHostKey, checkEndpoint } from './check'
import {
  createProxy,
  deleteProxy,
  findProxyByName,
  getProxy,
  getProxyCredential,
  isValidVia,
  proxyUsage,
  updateProxy,
} from './proxy-queries'
import { sealForm } from './seal-form'
import { idSchema, idsSchema, type ProxyInput, proxySchema, updateProxySchema } from './schema'

type Ctx = { scope: Parameters<typeof getProxy>[0] }

async function prepare(ctx: Ctx, input: ProxyInput, id?: string) {
  const schema = id ? updateProxySchema : proxySchema
  const same = await findProxyByName(ctx.scope, input.name)
  if (same && same.id !== id) returnValidationErrors(schema, { name: { _errors: ['Another proxy has this name.'] } })
  if (input.viaProxyId && !(await isValidVia(ctx.scope, input.viaProxyId, id))) {
    returnValidationErrors(schema, {
      viaProxyId: { _errors: ['That proxy would make a loop (or a chain over 8 hops).'] },
    })
  }
  return sealForm(schema, input, id ? await getProxyCredential(ctx.scope, id) : null)
}

export const createProxyAction = tenantClient
  .metadata({ permission: 'targets.write', audit: 'proxy.create' })
  .inputSchema(proxySchema)
  .action(async ({ parsedInput, ctx }) => {
    const { data, credential } = await prepare(ctx, parsedInput)
    const proxy = await createProxy(ctx.scope, data, credential)
    ctx.audit.target(
      { type: 'proxy', id: proxy.id, label: proxy.name },
      { host: data.host, port: data.port, credential: credential.credentialType },
    )
    revalidatePath(`/${ctx.tenant.slug}/proxies`)
    return { id: proxy.id }
  })

export const updateProxyAction = tenantClient
  .metadata({ permission: 'targets.write', audit: 'proxy.update' })
  .inputSchema(updateProxySchema)
  .action(async ({ parsedInput: { id, ...input }, ctx }) => {
    if (!(await getProxy(ctx.scope, id))) throw new UserError('Not found.')
    const { data, credential } = await prepare(ctx, input, id)
    await updateProxy(ctx.scope, id, data, credential)
    ctx.audit.target(
      { type: 'proxy', id, label: data.name },
      { host: data.host, port: data.port, credential: credential.credentialType },
    )
    revalidatePath(`/${ctx.tenant.slug}/proxies`)
    return { id }
  })

export const deleteProxyAction = tenantClient
  .metadata({ permission: 'targets.write', audit: 'proxy.delete' })
  .inputSchema(idSchema)
  .action(async ({ parsedInput, ctx }) => {
    const proxy = await getProxy(ctx.scope, parsedInput.id)
    if (!proxy) throw new UserError('Not found.')
    const usage = await proxyUsage(ctx.scope, proxy.id)
    const users = [...usage.targets.map((t) => `target ${t}`), ...usage.proxies.map((p) => `proxy ${p}`)]
    if (users.length) throw new UserError(`${proxy.name} is still used by ${users.join(', ')}. Move them off it first.`)
    await deleteProxy(ctx.scope, proxy.id)
    ctx.audit.target({ type: 'proxy', id: proxy.id, label: proxy.name })
    revalidatePath(`/${ctx.tenant.slug}/proxies`)
    return { id: proxy.id }
  })

export const checkProxiesAction = tenantClient
  .metadata({ permission: 'targets.check' })
  .inputSchema(idsSchema)
  .action(async ({ parsedInput, ctx }) => {
    const results = await checkEndpoints(ctx.scope, 'proxy', parsedInput.ids)
    if (!results.length) throw new UserError('Not found.')
    revalidatePath(`/${ctx.tenant.slug}/proxies`)
    return results.map((r) => ({ id: r.id, status: r.status, message: r.message }))
  })

export const trustProxyHostKeyAction = tenantClient
  .metadata({ permission: 'targets.write', audit: 'proxy.host_key_trusted' })
  .inputSchema(idSchema)
  .action(async ({ parsedInput, ctx }) => {
    if (!(await getProxy(ctx.scope, parsedInput.id))) throw new UserError('Not found.')
    const trusted = await trustPresentedHostKey(ctx.scope, 'proxy', parsedInput.id)
    if (!trusted) throw new UserError('There is no new host key to trust. Test the connection first.')
    ctx.audit.target(
      { type: 'proxy', id: parsedInput.id, label: trusted.name },
      { previous: trusted.previous, trusted: trusted.trusted },
    )
    const result = await checkEndpoint(ctx.scope, 'proxy', parsedInput.id)
    revalidatePath(`/${ctx.tenant.slug}/proxies`)
    return { status: result?.status }
  })

'use server'
import { revalidatePath } from 'next/cache'
import { tenantClient, UserError } from '@/lib/action'
import { createApiToken, revokeApiToken } from '@/lib/api/tokens'
import { createTokenSchema, revokeTokenSchema } from '@/lib/api/v1/token-fields'

// API tokens belong to the tenant's settings: tenant admins create and revoke them.

const tokensPath = (slug: string) => `/${slug}/settings/tokens`

export const createApiTokenAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'token.create' })
  .inputSchema(createTokenSchema)
  .action(async ({ parsedInput: { tenant, ...input }, ctx }) => {
    const { token, secret } = await createApiToken(ctx.scope, input)
    ctx.audit.target(
      { type: 'api_token', id: token.id, label: token.name },
      { prefix: token.prefix, scopes: token.scopes, expiresAt: token.expiresAt?.toISOString() ?? null },
    )
    revalidatePath(tokensPath(tenant))
    // The only time the secret leaves the server.
    return { name: token.name, secret }
  })

export const revokeApiTokenAction = tenantClient
  .metadata({ permission: 'settings.manage', audit: 'token.revoke' })
  .inputSchema(revokeTokenSchema)
  .action(async ({ parsedInput: { tenant, tokenId }, ctx }) => {
    const token = await revokeApiToken(ctx.scope, tokenId)
    if (!token) throw new UserError('Not found.')
    ctx.audit.target({ type: 'api_token', id: token.id, label: token.name }, { prefix: token.prefix })
    revalidatePath(tokensPath(tenant))
    return { id: token.id }
  })

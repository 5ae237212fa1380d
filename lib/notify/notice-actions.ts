'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { tenantClient, UserError, withTenant } from '@/lib/action'
import { markAllNoticesRead, markNoticeRead } from './notices'

// Reading one's own notices changes nothing anyone else sees: no audit entry.

const noticesPath = (slug: string) => `/${slug}/notices`

export const markNoticeReadAction = tenantClient
  .metadata({ permission: 'notices.read' })
  .inputSchema(withTenant({ id: z.string().min(1) }))
  .action(async ({ parsedInput: { tenant, id }, ctx }) => {
    if (!(await markNoticeRead(ctx.scope, id))) throw new UserError('Not found.')
    revalidatePath(noticesPath(tenant))
    return { id }
  })

export const markAllNoticesReadAction = tenantClient
  .metadata({ permission: 'notices.read' })
  .inputSchema(withTenant({}))
  .action(async ({ parsedInput: { tenant }, ctx }) => {
    const count = await markAllNoticesRead(ctx.scope)
    revalidatePath(noticesPath(tenant))
    return { count }
  })

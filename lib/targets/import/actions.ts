'use server'
import { revalidatePath } from 'next/cache'
import { tenantClient, UserError } from '@/lib/action'
import { detectFormat } from './detect'
import { parseImport } from './parse'
import { commitImport, ImportRefused } from './commit'
import { planImport } from './plan'
import { type ImportInput, importSchema } from './schema'
import type { ImportPreview } from './types'

type Ctx = { scope: Parameters<typeof planImport>[0] }

/** Parses and plans on the server every time: the commit never trusts a plan the browser sends. */
async function plan(ctx: Ctx, input: ImportInput) {
  const format = input.format === 'auto' ? detectFormat(input.text) : input.format
  return planImport(ctx.scope, format, parseImport(format, input.text), input)
}

export const previewImportAction = tenantClient
  .metadata({ permission: 'targets.write' })
  .inputSchema(importSchema)
  .action(async ({ parsedInput, ctx }): Promise<ImportPreview> => {
    const { format, rows, errors, counts } = await plan(ctx, parsedInput)
    return {
      format,
      counts,
      errors,
      rows: rows.map((r) => ({
        line: r.line,
        action: r.action,
        name: r.name,
        host: r.host,
        port: r.port,
        username: r.username,
        labels: r.labels,
        proxy: r.proxy?.name ?? null,
      })),
    }
  })

export const commitImportAction = tenantClient
  .metadata({ permission: 'targets.write', audit: 'target.import' })
  .inputSchema(importSchema)
  .action(async ({ parsedInput, ctx }) => {
    const importPlan = await plan(ctx, parsedInput)
    try {
      const result = await commitImport(ctx.scope, importPlan)
      ctx.audit.target(
        { type: 'target', label: `import (${importPlan.format})` },
        { ...result, existing: parsedInput.existing },
      )
      revalidatePath(`/${ctx.tenant.slug}/targets`)
      return result
    } catch (error) {
      if (error instanceof ImportRefused) throw new UserError(error.message)
      throw error
    }
  })

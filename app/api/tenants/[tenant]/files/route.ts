import { headers } from 'next/headers'
import { apiError, tenantRouteAccess } from '@/lib/api/route-access'
import { recordAudit } from '@/lib/audit/record'
import { storeFile } from '@/lib/files/store'
import { maxStoredFileBytes } from '@/lib/files/size'
import { clientIp } from '@/lib/request-ip'
import { UserError } from '@/lib/user-error'

export const dynamic = 'force-dynamic'

const tooLarge = () => apiError(413, `The file is larger than ${maxStoredFileBytes / 1024 / 1024} MiB.`)

/**
 * Uploads one file for a task's file step (multipart field `file`), up to 50 MiB: server
 * actions stop at 1 MB. Answers 201 with { id, name, size, sha256 }.
 */
export async function POST(request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const checked = await tenantRouteAccess((await params).tenant, 'tasks.write')
  if (!checked.ok) return checked.response
  const { access } = checked
  const length = Number(request.headers.get('content-length') ?? 0)
  // The multipart envelope adds a little; anything far past the cap is refused unread, and
  // a body without a length (chunked) is read only that far.
  const cap = maxStoredFileBytes + 64 * 1024
  if (length > cap) return tooLarge()
  const body = await readAtMost(request, cap)
  if (!body) return tooLarge()
  let form: FormData
  try {
    form = await new Response(body, {
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    }).formData()
  } catch {
    return apiError(400, 'Send the file as multipart/form-data in the field "file".')
  }
  const file = form.get('file')
  if (!(file instanceof File)) return apiError(400, 'Send the file as multipart/form-data in the field "file".')
  if (file.size > maxStoredFileBytes) return tooLarge()
  try {
    const stored = await storeFile(access.scope, { name: file.name, data: Buffer.from(await file.arrayBuffer()) })
    await recordAudit({
      action: 'file.upload',
      actor: { type: 'user', id: access.userId, label: access.userEmail },
      tenantId: access.tenant.id,
      target: { type: 'file', id: stored.id, label: stored.name },
      detail: { size: stored.size, sha256: stored.sha256 },
      ip: clientIp(await headers()),
    })
    return Response.json(stored, { status: 201 })
  } catch (error) {
    if (error instanceof UserError) return apiError(400, error.message)
    throw error
  }
}

/** The body's bytes, or null once it passes `cap` (reading stops there). */
async function readAtMost(request: Request, cap: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = request.body?.getReader()
  for (let next = await reader?.read(); next && !next.done; next = await reader!.read()) {
    size += next.value.length
    if (size > cap) {
      await reader!.cancel()
      return null
    }
    chunks.push(next.value)
  }
  return Buffer.concat(chunks)
}

import 'server-only'
import { createHash } from 'node:crypto'
import { UserError } from '@/lib/user-error'
import type { Scope } from '@/lib/auth/tenant-access'
import { db } from '@/lib/db'
import { fileNameProblem } from './name'
import { maxStoredFileBytes } from './size'

// Files a tenant uploads for file steps, kept in the database: every replica reads them
// without a shared disk. A run's snapshot names a file by id with its sha256.

export interface StoredFileInfo {
  id: string
  name: string
  size: number
  sha256: string
}

const info = { id: true, name: true, size: true, sha256: true } as const

export async function storeFile(
  scope: Pick<Scope, 'tenantId'>,
  file: { name: string; data: Buffer },
): Promise<StoredFileInfo> {
  const problem = fileNameProblem(file.name)
  if (problem) throw new UserError(problem)
  if (file.data.length > maxStoredFileBytes) {
    const mib = (file.data.length / 1024 / 1024).toFixed(1)
    throw new UserError(`${file.name} is ${mib} MiB; a stored file may be at most 50 MiB.`)
  }
  return db.storedFile.create({
    data: {
      tenantId: scope.tenantId,
      name: file.name,
      size: file.data.length,
      sha256: createHash('sha256').update(file.data).digest('hex'),
      data: new Uint8Array(file.data),
    },
    select: info,
  })
}

/** The file with its bytes, or null when this tenant has no such file. */
export async function readStoredFile(
  scope: Pick<Scope, 'tenantId'>,
  id: string,
): Promise<(StoredFileInfo & { data: Buffer }) | null> {
  const row = await db.storedFile.findFirst({
    where: { id, tenantId: scope.tenantId },
    select: { ...info, data: true },
  })
  if (!row) return null
  // A view of the bytes the driver returned, not a copy: a file may be 50 MiB.
  return { ...row, data: Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength) }
}

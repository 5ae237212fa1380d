import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import { posix } from 'node:path'
import type { Readable } from 'node:stream'
import { maxFileNameBytes } from '@/lib/files/name'
import { formatBytes } from '@/lib/files/size'
import { readStoredFile } from '@/lib/files/store'
import { SftpError, type SftpSession, type SshConnection, SshError } from '@/lib/ssh'
import type { FileStep } from './snapshot'

// A file step on one target, over SFTP. Each file is written under a temp name beside its
// destination, given its mode, flushed, then renamed over the destination, so the
// destination is always either the old file or the complete new one, never a partial one.

export interface UploadFile {
  name: string
  /** One buffer shared by every target of a step, or a stream (read once, for one target). */
  data: Buffer | Readable
  /** Permission bits, e.g. 0o640. */
  mode: number
  /** Hex sha256 the bytes must have; checked while sending, before the rename. */
  sha256: string
}

export interface UploadOptions {
  files: UploadFile[]
  /** Absolute, or relative to the login user's home directory. */
  remoteDir: string
  /** The random part of the temp names (.<name>.fanout-<suffix>); random when absent. */
  tempSuffix?: string
  /** Receives one line per file uploaded (the target-run's stdout). */
  onStdout?: (chunk: Buffer) => void
}

export interface FileStepOutcome {
  status: 'succeeded' | 'failed' | 'cancelled'
  error: string | null
}

/** A failure whose message is for the user as it is. */
class UploadFailure extends Error {}

/**
 * Uploads the files one after the other into remoteDir. The first failure ends the step on
 * this target (files already renamed into place stay). Aborting stops before the next
 * chunk or file; the temp file being written is removed.
 */
export async function uploadFilesToTarget(
  conn: SshConnection,
  options: UploadOptions,
  signal?: AbortSignal,
): Promise<FileStepOutcome> {
  let sftp: SftpSession
  try {
    sftp = await conn.sftp()
  } catch (error) {
    if (error instanceof SshError) return { status: 'failed', error: error.message }
    throw error
  }
  const suffix = options.tempSuffix ?? randomBytes(6).toString('hex')
  try {
    const dir = await resolveDirectory(sftp, options.remoteDir)
    for (const file of options.files) {
      if (signal?.aborted) return { status: 'cancelled', error: null }
      const { path, size } = await uploadFile(sftp, dir, file, suffix, signal)
      const mode = file.mode.toString(8).padStart(4, '0')
      options.onStdout?.(Buffer.from(`uploaded ${file.name} (${formatBytes(size)}) to ${path}, mode ${mode}\n`))
    }
    return { status: 'succeeded', error: null }
  } catch (error) {
    if (signal?.aborted) return { status: 'cancelled', error: null }
    if (error instanceof UploadFailure || error instanceof SshError) return { status: 'failed', error: error.message }
    throw error
  } finally {
    sftp.end()
  }
}

async function resolveDirectory(sftp: SftpSession, dir: string): Promise<string> {
  const shown = dir.startsWith('/') ? dir : `${dir} (in the home directory)`
  try {
    const absolute = await sftp.realpath(dir)
    if (!(await sftp.stat(absolute)).isDirectory()) throw new UploadFailure(`${shown} on the target is not a directory`)
    return absolute
  } catch (error) {
    if (!(error instanceof SftpError)) throw error
    if (error.kind === 'no_such_file') throw new UploadFailure(`No such directory ${shown} on the target`)
    if (error.kind === 'permission_denied') throw new UploadFailure(`Permission denied opening ${shown} on the target`)
    throw new UploadFailure(`Cannot open the directory ${shown} on the target: ${error.message}`)
  }
}

async function uploadFile(sftp: SftpSession, dir: string, file: UploadFile, suffix: string, signal?: AbortSignal) {
  const path = posix.join(dir, file.name)
  const temp = posix.join(dir, tempName(file.name, suffix))
  let handle: Buffer
  try {
    handle = await sftp.createExclusive(temp, 0o600)
  } catch (error) {
    throw explain(error, 'writing', path)
  }
  let open = true
  try {
    const hash = createHash('sha256')
    const size = await sftp.writeAll(handle, hashed(file.data, hash), signal)
    const digest = hash.digest('hex')
    if (digest !== file.sha256) throw new UploadFailure(changed(file.name, digest, file.sha256))
    // The mode is set exactly (no umask), and before the rename: the file never appears
    // under its final name with other permissions.
    await sftp.fchmod(handle, file.mode)
    await sftp.fsync(handle)
    open = false
    await sftp.close(handle)
    try {
      await sftp.replace(temp, path)
    } catch (error) {
      throw explain(error, 'replacing', path)
    }
    return { path, size }
  } catch (error) {
    if (open) await sftp.close(handle).catch(() => {})
    await sftp.unlink(temp).catch(() => {})
    throw explain(error, 'writing', path)
  }
}

function explain(error: unknown, doing: 'writing' | 'replacing', path: string): unknown {
  if (!(error instanceof SftpError)) return error
  if (error.kind === 'permission_denied') return new UploadFailure(`Permission denied ${doing} ${path}`)
  if (error.kind === 'no_such_file') return new UploadFailure(`No such directory ${posix.dirname(path)} on the target`)
  return new UploadFailure(`${doing === 'writing' ? 'Writing' : 'Replacing'} ${path} failed: ${error.message}`)
}

/** .<name>.fanout-<suffix>, the name cut short so the whole stays within NAME_MAX. */
function tempName(name: string, suffix: string): string {
  const budget = maxFileNameBytes - Buffer.byteLength(`..fanout-${suffix}`)
  let kept = ''
  for (const char of name) {
    if (Buffer.byteLength(kept + char) > budget) break
    kept += char
  }
  return `.${kept}.fanout-${suffix}`
}

const HASH_SLICE_BYTES = 1024 * 1024

/** The data in slices, hashed as they are handed on: a 50 MiB buffer never blocks at once. */
async function* hashed(data: Buffer | Readable, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(data)) {
    for (let at = 0; at < data.length; at += HASH_SLICE_BYTES) {
      const slice = data.subarray(at, at + HASH_SLICE_BYTES)
      hash.update(slice)
      yield slice
    }
    return
  }
  for await (const chunk of data) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
    hash.update(buffer)
    yield buffer
  }
}

/**
 * A file step's files, read from the database once for all its targets and checked
 * against the snapshot; or why the step cannot run (a file was deleted or changed).
 */
export async function loadFileStep(
  scope: { tenantId: string },
  step: FileStep,
): Promise<{ files: UploadFile[] } | { error: string }> {
  const mode = parseInt(step.mode, 8)
  const files: UploadFile[] = []
  for (const ref of step.files) {
    const stored = await readStoredFile(scope, ref.fileId)
    if (!stored) return { error: `${ref.name} no longer exists: it was deleted after the run was queued` }
    const digest = createHash('sha256').update(stored.data).digest('hex')
    if (digest !== ref.sha256) return { error: changed(ref.name, digest, ref.sha256) }
    files.push({ name: ref.name, data: stored.data, mode, sha256: ref.sha256 })
  }
  return { files }
}

function changed(name: string, digest: string, expected: string) {
  return (
    `${name} is not the file the run was queued with (sha256 ${digest.slice(0, 12)}…, expected ` +
    `${expected.slice(0, 12)}…): it was changed after the run was queued`
  )
}

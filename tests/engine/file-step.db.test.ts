import { createHash, randomBytes } from 'node:crypto'
import { chmodSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { db } from '@/lib/db'
import { executeRun } from '@/lib/engine/execute-run'
import { uploadFilesToTarget } from '@/lib/engine/file-step'
import { readTargetRunOutput } from '@/lib/engine/output'
import { Semaphore } from '@/lib/engine/semaphore'
import type { FileStep } from '@/lib/engine/snapshot'
import { type StoredFileInfo, storeFile } from '@/lib/files/store'
import { connect, type SshConnection } from '@/lib/ssh'
import { endpointFor } from '../ssh/helpers'
import { addAuthorizedKey, ensureTestUser, generateKeyPair, type SshHost, startSshd } from '../support/sshd'
import { type EngineScope, engineTarget, engineTenant, limits, queueRun, scriptStep } from '../support/engine-fixtures'

let host: SshHost
// Both hosts log in as the same test user, so they share its home; on this one the SFTP
// server starts in an empty directory instead, so a home-relative directory is missing.
let elsewhere: SshHost
let owner: { uid: number; gid: number; home: string }
const made: string[] = []

beforeAll(async () => {
  host = await startSshd()
  elsewhere = await startSshd()
  const { home } = await ensureTestUser()
  owner = { uid: statSync(home).uid, gid: statSync(home).gid, home }
  const config = path.join(elsewhere.dir, 'sshd_config')
  const start = userDir()
  writeFileSync(config, readFileSync(config, 'utf8').replace(/^Subsystem sftp .*$/m, `$& -d ${start}`))
  await elsewhere.restart()
})
afterAll(async () => {
  await Promise.all([host?.stop(), elsewhere?.stop()])
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
})

/** An empty directory the SSH login user owns. */
function userDir(parent = tmpdir()) {
  const dir = mkdtempSync(path.join(parent, 'fanout-files-'))
  chownSync(dir, owner.uid, owner.gid)
  made.push(dir)
  return dir
}

function fileStep(files: StoredFileInfo[], remoteDir: string, overrides: Partial<FileStep> = {}): FileStep {
  return {
    kind: 'file',
    name: 'upload',
    files: files.map((f) => ({ fileId: f.id, name: f.name, size: f.size, sha256: f.sha256 })),
    remoteDir,
    mode: '0640',
    continueOnFailure: false,
    hosts: 'all',
    ...overrides,
  }
}

const run = async (runId: string) => (await executeRun(runId, { sshSlots: new Semaphore(10) })).status
const targetRuns = async (runId: string) =>
  db.targetRun.findMany({ where: { runId }, orderBy: [{ stepIndex: 'asc' }, { targetName: 'asc' }] })
const stdoutOf = async (scope: EngineScope, targetRunId: string) =>
  (await readTargetRunOutput(scope, targetRunId))?.stdout
const modeOf = (file: string) => statSync(file).mode & 0o7777

describe(`file steps (${process.env.FANOUT_TEST_DB})`, () => {
  it('puts each file on the target with its content and mode, owned by the login user', async () => {
    const scope = await engineTenant(host)
    const dir = userDir()
    const binary = randomBytes(3 * 1024 * 1024 + 17)
    const bin = await storeFile(scope, { name: 'app.bin', data: binary })
    const conf = await storeFile(scope, { name: 'app.conf', data: Buffer.from('port=8080\n') })
    const queued = await queueRun(scope, {
      steps: [fileStep([bin, conf], dir)],
      targets: [await engineTarget(scope, host, 'web-1')],
      limits: limits(),
    })

    expect(await run(queued.id)).toBe('succeeded')
    expect(readFileSync(`${dir}/app.bin`).equals(binary)).toBe(true)
    expect(readFileSync(`${dir}/app.conf`, 'utf8')).toBe('port=8080\n')
    for (const name of ['app.bin', 'app.conf']) {
      expect(modeOf(`${dir}/${name}`)).toBe(0o640)
      expect(statSync(`${dir}/${name}`).uid).toBe(owner.uid)
    }
    expect(readdirSync(dir).sort()).toEqual(['app.bin', 'app.conf'])
    const [targetRun] = await targetRuns(queued.id)
    expect(targetRun).toMatchObject({ status: 'succeeded', error: null, exitCode: null })
    expect(await stdoutOf(scope, targetRun.id)).toBe(
      `uploaded app.bin (3.1 MB) to ${dir}/app.bin, mode 0640\nuploaded app.conf (10 B) to ${dir}/app.conf, mode 0640\n`,
    )
  })

  it('replaces an existing file in one step: readers see the old or the new file, never a part', async () => {
    const scope = await engineTenant(host)
    const dir = userDir()
    const target = `${dir}/data.bin`
    const old = Buffer.alloc(4 * 1024 * 1024, 'a')
    writeFileSync(target, old, { mode: 0o600 })
    chownSync(target, owner.uid, owner.gid)
    const oldInode = statSync(target).ino
    const fresh = randomBytes(8 * 1024 * 1024)
    const stored = await storeFile(scope, { name: 'data.bin', data: fresh })
    const queued = await queueRun(scope, {
      steps: [fileStep([stored], dir, { mode: '0644' })],
      targets: [await engineTarget(scope, host, 'db-1')],
      limits: limits(),
    })

    const seen = new Set<string>()
    let watching = true
    const watcher = (async () => {
      while (watching) {
        const content = await readFile(target).catch(() => null)
        seen.add(!content ? 'missing' : content.equals(old) ? 'old' : content.equals(fresh) ? 'new' : 'partial')
      }
    })()
    expect(await run(queued.id)).toBe('succeeded')
    watching = false
    await watcher

    expect([...seen].filter((s) => s !== 'old' && s !== 'new')).toEqual([])
    expect(readFileSync(target).equals(fresh)).toBe(true)
    // A new file renamed over the old one, not the old one rewritten in place.
    expect(statSync(target).ino).not.toBe(oldInode)
    expect(modeOf(target)).toBe(0o644)
    expect(readdirSync(dir)).toEqual(['data.bin'])
  })

  it('fails only the target where the directory is missing; a relative directory is in the home', async () => {
    const scope = await engineTenant(host, elsewhere)
    const relative = path.basename(userDir(owner.home))
    const notes = await storeFile(scope, { name: 'notes.txt', data: Buffer.from('hello\n') })
    const queued = await queueRun(scope, {
      steps: [fileStep([notes], relative)],
      targets: [await engineTarget(scope, host, 'has-dir'), await engineTarget(scope, elsewhere, 'lacks-dir')],
      limits: limits(),
    })

    expect(await run(queued.id)).toBe('failed')
    const [has, lacks] = await targetRuns(queued.id)
    expect(has).toMatchObject({ targetName: 'has-dir', status: 'succeeded' })
    const destination = `${owner.home}/${relative}/notes.txt`
    expect(await stdoutOf(scope, has.id)).toBe(`uploaded notes.txt (6 B) to ${destination}, mode 0640\n`)
    expect(readFileSync(destination, 'utf8')).toBe('hello\n')
    expect(lacks).toMatchObject({
      targetName: 'lacks-dir',
      status: 'failed',
      error: `No such directory ${relative} (in the home directory) on the target`,
    })
  })

  it('says so when the login user may not write the directory', async () => {
    const scope = await engineTenant(host)
    const dir = mkdtempSync(path.join(tmpdir(), 'fanout-root-'))
    made.push(dir)
    chmodSync(dir, 0o755)
    const stored = await storeFile(scope, { name: 'x.conf', data: Buffer.from('x') })
    const queued = await queueRun(scope, {
      steps: [fileStep([stored], dir)],
      targets: [await engineTarget(scope, host, 'locked')],
      limits: limits(),
    })
    expect(await run(queued.id)).toBe('failed')
    expect((await targetRuns(queued.id))[0]).toMatchObject({
      status: 'failed',
      error: `Permission denied writing ${dir}/x.conf`,
    })
    expect(readdirSync(dir)).toEqual([])
  })

  it('runs a script after the file step that uses the uploaded file, on every target', async () => {
    const scope = await engineTenant(host)
    const dir = userDir()
    const tool = await storeFile(scope, {
      name: 'hello.sh',
      data: Buffer.from('#!/bin/sh\necho "hello from $(basename "$0") on $1"\n'),
    })
    const queued = await queueRun(scope, {
      steps: [fileStep([tool], dir, { mode: '0755' }), scriptStep(`"${dir}/hello.sh" "$FANOUT_TARGET_NAME"\n`)],
      targets: [await engineTarget(scope, host, 'web-1'), await engineTarget(scope, host, 'web-2')],
      limits: limits(),
    })

    expect(await run(queued.id)).toBe('succeeded')
    expect(modeOf(`${dir}/hello.sh`)).toBe(0o755)
    const rows = await targetRuns(queued.id)
    expect(rows.map((r) => [r.stepIndex, r.targetName, r.status])).toEqual([
      [0, 'web-1', 'succeeded'],
      [0, 'web-2', 'succeeded'],
      [1, 'web-1', 'succeeded'],
      [1, 'web-2', 'succeeded'],
    ])
    expect(await stdoutOf(scope, rows[3].id)).toBe('hello from hello.sh on web-2\n')
    expect(readdirSync(dir)).toEqual(['hello.sh'])
  })

  it('goes on to the next step after a failed file step only when the step says so', async () => {
    const scope = await engineTenant(host)
    const missing = `/tmp/fanout-missing-${randomBytes(6).toString('hex')}`
    const stored = await storeFile(scope, { name: 'a.txt', data: Buffer.from('a') })
    const targets = [await engineTarget(scope, host, 'one')]
    const steps = (continueOnFailure: boolean) => [
      fileStep([stored], missing, { continueOnFailure }),
      scriptStep('echo after\n'),
    ]

    const goesOn = await queueRun(scope, { steps: steps(true), targets, limits: limits() })
    expect(await run(goesOn.id)).toBe('failed')
    const [upload, after] = await targetRuns(goesOn.id)
    expect(upload).toMatchObject({ status: 'failed', error: `No such directory ${missing} on the target` })
    expect(after.status).toBe('succeeded')
    expect(await stdoutOf(scope, after.id)).toBe('after\n')

    const stops = await queueRun(scope, { steps: steps(false), targets, limits: limits() })
    expect(await run(stops.id)).toBe('failed')
    expect((await targetRuns(stops.id)).map((r) => r.status)).toEqual(['failed', 'skipped'])
  })

  it('fails the step without touching a target when a file changed or vanished after queueing', async () => {
    const scope = await engineTenant(host)
    const dir = userDir()
    const conf = await storeFile(scope, { name: 'app.conf', data: Buffer.from('v1\n') })
    const targets = [await engineTarget(scope, host, 'one'), await engineTarget(scope, host, 'two')]
    const changed = await queueRun(scope, { steps: [fileStep([conf], dir)], targets, limits: limits() })
    await db.storedFile.update({ where: { id: conf.id }, data: { data: new Uint8Array(Buffer.from('v2 evil\n')) } })

    expect(await run(changed.id)).toBe('failed')
    for (const row of await targetRuns(changed.id)) {
      expect(row).toMatchObject({ status: 'failed', startedAt: null })
      expect(row.error).toMatch(/^app\.conf is not the file the run was queued with \(sha256 [0-9a-f]{12}…, expected /)
      expect(row.error).toMatch(/it was changed after the run was queued$/)
    }

    const gone = await storeFile(scope, { name: 'gone.txt', data: Buffer.from('x') })
    const vanished = await queueRun(scope, { steps: [fileStep([gone], dir)], targets, limits: limits() })
    await db.storedFile.delete({ where: { id: gone.id } })
    expect(await run(vanished.id)).toBe('failed')
    expect((await targetRuns(vanished.id)).map((r) => r.error)).toEqual([
      'gone.txt no longer exists: it was deleted after the run was queued',
      'gone.txt no longer exists: it was deleted after the run was queued',
    ])
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('uploading to one connected target', () => {
  let conn: SshConnection
  beforeAll(async () => {
    const key = generateKeyPair()
    addAuthorizedKey(host, key.publicKey)
    conn = await connect({ target: endpointFor(host, { type: 'key', privateKey: key.privateKey }) })
  })
  afterAll(async () => {
    await conn?.close()
  })

  const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

  it('stops on cancel in the middle of a file: the temp file is removed, the next file never sent', async () => {
    const dir = userDir()
    const controller = new AbortController()
    const tempSeen: string[][] = []
    async function* slowly() {
      yield Buffer.alloc(1024 * 1024, 1)
      // Give the first writes time to land, look at the directory, then cancel.
      await new Promise((resolve) => setTimeout(resolve, 200))
      tempSeen.push(readdirSync(dir))
      controller.abort()
      yield Buffer.alloc(1024 * 1024, 2)
    }
    const second = Buffer.from('second\n')
    const outcome = await uploadFilesToTarget(
      conn,
      {
        files: [
          { name: 'big.bin', data: Readable.from(slowly()), mode: 0o600, sha256: 'unused' },
          { name: 'second.txt', data: second, mode: 0o600, sha256: sha256(second) },
        ],
        remoteDir: dir,
        tempSuffix: 'c4nc3l',
      },
      controller.signal,
    )
    expect(outcome).toEqual({ status: 'cancelled', error: null })
    expect(tempSeen).toEqual([['.big.bin.fanout-c4nc3l']])
    expect(readdirSync(dir)).toEqual([])
    // The session is closed, the connection still usable.
    expect((await conn.exec('true')).code).toBe(0)
  })

  it('fails with the reason, not hanging, when the connection drops during an upload', async () => {
    const key = generateKeyPair()
    const doomed = await startSshd({ authorizedKeys: [key.publicKey] })
    const dropped = await connect({ target: endpointFor(doomed, { type: 'key', privateKey: key.privateKey }) })
    async function* untilTheHostDies() {
      yield Buffer.alloc(256 * 1024, 1)
      await doomed.stop()
      yield Buffer.alloc(256 * 1024, 2)
    }
    const outcome = await uploadFilesToTarget(dropped, {
      files: [{ name: 'lost.bin', data: Readable.from(untilTheHostDies()), mode: 0o600, sha256: 'unused' }],
      remoteDir: userDir(),
    })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatch(/^Target .*: the connection was lost during a file transfer/)
    await dropped.close()
  })

  it('checks what it streams against the sha256 before the file takes its name', async () => {
    const dir = userDir()
    const lines: string[] = []
    const outcome = await uploadFilesToTarget(conn, {
      files: [
        {
          name: 'release.tar',
          data: Readable.from([Buffer.from('what was '), Buffer.from('sent')]),
          mode: 0o644,
          sha256: sha256(Buffer.from('what was queued')),
        },
      ],
      remoteDir: dir,
      onStdout: (chunk) => lines.push(chunk.toString()),
    })
    expect(outcome.status).toBe('failed')
    expect(outcome.error).toMatch(/^release\.tar is not the file the run was queued with/)
    expect(lines).toEqual([])
    expect(readdirSync(dir)).toEqual([])
  })
})

import { describe, expect, it } from 'vitest'
import { decryptSecret, isSecretEnvelope } from '@/lib/crypto/envelope'
import { db } from '@/lib/db'
import { contentSha256 } from '@/lib/scripts/content'
import { parameterListSchema, type ParameterInputDraft } from '@/lib/scripts/parameters'
import {
  deleteScript,
  findScript,
  findScriptVersion,
  listScriptCreators,
  listScripts,
  listScriptVersions,
} from '@/lib/scripts/queries'
import { createScript, restoreScriptVersion, type ScriptFields, updateScript } from '@/lib/scripts/save'
import { scriptTable } from '@/lib/scripts/table'
import { makeMember, makeTenant } from '../support/factories'

const firstPage = scriptTable.cache.parse({})
const SECRET = 'pa55-w0rd-never-shown'

function fields(
  over: Partial<Omit<ScriptFields, 'parameters'>> & { parameters?: ParameterInputDraft[] } = {},
): ScriptFields {
  const { parameters = [], ...rest } = over
  return {
    name: 'Deploy',
    language: 'bash',
    description: '',
    content: 'echo deploy\n',
    message: '',
    ...rest,
    parameters: parameterListSchema.parse(parameters),
  }
}

async function created(scope: Parameters<typeof createScript>[0], over: Parameters<typeof fields>[0] = {}) {
  const result = await createScript(scope, fields(over))
  if (!result.ok) throw new Error(`create failed: ${result.reason}`)
  return result
}

describe(`scripts are scoped to their tenant (${process.env.FANOUT_TEST_DB})`, () => {
  it('lists, searches, filters and sorts only the scope tenant’s scripts', async () => {
    const [a, b] = [await makeTenant('A'), await makeTenant('B')]
    const ada = await makeMember(a.id, 'admin')
    const bob = await makeMember(a.id, 'admin')
    const other = await makeMember(b.id, 'admin')
    await created(ada.scope, { name: 'Backup database', language: 'bash' })
    await created(bob.scope, { name: 'Rotate logs', language: 'python3' })
    await created(ada.scope, { name: 'backup files', language: 'sh' })
    await created(other.scope, { name: 'Backup elsewhere' })

    const all = await listScripts(ada.scope, firstPage)
    expect(all.total).toBe(3)
    // Names are compared as a set: how upper and lower case sort is the database's collation.
    expect(all.rows.map((r) => r.name).sort()).toEqual(['Backup database', 'Rotate logs', 'backup files'].sort())

    const search = await listScripts(ada.scope, { ...firstPage, q: 'BACKUP' })
    expect(search.rows.map((r) => r.name).sort()).toEqual(['Backup database', 'backup files'])

    const python = await listScripts(ada.scope, { ...firstPage, language: 'python3' })
    expect(python.rows.map((r) => r.name)).toEqual(['Rotate logs'])

    const byBob = await listScripts(ada.scope, { ...firstPage, creator: bob.user.id })
    expect(byBob.rows.map((r) => r.createdBy?.name)).toEqual([bob.user.name])
    expect(await listScripts(ada.scope, { ...firstPage, creator: other.user.id })).toEqual({ rows: [], total: 0 })

    const byLanguage = await listScripts(ada.scope, { ...firstPage, sort: 'language', dir: 'desc' })
    expect(byLanguage.rows.map((r) => r.language)).toEqual(['sh', 'python3', 'bash'])
    const paged = await listScripts(ada.scope, { ...firstPage, perPage: 2, page: 2 })
    expect(paged).toMatchObject({ total: 3, rows: [{ name: all.rows[2].name }] })

    expect((await listScriptCreators(ada.scope)).map((u) => u.id).sort()).toEqual([ada.user.id, bob.user.id].sort())
  })

  it("answers not found for another tenant's script id in every read and write", async () => {
    const [a, b] = [await makeTenant('A'), await makeTenant('B')]
    const adminA = await makeMember(a.id, 'admin')
    const adminB = await makeMember(b.id, 'admin')
    const theirs = await created(adminB.scope, { content: 'echo theirs\n' })

    expect(await findScript(adminA.scope, theirs.scriptId)).toBeNull()
    expect(await findScriptVersion(adminA.scope, theirs.scriptId, 1)).toBeNull()
    expect(await listScriptVersions(adminA.scope, theirs.scriptId)).toEqual([])
    expect(await updateScript(adminA.scope, theirs.scriptId, 1, fields({ content: 'echo pwned\n' }))).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(await restoreScriptVersion(adminA.scope, theirs.scriptId, 1, 1, '')).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect(await deleteScript(adminA.scope, theirs.scriptId)).toEqual({ ok: false, reason: 'not_found' })

    const still = await findScript(adminB.scope, theirs.scriptId)
    expect(still?.current.content).toBe('echo theirs\n')
    expect(still?.latestVersion).toBe(1)
  })

  it('keeps names unique per tenant, not across tenants', async () => {
    const [a, b] = [await makeTenant('A'), await makeTenant('B')]
    const adminA = await makeMember(a.id, 'admin')
    const adminB = await makeMember(b.id, 'admin')
    await created(adminA.scope, { name: 'Same' })
    expect(await createScript(adminA.scope, fields({ name: 'Same' }))).toEqual({ ok: false, reason: 'name_taken' })
    await created(adminB.scope, { name: 'Same' })
    const other = await created(adminA.scope, { name: 'Other' })
    expect(await updateScript(adminA.scope, other.scriptId, 1, fields({ name: 'Same' }))).toEqual({
      ok: false,
      reason: 'name_taken',
    })
  })
})

describe(`script versions (${process.env.FANOUT_TEST_DB})`, () => {
  it('numbers versions, and makes one only when content or parameters change', async () => {
    const tenant = await makeTenant()
    const { scope } = await makeMember(tenant.id, 'admin')
    const script = await created(scope, { content: 'echo one\n', message: 'first' })
    expect(script).toMatchObject({ version: 1, versionCreated: true, sha256: contentSha256('echo one\n') })

    const renamed = await updateScript(
      scope,
      script.scriptId,
      1,
      fields({ name: 'Renamed', description: 'Now described', language: 'sh', content: 'echo one\n' }),
    )
    expect(renamed).toMatchObject({ ok: true, version: 1, versionCreated: false })

    const edited = await updateScript(
      scope,
      script.scriptId,
      1,
      fields({ name: 'Renamed', content: 'echo two\n', message: 'second' }),
    )
    expect(edited).toMatchObject({ ok: true, version: 2, versionCreated: true, sha256: contentSha256('echo two\n') })

    const withParam = await updateScript(
      scope,
      script.scriptId,
      2,
      fields({ name: 'Renamed', content: 'echo two\n', parameters: [{ name: 'N', type: 'number', default: '3' }] }),
    )
    expect(withParam).toMatchObject({ ok: true, version: 3, versionCreated: true })

    const versions = await listScriptVersions(scope, script.scriptId)
    expect(versions.map((v) => [v.version, v.message, v.author?.id])).toEqual([
      [3, null, scope.userId],
      [2, 'second', scope.userId],
      [1, 'first', scope.userId],
    ])
    const detail = await findScript(scope, script.scriptId)
    expect(detail).toMatchObject({ name: 'Renamed', latestVersion: 3, current: { version: 3, content: 'echo two\n' } })
    expect((await findScriptVersion(scope, script.scriptId, 1))?.content).toBe('echo one\n')
  })

  it('refuses a save made on top of an older version than the latest', async () => {
    const tenant = await makeTenant()
    const { scope } = await makeMember(tenant.id, 'admin')
    const script = await created(scope)
    await updateScript(scope, script.scriptId, 1, fields({ content: 'echo mine\n' }))
    expect(await updateScript(scope, script.scriptId, 1, fields({ content: 'echo stale\n' }))).toEqual({
      ok: false,
      reason: 'conflict',
      latestVersion: 2,
    })
    // Even a rename on a stale base would undo nothing, but it is refused the same way.
    expect(
      await updateScript(scope, script.scriptId, 1, fields({ name: 'New name', content: 'echo mine\n' })),
    ).toMatchObject({ reason: 'conflict' })
  })

  it('lets only one of two racing saves through: the other is a name clash or a conflict, never a lost update', async () => {
    const tenant = await makeTenant()
    const { scope } = await makeMember(tenant.id, 'admin')
    const creates = await Promise.all([
      createScript(scope, fields({ name: 'Racy' })),
      createScript(scope, fields({ name: 'Racy' })),
    ])
    expect(creates.filter((r) => r.ok)).toHaveLength(1)
    expect(creates.find((r) => !r.ok)).toEqual({ ok: false, reason: 'name_taken' })

    const id = (creates.find((r) => r.ok) as { scriptId: string }).scriptId
    const saves = await Promise.all(
      ['echo a\n', 'echo b\n', 'echo c\n'].map((content) =>
        updateScript(scope, id, 1, fields({ name: 'Racy', content })),
      ),
    )
    expect(saves.filter((r) => r.ok)).toHaveLength(1)
    for (const r of saves.filter((r) => !r.ok))
      expect(r).toMatchObject({ ok: false, reason: 'conflict', latestVersion: 2 })
    expect(await db.scriptVersion.count({ where: { scriptId: id } })).toBe(2)
  })

  it('restores an old version as a new one, and refuses a restore that changes nothing', async () => {
    const tenant = await makeTenant()
    const { scope } = await makeMember(tenant.id, 'admin')
    const script = await created(scope, {
      content: 'echo v1\n',
      parameters: [{ name: 'TOKEN', type: 'secret', default: SECRET }],
    })
    await updateScript(scope, script.scriptId, 1, fields({ content: 'echo v2\n' }))
    const restored = await restoreScriptVersion(scope, script.scriptId, 1, 2, '')
    expect(restored).toMatchObject({ ok: true, version: 3, versionCreated: true, sha256: contentSha256('echo v1\n') })
    const v1 = await db.scriptVersion.findFirstOrThrow({ where: { scriptId: script.scriptId, version: 1 } })
    const v3 = await db.scriptVersion.findFirstOrThrow({ where: { scriptId: script.scriptId, version: 3 } })
    expect(v3).toMatchObject({
      content: v1.content,
      sha256: v1.sha256,
      parameters: v1.parameters,
      message: 'Restored version 1',
    })
    expect(await restoreScriptVersion(scope, script.scriptId, 1, 3, '')).toMatchObject({
      ok: true,
      versionCreated: false,
    })
  })

  it('deletes a script with its versions', async () => {
    const tenant = await makeTenant()
    const { scope } = await makeMember(tenant.id, 'admin')
    const script = await created(scope)
    expect(await deleteScript(scope, script.scriptId)).toEqual({ ok: true, name: 'Deploy' })
    expect(await db.scriptVersion.count({ where: { scriptId: script.scriptId } })).toBe(0)
    expect(await deleteScript(scope, script.scriptId)).toEqual({ ok: false, reason: 'not_found' })
  })
})

describe(`secret parameter defaults (${process.env.FANOUT_TEST_DB})`, () => {
  it('are encrypted at rest, kept on later saves, and never returned by the page reads', async () => {
    const tenant = await makeTenant()
    const { scope } = await makeMember(tenant.id, 'admin')
    const script = await created(scope, {
      parameters: [{ name: 'TOKEN', type: 'secret', default: SECRET, description: 'API token' }],
    })

    const raw = await db.scriptVersion.findFirstOrThrow({ where: { scriptId: script.scriptId } })
    expect(raw.parameters).not.toContain(SECRET)
    const envelope = JSON.parse(raw.parameters)[0].default as string
    expect(isSecretEnvelope(envelope)).toBe(true)
    expect(decryptSecret(envelope)).toBe(SECRET)

    // The form sends "keep" (it never had the value): same envelope, so no new version.
    const kept = await updateScript(
      scope,
      script.scriptId,
      1,
      fields({
        parameters: [
          { name: 'TOKEN', type: 'secret', description: 'API token', keepStoredDefault: true, originalName: 'TOKEN' },
        ],
      }),
    )
    expect(kept).toMatchObject({ ok: true, versionCreated: false, version: 1 })

    const renamed = await updateScript(
      scope,
      script.scriptId,
      1,
      fields({
        parameters: [
          {
            name: 'API_TOKEN',
            type: 'secret',
            description: 'API token',
            keepStoredDefault: true,
            originalName: 'TOKEN',
          },
        ],
      }),
    )
    expect(renamed).toMatchObject({ ok: true, versionCreated: true, version: 2 })
    const v2 = await db.scriptVersion.findFirstOrThrow({ where: { scriptId: script.scriptId, version: 2 } })
    expect(JSON.parse(v2.parameters)[0]).toMatchObject({ name: 'API_TOKEN', default: envelope })

    const detail = await findScript(scope, script.scriptId)
    const reads = [
      detail,
      await findScriptVersion(scope, script.scriptId, 1),
      await findScriptVersion(scope, script.scriptId, 2),
      await listScriptVersions(scope, script.scriptId),
      await listScripts(scope, firstPage),
    ]
    for (const read of reads) {
      const text = JSON.stringify(read)
      expect(text).not.toContain(SECRET)
      expect(text).not.toContain(envelope)
    }
    expect(detail?.current.parameters).toEqual([
      {
        name: 'API_TOKEN',
        type: 'secret',
        description: 'API token',
        required: false,
        default: null,
        options: [],
        secretIsSet: true,
      },
    ])
  })
})

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { UserError } from '@/lib/action'
import { db } from '@/lib/db'
import { readStoredFile, storeFile } from '@/lib/files/store'
import { makeTenant } from '../support/factories'

const scopeOf = async () => ({ tenantId: (await makeTenant()).id })

describe(`stored files (${process.env.FANOUT_TEST_DB})`, () => {
  it('keeps the bytes with their size and sha256, for the tenant that stored them only', async () => {
    const [mine, theirs] = [await scopeOf(), await scopeOf()]
    const data = Buffer.from([0, 1, 2, 255, 254, 10, 13])
    const stored = await storeFile(mine, { name: 'blob.bin', data })
    expect(stored).toEqual({
      id: expect.any(String),
      name: 'blob.bin',
      size: 7,
      sha256: createHash('sha256').update(data).digest('hex'),
    })
    const read = await readStoredFile(mine, stored.id)
    expect(read?.data.equals(data)).toBe(true)
    expect(read).toMatchObject({ name: 'blob.bin', size: 7, sha256: stored.sha256 })
    expect(await readStoredFile(theirs, stored.id)).toBeNull()
    expect(await readStoredFile(mine, 'no-such-id')).toBeNull()
  })

  it('refuses names that are not one plain file name, saying why', async () => {
    const scope = await scopeOf()
    const refused: [string, RegExp][] = [
      ['', /empty/],
      ['etc/passwd', /contains a “\/”/],
      ['/abs', /contains a “\/”/],
      ['..', /not a file name/],
      ['.', /not a file name/],
      ['two\nlines', /control character/],
      ['nul\u0000byte', /control character/],
      ['gpj\u202eexe.jpg', /control character/],
      ['..\\..\\windows', /contains a “\\”/],
      ['x'.repeat(256), /256 bytes long; at most 255/],
      ['é'.repeat(128), /256 bytes long; at most 255/],
    ]
    for (const [name, why] of refused) {
      const attempt = storeFile(scope, { name, data: Buffer.from('x') })
      await expect(attempt, JSON.stringify(name)).rejects.toThrow(UserError)
      await expect(attempt, JSON.stringify(name)).rejects.toThrow(why)
    }
    for (const name of ['app.tar.gz', '..hidden', '.env', 'x'.repeat(255), 'ünïcødé file.txt']) {
      expect((await storeFile(scope, { name, data: Buffer.from('x') })).name).toBe(name)
    }
    expect(await db.storedFile.count({ where: { tenantId: scope.tenantId } })).toBe(5)
  })

  it('stores up to 50 MiB per file and refuses more', async () => {
    const scope = await scopeOf()
    const limit = 50 * 1024 * 1024
    await expect(storeFile(scope, { name: 'big.iso', data: Buffer.alloc(limit + 1) })).rejects.toThrow(
      'big.iso is 50.0 MiB; a stored file may be at most 50 MiB.',
    )
    const stored = await storeFile(scope, { name: 'max.iso', data: Buffer.alloc(limit, 7) })
    expect(stored.size).toBe(limit)
    expect((await readStoredFile(scope, stored.id))?.data.length).toBe(limit)
  })
})

import { describe, expect, it } from 'vitest'
import { fileStepSchema } from '@/lib/engine/snapshot'

describe('the file step in a snapshot', () => {
  const valid = {
    kind: 'file',
    name: 'deploy',
    files: [{ fileId: 'f1', name: 'app.tar.gz', size: 3, sha256: 'a'.repeat(64) }],
    remoteDir: '/opt/app',
    mode: '0640',
  }

  it('accepts plain names, octal modes and absolute or home-relative directories', () => {
    expect(fileStepSchema.parse(valid).continueOnFailure).toBe(false)
    for (const mode of ['640', '0640', '4755', '0755'])
      expect(fileStepSchema.safeParse({ ...valid, mode }).success).toBe(true)
    expect(fileStepSchema.safeParse({ ...valid, remoteDir: 'releases/current' }).success).toBe(true)
  })

  it('refuses names that leave the directory, bad modes, ~ and two files of one name', () => {
    const file = valid.files[0]
    const refused = [
      { ...valid, files: [{ ...file, name: '../etc/passwd' }] },
      { ...valid, files: [{ ...file, name: '..' }] },
      { ...valid, files: [] },
      { ...valid, files: [file, { ...file, fileId: 'f2' }] },
      { ...valid, mode: '0999' },
      { ...valid, mode: 'rw-r--r--' },
      { ...valid, remoteDir: '~/app' },
      { ...valid, remoteDir: '' },
    ]
    for (const step of refused) expect(fileStepSchema.safeParse(step).success, JSON.stringify(step)).toBe(false)
  })
})

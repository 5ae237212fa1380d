// `npm run rotate-secrets`: the last step of a master key rotation (README "Operations").
// With the new key in FANOUT_MASTER_KEY (or ./data/master.key) and the old ones in
// FANOUT_PREVIOUS_MASTER_KEYS, re-encrypts with the new key every stored secret an old key
// encrypted, in the database at DATABASE_URL. Safe while servers run and safe to repeat.
// Prints counts and row ids only, never a value.
import { loadConfig } from '../lib/config.ts'
import { secretBox } from '../lib/crypto/envelope.ts'
import { previousMasterKeys } from '../lib/crypto/master-key.ts'
import { rotateSecrets } from '../lib/crypto/rotation.ts'
import { db } from '../lib/db/index.ts'

// A bad or missing key stops here with the message naming the variable.
function openBox() {
  try {
    loadConfig()
    return secretBox()
  } catch (error) {
    console.error((error as Error).message)
    process.exit(2)
  }
}

const box = openBox()
if (previousMasterKeys().length === 0) {
  console.log('FANOUT_PREVIOUS_MASTER_KEYS is not set: there is no old key to re-encrypt from.')
}

const reports = await rotateSecrets(box)
await db.$disconnect()
const width = Math.max(...reports.map((r) => r.name.length))
for (const r of reports) {
  console.log(
    `${r.name.padEnd(width)}  ${r.rotated} re-encrypted, ${r.current} already current, ${r.undecryptable} undecryptable`,
  )
  if (r.undecryptable)
    console.log(`${' '.repeat(width)}  undecryptable, e.g. in rows: ${r.undecryptableRowIds.join(', ')}`)
  if (r.changedMeanwhile) console.log(`${' '.repeat(width)}  ${r.changedMeanwhile} rows changed meanwhile: run again`)
}
const undecryptable = reports.reduce((sum, r) => sum + r.undecryptable, 0)
if (undecryptable) {
  console.log(
    `${undecryptable} secrets are under a key that is neither the master key nor one of ` +
      'FANOUT_PREVIOUS_MASTER_KEYS, or were altered: they were left as they are.',
  )
}
// Not done: some secret is not under the current key yet, so no old key may be dropped.
process.exitCode = undecryptable || reports.some((r) => r.changedMeanwhile) ? 1 : 0

import 'server-only'
import { db, type Db } from '@/lib/db'
import { isSecretEnvelope, type SecretBox } from './envelope'

// Re-encrypts stored secrets after a master key change (README "Operations"): every
// envelope made with a key the box holds besides its current one gets sealed again with
// the current key. Everything else in a value stays byte for byte as it was.

/**
 * Every column holding envelopes: whole values, or inside JSON text (secret parameter
 * values of task steps, secret defaults of script versions, secret values in run snapshots).
 * A new column with secrets belongs here, or a rotation leaves it under the old key.
 */
export const secretColumns = [
  { model: 'tenant', column: 'platformPrivateKey', hasUpdatedAt: true },
  { model: 'target', column: 'credentialSecret', hasUpdatedAt: true },
  { model: 'proxy', column: 'credentialSecret', hasUpdatedAt: true },
  { model: 'notifyChannel', column: 'secret', hasUpdatedAt: true },
  { model: 'taskWebhook', column: 'secret', hasUpdatedAt: false },
  { model: 'taskStep', column: 'parameters', hasUpdatedAt: false },
  { model: 'scriptVersion', column: 'parameters', hasUpdatedAt: false },
  { model: 'run', column: 'snapshot', hasUpdatedAt: false },
] as const satisfies readonly { model: keyof Db; column: string; hasUpdatedAt: boolean }[]

// An envelope's characters (base64url and ':') never need escaping in JSON, so inside JSON
// text one stands as is, delimited by characters it cannot contain.
const ENVELOPE = /(?<![\w:-])v1:[\w-]+:[\w-]+:[\w-]+(?![\w:-])/g

/** What a rotation found in one column. Counts envelopes, except changedMeanwhile (rows). */
export interface ColumnReport {
  /** Table.column, e.g. Target.credentialSecret */
  name: string
  /** Re-encrypted with the current key. */
  rotated: number
  /** Already under the current key. */
  current: number
  /** Under a key the box does not hold, or altered: left as they are. */
  undecryptable: number
  /** Rows written by someone else while this rotation read them, left for another run. */
  changedMeanwhile: number
  /** The first few rows with an undecryptable envelope. */
  undecryptableRowIds: string[]
}

const MAX_ROW_IDS = 10

// The delegates' types differ per model; these are the two calls used, the same on each.
interface Delegate {
  findMany(args: object): Promise<({ id: string } & Record<string, unknown>)[]>
  updateMany(args: object): Promise<{ count: number }>
}

/**
 * Rotates every column in batches of rows. Safe while servers run (a row is rewritten
 * only if it still holds what was read) and to repeat: a second run finds nothing to do.
 */
export async function rotateSecrets(box: SecretBox, { batchSize = 200 } = {}): Promise<ColumnReport[]> {
  const reports: ColumnReport[] = []
  for (const spec of secretColumns) reports.push(await rotateColumn(box, spec, batchSize))
  return reports
}

async function rotateColumn(box: SecretBox, spec: (typeof secretColumns)[number], batchSize: number) {
  const { model, column, hasUpdatedAt } = spec
  const table = model[0].toUpperCase() + model.slice(1)
  const report: ColumnReport = {
    name: `${table}.${column}`,
    rotated: 0,
    current: 0,
    undecryptable: 0,
    changedMeanwhile: 0,
    undecryptableRowIds: [],
  }
  const delegate = db[model] as unknown as Delegate
  for (let after = ''; ;) {
    const rows = await delegate.findMany({
      where: { id: { gt: after }, [column]: { contains: 'v1:' } },
      orderBy: { id: 'asc' },
      take: batchSize,
      select: { id: true, [column]: true, ...(hasUpdatedAt ? { updatedAt: true } : {}) },
    })
    for (const row of rows) {
      const before = row[column] as string
      const tally = { rotated: 0, current: 0, undecryptable: 0 }
      const resealed = reseal(box, before, tally)
      if (tally.rotated > 0) {
        // Keeps updatedAt: the row's content did not change, only how it is sealed.
        const { count } = await delegate.updateMany({
          where: { id: row.id, [column]: before },
          data: { [column]: resealed, ...(hasUpdatedAt ? { updatedAt: row.updatedAt } : {}) },
        })
        if (count === 0) {
          report.changedMeanwhile++
          continue
        }
      }
      report.rotated += tally.rotated
      report.current += tally.current
      report.undecryptable += tally.undecryptable
      if (tally.undecryptable > 0 && report.undecryptableRowIds.length < MAX_ROW_IDS) {
        report.undecryptableRowIds.push(row.id)
      }
    }
    if (rows.length < batchSize) return report
    after = rows[rows.length - 1].id
  }
}

/** text with each envelope of an old key the box holds sealed again under its current key. */
function reseal(box: SecretBox, text: string, tally: { rotated: number; current: number; undecryptable: number }) {
  return text.replace(ENVELOPE, (found) => {
    if (!isSecretEnvelope(found)) return found
    if (!box.needsRotation(found)) {
      tally.current++
      return found
    }
    let plaintext: string
    try {
      plaintext = box.decrypt(found)
    } catch {
      tally.undecryptable++
      return found
    }
    tally.rotated++
    return box.encrypt(plaintext)
  })
}

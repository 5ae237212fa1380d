import { existsSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type PgCluster, startPostgres } from './postgres'

describe('startPostgres', () => {
  let cluster: PgCluster

  beforeAll(async () => {
    cluster = await startPostgres()
  })

  afterAll(async () => {
    await cluster?.destroy()
  })

  it('serves PostgreSQL 15 on loopback to the superuser fanout', async () => {
    expect(cluster.url).toBe(`postgresql://fanout@127.0.0.1:${cluster.port}/postgres`)
    const [row] = await query(cluster.url, 'SELECT version(), current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super')
    expect(row).toMatchObject({ current_user: 'fanout', super: true })
    expect(row.version).toMatch(/^PostgreSQL 15\./)
  })

  it('createDatabase gives a fresh database isolated from the others', async () => {
    const a = await cluster.createDatabase()
    const b = await cluster.createDatabase('named_db')
    expect(b).toBe(`postgresql://fanout@127.0.0.1:${cluster.port}/named_db`)

    await query(a, 'CREATE TABLE t (x int); INSERT INTO t VALUES (42)')

    expect(await query(a, 'SELECT x FROM t')).toEqual([{ x: 42 }])
    expect(await query(b, "SELECT current_database() AS db, to_regclass('public.t') AS t")).toEqual([{ db: 'named_db', t: null }])
  })

  it('stop() refuses connections and start() brings the same data back on the same port', async () => {
    const url = await cluster.createDatabase()
    await query(url, 'CREATE TABLE t (x int); INSERT INTO t VALUES (1)')
    const open = await connect(url)
    const port = cluster.port

    await cluster.stop()

    await expect(open.query('SELECT 1')).rejects.toThrow()
    await expect(query(url, 'SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' })

    await cluster.start()

    expect(cluster.port).toBe(port)
    expect(await query(url, 'SELECT x FROM t')).toEqual([{ x: 1 }])
  })

  it('comes back with committed data after an immediate (crash) stop', async () => {
    const url = await cluster.createDatabase()
    await query(url, 'CREATE TABLE t (x int); INSERT INTO t VALUES (7)')

    await cluster.stop({ mode: 'immediate' })
    await cluster.start()

    expect(await query(url, 'SELECT x FROM t')).toEqual([{ x: 7 }])
  })
})

it('destroy() stops the server and removes its files', async () => {
  const cluster = await startPostgres()
  await cluster.destroy()
  expect(existsSync(cluster.dir)).toBe(false)
  await expect(query(cluster.url, 'SELECT 1')).rejects.toMatchObject({ code: 'ECONNREFUSED' })
})

it('globalSetup provides the URL of a running cluster', async () => {
  const [row] = await query(inject('pgUrl'), 'SELECT current_user')
  expect(row.current_user).toBe('fanout')
})

async function connect(url: string) {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {}) // a stopped server errors idle clients; queries still reject
  await client.connect()
  return client
}

async function query(url: string, sql: string) {
  const client = await connect(url)
  try {
    const result = await client.query(sql)
    // A multi-statement query yields one result per statement.
    return (Array.isArray(result) ? result.at(-1) : result).rows
  } finally {
    await client.end()
  }
}

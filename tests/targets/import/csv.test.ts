import { describe, expect, it } from 'vitest'
import { parseCsv } from '@/lib/targets/import/csv'
import { MAX_IMPORT_HOSTS } from '@/lib/targets/import/types'
import { errorLines, fixture } from './helpers'

describe('CSV import', () => {
  it('reads quoted fields, a multi-line field and every documented column', () => {
    const result = parseCsv(fixture('hosts.csv'))
    expect(result.errors).toEqual([])
    expect(result.replacesLabels).toBe(true)
    expect(result.hosts).toEqual([
      {
        name: 'web-1',
        host: '10.0.0.11',
        port: 22,
        username: 'deploy',
        labels: ['web', 'prod'],
        resourcePool: 'pool-a',
        region: 'eu-west-1',
        encoding: 'utf-8',
        line: 2,
      },
      {
        name: 'web-2',
        host: '10.0.0.12',
        port: 22,
        username: 'deploy',
        labels: ['web', 'prod'],
        resourcePool: 'pool-a',
        region: 'eu-west-1',
        line: 3,
      },
      {
        name: 'db-1',
        host: '10.0.1.5',
        port: 5432,
        username: 'postgres',
        labels: ['db', 'prod', 'primary'],
        resourcePool: 'pool-b',
        region: 'eu-west-1',
        line: 4,
      },
      {
        name: 'legacy',
        host: '10.0.9.9',
        port: 2222,
        username: 'root',
        labels: [],
        resourcePool: 'pool "c"',
        region: 'cn-north-1',
        encoding: 'gbk',
        line: 7,
      },
      { name: '10.0.0.50', host: '10.0.0.50', port: 22, username: 'ops', labels: [], line: 8 },
    ])
  })

  it('reports each bad row with its line, counting the header as line 1 and multi-line fields whole', () => {
    const result = parseCsv(fixture('errors.csv'))
    expect(errorLines(result)).toEqual([
      '3: Name "bad name": No spaces or slashes.',
      '4: Port "99999": Ports run from 1 to 65535.',
      '5: Name "multi\\nline": Use printable characters only: no line breaks, tabs or other control characters.',
      '7: Labels "bad!label": Labels use letters, digits and . _ : - only.',
      '8: The name ok is already on line 2.',
      '9: This row has 2 fields; the header has 5.',
    ])
    expect(result.hosts.map((h) => h.name)).toEqual(['ok'])
  })

  it('counts lines the same with Windows line endings and blank lines', () => {
    const result = parseCsv('name,host\r\n\r\na,"x\r\ny"\r\n\r\nb,bad host\r\n')
    expect(errorLines(result)).toEqual([
      '3: Host "x\\ny": Use a host name or an IP address.',
      '6: Host "bad host": Use a host name or an IP address.',
    ])
  })

  it('refuses unknown and repeated columns, naming them', () => {
    expect(errorLines(parseCsv('name,address,tags\na,b,c\n'))).toEqual([
      '1: Unknown columns "address", "tags". The columns are name, host, port, user, labels, resource_pool, region, encoding, proxy (user may also be called username).',
    ])
    expect(errorLines(parseCsv('Name,HOST,user,Username\na,b,c,d\n'))).toEqual(['1: Column user appears twice.'])
    expect(errorLines(parseCsv('port,labels\n22,web\n'))).toEqual(['1: The header row needs a name or a host column.'])
  })

  it('reads headers case-insensitively, semicolon files, and only knows labels when there is a column', () => {
    const result = parseCsv('Host;Resource Pool;PROXY\n10.0.0.1;pool;bastion\n')
    expect(result).toEqual({
      hosts: [
        { name: '10.0.0.1', host: '10.0.0.1', port: 22, labels: [], resourcePool: 'pool', proxy: 'bastion', line: 2 },
      ],
      errors: [],
      replacesLabels: false,
    })
  })

  it('names the line where an unclosed quote opens', () => {
    expect(errorLines(parseCsv('name,host\na,b\n\nc,"d\ne,f\n'))).toEqual([
      '4: CSV: Quote Not Closed: the parsing is finished with an opening quote.',
    ])
  })

  it(`refuses more than ${MAX_IMPORT_HOSTS} rows, naming the first one too many`, () => {
    const rows = Array.from({ length: MAX_IMPORT_HOSTS + 2 }, (_, i) => `h${i},10.0.${i >> 8}.${i & 255}`)
    const result = parseCsv(['name,host', ...rows].join('\n'))
    expect(errorLines(result)).toEqual([
      `${MAX_IMPORT_HOSTS + 2}: The file has ${MAX_IMPORT_HOSTS + 2} rows; one import takes at most ${MAX_IMPORT_HOSTS}. Split it into several imports.`,
    ])
    expect(result.hosts).toHaveLength(MAX_IMPORT_HOSTS)
  })
})

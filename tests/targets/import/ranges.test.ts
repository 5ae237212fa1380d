import { describe, expect, it } from 'vitest'
import { detectFormat, formatOfFileName } from '@/lib/targets/import/detect'
import { parseIni } from '@/lib/targets/import/ini'
import { expandHostPattern, splitPort } from '@/lib/targets/import/ranges'
import { MAX_IMPORT_HOSTS } from '@/lib/targets/import/types'
import { errorLines, fixture } from './helpers'

describe('host ranges', () => {
  it('expands numeric, zero-padded, alphabetic, stepped and repeated ranges', () => {
    expect(expandHostPattern('web[1:3]')).toEqual({ names: ['web1', 'web2', 'web3'] })
    expect(expandHostPattern('web[08:11].x')).toEqual({ names: ['web08.x', 'web09.x', 'web10.x', 'web11.x'] })
    expect(expandHostPattern('db-[a:c]')).toEqual({ names: ['db-a', 'db-b', 'db-c'] })
    expect(expandHostPattern('n[01:10:3]')).toEqual({ names: ['n01', 'n04', 'n07', 'n10'] })
    expect(expandHostPattern('[:2]x')).toEqual({ names: ['0x', '1x', '2x'] })
    expect(expandHostPattern('r[1:2]-[a:b]')).toEqual({ names: ['r1-a', 'r1-b', 'r2-a', 'r2-b'] })
    expect(expandHostPattern('plain.example.com')).toEqual({ names: ['plain.example.com'] })
  })

  it('explains bad ranges', () => {
    expect(expandHostPattern('w[1:2:3:4]')).toEqual({
      error: 'Host range [1:2:3:4] must be [start:end] or [start:end:step], e.g. web[01:10].',
    })
    expect(expandHostPattern('w[01:100]')).toEqual({
      error: 'Host range [01:100]: a zero-padded start and its end must have the same width, e.g. [01:10].',
    })
    expect(expandHostPattern('w[5:1]')).toEqual({ error: 'Host range [5:1] starts after its end.' })
    expect(expandHostPattern('w[1:5:0]')).toEqual({
      error: 'Host range [1:5:0] needs a whole-number step of 1 or more.',
    })
    expect(expandHostPattern('w[1:]')).toEqual({ error: 'Host range [1:] has no end.' })
    expect(expandHostPattern('w[1:3')).toEqual({ error: 'Host pattern w[1:3 has a "[" without its "]".' })
    expect(expandHostPattern('w1:3]')).toEqual({ error: 'Host pattern w1:3] has a "]" without its "[".' })
    expect(expandHostPattern('w[1:9999]')).toEqual({
      error: `Host range [1:9999] makes 9999 hosts; one import takes at most ${MAX_IMPORT_HOSTS}.`,
    })
    expect(expandHostPattern('w[1:100][1:100]')).toEqual({
      error: `Host pattern w[1:100][1:100] makes 10000 hosts; one import takes at most ${MAX_IMPORT_HOSTS}.`,
    })
  })

  it('splits a :port only outside ranges and IPv6 addresses', () => {
    expect(splitPort('web1:2222')).toEqual({ pattern: 'web1', port: '2222' })
    expect(splitPort('web[1:3]:2222')).toEqual({ pattern: 'web[1:3]', port: '2222' })
    expect(splitPort('web[1:3]')).toEqual({ pattern: 'web[1:3]' })
    expect(splitPort('fe80::1')).toEqual({ pattern: 'fe80::1' })
    expect(splitPort('web1:')).toEqual({ error: 'Host pattern web1: ends in ":"; put the port after it or remove it.' })
  })

  it(`stops an inventory at ${MAX_IMPORT_HOSTS} hosts with an error on the line that passes it`, () => {
    const result = parseIni('[a]\na[1:3000]\n[b]\nb[1:3000]\n')
    expect(errorLines(result)).toEqual([
      `4: More than ${MAX_IMPORT_HOSTS} hosts: split the inventory into several imports.`,
    ])
  })
})

describe('format detection', () => {
  it('recognises the fixtures and falls back to INI for a bare host list', () => {
    expect(detectFormat(fixture('inventory.ini'))).toBe('ini')
    expect(detectFormat(fixture('inventory.yml'))).toBe('yaml')
    expect(detectFormat(fixture('hosts.csv'))).toBe('csv')
    expect(detectFormat('\uFEFFname;host\n')).toBe('csv')
    expect(detectFormat('web1\nweb2:2222\n')).toBe('ini')
    expect(detectFormat('all:\n  hosts:\n')).toBe('yaml')
  })

  it('takes a file extension at its word', () => {
    expect(formatOfFileName('hosts.CSV')).toBe('csv')
    expect(formatOfFileName('prod.yml')).toBe('yaml')
    expect(formatOfFileName('inventory.ini')).toBe('ini')
    expect(formatOfFileName('hosts')).toBeNull()
  })
})

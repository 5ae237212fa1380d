import { describe, expect, it } from 'vitest'
import { parseIni } from '@/lib/targets/import/ini'
import { parseYamlInventory } from '@/lib/targets/import/yaml'
import { byName, errorLines, fixture } from './helpers'

describe('Ansible YAML inventory', () => {
  it('gives the same hosts, fields and labels as the same inventory in INI', () => {
    const yaml = parseYamlInventory(fixture('inventory.yml'))
    const ini = parseIni(fixture('inventory.ini'))
    expect(yaml.errors).toEqual([])
    expect(yaml.hosts).toHaveLength(16)
    expect(byName(yaml)).toEqual(byName(ini))
  })

  it('names each host’s line', () => {
    const lines = Object.fromEntries(parseYamlInventory(fixture('inventory.yml')).hosts.map((h) => [h.name, h.line]))
    expect(lines).toMatchObject({
      'bastion.example.com': 8,
      // Defined by the range first, listed again under monitoring.
      'web01.example.com': 21,
      'web-canary.example.com': 22,
      'db-replica.example.com': 40,
      'metrics.example.com': 50,
    })
  })

  it('reports each error with its line', () => {
    expect(errorLines(parseYamlInventory(fixture('errors.yml')))).toEqual([
      '4: bad host: Name "bad host": No spaces or slashes.',
      '4: bad host: Host "bad host": Use a host name or an IP address.',
      '5: ansible_port: Port "99999": Ports run from 1 to 65535.',
      '9: Host range [3:1] starts after its end.',
      '11: ansible_port must be a single value.',
      '13: ansible_user: SSH user "bad user": Letters, digits and . _ - @ only.',
      '15: Group "db" has an unexpected key "host": use hosts, children or vars.',
      '21: Groups contain each other in a loop: loop → loop2 → loop.',
    ])
  })

  it('reports YAML syntax errors and duplicate keys with their lines', () => {
    const syntax = parseYamlInventory('all:\n  hosts:\n    a: {ansible_port: 22\n  children:\n')
    expect(syntax.hosts).toEqual([])
    expect(syntax.errors[0]?.line).toBeGreaterThanOrEqual(3)
    expect(syntax.errors[0]?.message).toMatch(/^YAML: /)
    expect(errorLines(parseYamlInventory('all:\n  hosts:\n    a:\n    b:\n    a:\n'))).toEqual([
      '5: Hosts of group "all": "a" appears twice (first on line 3).',
    ])
  })

  it('follows aliases and merge keys in variables', () => {
    const result = parseYamlInventory(
      'all:\n  hosts:\n    a: &common\n      ansible_user: deploy\n    b: *common\n    c:\n      <<: *common\n      ansible_port: 2200\n',
    )
    expect(result.errors).toEqual([])
    expect(byName(result)).toEqual({
      a: { name: 'a', host: 'a', port: 22, username: 'deploy', labels: [] },
      b: { name: 'b', host: 'b', port: 22, username: 'deploy', labels: [] },
      c: { name: 'c', host: 'c', port: 2200, username: 'deploy', labels: [] },
    })
  })

  it('accepts an empty document and refuses one that is not a mapping of groups', () => {
    expect(parseYamlInventory('')).toEqual({ hosts: [], errors: [], replacesLabels: true })
    expect(errorLines(parseYamlInventory('# hosts\n- a\n- b\n'))).toEqual([
      '2: An Ansible YAML inventory is a mapping of groups, e.g. all: { hosts: … }.',
    ])
  })
})

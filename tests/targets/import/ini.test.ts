import { describe, expect, it } from 'vitest'
import { parseIni, splitHostLine } from '@/lib/targets/import/ini'
import { byName, errorLines, fixture } from './helpers'

describe('Ansible INI inventory', () => {
  const result = parseIni(fixture('inventory.ini'))
  const hosts = byName(result)

  it('reads every host of a realistic inventory without errors', () => {
    expect(result.errors).toEqual([])
    expect(result.replacesLabels).toBe(true)
    expect(result.hosts.map((h) => h.name)).toEqual([
      'bastion.example.com',
      'web01.example.com',
      'web02.example.com',
      'web03.example.com',
      'web04.example.com',
      'web-canary.example.com',
      'lb1.example.com',
      'lb3.example.com',
      'db-a.example.com',
      'db-b.example.com',
      'db-c.example.com',
      'db-replica.example.com',
      'redis1.example.com',
      'redis3.example.com',
      'redis5.example.com',
      'metrics.example.com',
    ])
  })

  it('gives every group a host is in, with all ancestor groups, as labels (not all or ungrouped)', () => {
    expect(hosts['web01.example.com'].labels).toEqual(['frontend', 'monitoring', 'prod', 'web'])
    expect(hosts['web02.example.com'].labels).toEqual(['frontend', 'prod', 'web'])
    expect(hosts['db-replica.example.com'].labels).toEqual(['backend', 'db', 'prod'])
    expect(hosts['redis3.example.com'].labels).toEqual(['backend', 'cache', 'prod'])
    expect(hosts['metrics.example.com'].labels).toEqual(['monitoring'])
    expect(hosts['bastion.example.com'].labels).toEqual([])
  })

  it('maps ansible_host, ansible_port and ansible_user with Ansible’s precedence', () => {
    // Host vars beat group vars.
    expect(hosts['bastion.example.com']).toMatchObject({ host: '203.0.113.10', port: 22, username: 'jump' })
    expect(hosts['db-a.example.com']).toMatchObject({ host: 'db-a.example.com', username: 'postgres' })
    // Deeper groups beat their parents: db (user) over backend over all; backend (port) over prod.
    expect(hosts['db-replica.example.com']).toMatchObject({ host: '10.0.2.20', port: 5022, username: 'dbadmin' })
    expect(hosts['db-b.example.com']).toMatchObject({ port: 2022, username: 'postgres' })
    expect(hosts['redis5.example.com']).toMatchObject({ port: 2022, username: 'svc' })
    // [all:vars] fills in what nothing deeper sets.
    expect(hosts['web03.example.com']).toMatchObject({ host: 'web03.example.com', port: 22, username: 'ops' })
    // host:port shorthand, and a range with a step.
    expect(hosts['web-canary.example.com'].port).toBe(2200)
    expect(hosts['lb3.example.com'].port).toBe(2222)
    // The pre-2.0 names still count.
    expect(hosts['metrics.example.com']).toMatchObject({ host: '10.0.3.7', username: 'legacy' })
  })

  it('names the line a host is first defined on', () => {
    const lines = Object.fromEntries(result.hosts.map((h) => [h.name, h.line]))
    expect(lines).toMatchObject({
      'bastion.example.com': 4,
      'web01.example.com': 11,
      'web04.example.com': 11,
      'web-canary.example.com': 12,
      'lb1.example.com': 15,
      'db-replica.example.com': 19,
      'metrics.example.com': 26,
    })
  })

  it('reports each error with its line and reads on', () => {
    const errors = parseIni(fixture('errors.ini'))
    expect(errorLines(errors)).toEqual([
      '3: Host range [01:x] must run between two numbers or two letters.',
      '4: ansible_port: Port "70000": Ports run from 1 to 65535.',
      '5: Section [web:bogus] has an unknown type "bogus": use [web], [web:children] or [web:vars].',
      '7: Section header [bad section] is not valid: use [group], [group:children] or [group:vars], with no spaces.',
      '9: A " quote is not closed.',
      '10: Expected key=value after the host, got: novalue',
      '12: ansible_port: Port "notaport": Enter a port number.',
      '16: Groups contain each other in a loop: loop1 → loop2 → loop1.',
      '18: [parent:children] names the group "missing", which is never defined.',
      '19: Section [ghost:vars] is for a group that is never defined.',
    ])
    // The host with the refused port is not offered with a made-up one.
    expect(errors.hosts.map((h) => h.name)).toEqual(['web1'])
  })

  it('reports a bad value on a range once, and group names that cannot be labels', () => {
    const result = parseIni('[web servers]\n[web]\nweb[1:3] ansible_port=x\n[bad!group]\nh1\n')
    expect(errorLines(result)).toEqual([
      '1: Section header [web servers] is not valid: use [group], [group:children] or [group:vars], with no spaces.',
      '3: ansible_port: Port "x": Enter a port number.',
      `4: Group "bad!group" can't be a label: Labels use letters, digits and . _ : - only.`,
    ])
  })

  it('accepts children declared before their group, and hosts before any section', () => {
    const result = parseIni('lonely\n[prod:children]\nweb\n[web]\nw1 ansible_user=a\n')
    expect(result.errors).toEqual([])
    expect(byName(result)).toEqual({
      lonely: { name: 'lonely', host: 'lonely', port: 22, labels: [] },
      w1: { name: 'w1', host: 'w1', port: 22, username: 'a', labels: ['prod', 'web'] },
    })
  })

  it('refuses a group that contains itself', () => {
    expect(errorLines(parseIni('[a:children]\na\n[b]\n'))).toEqual(['2: Groups contain each other in a loop: a → a.'])
  })

  it('splits host lines like shlex: quotes, escapes and # comments', () => {
    expect(splitHostLine(`h1 a="x y" b='#1' c=d\\ e # note`)).toEqual(['h1', 'a=x y', 'b=#1', 'c=d e'])
    expect(splitHostLine('h1 a="say \\"hi\\""')).toEqual(['h1', 'a=say "hi"'])
    expect(splitHostLine('h1#comment')).toEqual(['h1'])
    expect(splitHostLine("h1 a='open")).toEqual({ error: "A ' quote is not closed." })
  })
})

import { describe, expect, it } from 'vitest'
import { blockedMessage, partitionMatches } from '@/lib/danger-rules/check'
import { checkScript } from '@/lib/danger-rules/match'
import { defaultDangerRules } from '@/lib/danger-rules/defaults'
import { createRuleSchema } from '@/lib/danger-rules/schema'

const defaults = defaultDangerRules.map((rule, i) => ({ ...rule, id: `default-${i}` }))
const matched = (line: string) => checkScript(line, defaults).map((m) => m.description)

describe('the default dangerous-command rules', () => {
  it.each([
    'rm -rf /',
    'rm -rf --no-preserve-root /',
    'rm -fr /*',
    'sudo rm -rf / ',
    'rm -rf "/"',
    'rm -rf /home /',
    'mkfs.ext4 /dev/sdb1',
    'mkfs -t xfs /dev/sdc',
    'dd if=/dev/zero of=/dev/sda',
    'dd if=image.iso of=/dev/nvme0n1 bs=4M status=progress',
    ':(){ :|:& };:',
    'bomb() { bomb | bomb & }; bomb',
    'shutdown -h now',
    'reboot',
    '  sudo reboot',
    '[ -f /var/run/reboot-required ] && reboot',
    'if true; then poweroff; fi',
    '/sbin/halt -p',
    'systemctl reboot',
    'init 0',
    'chmod -R 777 /',
    'chmod 777 -R /',
    'sudo chmod --recursive 0777 /',
  ])('match %j', (line) => {
    expect(matched(line)).toHaveLength(1)
  })

  it.each([
    'rm -rf ./build',
    'rm -rf /tmp/x',
    'rm -rf build/',
    'rm -f /etc/app.conf',
    'rm -rf ./build && ls /',
    'cd / && ls',
    'echo "reboot required"',
    'cat /var/run/reboot-required',
    'rebooted=1',
    'apt-get install -y rebootmgr',
    'echo shutdown-hook',
    'docker run --init 0 image',
    'dd if=/dev/zero of=/dev/null bs=1M count=1',
    'dd if=/dev/sda of=backup.img',
    'chmod -R 755 /var/www',
    'chmod 777 /tmp/x',
    'chmod -R 777 /srv/app',
    'python3 -m http.server',
  ])('leave %j alone', (line) => {
    expect(matched(line)).toEqual([])
  })

  it('are valid rule patterns by the same schema an admin edits them with', () => {
    for (const rule of defaultDangerRules) {
      expect(createRuleSchema.safeParse({ tenant: 't', ...rule }).success, rule.description).toBe(true)
    }
  })
})

describe('checkScript', () => {
  const rules = [
    { id: 'b', pattern: String.raw`\bdanger\b`, action: 'block', description: 'Dangerous word' },
    { id: 'w', pattern: 'careful', action: 'warn', description: 'Careful word' },
    { id: 'x', pattern: '(', action: 'block', description: 'Broken (skipped)' },
  ]

  it('names the 1-based line of every match, in line order, with the line trimmed', () => {
    const content = '#!/bin/sh\n  careful here\nsafe\r\ndanger and careful\n'
    expect(checkScript(content, rules)).toEqual([
      { ruleId: 'w', pattern: 'careful', action: 'warn', description: 'Careful word', line: 2, text: 'careful here' },
      {
        ruleId: 'b',
        pattern: String.raw`\bdanger\b`,
        action: 'block',
        description: 'Dangerous word',
        line: 4,
        text: 'danger and careful',
      },
      {
        ruleId: 'w',
        pattern: 'careful',
        action: 'warn',
        description: 'Careful word',
        line: 4,
        text: 'danger and careful',
      },
    ])
  })

  it('checks comments too, and shortens long lines for display', () => {
    expect(checkScript('# danger', rules)).toHaveLength(1)
    const long = `danger ${'x'.repeat(500)}`
    expect(checkScript(long, rules)[0].text).toHaveLength(200)
  })

  it('returns nothing without rules or matches', () => {
    expect(checkScript('danger', [])).toEqual([])
    expect(checkScript('fine', rules)).toEqual([])
  })

  it('splits block from warn and names the blocking lines', () => {
    const { blocked, warnings } = partitionMatches(checkScript('danger\ncareful\ndanger', rules))
    expect(blocked.map((m) => m.line)).toEqual([1, 3])
    expect(warnings.map((m) => m.line)).toEqual([2])
    expect(blockedMessage(blocked)).toBe(
      'Not saved: line 1 matches the blocking rule “Dangerous word”; line 3 matches the blocking rule “Dangerous word”.',
    )
    const many = checkScript('danger\n'.repeat(5), rules)
    expect(blockedMessage(many)).toMatch(/line 3 matches .* \(and 2 more\)\.$/)
  })
})

describe('a rule that backtracks catastrophically', () => {
  const rules = [
    { id: 'w', pattern: 'careful', action: 'warn', description: 'Careful word' },
    { id: 'slow', pattern: '(a+)+$', action: 'warn', description: 'Nested repeats' },
  ]

  it('is stopped within its time budget and blocks, naming the rule and the line it was stuck on', () => {
    const content = `careful\nfine\n${'a'.repeat(64)}!\ncareful again`
    const started = performance.now()
    const matches = checkScript(content, rules, { budgetMs: 200 })
    expect(performance.now() - started).toBeLessThan(5000)
    expect(matches.map(({ ruleId, line, action, timedOut }) => ({ ruleId, line, action, timedOut }))).toEqual([
      { ruleId: 'w', line: 1, action: 'warn', timedOut: undefined },
      { ruleId: 'slow', line: 3, action: 'block', timedOut: true },
    ])
    expect(blockedMessage(partitionMatches(matches).blocked)).toBe(
      'Not saved: line 3 took too long to check against the rule “Nested repeats” (simplify its pattern).',
    )
  })

  it('leaves the next check unaffected', () => {
    checkScript(`${'a'.repeat(64)}!`, rules, { budgetMs: 50 })
    expect(checkScript('careful\naaa', rules)).toEqual([
      expect.objectContaining({ ruleId: 'w', line: 1 }),
      expect.objectContaining({ ruleId: 'slow', line: 2 }),
    ])
  })
})

describe('rule validation', () => {
  const parse = (pattern: string) =>
    createRuleSchema.safeParse({ tenant: 't', pattern, action: 'block', description: 'd' })

  it('refuses an invalid regex with the reason', () => {
    const result = parse('rm -rf (')
    expect(result.success).toBe(false)
    expect(result.error?.issues[0].message).toMatch(/^Not a valid regular expression: .*Unterminated group/)
  })

  it('refuses patterns that match empty text, as they would match every line', () => {
    for (const pattern of ['.*', 'a*', '^', '(?:)']) expect(parse(pattern).success, pattern).toBe(false)
  })

  it('requires warn or block and a description', () => {
    expect(createRuleSchema.safeParse({ tenant: 't', pattern: 'x', action: 'deny', description: 'd' }).success).toBe(
      false,
    )
    expect(createRuleSchema.safeParse({ tenant: 't', pattern: 'x', action: 'warn', description: ' ' }).success).toBe(
      false,
    )
  })
})

import type { DangerAction } from './check'

// Seeded once into every tenant (lib/danger-rules/queries.ts). Each pattern looks at one line
// and anchors on what makes the command destructive (the target `/`, a disk device, command
// position), so everyday lines such as `rm -rf ./build` or `echo "reboot needed"` pass.
// Blocked: never wanted on purpose. Warned: destructive, but part of real runbooks.

// A command position: line start, after ; & | ( { `, or after a word that runs a command.
const COMMAND = String.raw`(?:^|[;&|({\x60]|\b(?:sudo|then|do|else|exec|nohup|xargs|systemctl)\b)\s*(?:[\w./-]*/)?`
// The root directory as a whole argument: `/`, `/*`, optionally quoted.
const ROOT = String.raw`["']?/\*?["']?(?=\s|$|[;&|)])`
// Anything up to the next whitespace, within one command (no ; & | in between).
const SAME_COMMAND = String.raw`(?:[^;&|\n]*\s)?`

export interface DefaultRule {
  pattern: string
  action: DangerAction
  description: string
}

export const defaultDangerRules: readonly DefaultRule[] = [
  {
    pattern: String.raw`\brm\s` + SAME_COMMAND + ROOT,
    action: 'block',
    description: 'rm on the root directory (rm -rf /)',
  },
  {
    pattern: String.raw`\bmkfs(?:\.\w+)?\b`,
    action: 'warn',
    description: 'Creates a file system (mkfs), erasing the device',
  },
  {
    pattern:
      String.raw`\bdd\s` +
      SAME_COMMAND +
      String.raw`of=["']?/dev/(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d+n\d+|mmcblk\d+|disk\d+|md\d+|dm-\d+|mapper/)`,
    action: 'warn',
    description: 'dd writing to a disk device',
  },
  {
    pattern: String.raw`([A-Za-z_:][\w:]*)\s*\(\)\s*\{\s*\1\s*\|\s*\1\s*&\s*\}\s*;\s*\1`,
    action: 'block',
    description: 'Fork bomb',
  },
  {
    pattern: COMMAND + String.raw`(?:shutdown|reboot|halt|poweroff|init\s+[06])(?![\w.-])`,
    action: 'warn',
    description: 'Shuts down or restarts the host',
  },
  {
    pattern:
      String.raw`\bchmod\b(?=` +
      String.raw`[^;&|\n]*\s(?:-[A-Za-z]*R[A-Za-z]*|--recursive)\b)(?=[^;&|\n]*\s0?777\s)[^;&|\n]*\s` +
      ROOT,
    action: 'block',
    description: 'Makes the whole file system world-writable (chmod -R 777 /)',
  },
]

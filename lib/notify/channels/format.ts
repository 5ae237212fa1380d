import type { RunMessage } from '@/lib/notify/message'

// Renderings of a RunMessage shared by the senders: plain text (email, Feishu, fallbacks)
// and markdown (DingTalk, WeCom). The link comes before the host details, so cutting a
// long message at its end never loses it.

/** IM bodies stay under this many characters (WeCom's markdown allows 4096 bytes). */
export const IM_MAX_CHARS = 4000

/** text, cut to at most max characters with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** text cut to at most maxBytes of UTF-8, never inside a character. */
export function clipBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text
  let out = ''
  let bytes = 0
  for (const char of text) {
    const size = Buffer.byteLength(char)
    if (bytes + size + 3 > maxBytes) break
    out += char
    bytes += size
  }
  return `${out}…`
}

/** "5 hosts: 3 succeeded, 2 failed" (empty for a message about no run). */
export function countsLine(message: RunMessage): string {
  if (message.hosts === 0) return ''
  const parts = message.counts.map((c) => `${c.hosts} ${c.label.toLowerCase()}`)
  return `${message.hosts} host${message.hosts === 1 ? '' : 's'}: ${parts.join(', ')}`
}

/** "db-1: Failed, exit 3" or "db-2: Connect failed (connection refused)". */
export function hostHeadline(host: RunMessage['failing'][number]): string {
  const exit = host.exitCode !== null ? `, exit ${host.exitCode}` : ''
  const error = host.error ? ` (${host.error})` : ''
  return `${host.name}: ${host.statusLabel}${exit}${error}`
}

export function subject(message: RunMessage): string {
  return message.kind === 'test' ? `[Fanout] ${message.title}` : `[Fanout] ${message.statusLabel}: ${message.title}`
}

export function plainText(message: RunMessage, max = IM_MAX_CHARS): string {
  if (message.kind === 'test') return clip(`${message.title}\n${message.summary}\n${message.link}`, max)
  const lines = [`${message.statusLabel}: ${message.title}`]
  if (message.summary) lines.push(message.summary)
  const counts = countsLine(message)
  if (counts) lines.push(counts)
  if (message.error) lines.push(`Error: ${message.error}`)
  lines.push(`Run: ${message.link}`)
  if (message.failing.length > 0) {
    lines.push('', `Failing hosts${message.moreFailing ? ` (first ${message.failing.length})` : ''}:`)
    for (const host of message.failing) {
      lines.push(`- ${hostHeadline(host)}`)
      for (const line of host.lines) lines.push(`    ${line}`)
    }
    if (message.moreFailing) lines.push(`…and ${message.moreFailing} more`)
  }
  return clip(lines.join('\n'), max)
}

export function markdown(message: RunMessage, max = IM_MAX_CHARS): string {
  if (message.kind === 'test')
    return clip(`### ${message.title}\n${message.summary}\n\n[Open Fanout](${message.link})`, max)
  const lines = [`### ${message.statusLabel}: ${message.title}`]
  if (message.summary) lines.push(message.summary)
  const counts = countsLine(message)
  if (counts) lines.push(counts)
  if (message.error) lines.push(`Error: ${message.error}`)
  lines.push('', `[Open the run](${message.link})`)
  if (message.failing.length > 0) {
    lines.push('', '**Failing hosts**')
    for (const host of message.failing) {
      lines.push(`- **${hostHeadline(host)}**`)
      for (const line of host.lines) lines.push(`> ${line}`)
    }
    if (message.moreFailing) lines.push(`…and ${message.moreFailing} more`)
  }
  return clip(lines.join('\n'), max)
}

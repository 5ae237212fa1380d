import 'server-only'
import { clip, countsLine, hostHeadline, plainText } from './format'
import { postJson } from './http'
import type { Sender } from './types'

// Slack incoming webhook: `text` is the notification fallback, `blocks` what the channel
// shows. A section's text is limited to 3000 characters.
const SECTION_MAX = 2900

/** Slack reads & < > as markup (<!channel> pings everyone). */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export const sendSlack: Sender = ({ message, secrets }) => {
  const head =
    message.kind === 'test'
      ? `*<${message.link}|${escape(message.title)}>*\n${escape(message.summary)}`
      : [
          `*<${message.link}|${escape(`${message.statusLabel}: ${message.title}`)}>*`,
          escape(countsLine(message)),
          message.error ? escape(`Error: ${message.error}`) : '',
        ]
          .filter(Boolean)
          .join('\n')
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text: clip(head, SECTION_MAX) } }]
  if (message.failing.length > 0) {
    const hosts = message.failing.map((host) => {
      const output = host.lines.length ? `\n\`\`\`${escape(host.lines.join('\n'))}\`\`\`` : ''
      return `*${escape(hostHeadline(host))}*${output}`
    })
    if (message.moreFailing) hosts.push(`…and ${message.moreFailing} more`)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(hosts.join('\n'), SECTION_MAX) } })
  }
  const body = JSON.stringify({ text: escape(plainText(message, SECTION_MAX)), blocks })
  return postJson(secrets.url ?? '', body)
}

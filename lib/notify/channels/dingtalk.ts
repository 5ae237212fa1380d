import 'server-only'
import { createHmac } from 'node:crypto'
import { clip, markdown } from './format'
import { codeRefusal, postJson } from './http'
import type { Sender } from './types'

/**
 * DingTalk custom robot, a markdown message. Signed robots take timestamp (ms) and sign =
 * base64(HMAC-SHA256 with the secret over "timestamp\nsecret") as query parameters.
 */
export const sendDingTalk: Sender = ({ message, secrets }) => {
  let url = secrets.url ?? ''
  if (secrets.signingSecret && URL.canParse(url)) {
    const signed = new URL(url)
    const timestamp = String(Date.now())
    const sign = createHmac('sha256', secrets.signingSecret).update(`${timestamp}\n${secrets.signingSecret}`)
    signed.searchParams.set('timestamp', timestamp)
    signed.searchParams.set('sign', sign.digest('base64'))
    url = signed.toString()
  }
  const title = message.kind === 'test' ? message.title : `${message.statusLabel}: ${message.title}`
  const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: clip(title, 100), text: markdown(message) } })
  return postJson(url, body, { refusal: codeRefusal('errcode', 'errmsg') })
}

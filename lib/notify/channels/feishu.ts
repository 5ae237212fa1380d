import 'server-only'
import { createHmac } from 'node:crypto'
import { postJson } from './http'
import type { Sender } from './types'

/**
 * Feishu custom bot, a text message. Signed bots want timestamp (seconds) and sign =
 * base64(HMAC-SHA256 with key "timestamp\nsecret" over an empty message) in the body.
 */
export const sendFeishu: Sender = ({ message, secrets }) => {
  const signature = secrets.signingSecret ? feishuSignature(secrets.signingSecret) : {}
  const body = JSON.stringify({ ...signature, msg_type: 'text', content: { text: message.text } })
  return postJson(secrets.url ?? '', body, {
    // Current bots answer { code, msg }; older ones { StatusCode, StatusMessage }.
    refusal: (answer) => {
      const code = answer.code ?? answer.StatusCode
      if (code === undefined || code === 0) return null
      return `code ${String(code)}: ${String(answer.msg ?? answer.StatusMessage ?? '')}`.trim()
    },
  })
}

function feishuSignature(secret: string) {
  const timestamp = String(Math.floor(Date.now() / 1000))
  const sign = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64')
  return { timestamp, sign }
}

import 'server-only'
import { clipBytes, markdown } from './format'
import { codeRefusal, postJson } from './http'
import type { Sender } from './types'

// WeCom (企业微信) group bot, a markdown message; its content may be at most 4096 bytes.
const CONTENT_MAX_BYTES = 4096

export const sendWeCom: Sender = ({ message, secrets }) => {
  const body = JSON.stringify({
    msgtype: 'markdown',
    markdown: { content: clipBytes(markdown(message), CONTENT_MAX_BYTES) },
  })
  return postJson(secrets.url ?? '', body, { refusal: codeRefusal('errcode', 'errmsg') })
}

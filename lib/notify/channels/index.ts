import 'server-only'
import type { ChannelKind } from '@/lib/notify/schema'
import { sendDingTalk } from './dingtalk'
import { sendEmail } from './email'
import { sendFeishu } from './feishu'
import { sendSlack } from './slack'
import type { Sender } from './types'
import { sendWebhook } from './webhook'
import { sendWeCom } from './wecom'

/** One sender per channel kind. */
export const senders: Record<ChannelKind, Sender> = {
  email: sendEmail,
  webhook: sendWebhook,
  slack: sendSlack,
  feishu: sendFeishu,
  dingtalk: sendDingTalk,
  wecom: sendWeCom,
}

'use client'
import { useState } from 'react'
import { Checkbox } from '@/components/ui/checkbox'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'
import type { ChannelDetail } from '@/lib/notify/queries'
import {
  type ChannelKind,
  channelKindLabels,
  channelKinds,
  signedKinds,
  tlsModeLabels,
  tlsModes,
} from '@/lib/notify/schema'

type Errors = Record<string, string[] | undefined>

const urlExamples: Record<Exclude<ChannelKind, 'email'>, string> = {
  webhook: 'https://example.com/fanout-hook',
  slack: 'https://hooks.slack.com/services/…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
}

/**
 * The fields of a channel for the add and edit dialogs. A new channel picks its kind; an
 * existing one keeps it. Secrets are never shown: left empty on an edit, they stay.
 */
export function ChannelFields({
  prefix,
  errors,
  channel,
}: {
  prefix: string
  errors: Errors
  channel?: ChannelDetail
}) {
  const [kind, setKind] = useState<ChannelKind>(channel?.kind ?? 'email')
  const config = channel?.config ?? {}
  const keep = channel ? 'Leave empty to keep the stored one.' : undefined
  return (
    <>
      <Field label="Name" htmlFor={`${prefix}-name`} error={errors.name}>
        <Input name="name" defaultValue={channel?.name} autoComplete="off" />
      </Field>
      {channel ? (
        <input type="hidden" name="kind" value={kind} />
      ) : (
        <Field label="Kind" htmlFor={`${prefix}-kind`} error={errors.kind}>
          <NativeSelect name="kind" value={kind} onChange={(e) => setKind(e.target.value as ChannelKind)}>
            {channelKinds.map((k) => (
              <option key={k} value={k}>
                {channelKindLabels[k]}
              </option>
            ))}
          </NativeSelect>
        </Field>
      )}
      {kind === 'email' ? (
        <>
          <div className="grid grid-cols-[1fr_7rem] gap-3">
            <Field label="SMTP server" htmlFor={`${prefix}-host`} error={errors.host}>
              <Input name="host" defaultValue={config.host} placeholder="smtp.example.com" autoComplete="off" />
            </Field>
            <Field label="Port" htmlFor={`${prefix}-port`} error={errors.port}>
              <Input name="port" inputMode="numeric" defaultValue={config.port ?? 587} />
            </Field>
          </div>
          <Field label="Encryption" htmlFor={`${prefix}-tls`} error={errors.tls}>
            <NativeSelect name="tls" defaultValue={config.tls ?? 'starttls'}>
              {tlsModes.map((m) => (
                <option key={m} value={m}>
                  {tlsModeLabels[m]}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field label="User (optional)" htmlFor={`${prefix}-user`} error={errors.user}>
              <Input name="user" defaultValue={config.user} autoComplete="off" />
            </Field>
            <Field label="Password" htmlFor={`${prefix}-password`} error={errors.password} description={keep}>
              <Input name="password" type="password" autoComplete="new-password" />
            </Field>
          </div>
          <Field label="From" htmlFor={`${prefix}-from`} error={errors.from}>
            <Input name="from" defaultValue={config.from} placeholder="Fanout <fanout@example.com>" />
          </Field>
          <Field
            label="To"
            htmlFor={`${prefix}-to`}
            error={errors.to}
            description="One or more addresses, separated by commas or spaces."
          >
            <Input name="to" defaultValue={config.to?.join(', ')} placeholder="ops@example.com" />
          </Field>
        </>
      ) : (
        <>
          <Field
            label="Webhook URL"
            htmlFor={`${prefix}-url`}
            error={errors.url}
            description={
              channel
                ? `Stored: ${config.urlHint || 'a URL'} (the full URL is kept secret). Leave empty to keep it.`
                : 'It carries the webhook’s token, so it is stored encrypted and never shown again.'
            }
          >
            <Input name="url" type="url" placeholder={urlExamples[kind]} autoComplete="off" spellCheck={false} />
          </Field>
          {signedKinds.includes(kind) && (
            <Field
              label="Signing secret (optional)"
              htmlFor={`${prefix}-signingSecret`}
              error={errors.signingSecret}
              description={
                channel?.config.signed
                  ? 'A secret is stored. Leave empty to keep it.'
                  : kind === 'webhook'
                    ? 'Signs each request: X-Fanout-Signature: sha256=<HMAC of the body>.'
                    : 'The bot’s signing secret, if its security settings ask for one.'
              }
            >
              <Input name="signingSecret" type="password" autoComplete="new-password" />
            </Field>
          )}
        </>
      )}
      <div className="flex items-center gap-2">
        <Checkbox id={`${prefix}-enabled`} name="enabled" defaultChecked={channel?.enabled ?? true} />
        <Label htmlFor={`${prefix}-enabled`}>Enabled</Label>
      </div>
    </>
  )
}

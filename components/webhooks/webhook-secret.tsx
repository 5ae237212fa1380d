'use client'
import { CopyButton } from '@/components/ui/copy-button'
import { Input } from '@/components/ui/input'
import { Label } from '@/components/ui/label'

/** A ready-to-paste call, signed as README "Webhooks" describes. */
function signingExample(url: string, secret: string) {
  return [
    `URL='${url}'`,
    `SECRET='${secret}'`,
    `BODY='{}'  # or '{"parameters":{"NAME":"value"}}', per step '{"parameters":{"0":{"NAME":"value"}}}'`,
    'TS=$(date +%s)',
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.* //')`,
    `curl -sS -X POST "$URL" -H 'Content-Type: application/json' \\`,
    `  -H "X-Fanout-Timestamp: $TS" -H "X-Fanout-Signature: sha256=$SIG" --data "$BODY"`,
  ].join('\n')
}

function CopyField({ id, label, copyLabel, value }: { id: string; label: string; copyLabel: string; value: string }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex gap-2">
        <Input id={id} readOnly value={value} className="font-mono text-xs" onFocus={(e) => e.target.select()} />
        <CopyButton text={value} label={copyLabel} />
      </div>
    </div>
  )
}

/** The webhook's address and its secret, shown once, with an example of a signed call. */
export function WebhookSecret({ url, secret }: { url: string; secret: string }) {
  const example = signingExample(url, secret)
  return (
    <div className="grid min-w-0 gap-4">
      <p className="text-sm text-muted-foreground">
        Copy the secret now: it is not shown again. Rotate it to get a new one.
      </p>
      <CopyField id="webhook-url" label="URL" copyLabel="Copy the URL" value={url} />
      <CopyField id="webhook-secret" label="Secret" copyLabel="Copy the secret" value={secret} />
      <div className="grid gap-1.5">
        <div className="flex items-center justify-between">
          <span className="text-sm font-medium">Example</span>
          <CopyButton text={example} label="Copy example" />
        </div>
        <pre className="overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs">{example}</pre>
      </div>
    </div>
  )
}

'use client'
import { useState } from 'react'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'
import { type CredentialType, credentialTypeLabels, credentialTypes } from '@/lib/targets/schema'

/**
 * How Fanout signs in to a host. Stored secrets never come back to the browser: on an
 * edit the form only says one is set, and an empty field keeps it.
 */
export function CredentialFields({
  initialType = 'platform_key',
  storedType,
  errors,
}: {
  initialType?: CredentialType
  /** The type whose secret is stored (edits); undefined when creating. */
  storedType?: string
  errors: Record<string, string[] | undefined>
}) {
  const [type, setType] = useState<CredentialType>(initialType)
  const keeps = storedType === type
  return (
    <>
      <Field label="Sign in with" htmlFor="credentialType" error={errors.credentialType}>
        <NativeSelect name="credentialType" value={type} onChange={(e) => setType(e.target.value as CredentialType)}>
          {credentialTypes.map((t) => (
            <option key={t} value={t}>
              {credentialTypeLabels[t]}
            </option>
          ))}
        </NativeSelect>
      </Field>
      {type === 'platform_key' && (
        <p className="text-sm text-muted-foreground">
          The host must trust this tenant&apos;s platform key (Settings → Platform key), or install it below with a
          password once.
        </p>
      )}
      {type === 'private_key' && (
        <>
          <Field
            label="Private key"
            htmlFor="privateKey"
            error={errors.privateKey}
            description={keeps ? 'A key is set. Paste a new one to replace it.' : 'OpenSSH or PEM format.'}
          >
            <Textarea
              name="privateKey"
              rows={5}
              spellCheck={false}
              autoComplete="off"
              className="font-mono text-xs"
              placeholder={keeps ? '(set — leave empty to keep)' : '-----BEGIN OPENSSH PRIVATE KEY-----'}
            />
          </Field>
          <Field
            label="Passphrase"
            htmlFor="passphrase"
            error={errors.passphrase}
            description="Only if the key is encrypted."
          >
            <Input
              name="passphrase"
              type="password"
              autoComplete="new-password"
              placeholder={keeps ? '(unchanged)' : ''}
            />
          </Field>
        </>
      )}
      {type === 'password' && (
        <Field
          label="Password"
          htmlFor="password"
          error={errors.password}
          description={keeps ? 'A password is set. Enter a new one to replace it.' : undefined}
        >
          <Input
            name="password"
            type="password"
            autoComplete="new-password"
            placeholder={keeps ? '(set — leave empty to keep)' : ''}
          />
        </Field>
      )}
    </>
  )
}

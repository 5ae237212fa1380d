import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'

/** Host, port and SSH user: the address part of the target and proxy forms. */
export function AddressFields({
  endpoint,
  errors,
}: {
  endpoint?: { host: string; port: number; username: string }
  errors: Record<string, string[] | undefined>
}) {
  return (
    <>
      <Field label="Host" htmlFor="host" error={errors.host}>
        <Input name="host" defaultValue={endpoint?.host} spellCheck={false} autoCapitalize="off" />
      </Field>
      <Field label="Port" htmlFor="port" error={errors.port}>
        <Input name="port" type="number" inputMode="numeric" defaultValue={endpoint?.port ?? 22} />
      </Field>
      <Field label="SSH user" htmlFor="username" error={errors.username}>
        <Input name="username" defaultValue={endpoint?.username} spellCheck={false} autoCapitalize="off" />
      </Field>
    </>
  )
}

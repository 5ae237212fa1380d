'use client'
import { signIn } from 'next-auth/react'
import { useRouter } from 'next/navigation'
import { useRef } from 'react'
import { FormError } from '@/components/forms/form-error'
import { formValues, useFormAction } from '@/components/forms/use-form-action'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { setupAction } from '@/lib/setup/actions'

export function SetupForm() {
  const router = useRouter()
  const formRef = useRef<HTMLFormElement>(null)
  const form = useFormAction(setupAction, {
    async onSuccess() {
      const values = formValues(formRef.current!)
      await signIn('credentials', { redirect: false, email: values.email, password: values.password })
      router.replace('/admin')
      router.refresh()
    },
  })
  const errors = form.fieldErrors
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h1 className="text-xl">Welcome to Fanout</h1>
        </CardTitle>
        <CardDescription>Create the first system admin. This page disappears once you have.</CardDescription>
      </CardHeader>
      <CardContent>
        <form ref={formRef} onSubmit={form.onSubmit} className="grid gap-4" noValidate>
          <FormError message={form.formError} />
          <Field label="Name" htmlFor="name" error={errors.name}>
            <Input name="name" autoComplete="name" autoFocus />
          </Field>
          <Field label="Email" htmlFor="email" error={errors.email}>
            <Input name="email" type="email" autoComplete="username" />
          </Field>
          <Field label="Password" htmlFor="password" error={errors.password} description="At least 10 characters.">
            <Input name="password" type="password" autoComplete="new-password" />
          </Field>
          <Button type="submit" disabled={form.isPending}>
            {form.isPending ? 'Creating…' : 'Create admin and sign in'}
          </Button>
        </form>
      </CardContent>
    </Card>
  )
}

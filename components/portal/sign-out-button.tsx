'use client'
import { signOut } from 'next-auth/react'
import { Button } from '@/components/ui/button'

export function SignOutButton() {
  return (
    <Button variant="outline" onClick={() => signOut({ redirect: false }).then(() => window.location.assign('/login'))}>
      Sign out
    </Button>
  )
}

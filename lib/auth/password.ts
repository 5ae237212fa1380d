import 'server-only'
import { hash, verify } from '@node-rs/argon2'

// argon2id with the library's defaults (OWASP-recommended m=19 MiB, t=2, p=1).
export function hashPassword(password: string): Promise<string> {
  return hash(password)
}

// Verifying against this keeps the time of a sign-in for an unknown email the same as a
// wrong password, so timing does not reveal which emails exist.
const decoy = hash('fanout-decoy-password')

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await decoy), password)
  } catch {
    return false
  }
}

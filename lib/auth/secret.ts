import { derivedKey } from '@/lib/crypto/master-key'

/** The session-signing secret: NEXTAUTH_SECRET, else derived from the master key. */
export function authSecret(): string {
  return process.env.NEXTAUTH_SECRET || derivedKey('nextauth-session').toString('base64url')
}

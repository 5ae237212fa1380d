import 'server-only'
import type { Scope } from '@/lib/auth/tenant-access'
import { encryptSecret } from '@/lib/crypto/envelope'
import { db } from '@/lib/db'
import { authorizedKeysCommand, generatePlatformKeyPair, installKeyWithPassword, SshError } from '@/lib/ssh'
import { resolveEndpoint } from './chain'
import { trustOnFirstUse } from './host-keys'

/** A new tenant's platform key pair, private half sealed: the columns to store. */
export function newPlatformKey(slug: string) {
  const pair = generatePlatformKeyPair(slug)
  return { platformPublicKey: pair.publicKey, platformPrivateKey: encryptSecret(pair.privateKey) }
}

/** The tenant's public key and the one-line command that authorises it on a host. */
export async function platformKey(scope: Pick<Scope, 'tenantId'>) {
  let tenant = await db.tenant.findUnique({
    where: { id: scope.tenantId },
    select: { slug: true, platformPublicKey: true },
  })
  if (!tenant) return null
  if (!tenant.platformPublicKey) {
    // Tenants created before platform keys existed get theirs on first use.
    await db.tenant.updateMany({
      where: { id: scope.tenantId, platformPublicKey: null },
      data: newPlatformKey(tenant.slug),
    })
    tenant = await db.tenant.findUniqueOrThrow({
      where: { id: scope.tenantId },
      select: { slug: true, platformPublicKey: true },
    })
  }
  const publicKey = tenant.platformPublicKey!
  return { publicKey, command: authorizedKeysCommand(publicKey) }
}

/**
 * Logs in to a target once with a password (through its proxies) and appends the
 * tenant's public key to the login user's authorized_keys. The password is used for this
 * one connection and then forgotten. Returns null for a target that is not the tenant's.
 */
export async function installPlatformKey(scope: Pick<Scope, 'tenantId'>, targetId: string, password: string) {
  const key = await platformKey(scope)
  const resolved = key && (await resolveEndpoint(scope, 'target', targetId))
  if (!key || !resolved) return null
  try {
    const result = await installKeyWithPassword({
      target: resolved.target,
      proxies: resolved.proxies,
      password,
      publicKey: key.publicKey,
      onHostKey: trustOnFirstUse(scope),
    })
    return { ok: true as const, installed: result.installed }
  } catch (error) {
    if (error instanceof SshError) return { ok: false as const, message: error.message }
    throw error
  }
}

import 'server-only'
import { createHash, randomBytes } from 'node:crypto'
import { pageArgs } from '@/components/data-table/search-params'
import type { EffectiveRole } from '@/lib/auth/permissions'
import type { Scope } from '@/lib/auth/tenant-access'
import { contains, db, type Prisma } from '@/lib/db'
import type { CreateTokenInput, TokenScope } from './v1/token-fields'
import type { TokenTableState } from './v1/token-table'

// Per-tenant API tokens (PRODUCT.md §8). The secret is shown once, at creation: only its
// SHA-256 is stored (a random 256-bit secret needs no slow hash), plus a prefix that lets
// people tell their tokens apart. Every function takes the scope first.

const SECRET_PREFIX = 'fo_'
const SHOWN_PREFIX_LENGTH = SECRET_PREFIX.length + 8
// Writing lastUsedAt on every call would turn each read into a write.
const LAST_USED_EVERY_MS = 60_000

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

function parseScopes(stored: string): TokenScope[] {
  const scopes = JSON.parse(stored) as string[]
  return scopes.includes('run') ? ['read', 'run'] : ['read']
}

/** Creates a token; returns its row and the secret, which is never readable again. */
export async function createApiToken(scope: Scope, input: CreateTokenInput) {
  const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`
  const token = await db.apiToken.create({
    data: {
      tenantId: scope.tenantId,
      name: input.name,
      prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
      hash: hashSecret(secret),
      scopes: JSON.stringify(input.scope === 'run' ? ['read', 'run'] : ['read']),
      expiresAt: input.expiresOn ? new Date(`${input.expiresOn}T23:59:59.999Z`) : null,
      createdById: scope.userId,
    },
    select: { id: true, name: true, prefix: true, scopes: true, expiresAt: true },
  })
  return { token: { ...token, scopes: parseScopes(token.scopes) }, secret }
}

/** The tenant's tokens for the settings page: never the secret nor its hash. */
export async function listApiTokens(scope: Pick<Scope, 'tenantId'>, state: TokenTableState) {
  const where: Prisma.ApiTokenWhereInput = {
    tenantId: scope.tenantId,
    ...(state.q ? { OR: [{ name: contains(state.q) }, { prefix: contains(state.q) }] } : {}),
    ...(state.state === 'active' ? { revokedAt: null } : state.state === 'revoked' ? { revokedAt: { not: null } } : {}),
  }
  const [rows, total] = await Promise.all([
    db.apiToken.findMany({
      where,
      // Never-used and never-expiring tokens sort after the others.
      orderBy: [
        state.sort === 'expiresAt' || state.sort === 'lastUsedAt'
          ? { [state.sort]: { sort: state.dir, nulls: 'last' } }
          : { [state.sort]: state.dir },
        { id: 'asc' },
      ],
      ...pageArgs(state),
      select: {
        id: true,
        name: true,
        prefix: true,
        scopes: true,
        expiresAt: true,
        revokedAt: true,
        lastUsedAt: true,
        createdById: true,
        createdAt: true,
      },
    }),
    db.apiToken.count({ where }),
  ])
  const creatorIds = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))]
  const creators = await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } })
  const names = new Map(creators.map((u) => [u.id, u.name]))
  const now = new Date()
  return {
    rows: rows.map(({ createdById, ...r }) => ({
      ...r,
      // Decided here, by the clock that decides for the API too.
      expired: r.expiresAt !== null && r.expiresAt <= now,
      scopes: parseScopes(r.scopes),
      /** null when the creator's account was deleted since. */
      createdBy: createdById ? (names.get(createdById) ?? null) : null,
    })),
    total,
  }
}

export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>['rows'][number]

/** Revokes a token for good; null when it is not this tenant's. Revoking twice keeps the first time. */
export async function revokeApiToken(scope: Pick<Scope, 'tenantId'>, tokenId: string) {
  const token = await db.apiToken.findFirst({
    where: { id: tokenId, tenantId: scope.tenantId },
    select: { id: true, name: true, prefix: true },
  })
  if (!token) return null
  await db.apiToken.updateMany({
    where: { id: tokenId, tenantId: scope.tenantId, revokedAt: null },
    data: { revokedAt: new Date() },
  })
  return token
}

/** A request's valid token: its tenant and what it may do. */
export interface ApiCaller {
  tokenId: string
  tokenName: string
  scopes: TokenScope[]
  /** For links to the tenant's pages. */
  tenantSlug: string
  /** Queries take a scope: the token's tenant, its creator, the role its scopes amount to. */
  scope: Scope
}

const UNAUTHORIZED = 'Missing, unknown, expired or revoked API token. Send "Authorization: Bearer <token>".'

/**
 * The bearer token of a request, or a 401 JSON answer: a missing, unknown, expired or
 * revoked token (or one of a disabled tenant) all get the same message, so none can be
 * told from another.
 */
export async function authenticateToken(
  request: Request,
): Promise<{ ok: true; caller: ApiCaller } | { ok: false; response: Response }> {
  const refuse = { ok: false as const, response: Response.json({ error: UNAUTHORIZED }, { status: 401 }) }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')
  if (!match) return refuse
  const token = await db.apiToken.findUnique({
    where: { hash: hashSecret(match[1]) },
    select: {
      id: true,
      tenantId: true,
      name: true,
      scopes: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      createdById: true,
      tenant: { select: { slug: true, disabled: true } },
    },
  })
  const now = new Date()
  if (!token || token.revokedAt || token.tenant.disabled || (token.expiresAt && token.expiresAt <= now)) return refuse
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    // Conditional, so concurrent requests (on any replica) write it once.
    await db.apiToken.updateMany({
      where: {
        id: token.id,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_EVERY_MS) } }],
      },
      data: { lastUsedAt: now },
    })
  }
  const scopes = parseScopes(token.scopes)
  const role: EffectiveRole = scopes.includes('run') ? 'operator' : 'viewer'
  return {
    ok: true,
    caller: {
      tokenId: token.id,
      tokenName: token.name,
      scopes,
      tenantSlug: token.tenant.slug,
      scope: { tenantId: token.tenantId, userId: token.createdById ?? '', role },
    },
  }
}

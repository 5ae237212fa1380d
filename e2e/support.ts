import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test'
import { addAuthorizedKey, type SshHost } from '../tests/support/sshd'
import { callAction, e2eDatabase } from './server-actions'

export const admin = { name: 'Ada Admin', email: 'ada@example.test', password: 'ada-password-1' }
export const acmeAdmin = { name: 'Tom Tenant', email: 'tom@example.test', password: 'tom-password-1' }
export const acmeViewer = { name: 'Vic Viewer', email: 'vic@example.test', password: 'vic-password-1' }

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(who.email)
  await page.getByLabel('Password').fill(who.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

/** Signs in afresh (whoever was signed in is dropped) and returns the page's request context, now theirs. */
export async function switchUser(page: Page, email: string, password: string) {
  await page.context().clearCookies()
  await signIn(page, { email, password })
  return page.request
}

/** A tenant's script id by name, read from the server's database. */
export function scriptIdOf(slug: string, name: string) {
  const db = e2eDatabase()
  try {
    return (
      db
        .prepare('SELECT s.id FROM Script s JOIN Tenant t ON t.id = s.tenantId WHERE t.slug = ? AND s.name = ?')
        .get(slug, name) as { id: string }
    ).id
  } finally {
    db.close()
  }
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'User menu' }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login/)
}

/**
 * Creates tenants and people (as the system admin, over the same actions the admin pages
 * use) and returns the tenant ids by slug. Each spec sets up its own, with unique slugs.
 */
export async function setUpTenants(
  page: Page,
  tenants: [name: string, slug: string][],
  people: [email: string, slug: string, role: 'admin' | 'operator' | 'viewer'][],
  password: string,
) {
  await signIn(page, admin)
  const ids: Record<string, string> = {}
  for (const [name, slug] of tenants) {
    const created = await callAction(page.request, '/admin', 'createTenantAction', { name, slug })
    expect(created.serverError, JSON.stringify(created)).toBeUndefined()
    ids[slug] = (created.data as { id: string }).id
  }
  for (const [email, slug, role] of people) {
    const created = await callAction(page.request, '/admin/users', 'createUserAction', {
      name: email.split('@')[0],
      email,
      password,
      isSystemAdmin: false,
    })
    expect(created.serverError, JSON.stringify(created)).toBeUndefined()
    const userId = (created.data as { id: string }).id
    const set = await callAction(page.request, '/admin/users', 'setMembershipAction', {
      userId,
      tenantId: ids[slug],
      role,
    })
    expect(set.serverError).toBeUndefined()
  }
  return ids
}

/** Lets the tenant's platform key log in on `host` (read from its settings page, as an admin would). */
export async function trustPlatformKey(page: Page, slug: string, host: Pick<SshHost, 'authorizedKeysFile'>) {
  await page.goto(`/${slug}/settings/key`)
  addAuthorizedKey(host, (await page.getByTestId('public-key').textContent())!.trim())
}

/** Targets on `host` logging in with the platform key, created over the target form's action: [name, labels]. */
export async function addTargets(
  request: APIRequestContext,
  slug: string,
  host: Pick<SshHost, 'host' | 'port' | 'username'>,
  targets: [name: string, labels: string, more?: Record<string, unknown>][],
) {
  for (const [name, labels, more] of targets) {
    const created = await callAction(request, `/${slug}/targets/new`, 'createTargetAction', {
      tenant: slug,
      name,
      host: host.host,
      port: host.port,
      username: host.username,
      credentialType: 'platform_key',
      labels,
      ...more,
    })
    expect(created.serverError, JSON.stringify(created)).toBeUndefined()
  }
}

/** A bash script saved over the script editor's action. */
export async function addBashScript(
  request: APIRequestContext,
  slug: string,
  script: { name: string; content: string; parameters: readonly Record<string, unknown>[] },
) {
  const created = await callAction(request, `/${slug}/scripts/new`, 'createScriptAction', {
    tenant: slug,
    language: 'bash',
    description: '',
    message: '',
    acknowledgeWarnings: false,
    ...script,
  })
  expect(created.serverError, JSON.stringify(created)).toBeUndefined()
}

/** A run page's log of the open target's stream (components/runs/log-view). */
export const runLog = (page: Page, stream: 'stdout' | 'stderr') => page.getByRole('log', { name: stream })

/** The lines a run page's log shows, as rendered (the gutter's numbers are not text). */
export const logLines = (log: Locator) => log.locator('[data-line] + span').allTextContents()

/** Opens a target's output on a run page: its row in the targets list (of a step, when given). */
export async function openTarget(page: Page, name: string, step?: number) {
  const rows = page.getByRole('list', { name: 'Targets' }).locator(`button[data-target="${name}"]`)
  await (step === undefined ? rows : rows.filter({ hasText: `step ${step}` })).click()
  await expect(page.getByRole('region', { name: `Output of ${name}` })).toBeVisible()
}

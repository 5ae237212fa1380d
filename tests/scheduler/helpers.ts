// Tasks for scheduler tests, created the way the app stores them: a tenant with its
// platform key, one target, one script, and a Task row with one script step.
import { db, type Prisma } from '@/lib/db'
import { startScheduler } from '@/lib/scheduler'
import { createScript } from '@/lib/scripts/save'
import { platformKey } from '@/lib/targets/platform-key'
import { createTarget } from '@/lib/targets/queries'
import { makeMember, makeTenant } from '../support/factories'
import { sleep } from '../support/processes'
import { addAuthorizedKey, type SshHost } from '../support/sshd'

export type TaskFields = Partial<Prisma.TaskUncheckedCreateInput>

/**
 * A tenant whose tasks run `content` on one target. Without `host` the target's address is
 * never dialled: no engine runs in such a test, a queued Run row is the evidence of a fire.
 */
export async function tenantForTasks(content = 'echo hello', host?: SshHost) {
  const tenant = await makeTenant('Scheduler')
  const { scope } = await makeMember(tenant.id, 'admin')
  if (host) addAuthorizedKey(host, (await platformKey(scope))!.publicKey)
  const target = await createTarget(
    scope,
    {
      name: 'web-1',
      host: host?.host ?? '127.0.0.1',
      port: host?.port ?? 1,
      username: host?.username ?? 'nobody',
      proxyId: null,
      resourcePool: null,
      region: null,
      encoding: 'utf-8',
      description: '',
      labels: [],
    },
    { credentialType: 'platform_key', credentialSecret: null },
  )
  const saved = await createScript(scope, {
    name: 'job',
    language: 'bash',
    description: '',
    content,
    parameters: [],
    message: '',
  })
  if (!saved.ok) throw new Error(saved.reason)
  let n = 0
  return {
    scope,
    /**
     * A task running the script on the target (none with `onTarget: false`); `fields`
     * override the defaults: cron, every second.
     */
    async task(fields: TaskFields = {}, { onTarget = true } = {}) {
      return db.task.create({
        data: {
          tenantId: tenant.id,
          name: `task-${n++}`,
          type: 'cron',
          cron: '* * * * * *',
          parallelism: 1,
          timeoutSeconds: 60,
          ...fields,
          steps: { create: [{ tenantId: tenant.id, position: 0, kind: 'script', scriptId: saved.scriptId }] },
          targets: { create: onTarget ? [{ tenantId: tenant.id, targetId: target.id }] : [] },
        },
      })
    },
  }
}

export type Scheduler = ReturnType<typeof startScheduler>

/** Sleeps until the wall clock reaches `at`. */
export const sleepUntil = (at: Date | number) => sleep(Math.max(0, new Date(at).getTime() - Date.now()))

/** The next whole second at least `ms` from now. */
export const secondAfter = (ms: number) => new Date(Math.ceil((Date.now() + ms) / 1000) * 1000)

/** A task's fires, oldest first, as the run history would list them. */
export const firesOf = (taskId: string) => db.taskFire.findMany({ where: { taskId }, orderBy: { scheduledFor: 'asc' } })

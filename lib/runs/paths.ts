/**
 * Where a run's page is: under its task for a task's run, /<tenant>/runs/<id> for a
 * one-off run of a script. No server imports: links, redirects and messages share it.
 */
export function runPath(tenantSlug: string, run: { id: string; taskId: string | null }): string {
  return run.taskId ? `/${tenantSlug}/tasks/${run.taskId}/runs/${run.id}` : `/${tenantSlug}/runs/${run.id}`
}

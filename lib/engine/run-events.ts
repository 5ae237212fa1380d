import { EventEmitter } from 'node:events'

// Live logs (ARCHITECTURE.md decision 8): the database is the only source of what a run
// printed and how its targets stand; this emitter only says "look again now" to the live
// views of runs this process executes, so they need not poll. Views of runs another
// replica executes poll instead. A global, not a module variable: Next bundles the engine
// (started from instrumentation) apart from the route handlers that stream events.

interface Registry {
  emitter: EventEmitter
  /** Runs this process's engines execute right now. */
  local: Set<string>
}

const registry: Registry = ((globalThis as { fanoutRunEvents?: Registry }).fanoutRunEvents ??= {
  emitter: new EventEmitter().setMaxListeners(0),
  local: new Set(),
})

/** Something of the run changed in the database: its status, a target's, or new output. */
export function runChanged(runId: string) {
  registry.emitter.emit(runId)
}

export function onRunChanged(runId: string, listener: () => void): () => void {
  registry.emitter.on(runId, listener)
  return () => void registry.emitter.off(runId, listener)
}

export function markRunLocal(runId: string, local: boolean) {
  if (local) registry.local.add(runId)
  else registry.local.delete(runId)
}

/** True while an engine of this process executes the run (its changes are announced here). */
export function isRunLocal(runId: string): boolean {
  return registry.local.has(runId)
}

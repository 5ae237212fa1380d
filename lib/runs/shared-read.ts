// One read of a run shared by the views that ask for it. A view asks with the mark it took
// when it last looked at the run (after the changes that woke it were announced): it gets
// the latest read if that began after the mark, else the next one, which begins once the
// read in flight ends. Views woken together share a read or two, however many they are.
// heldPerKey keeps what the views of one run share for as long as any of them is open.

let counter = 0

/** A point in this process's order of events: a read begun after it sees what was stored before it. */
export const mark = () => ++counter

export function sharedRead<T>(read: () => Promise<T>): (since: number) => Promise<T> {
  let latest: { started: number; result: Promise<T>; done: boolean } | null = null
  let next: Promise<T> | null = null
  const start = () => {
    const entry = { started: mark(), result: read(), done: false }
    latest = entry
    entry.result.then(
      () => void (entry.done = true),
      // A failed read is not handed to the views that ask next.
      () => {
        entry.done = true
        if (latest === entry) latest = null
      },
    )
    return entry.result
  }
  return (since) => {
    if (latest && latest.started > since) return latest.result
    if (next) return next
    if (!latest || latest.done) return start()
    const after = latest.result
    next = after
      .catch(() => undefined)
      .then(() => {
        next = null
        return start()
      })
    return next
  }
}

/**
 * One value per key for as long as a view holds it: the first view of a key creates it, the
 * last one's release() drops it (a second release() of the same view is a no-op).
 */
export function heldPerKey<V>() {
  const held = new Map<string, { value: V; views: number }>()
  return (key: string, create: () => V) => {
    let entry = held.get(key)
    if (!entry) held.set(key, (entry = { value: create(), views: 0 }))
    const mine = entry
    mine.views++
    let released = false
    return {
      value: mine.value,
      release() {
        if (released) return
        released = true
        if (--mine.views === 0) held.delete(key)
      },
    }
  }
}

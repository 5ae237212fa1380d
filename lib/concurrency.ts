/**
 * Runs fn over items with at most `limit` in flight; results keep the items' order. After a
 * failure no further item starts, and the first error is thrown once those in flight are
 * done: nothing is left running behind the caller's back.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async () => {
    while (next < items.length && !failure) {
      const i = next++
      try {
        results[i] = await fn(items[i])
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker))
  if (failure) throw (failure as { error: unknown }).error
  return results
}

// Sizes of stored files: the cap, and how a size reads in messages and logs.

export const maxStoredFileBytes = 50 * 1024 * 1024

/** 12 B, 340 kB, 1.2 MB: decimal units, as file managers show sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  const units = ['kB', 'MB', 'GB']
  let value = bytes / 1000
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}

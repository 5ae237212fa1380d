import { statusTones, type TargetRunStatus } from '@/lib/runs/statuses'

// The status badges' tones as solid marks for charts: SVG fills and HTML bars. Theme
// variables, so light and dark both work; written out in full for Tailwind to find.
const fills = {
  success: 'fill-success',
  destructive: 'fill-destructive',
  warning: 'fill-warning',
  secondary: 'fill-muted-foreground/40',
  outline: 'fill-sky-500',
} as const

const backgrounds = {
  success: 'bg-success',
  destructive: 'bg-destructive',
  warning: 'bg-warning',
  secondary: 'bg-muted-foreground/40',
  outline: 'bg-sky-500',
} as const

export const statusFill = (status: TargetRunStatus) => fills[statusTones[status]]
export const statusBackground = (status: TargetRunStatus) => backgrounds[statusTones[status]]

export { notifySchedulers, startScheduler, type SchedulerOptions } from './scheduler'
export type { FireOutcome } from './fire'

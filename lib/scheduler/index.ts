export {
  notifySchedulers,
  schedulerVitals,
  startScheduler,
  type SchedulerOptions,
  type SchedulerVitals,
} from './scheduler'
export type { FireOutcome } from './fire'

export type JobPhase = 'pending' | 'completed' | 'failed'

/** Every job status the admin API and Esri's own clients know. Anything else is unknown: polling goes on. */
const JOB_PHASES: Record<string, JobPhase> = {
  SUBMITTED: 'pending',
  EXECUTING: 'pending',
  CANCELLING: 'pending',
  UNAVAILABLE: 'pending',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'failed',
  'TIME OUT': 'failed',
  'TIMED OUT': 'failed'
}

/** The phase of a job status (any case), or undefined for a status this table does not know. */
export function jobPhase(status: string): JobPhase | undefined {
  return JOB_PHASES[status.trim().toUpperCase()]
}

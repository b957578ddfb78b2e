/** The Product Ingestion API's status spellings as data: configure jobs and submissions. */
import type { StatusTable } from '../../model/status.js'

/** `jobStatus` of a configure job while it has not completed. */
export const JOB_STATUS: StatusTable = {
  notstarted: 'notStarted',
  running: 'running',
  inprogress: 'running'
}

/** `jobResult` once `jobStatus` is `completed`, and a submission's `result` once it completes. */
export const COMPLETED_RESULT: StatusTable = {
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'canceled',
  canceled: 'canceled',
  // Completed yet still pending should not happen; keep following rather than guess an ending.
  pending: 'running'
}

/** A submission's `status`; `completed` is resolved through COMPLETED_RESULT. */
export const SUBMISSION_STATUS: StatusTable = {
  notstarted: 'notStarted',
  running: 'running',
  inprogress: 'running'
}

export const COMPLETED = 'completed'

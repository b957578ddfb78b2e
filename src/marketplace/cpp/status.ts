/** The CPP API's status spellings as data: operation statuses, and the offer status that means ready. */
import type { StatusTable } from '../../model/status.js'

/**
 * Every spelling of a CPP operation status the sources use (see the API notes); keys are
 * normalised (lower case, no spaces). `inProgress` is a step spelling seen on operations too.
 */
export const CPP_OPERATION_STATUS: StatusTable = {
  notstarted: 'notStarted',
  running: 'running',
  inprogress: 'running',
  complete: 'succeeded',
  completed: 'succeeded',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
  cancelled: 'canceled'
}

/** The offer (or sign-off step) status that says the preview waits for the publisher to sign off. */
export const CPP_READY_STATUS = 'waitingforpublisherreview'

/** Step `id` or `stepName` of the sign-off step, normalised. */
export const CPP_SIGNOFF_STEP = new Set(['publishersignoff'])

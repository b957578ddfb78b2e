/**
 * What configure's "a submission is in progress" means, read from the submission list: a go-live
 * in flight to join only when a `live` entry runs. A preview being published, or a preview that is
 * not the latest, is a refusal (facts for report/); nothing listed in progress is a configure job
 * whose live entry is not listed yet (a retry after a lost answer, another run's push).
 */
import { StartRefusedError, type ApiError, type StartRefusal } from '../../model/errors.js'
import { inProgressElsewhere, listed, newestPreview, runningLive, type Submission } from './submissions.js'

export type ConflictReading =
  /** A live submission runs: join it. */
  | { kind: 'join'; running: Submission }
  /** Nothing else listed in progress: follow the live submission the pending job creates. */
  | { kind: 'await-live' }
  | { kind: 'refused'; error: StartRefusedError }

/** Configure's words for pushing a preview that is not the latest. */
const NOT_LATEST = /not the latest/i

export function readConflict(error: ApiError, submissions: Submission[], pushed: Submission): ConflictReading {
  if (NOT_LATEST.test(error.details.apiMessage ?? '')) {
    const latest = newestPreview(submissions)
    const refusal: StartRefusal = {
      kind: 'not-latest',
      latest: latest && latest.bareId !== pushed.bareId ? listed(latest) : undefined
    }
    return { kind: 'refused', error: new StartRefusedError(error, refusal) }
  }
  const running = runningLive(submissions)
  if (running) return { kind: 'join', running }
  const busy = inProgressElsewhere(submissions)
  if (busy.length > 0) {
    return {
      kind: 'refused',
      error: new StartRefusedError(error, { kind: 'in-progress', inProgress: busy.map(listed) })
    }
  }
  return { kind: 'await-live' }
}

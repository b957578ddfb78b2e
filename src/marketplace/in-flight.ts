/** Telling a refused start because a go-live already runs (join it) from any other refusal. */
import { ApiError } from '../model/errors.js'

/**
 * Words and codes services use for "an operation is already running" (`OperationInProgress`,
 * "pending operation", "already running", "a submission is already in progress").
 */
const IN_PROGRESS =
  /in ?progress|already (running|started|in flight|exists)|currently running|another operation|pending operation|conflict/i

/**
 * The start was refused because one already runs: 409, or a 400 that says so. Both APIs allow one
 * operation at a time, and the answer to it is to join, never to start twice.
 */
export function isInFlight(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false
  if (error.status === 409) return true
  return error.status === 400 && IN_PROGRESS.test(`${error.details.code ?? ''} ${error.details.apiMessage ?? ''}`)
}

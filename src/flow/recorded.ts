/**
 * What a go-live recorded in a GitHub deployment is doing now, checked once: the release run asks
 * it before starting its own go-live (a record describes one go-live of one commit), the follow
 * run for each record. The deployment's record is untrusted: its location is rebuilt on this run's
 * API root and held to its target like any other.
 */
import type { CallContext } from '../marketplace/backend.js'
import type { Backend } from '../marketplace/backend.js'
import { ApiError, AuthError, ProtocolError } from '../model/errors.js'
import { expandRef } from '../model/operation-ref.js'
import { isTerminal, type OperationRef, type OperationSnapshot } from '../model/status.js'
import type { GoLiveDeployment } from '../github/deployments.js'
import { recordedLocation } from '../github/payload.js'

export type RecordedState =
  /** The operation runs (or, for a record without one, a go-live of the target was found running). */
  | { kind: 'running'; operation: OperationRef; snapshot: OperationSnapshot; found?: boolean }
  | { kind: 'ended'; operation: OperationRef; snapshot: OperationSnapshot }
  /** The API answered 404 for the operation: it will not come back. */
  | { kind: 'operation-unknown'; operation: OperationRef; error: ApiError }
  /** No operation recorded, and none runs on the target. */
  | { kind: 'not-running' }
  /** The record's location cannot be used (another origin, another target, no known form). */
  | { kind: 'unusable'; error: ProtocolError }
  /** The check gave no answer; `passing`: a later run may get one (throttling, an outage). */
  | { kind: 'check-failed'; error: unknown; passing: boolean; operation?: OperationRef }

/** The location the record names, on this run's API root: the payload's, or the one its statuses reference. */
export function locationOf(deployment: GoLiveDeployment, baseUrl: string, apiVersion: string): string | undefined {
  const record = deployment.record
  if (record.operationLocation) return record.operationLocation
  if (!deployment.operationRef) return undefined
  const expanded = expandRef(record, baseUrl, apiVersion, deployment.operationRef)
  if (!expanded) throw new ProtocolError(`its status names an operation '${deployment.operationRef}' of no known form`)
  return recordedLocation(record, baseUrl, expanded)
}

/** Checks the recorded go-live once; never throws. */
export async function checkRecorded(
  backend: Backend,
  location: string | undefined,
  context: CallContext
): Promise<RecordedState> {
  let operation: OperationRef | undefined
  try {
    if (location === undefined) {
      operation = await backend.findRunning?.(context)
      if (!operation) return { kind: 'not-running' }
    } else {
      operation = backend.resume(location)
    }
    const snapshot = await backend.poll(operation, context)
    if (isTerminal(snapshot.status)) return { kind: 'ended', operation, snapshot }
    return { kind: 'running', operation, snapshot, found: location === undefined }
  } catch (error) {
    if (error instanceof ProtocolError && !operation) return { kind: 'unusable', error }
    if (error instanceof ApiError && error.status === 404 && operation) {
      return { kind: 'operation-unknown', operation, error }
    }
    const passing = (error instanceof ApiError || error instanceof AuthError) && error.transient
    return { kind: 'check-failed', error, passing, operation }
  }
}

/**
 * What a follow run found, as plain values: flow/follow.ts returns it, report/ renders it.
 */
import type { DeploymentState, OperationSnapshot, Readiness } from './status.js'

export type FollowedResult = 'queued' | 'running' | 'succeeded' | 'failed' | 'canceled'

/** One entry of the `followed` output (names as the contract gives them). */
export interface FollowedEntry {
  target: string
  'deployment-id': number
  'operation-location': string
  result: FollowedResult
  url: string
}

/** One go-live checked, with what the summary shows. */
export interface FollowRow extends FollowedEntry {
  environment: string
  operationStatus: string
  /** Why the check gave no answer (or its status was not posted): what went wrong, and the error's words. */
  problem?: {
    kind:
      'check-failed' | 'unusable-location' | 'status-not-set' | 'operation-unknown' | 'no-operation' | 'not-approved'
    message: string
  }
  /** The check failed in a way retrying later will not fix (401, 403, 404, a refused location). */
  lasting?: boolean
  /** The payload's `startedAt`: when the run that recorded the go-live started it. */
  startedAt: string
  /** Clock time the operation began: the API's own start when it gives one, else the payload's. */
  operationStartedAt?: number
  /** Clock time of the check. */
  checkedAt: number
  /** What the check read (the failed step and the API's error of a failure). */
  snapshot?: OperationSnapshot
  /** A queued go-live: where its preview is. */
  readiness?: Readiness
  /** A queued go-live this run started (its preview became ready). */
  started?: boolean
}

/** What a follow run found: report/follow.ts renders it. */
export interface FollowReport {
  result: 'none' | 'running' | 'succeeded' | 'failed'
  rows: FollowRow[]
  /** "offer contoso/contoso-offer", or every target of the API. */
  scope: string
  /** Deployments skipped, each in one sentence (github/deployments.ts). */
  skipped: string[]
  /** Records of this action that cannot be read: a follow run that cannot read one fails, naming it. */
  unreadable: string[]
  elapsedMs: number
}

/** What happens while a follow run goes, for the log (report/follow.ts words it). */
export type FollowEvent =
  | { type: 'looking'; repository: string; scope: string }
  | { type: 'in-flight'; count: number }
  /** One go-live checked; `posted`: the deployment state set, when it changed. */
  | { type: 'checked'; row: FollowRow; posted?: DeploymentState }

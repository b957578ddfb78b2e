/**
 * What the flows are given: the backend, the clock, the run's limits, the GitHub deployment that
 * records a go-live, and where events go. main.ts composes them.
 */
import type { Clock } from '../base/clock.js'
import type { Logger } from '../base/logger.js'
import type { Deployments } from '../github/deployments.js'
import type { Backend, CallContext } from '../marketplace/backend.js'
import type { FollowEvent } from '../model/follow-report.js'
import type { GoLiveEvent, TargetOutcome } from '../model/outcome.js'
import type { GoLiveSettings } from '../model/settings.js'
import type { OperationRef, Readiness } from '../model/status.js'
import type { OfferIds } from '../model/target.js'

/** The GitHub deployment of the go-live (github/hooks.ts), as the flow uses it. */
export interface DeploymentRecorder {
  /** Before Go Live: the deployment's ID, and the location of a go-live of the target recorded in flight. */
  open(context: CallContext): Promise<{ deploymentId: number; recordedLocation?: string }>
  /** The operation is known: recorded, the deployment in progress; returns the deployment's ID now. */
  record(operation: OperationRef, url: string): Promise<number>
  /** `when-ready`: the preview is pending; the deployment says `queued`. */
  queue(readiness: Readiness): Promise<void>
  /** The queued go-live's preview is ready: true when this run is the one to start it. */
  claim(): Promise<boolean>
}

export interface GoLiveDependencies {
  settings: GoLiveSettings
  backend: Backend
  clock: Clock
  context: CallContext
  /** Who and what the outcome is about. */
  target: Omit<TargetOutcome, 'result' | 'error' | 'aborted'>
  deployment?: DeploymentRecorder
  emit(event: GoLiveEvent): void
}

/** The API client, root and version a record's own API is reached with. */
export interface RecordApi {
  backend: Backend
  baseUrl: string
  apiVersion: string
}

export interface FollowDependencies {
  settings: GoLiveSettings
  /** The backend of a record's API and target; throws when this run cannot check it (no credentials for that API). */
  apiFor(ids: OfferIds): RecordApi
  /** Whether the `api` input narrows the records followed. */
  apiGiven: boolean
  deployments: Deployments
  clock: Clock
  context: CallContext
  log: Logger
  emit(event: FollowEvent): void
}

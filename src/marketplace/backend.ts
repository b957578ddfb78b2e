/**
 * What the orchestration needs from an API, and nothing about HTTP: start (or join) a go-live,
 * poll it, cancel it, and check readiness. CPP, Product Ingestion and the ingestion API v1.0 implement it.
 */
import type { CallLimits } from '../model/call-limits.js'
import type { OperationRef, OperationSnapshot, Readiness } from '../model/status.js'

export type { OperationRef, Readiness } from '../model/status.js'

/** Where every call may run until, and what stops it early. */
export interface CallContext extends CallLimits {
  /** true: one attempt, no retry (used inside the runner's short cancellation grace). */
  singleAttempt?: boolean
  /** Names the target in retry lines, when one run checks many (a follow run). */
  labelPrefix?: string
}

export interface StartResult {
  operation: OperationRef
  /** What was started or joined, for the log and summary. */
  note: string
  /** A go-live already running was joined: nothing new was started. */
  joined?: boolean
  /** The server's Retry-After on the start answer: the first poll waits this long. */
  retryAfterMs?: number
  /** Nothing to start or wait for: the target is already live, as this snapshot shows. */
  settled?: OperationSnapshot
}

export interface CancelResult {
  /** The API accepted the cancellation (the result becomes `canceled`). */
  accepted: boolean
  /** What happened, in words, for the log and the failure message. */
  message: string
  /** The API named a separate cancellation operation: follow it to see the cancellation land. */
  operation?: OperationRef
}

export interface Backend {
  /** What is going live, for messages: "offer contoso/contoso-offer", or a product by its alias once known. */
  readonly target: string
  /**
   * Names the target as people know it (a Product Ingestion product by its alias): one request,
   * no retry; a failure changes nothing and is logged as a debug line.
   */
  nameTarget?(context: CallContext): Promise<void>
  /** Starts a go-live, or joins the one already running. */
  start(context: CallContext): Promise<StartResult>
  /**
   * The go-live running on the target now, from the API's own list (CPP submissions, Product
   * Ingestion's live submissions): what a run cancelled before Go Live answered may have started.
   */
  findRunning?(context: CallContext): Promise<OperationRef | undefined>
  /** Follow an operation given by the user (checked against the API origin). */
  resume(location: string): OperationRef
  poll(operation: OperationRef, context: CallContext): Promise<OperationSnapshot>
  /** Asks the API to cancel; following the cancellation is the caller's (it polls the operation). */
  cancel(operation: OperationRef, context: CallContext): Promise<CancelResult>
  /**
   * false: the API has no way to cancel a go-live (an ingestion API v1.0 promotion); cancel() sends
   * nothing and says so. Absent: cancel() asks the API.
   */
  readonly cancellable?: boolean
  readiness(context: CallContext): Promise<Readiness>
  /** Extra words for a failed start (e.g. what the offer status says after a 400). */
  explainStartFailure?(error: unknown, context: CallContext): Promise<string | undefined>
}

/**
 * What the orchestration needs from an API, and nothing about HTTP: start (or join) a go-live,
 * poll it, cancel it, and check readiness. CPP and Product Ingestion implement it.
 */
import type { OperationSnapshot, StepView } from './status.js'

/** Where every call may run until, and what stops it early. */
export interface CallContext {
  /** Clock time past which no retry starts (requests still get a short grace). */
  deadline: number
  signal?: AbortSignal
  /** false: a single attempt (used inside the runner's short cancellation grace). */
  retry?: boolean
}

/** The operation being followed: its absolute URL is the whole resume state. */
export interface OperationRef {
  /** Absolute URL (output `operation-location`, input of the same name to resume). */
  location: string
  /** Output `operation-id`. */
  id: string
}

export interface StartResult {
  operation: OperationRef
  /** True when a go-live already in flight was joined instead of a new one started. */
  joined: boolean
  /** Explains a join (or what was submitted), for the log and summary. */
  note: string
}

export interface CancelResult {
  /** The API accepted the cancellation (the result becomes `canceled`). */
  accepted: boolean
  /** What happened, in words, for the log and the failure message. */
  message: string
  /** The last document seen while following the cancellation, if any. */
  snapshot?: OperationSnapshot
}

export interface Readiness {
  ready: boolean
  /** The raw offer/product status. */
  status: string
  /** Why (not) ready, for the log, the summary and the failure message. */
  explanation: string
  steps: StepView[]
  document: unknown
}

export interface Backend {
  /** What is going live, for messages: "offer contoso/contoso-offer". */
  readonly target: string
  start(context: CallContext): Promise<StartResult>
  /** Follow an operation given by the user (checked against the API origin). */
  resume(location: string): OperationRef
  poll(operation: OperationRef, context: CallContext): Promise<OperationSnapshot>
  /** Ask the API to cancel; follows a 202 for at most `followMs` when it is given. */
  cancel(
    operation: OperationRef,
    context: CallContext & { followMs?: number; pollIntervalMs?: number }
  ): Promise<CancelResult>
  readiness(context: CallContext): Promise<Readiness>
  /** Extra words for a failed start (e.g. what the offer status says after a 400). */
  explainStartFailure?(error: unknown, context: CallContext): Promise<string | undefined>
}

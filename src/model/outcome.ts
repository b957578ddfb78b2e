/**
 * What a run ended with, as plain values: the flows (go-live.ts, follow.ts) return them and
 * report/ renders them; GoLiveEvents say what happens meanwhile. Nothing here is a sentence for people.
 */
import type { OperationRef, OperationSnapshot, Readiness } from './status.js'
import type { FollowReport } from './follow-report.js'
import { liveLink, type OfferIds } from './target.js'
import type { ApiKind, OnTimeout } from './settings.js'

/** The `result` output. */
export type Result =
  | 'succeeded'
  | 'failed'
  | 'canceled'
  | 'timed-out'
  | 'started'
  /** `when-ready` with a GitHub deployment: the preview is not ready yet; a follow run goes live. */
  | 'queued'
  | 'ready'
  | 'not-ready'
  // follow: true
  | 'none'
  | 'running'

/** What every outcome has. */
interface OutcomeBase {
  /** Clock time the run started. */
  startedAt: number
  /** The `result` output; undefined when it is not known (a go-live that may or may not run on). */
  result?: Result
  /** The error that ended the run early, when one did. */
  error?: unknown
  /** The workflow run was being cancelled when that error came. */
  aborted?: boolean
}

/** The run stopped before it knew its target (an input, the token provider). */
export interface SetupFailedOutcome extends OutcomeBase {
  kind: 'setup-failed'
}

/** The offer or product a go-live or dry run is about. */
export interface TargetOutcome extends OutcomeBase {
  api: ApiKind
  /** "offer contoso/contoso-offer" */
  target: string
  /** The token came from the `token` input, so it cannot be renewed. */
  staticToken: boolean
  /** A page a person can open for the offer (the `url` output). */
  url: string
  /** The inputs that name the target (for a step that follows the go-live later). */
  ids: OfferIds
}

/** `dry-run: true`: the readiness check. */
export interface DryRunOutcome extends TargetOutcome {
  kind: 'dry-run'
  readiness?: Readiness
}

/** Where the operation followed came from. */
export type OperationSource =
  /** Go Live (or configure) was called; `joined`: it joined a go-live already running. */
  | { kind: 'started'; note: string; joined?: boolean }
  /** The `operation-location` input. */
  | { kind: 'resumed' }
  /** A go-live recorded in flight in a GitHub deployment of the target. */
  | { kind: 'recorded'; deploymentId: number }

/** A request to cancel the operation remotely, and what it led to. */
export interface CancelAttempt {
  reason: 'on-timeout: cancel' | 'on-cancel: cancel'
  /** The API accepted the cancellation. */
  accepted: boolean
  /** The backend's words on what happened. */
  message: string
  /** The operation's status when it was looked at after the cancellation was accepted. */
  statusAfter?: string
  /** The go-live ended otherwise meanwhile (CPP answers 202 even when nothing was cancelled). */
  settled?: 'succeeded' | 'failed'
}

/** A go-live: started, joined or resumed, then followed (or not) to its end. */
export interface GoLiveOutcome extends TargetOutcome {
  kind: 'go-live'
  timeoutMs: number
  onTimeout: OnTimeout
  /** `github-deployment: true`: the go-live is recorded, so a follow run can report it. */
  githubDeployment: boolean
  source?: OperationSource
  /** The operation followed last: its location is the whole resume state. */
  operation?: OperationRef
  /** The last document read of the go-live. */
  snapshot?: OperationSnapshot
  /** Clock time the operation itself began, the earliest the API gave (it may predate this run). */
  operationStartedAt?: number
  /** The GitHub deployment recording the go-live (github-deployment: true). */
  deploymentId?: number
  /** How it ended when it did not wait: already live, or wait: false. */
  shortcut?: 'already-live' | 'not-waiting'
  /** `when-ready`: the preview's readiness as last checked before Go Live (or instead of it). */
  readiness?: Readiness
  /** The wait, and the clock time it ended. */
  waited?: WaitResult & { endedAt: number }
  cancel?: CancelAttempt
}

/** `follow: true`: the go-lives recorded as in-flight GitHub deployments, each checked once. */
export interface FollowOutcome extends OutcomeBase {
  kind: 'follow'
  /** "offer contoso/contoso-offer" when the inputs name one, else "every target". */
  target: string
  /** The page of the target the inputs name, when they name one. */
  url?: string
  report?: FollowReport
}

export type RunOutcome = SetupFailedOutcome | DryRunOutcome | GoLiveOutcome | FollowOutcome

/** What happens while the flow runs, for the log and the outputs published as soon as known. */
export type GoLiveEvent =
  | { type: 'source'; source: OperationSource }
  /** The operation is known, or what is followed changed (a handover): the resume state. */
  | { type: 'operation'; operation: OperationRef }
  /** `deadline`: clock time the wait ends. */
  | { type: 'waiting'; timeoutMs: number; pollIntervalMs: number; deadline: number }
  /** `nextCheckMs`: the pause the wait takes before the next check; none after the last. */
  | { type: 'snapshot'; snapshot: OperationSnapshot; at: number; nextCheckMs?: number }
  | { type: 'poll-failed'; error: unknown }
  /** `when-ready`: the preview was checked; `queued`: its deployment now says it waits for it. */
  | { type: 'readiness'; readiness: Readiness; queued?: boolean }
  | { type: 'cancelling'; reason: CancelAttempt['reason'] }
  | { type: 'cancel-answered'; message: string }
  | { type: 'following-cancellation'; operation: OperationRef }

/** Keeps what the outputs and the summary show in step with the last document read. */
export function recordSnapshot(outcome: GoLiveOutcome, snapshot: OperationSnapshot): void {
  outcome.snapshot = snapshot
  if (snapshot.startedAt !== undefined) {
    // The configure job starts before the submission it pushes: the go-live began with the earliest.
    outcome.operationStartedAt = Math.min(snapshot.startedAt, outcome.operationStartedAt ?? Infinity)
  }
  outcome.url = liveLink(snapshot.document) ?? outcome.url
}

/** How a wait ended. */
export type WaitOutcome = 'succeeded' | 'failed' | 'canceled' | 'timed-out' | 'aborted'

export interface WaitResult {
  outcome: WaitOutcome
  /** The last document read, if any. */
  snapshot?: OperationSnapshot
  /** The last transient failure, when the wait ended while failures went on. */
  lastError?: unknown
  polls: number
  elapsedMs: number
}

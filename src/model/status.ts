/**
 * The action's view of a remote operation, whichever API runs it. Status tables are data, one per
 * API (each backend's status.ts); mapping is case-insensitive and an unknown
 * spelling means "still running", so a new status from Microsoft never ends a wait by mistake.
 */
import type { StartRefusal } from './errors.js'
import type { OperationLink } from './target.js'

/** Closed set of states the wait loop understands. */
export type OperationStatus = 'notStarted' | 'running' | 'succeeded' | 'failed' | 'canceled'

export type StatusTable = Readonly<Record<string, OperationStatus>>

/** The states of a GitHub deployment; the first three mean "still going". */
export type DeploymentState = 'queued' | 'pending' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive'

/**
 * The one table from an operation's status to what it means: whether it has ended, the result it
 * ends with (the `result` output; the step fails on every one but `succeeded`), and the state of the
 * GitHub deployment that records it. Each API maps its own spellings onto OperationStatus (its
 * status table, as data); everything else reads this.
 */
export const STATUS_MEANING: Readonly<
  Record<OperationStatus, { ended: boolean; result?: 'succeeded' | 'failed' | 'canceled'; deployment: DeploymentState }>
> = {
  notStarted: { ended: false, deployment: 'in_progress' },
  running: { ended: false, deployment: 'in_progress' },
  succeeded: { ended: true, result: 'succeeded', deployment: 'success' },
  failed: { ended: true, result: 'failed', deployment: 'failure' },
  canceled: { ended: true, result: 'canceled', deployment: 'error' }
}

export function isTerminal(status: OperationStatus): boolean {
  return STATUS_MEANING[status].ended
}

/** The deployment state that tells the truth about an operation in this state. */
export function deploymentStateFor(status: OperationStatus): DeploymentState {
  return STATUS_MEANING[status].deployment
}

/** Looks a raw status up, ignoring case and spaces/dashes/underscores (`not started` = `notStarted`). */
export function mapStatus(table: StatusTable, raw: unknown, onUnknown?: (raw: string) => void): OperationStatus {
  const text = typeof raw === 'string' ? raw : ''
  const mapped = table[normaliseStatus(text)]
  if (mapped) return mapped
  onUnknown?.(text)
  return 'running'
}

/**
 * An API timestamp as clock time; undefined when absent or unreadable (`0001-01-01T00:00:00` included).
 * A time without a zone (the ingestion API v1.0 writes `2022-08-04T10:51:57.0499235`) is UTC, as the
 * APIs mean it: Date.parse would read it as the runner's local time.
 */
export function apiTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined
  const text = value.trim()
  const time = Date.parse(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text)
  return Number.isFinite(time) && time > Date.UTC(2000, 0, 1) ? time : undefined
}

export function normaliseStatus(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '')
}

/** The operation being followed: its absolute URL is the whole resume state. */
export interface OperationRef {
  /** Absolute URL (output `operation-location`, input of the same name to resume). */
  location: string
  /** Output `operation-id`. */
  id: string
}

/** One row of the step table in the log and the job summary. */
export interface StepView {
  name: string
  status: string
  progress?: number
  estimate?: string
  /** Newest message, as plain text (HTML removed); untrusted. */
  message?: string
}

/** One poll's worth of what the action knows about the operation. */
export interface OperationSnapshot {
  status: OperationStatus
  /** The status string exactly as the API sent it (output `operation-status`). */
  rawStatus: string
  /** The document as received (output `operation`). */
  document: unknown
  steps: StepView[]
  /** The API's error on a failed operation. */
  error?: { code?: string; message?: string }
  /** The server asked for this pause before the next poll. */
  retryAfterMs?: number
  /** When the operation itself began, if the API says (`createdDateTime`, `jobStart`, a submission's `created`). */
  startedAt?: number
  /** When it ended, if it has and the API says (`lastActionDateTime`, `jobEnd`). */
  endedAt?: number
  /** A line for the log when the backend moves to another phase (Product Ingestion). */
  phase?: string
  /** Pages the API names for the operation (the ingestion API v1.0's certification reports): https only. */
  links?: OperationLink[]
  /**
   * From now on, follow this operation instead (the configure job handed over to the live
   * submission): the new `operation-location`, the whole state a resume needs.
   */
  handover?: OperationRef
}

/** The step the operation is in: the first that is neither done nor waiting to start, else the last done. */
export function currentStep(steps: StepView[]): StepView | undefined {
  // CPP says `complete`; Product Ingestion rows say status and result, `completed / succeeded`; v1 `Success`.
  const done = /^(complete|completed|succeeded|success|skipped)\b/i
  const notStarted = /^(not ?started|not listed|not created)\b/i
  return (
    steps.find((step) => !done.test(step.status) && !notStarted.test(step.status)) ??
    steps.find((step) => notStarted.test(step.status)) ??
    steps[steps.length - 1]
  )
}

/** Whether the target can go live now (a dry run, and the check before Go Live). */
/**
 * Where the preview is, for every API: nothing submitted; in validation or certification
 * (`pending`, what `when-ready` waits on); `ready` to go live; `failed` validation or
 * certification; a go-live already `running` (a go-live now joins it); already `live`.
 */
export type ReadinessState = 'nothing-submitted' | 'pending' | 'ready' | 'failed' | 'running' | 'live'

/** The states in which a go-live now goes ahead (starts, joins, or reports already live). */
export function goLiveAllowed(state: ReadinessState): boolean {
  return state === 'ready' || state === 'running' || state === 'live'
}

export interface Readiness {
  state: ReadinessState
  /** goLiveAllowed(state): a dry run is `ready`. */
  ready: boolean
  /** Why (not) ready, for the log, the summary and the failure message. */
  explanation: string
  /** A failed preview: each failing check's message, as the API gives it (untrusted text). */
  failures?: string[]
  /** A failed preview: links to its certification reports (https only). */
  reports?: string[]
  steps: StepView[]
  /** The offer status document as received (CPP), whose `liveLinks`/`previewLinks` the summary shows. */
  document?: unknown
  /** Not ready because the API would refuse a go-live now: what its list shows (report/ words it). */
  refusal?: StartRefusal
  /** Pages the API names for the preview (certification reports of a failed v1 submission). */
  links?: OperationLink[]
}

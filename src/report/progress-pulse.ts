/**
 * Which lines a poll adds to the log: a line when something a person cares about changes (the
 * operation's status, a step's status, a new message, progress crossing a quarter), and when nothing
 * did, a sign of life every few polls or minutes, so waiting can be told from hung. Pure: it returns
 * lines and prints nothing.
 */
import { currentStep, type OperationSnapshot } from '../model/status.js'
import { formatDuration } from '../base/duration.js'
import { redactAndCut } from '../base/text.js'
import { describeStep, formatProgress, MAX_STEPS_SHOWN } from './steps.js'

export interface PulseOptions {
  /** A sign of life after this many polls without a change. */
  quietPolls?: number
  /** ... or after this long without a line, whichever comes first. */
  quietMs?: number
}

/** Where the wait stands at one poll, for the sign of life. */
export interface PulseClock {
  now: number
  /** Clock time the wait ends. */
  deadline: number
  /** Pause until the next check; undefined when there is none (the operation ended or the wait did). */
  nextCheckMs?: number
}

const QUIET_POLLS = 10
export const QUIET_MS = 10 * 60_000

/** What one step looked like when it was last logged. */
interface StepSeen {
  status: string
  message?: string
  quarter?: number
}

export class ProgressPulse {
  private lastStatus?: string
  private lastPhase?: string
  private readonly steps = new Map<string, StepSeen>()
  private quietPolls = 0
  private lastLineAt: number

  /**
   * @param waitStartedAt clock time this run began waiting (for "waited")
   * @param operationStartedAt clock time the operation itself began, when the API says (for its age)
   */
  constructor(
    private readonly waitStartedAt: number,
    private operationStartedAt?: number,
    private readonly options: PulseOptions = {}
  ) {
    this.lastLineAt = waitStartedAt
  }

  /** Lines for this poll (without the stamp); empty when nothing worth a line happened. */
  update(snapshot: OperationSnapshot, at: PulseClock): string[] {
    this.operationStartedAt ??= snapshot.startedAt
    const lines: string[] = []
    if (snapshot.phase && snapshot.phase !== this.lastPhase) lines.push(snapshot.phase)
    this.lastPhase = snapshot.phase
    if (snapshot.rawStatus !== this.lastStatus) {
      lines.push(`operation ${redactAndCut(snapshot.rawStatus, 100) || '(no status)'}`)
      this.lastStatus = snapshot.rawStatus
    }
    // Keyed by name, not position: when a step before it goes (the Product Ingestion handover drops
    // the configure job's row), a step that did not change is not logged again.
    const named = new Map<string, number>()
    for (const step of snapshot.steps.slice(0, MAX_STEPS_SHOWN)) {
      const nth = (named.get(step.name) ?? 0) + 1
      named.set(step.name, nth)
      const key = `${nth}:${step.name}`
      const seen = this.steps.get(key)
      const now: StepSeen = { status: step.status, message: step.message, quarter: quarterOf(step.progress) }
      if (!seen || seen.status !== now.status || seen.message !== now.message || seen.quarter !== now.quarter) {
        this.steps.set(key, now)
        lines.push(`  ${describeStep(step)}`)
      }
    }
    if (snapshot.steps.length > MAX_STEPS_SHOWN && !this.steps.has('more')) {
      this.steps.set('more', { status: '' })
      lines.push(`  … and ${snapshot.steps.length - MAX_STEPS_SHOWN} more steps, not shown`)
    }
    if (lines.length) {
      this.quietPolls = 0
      this.lastLineAt = at.now
      return lines
    }
    this.quietPolls++
    const quietPolls = this.options.quietPolls ?? QUIET_POLLS
    const quietMs = this.options.quietMs ?? QUIET_MS
    if (this.quietPolls < quietPolls && at.now - this.lastLineAt < quietMs) return []
    this.quietPolls = 0
    this.lastLineAt = at.now
    return [this.signOfLife(snapshot, at)]
  }

  /** `still running: Certification inProgress 40%; waited 1h 10m (operation started 2d 3h ago), 4h 50m left, next check in 1m` */
  private signOfLife(snapshot: OperationSnapshot, at: PulseClock): string {
    const step = currentStep(snapshot.steps)
    const where = step
      ? `: ${redactAndCut(step.name, 200)} ${redactAndCut(step.status, 100)}${step.progress !== undefined ? ` ${formatProgress(step.progress)}` : ''}`
      : ''
    const age =
      // Said only of an operation older than this wait (resumed, joined): else it is the time waited.
      this.operationStartedAt !== undefined && this.operationStartedAt < this.waitStartedAt
        ? ` (operation started ${formatDuration(at.now - this.operationStartedAt)} ago)`
        : ''
    const next = at.nextCheckMs !== undefined ? `, next check in ${formatDuration(at.nextCheckMs)}` : ''
    return (
      `still ${redactAndCut(snapshot.rawStatus, 100) || 'running'}${where}; waited ${formatDuration(at.now - this.waitStartedAt)}${age}, ` +
      `${formatDuration(Math.max(0, at.deadline - at.now))} left${next}`
    )
  }
}

/** 0..4: which quarter of the way a step is; a line is due when it changes, not at every percent. */
function quarterOf(progress: number | undefined): number | undefined {
  if (progress === undefined || !Number.isFinite(progress)) return undefined
  return Math.floor(Math.min(100, Math.max(0, progress)) / 25)
}

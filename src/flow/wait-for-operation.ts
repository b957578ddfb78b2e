/**
 * The wait loop: poll, pause, poll, until the operation ends, the deadline passes or the run is
 * cancelled. It knows no HTTP and no @actions/core; outcomes are values, not exceptions.
 */
import type { Clock } from '../base/clock.js'
import type { CallLimits } from '../model/call-limits.js'
import { isTerminal, type OperationSnapshot } from '../model/status.js'
import { MIN_POLL_INTERVAL_MS } from '../model/settings.js'
import type { WaitOutcome, WaitResult } from '../model/outcome.js'

export type { WaitOutcome, WaitResult } from '../model/outcome.js'

/** `deadline`: clock time at which waiting stops (one last poll happens at the deadline). */
export interface WaitOptions extends CallLimits {
  /** One poll; `deadline` bounds its retries. Throws on failure. */
  poll(signal: AbortSignal | undefined): Promise<OperationSnapshot>
  clock: Clock
  pollIntervalMs: number
  /** A pause before the first poll (the start answer's Retry-After); none by default. */
  firstPollAfterMs?: number
  /** Failures worth polling through (429/5xx, resets, unreadable bodies); others end the wait. */
  isTransient(error: unknown): boolean
  /** Each document read, with the pause the loop takes before the next check (none after the last). */
  onSnapshot?(snapshot: OperationSnapshot, next: { nextCheckMs?: number }): void
  onTransientError?(error: unknown): void
}

export async function waitForOperation(options: WaitOptions): Promise<WaitResult> {
  const { clock, signal } = options
  const started = clock.now()
  let snapshot: OperationSnapshot | undefined
  let lastError: unknown
  let polls = 0
  const result = (outcome: WaitOutcome): WaitResult => ({
    outcome,
    snapshot,
    lastError,
    polls,
    elapsedMs: clock.now() - started
  })

  if (options.firstPollAfterMs) {
    await clock.sleep(Math.min(pauseFor(options.firstPollAfterMs), Math.max(0, options.deadline - started)), signal)
  }
  for (;;) {
    if (signal?.aborted) return result('aborted')
    // Polls keep a fixed cadence from the start of each poll, so request time does not add up
    // to drift over a long wait.
    const pollStarted = clock.now()
    let pause: number | undefined
    try {
      polls++
      const current = await options.poll(signal)
      snapshot = current
      lastError = undefined
      const terminal = isTerminal(current.status)
      pause = terminal ? undefined : nextPause(options, pollStarted, clock.now(), current.retryAfterMs)
      options.onSnapshot?.(current, { nextCheckMs: pause })
      if (terminal) return result(current.status as WaitOutcome)
    } catch (error) {
      if (signal?.aborted) return result('aborted')
      if (!options.isTransient(error)) throw error
      lastError = error
      options.onTransientError?.(error)
      pause = nextPause(options, pollStarted, clock.now(), undefined)
    }
    if (pause === undefined) return result('timed-out')
    await clock.sleep(pause, signal)
  }
}

/**
 * The pause before the next check, or undefined when the deadline has passed. The server's
 * Retry-After (counted from its answer) wins over the interval, never past the deadline. A poll
 * that overran its interval (its retries waited) was itself a fresh check, so the next one waits a
 * full interval instead of following at once.
 */
function nextPause(
  options: Pick<WaitOptions, 'deadline' | 'pollIntervalMs'>,
  pollStarted: number,
  now: number,
  retryAfterMs: number | undefined
): number | undefined {
  const remaining = options.deadline - now
  if (remaining <= 0) return undefined
  const untilNext = pollStarted + options.pollIntervalMs - now
  const pause = retryAfterMs !== undefined ? pauseFor(retryAfterMs) : untilNext > 0 ? untilNext : options.pollIntervalMs
  return Math.min(pause, remaining)
}

/** A Retry-After of 0 or a date in the past (clock skew) must not turn the wait into a busy loop. */
function pauseFor(retryAfterMs: number): number {
  return Math.max(MIN_POLL_INTERVAL_MS, retryAfterMs)
}

/**
 * `when-ready`: before Go Live, the preview's readiness is checked on the poll cadence until it is
 * ready, within the run's time. Pending is not a failure: with a GitHub deployment the go-live is
 * queued for a follow run, without one the run times out (`on-timeout`). Go Live is never called
 * while the preview is pending; a failed (or absent) preview ends the run with the API's reasons.
 */
import { goLiveAllowed, type OperationRef, type Readiness } from '../model/status.js'
import type { GoLiveOutcome } from '../model/outcome.js'
import type { GoLiveDependencies } from './dependencies.js'

/** Readiness checks logged at the most between two changes: a sign of life, not a line a poll. */
const SAME_LINE_EVERY = 10

/**
 * `go`: the go-live may go ahead (`join`: another run started it; follow that); otherwise the
 * outcome says how the run ends.
 */
export async function awaitReadiness(
  deps: GoLiveDependencies,
  outcome: GoLiveOutcome
): Promise<{ go: boolean; join?: OperationRef }> {
  const { backend, clock, context, settings, emit } = deps
  let queued = false
  let said = ''
  let sameFor = 0
  for (;;) {
    const readiness: Readiness = await backend.readiness(context)
    outcome.readiness = readiness
    const line = `${readiness.state} ${readiness.explanation}`
    if (line !== said || ++sameFor >= SAME_LINE_EVERY) {
      said = line
      sameFor = 0
      emit({ type: 'readiness', readiness })
    }
    if (goLiveAllowed(readiness.state)) {
      // A follow run may start it at the same moment: the first claim on the record wins.
      if (!queued || !deps.deployment || (await deps.deployment.claim())) return { go: true }
      return { go: true, join: await startedElsewhere(deps) }
    }
    if (readiness.state !== 'pending') {
      outcome.result = 'failed'
      return { go: false }
    }
    if (deps.deployment && !queued) {
      queued = true
      await deps.deployment.queue(readiness)
    }
    if (!settings.wait || clock.now() + settings.pollIntervalMs > context.deadline) {
      outcome.result = deps.deployment ? 'queued' : 'timed-out'
      return { go: false }
    }
    await clock.sleep(settings.pollIntervalMs, context.signal)
    if (context.signal?.aborted) {
      // Nothing was started: a queued go-live stays queued, for a follow run.
      outcome.result = deps.deployment ? 'queued' : undefined
      outcome.aborted = !deps.deployment
      return { go: false }
    }
  }
}

/** The go-live another run claimed: found in the API's list once it runs (a poll or two later). */
async function startedElsewhere(deps: GoLiveDependencies): Promise<OperationRef | undefined> {
  const { backend, clock, context, settings } = deps
  for (let tries = 0; tries < 3 && clock.now() + settings.pollIntervalMs <= context.deadline; tries++) {
    await clock.sleep(settings.pollIntervalMs, context.signal)
    const running = await backend.findRunning?.(context)
    if (running) return running
  }
  // Not seen running: start (or join through the API's own conflict answer).
  return undefined
}

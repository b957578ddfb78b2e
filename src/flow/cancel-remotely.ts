/**
 * Asking the API to cancel the go-live (on-timeout: cancel, on-cancel: cancel), then looking at
 * the operation for a few seconds to see the cancellation land. Part of the go-live flow: it fills
 * in the outcome's CancelAttempt and result, and says nothing to people itself.
 */
import type { Backend, CallContext, OperationRef } from '../marketplace/backend.js'
import { isTerminal } from '../model/status.js'
import type { Clock } from '../base/clock.js'
import { isTransientFailure } from '../model/errors.js'
import { recordSnapshot, type CancelAttempt, type GoLiveEvent, type GoLiveOutcome } from '../model/outcome.js'
import { MIN_POLL_INTERVAL_MS, type GoLiveSettings } from '../model/settings.js'
import { waitForOperation } from './wait-for-operation.js'

export interface CancelDependencies {
  backend: Backend
  clock: Clock
  context: CallContext
  settings: GoLiveSettings
  emit(event: GoLiveEvent): void
  outcome: GoLiveOutcome
  operation: OperationRef
}

/**
 * Asks the API to cancel (until `deadline`), then for `followMs` after the API accepted looks at the
 * operation to see the cancellation land. The result becomes `canceled` once the API accepted,
 * unless the operation is then seen to have ended otherwise (`settled`).
 */
export async function cancelRemotely(
  { backend, clock, context, settings, emit, outcome, operation }: CancelDependencies,
  reason: CancelAttempt['reason'],
  deadline: number,
  followMs: number
): Promise<void> {
  // An API that cannot cancel is not said to be asked: its cancel() only says why, sending nothing.
  if (backend.cancellable !== false) emit({ type: 'cancelling', reason })
  // A signal during the follow (on-timeout) stops it too; on-cancel already has its signal.
  const signal = context.signal?.aborted ? undefined : context.signal
  const cancel = await backend.cancel(operation, { deadline, signal, singleAttempt: followMs <= 0 })
  emit({ type: 'cancel-answered', message: cancel.message })
  const attempt: CancelAttempt = (outcome.cancel = { reason, accepted: cancel.accepted, message: cancel.message })
  if (!cancel.accepted) return
  outcome.result = 'canceled'
  if (followMs <= 0) return
  const followUntil = clock.now() + followMs
  // A separate cancellation operation is followed to its end; then the go-live is read once more.
  const separate = cancel.operation && cancel.operation.location !== operation.location ? cancel.operation : undefined
  if (separate) emit({ type: 'following-cancellation', operation: separate })
  let followed = await waitForOperation({
    poll: (pollSignal) => backend.poll(separate ?? operation, { deadline: followUntil, signal: pollSignal }),
    clock,
    pollIntervalMs: Math.max(MIN_POLL_INTERVAL_MS, Math.min(settings.pollIntervalMs, followMs / 2)),
    deadline: followUntil,
    signal,
    isTransient: isTransientFailure,
    onSnapshot: (snapshot) => (separate ? undefined : recordSnapshot(outcome, snapshot))
  }).catch(() => undefined)
  // A failed look at the operation changes nothing: the API accepted the cancellation.
  if (!followed) return
  if (separate && followed.snapshot && isTerminal(followed.snapshot.status) && !signal?.aborted) {
    const goLive = await backend
      .poll(operation, { deadline: Math.min(clock.now() + 5_000, followUntil + 5_000), signal })
      .catch(() => undefined)
    if (goLive) {
      recordSnapshot(outcome, goLive)
      followed = {
        ...followed,
        snapshot: goLive,
        outcome: goLive.status === 'notStarted' || goLive.status === 'running' ? 'timed-out' : goLive.status
      }
    }
  }
  attempt.statusAfter = followed.snapshot?.rawStatus
  // CPP answers 202 even when nothing was cancelled: what the operation then reports decides.
  if (followed.outcome === 'succeeded' || followed.outcome === 'failed') {
    outcome.result = attempt.settled = followed.outcome
  }
}

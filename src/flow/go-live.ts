/**
 * The go-live flow: start, join or resume the operation, wait for it, and cancel it when the
 * settings say so. It returns a GoLiveOutcome value and says what happens as GoLiveEvents;
 * report/ turns both into words. No sentence for people here, and no runner.
 */
import type { Backend, CallContext, OperationRef } from '../marketplace/backend.js'
import type { OperationSnapshot } from '../model/status.js'
import { cancelRemotely } from './cancel-remotely.js'
import { ApiError, InputError, isTransientFailure, ProtocolError } from '../model/errors.js'
import { recordSnapshot, type DryRunOutcome, type GoLiveOutcome, type TargetOutcome } from '../model/outcome.js'
import { waitForOperation } from './wait-for-operation.js'
import { awaitReadiness } from './when-ready.js'
import type { GoLiveDependencies } from './dependencies.js'

export type { DeploymentRecorder, GoLiveDependencies } from './dependencies.js'

/** Within the runner's ~7.5 s between SIGINT and SIGTERM/kill, a cancel request gets this long. */
const CANCEL_ON_SIGNAL_BUDGET_MS = 5_000

/** With on-timeout: cancel, the cancel request (with its retries) gets this long after the deadline. */
const CANCEL_REQUEST_BUDGET_MS = 5_000

/**
 * Once a cancellation is accepted the result is `canceled`; the operation is then looked at for
 * this long only (a CPP 202 can cancel nothing, and a go-live that ended meanwhile is reported as
 * it ended), never followed for minutes past the margin users give `timeout-minutes`.
 */
const CANCEL_FOLLOW_MS = 5_000

export async function goLive(deps: GoLiveDependencies): Promise<GoLiveOutcome> {
  const { settings } = deps
  const outcome: GoLiveOutcome = {
    ...deps.target,
    kind: 'go-live',
    timeoutMs: settings.timeoutMs,
    onTimeout: settings.onTimeout,
    githubDeployment: settings.githubDeployment
  }
  try {
    await follow(deps, outcome)
  } catch (error) {
    outcome.error = error
    outcome.aborted = deps.context.signal?.aborted && !outcome.operation
    // Cancelled before the operation was known: a go-live may or may not run, so no result.
    if (!outcome.aborted) outcome.result ??= 'failed'
  }
  return outcome
}

async function follow(deps: GoLiveDependencies, outcome: GoLiveOutcome): Promise<void> {
  const { settings, backend, clock, context, emit } = deps
  const opened = await deps.deployment?.open(context)
  outcome.deploymentId = opened?.deploymentId
  let recordedLocation = opened?.recordedLocation
  if (settings.whenReady && !settings.operationLocation && !recordedLocation) {
    const readied = await awaitReadiness(deps, outcome)
    if (!readied.go) return
    // Another run (a follow run) started the queued go-live first: this run follows it.
    recordedLocation = readied.join?.location
  }
  const started = await findOperation(deps, outcome, recordedLocation)
  let operation = started.operation
  outcome.operation = operation
  emit({ type: 'operation', operation })
  if (deps.deployment) outcome.deploymentId = await deps.deployment.record(operation, outcome.url)

  if (started.settled) {
    // Already live: nothing was started and there is nothing to wait for.
    recordSnapshot(outcome, started.settled)
    outcome.result = 'succeeded'
    outcome.shortcut = 'already-live'
    return
  }
  if (!settings.wait) {
    outcome.result = 'started'
    outcome.shortcut = 'not-waiting'
    return
  }

  emit({
    type: 'waiting',
    timeoutMs: settings.timeoutMs,
    pollIntervalMs: settings.pollIntervalMs,
    deadline: context.deadline
  })
  const waited = await waitForOperation({
    poll: (signal) => backend.poll(operation, { ...context, signal }),
    clock,
    pollIntervalMs: settings.pollIntervalMs,
    firstPollAfterMs: started.retryAfterMs,
    deadline: context.deadline,
    signal: context.signal,
    isTransient: isTransientFailure,
    onSnapshot: (snapshot, { nextCheckMs }) => {
      recordSnapshot(outcome, snapshot)
      emit({ type: 'snapshot', snapshot, at: clock.now(), nextCheckMs })
      if (snapshot.handover && snapshot.handover.location !== operation.location) {
        // What is followed changed (the job handed over to the live submission): so does the resume state.
        operation = outcome.operation = snapshot.handover
        emit({ type: 'operation', operation })
      }
    },
    onTransientError: (error) => emit({ type: 'poll-failed', error })
  })
  outcome.waited = { ...waited, endedAt: clock.now() }
  const cancelDeps = { backend, clock, context, settings, emit, outcome, operation }
  switch (waited.outcome) {
    case 'succeeded':
    case 'failed':
    case 'canceled':
      outcome.result = waited.outcome
      return
    case 'timed-out':
      outcome.result = 'timed-out'
      if (settings.onTimeout === 'cancel') {
        await cancelRemotely(cancelDeps, 'on-timeout: cancel', clock.now() + CANCEL_REQUEST_BUDGET_MS, CANCEL_FOLLOW_MS)
      }
      return
    case 'aborted':
      // The go-live goes on (on-cancel: leave) and its outcome is unknown here, so no result is set.
      if (settings.onCancel === 'cancel') {
        // One attempt, no following: the runner kills the process a few seconds after SIGINT.
        await cancelRemotely(cancelDeps, 'on-cancel: cancel', clock.now() + CANCEL_ON_SIGNAL_BUDGET_MS, 0)
      }
  }
}

/** Starts, joins or resumes the operation. */
async function findOperation(
  { settings, backend, context, emit }: GoLiveDependencies,
  outcome: GoLiveOutcome,
  recordedLocation: string | undefined
): Promise<{ operation: OperationRef; retryAfterMs?: number; settled?: OperationSnapshot }> {
  if (recordedLocation && !settings.operationLocation && outcome.deploymentId !== undefined) {
    const operation = backend.resume(recordedLocation)
    outcome.source = { kind: 'recorded', deploymentId: outcome.deploymentId }
    emit({ type: 'source', source: outcome.source })
    return { operation }
  }
  if (settings.operationLocation) {
    let operation: OperationRef
    try {
      operation = backend.resume(settings.operationLocation)
    } catch (error) {
      if (error instanceof ProtocolError) throw new InputError('operation-location', `is not usable: ${error.message}`)
      throw error
    }
    outcome.source = { kind: 'resumed' }
    emit({ type: 'source', source: outcome.source })
    return { operation }
  }
  try {
    const started = await backend.start(context)
    outcome.source = { kind: 'started', note: started.note, joined: started.joined }
    emit({ type: 'source', source: outcome.source })
    return { operation: started.operation, retryAfterMs: started.retryAfterMs, settled: started.settled }
  } catch (error) {
    if (!(error instanceof ApiError) || context.signal?.aborted) throw error
    const refusal = await backend.explainStartFailure?.(error, context)
    if (!refusal) throw error
    // The explanation quotes the offer's status (API text), so it travels as the API's message does.
    throw new ApiError({ ...error.details, apiMessage: `${error.details.apiMessage ?? ''} (${refusal})`.trim() })
  }
}

/** dry-run: true - whether the target is ready to go live; nothing is started. */
export async function checkReadiness(
  backend: Backend,
  context: CallContext,
  target: Omit<TargetOutcome, 'result' | 'error' | 'aborted'>
): Promise<DryRunOutcome> {
  const outcome: DryRunOutcome = { ...target, kind: 'dry-run' }
  try {
    outcome.readiness = await backend.readiness(context)
    outcome.result = outcome.readiness.ready ? 'ready' : 'not-ready'
  } catch (error) {
    outcome.error = error
    outcome.aborted = context.signal?.aborted
    if (!outcome.aborted) outcome.result = 'failed'
  }
  return outcome
}

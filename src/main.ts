/**
 * Orchestration only: settings, token provider, backend, then start (or join, or resume), wait and
 * report. This is the one place that writes outputs, the summary and the step status.
 */
import { formatFailure, type FailureContext } from './advice.js'
import { createTokenProvider } from './auth/index.js'
import { jwtExpiry } from './auth/token-provider.js'
import type { Backend, CallContext, OperationRef } from './backends/backend.js'
import { API_NAME, createBackend } from './backends/index.js'
import { isTerminal, type OperationSnapshot, type StepView } from './backends/status.js'
import { systemClock, type Clock } from './clock.js'
import { formatDuration } from './duration.js'
import { ApiError, AuthError, InputError, ProtocolError } from './errors.js'
import { ApiClient } from './api-client.js'
import { getSettings } from './input-helper.js'
import {
  logUntrusted,
  ProgressLog,
  runnerLogger,
  setFailed,
  setOutputs,
  writeSummary,
  writeSummaryHtml,
  type Outputs
} from './report.js'
import {
  failDeployment,
  followRun,
  openGoLiveDeployment,
  recordOperation,
  settleDeployment,
  type DeploymentHook
} from './github/hooks.js'
import { liveLink, offerUrl } from './offer-url.js'
import { MIN_POLL_INTERVAL_MS, type GoLiveSettings } from './settings.js'
import { clause } from './text.js'
import { waitForOperation } from './wait-for-operation.js'
import { info, warning } from './runner.js'

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

/** Everything the final report needs, filled in as the run goes. */
interface RunState {
  api: string
  target: string
  outputs: Outputs
  steps: StepView[]
  notes: string[]
  headline: string
  failure?: string
  warning?: string
  failureContext?: FailureContext
  /** A summary already rendered (follow: true). */
  summaryHtml?: string
}

/** What every stage of one run shares. */
interface GoLiveRun {
  settings: GoLiveSettings
  backend: Backend
  clock: Clock
  context: CallContext
  state: RunState
  startedAt: number
  /** github-deployment: true - the deployment recording this go-live. */
  deployment?: DeploymentHook
}

export async function run(clock: Clock = systemClock): Promise<void> {
  const startedAt = clock.now()
  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return
    info(`Received ${signal}: the workflow run is being cancelled, so the wait stops now.`)
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)

  const state: RunState = { api: '', target: '', outputs: {}, steps: [], notes: [], headline: '' }
  let dryRun = false
  let deployment: DeploymentHook | undefined
  try {
    const settings = getSettings()
    dryRun = settings.dryRun
    const tokens = createTokenProvider(settings.auth, settings.api, clock, runnerLogger)
    const api = new ApiClient(settings.baseUrl, tokens, clock, runnerLogger)
    if (settings.follow) {
      await followRun({ settings, api, clock, startedAt, signal: controller.signal, state })
      return await report(state, clock, startedAt)
    }
    state.outputs.url = offerUrl(settings)
    const backend = createBackend(settings, api, clock, runnerLogger)
    state.api = API_NAME[settings.api]
    state.target = backend.target
    state.failureContext = { api: settings.api, target: backend.target, staticToken: !tokens.renewable }
    const context: CallContext = { deadline: startedAt + settings.timeoutMs, signal: controller.signal }

    info(`Going live: ${backend.target} through the ${state.api} at ${settings.baseUrl}`)
    info(`Authentication: ${tokens.description}`)
    if (settings.auth.kind === 'token') warnIfTokenExpiresEarly(settings.auth.token, settings, clock, context.deadline)

    const goLiveRun: GoLiveRun = { settings, backend, clock, context, state, startedAt }
    if (settings.githubDeployment && !settings.dryRun) {
      goLiveRun.deployment = deployment = await openGoLiveDeployment(settings, clock, state)
    }
    await (settings.dryRun ? checkReadiness(goLiveRun) : goLive(goLiveRun))
    await settleDeployment(goLiveRun.deployment, state)
  } catch (error) {
    await failDeployment(deployment, state, error)
    if (controller.signal.aborted && !state.outputs.operationLocation) {
      // Outcome unknown: a go-live may or may not have reached the API, so no result is set.
      state.failure = dryRun
        ? 'The workflow run was cancelled during the dry run; nothing was started.'
        : 'The workflow run was cancelled before the go-live operation was known: a go-live may have started. A re-run joins it instead of starting another.'
      state.headline = 'Stopped: the workflow run was cancelled.'
    } else {
      state.outputs.result ??= 'failed'
      state.failure = formatFailure(error, state.failureContext)
      state.headline = state.failure
    }
  }
  await report(state, clock, startedAt)
}

/**
 * Outputs, summary, warning and step status: the end of every run. Each is written on its own and
 * bounded; none of them throws, so a failure of one (an unwritable GITHUB_OUTPUT, a hostile
 * document) never loses the others.
 */
async function report(state: RunState, clock: Clock, startedAt: number): Promise<void> {
  await setOutputs(state.outputs)
  if (state.summaryHtml) {
    await writeSummaryHtml(state.summaryHtml)
  } else if (state.target) {
    await writeSummary({
      api: state.api,
      target: state.target,
      result: state.outputs.result,
      headline: state.headline,
      elapsedMs: clock.now() - startedAt,
      operationLocation: state.outputs.operationLocation,
      operationStatus: state.outputs.operationStatus,
      url: state.outputs.url,
      deploymentId: state.outputs.deploymentId,
      notes: state.notes,
      steps: state.steps
    })
  }
  if (state.warning) warning(state.warning)
  if (state.failure) await setFailed(state.failure)
  // The handlers stay: a late signal (SIGTERM follows SIGINT) must neither cut the report short nor
  // turn the exit code into a kill. They do not keep the process alive.
}

async function checkReadiness({ backend, context, state }: GoLiveRun): Promise<void> {
  const readiness = await backend.readiness(context)
  state.steps = readiness.steps
  state.outputs.result = readiness.ready ? 'ready' : 'not-ready'
  state.headline = `Dry run: ${readiness.explanation}.`
  logUntrusted([`Dry run: ${readiness.explanation}. Nothing was started.`])
  if (!readiness.ready) state.failure = `Not ready to go live: ${readiness.explanation}.`
}

/** Starts, joins or resumes the operation; its location is published before anything else. */
async function startOrResume({
  settings,
  backend,
  context,
  state,
  deployment
}: GoLiveRun): Promise<{ operation: OperationRef; firstPollAfterMs?: number; settled?: OperationSnapshot }> {
  if (deployment?.recordedLocation && !settings.operationLocation) {
    state.notes.push(
      `Followed the go-live recorded in flight in GitHub deployment ${deployment.tracker.id}; no new go-live was started.`
    )
    info(`Following the go-live recorded in GitHub deployment ${deployment.tracker.id}`)
    return { operation: backend.resume(deployment.recordedLocation) }
  }
  if (settings.operationLocation) {
    let operation: OperationRef
    try {
      operation = backend.resume(settings.operationLocation)
    } catch (error) {
      if (error instanceof ProtocolError) throw new InputError('operation-location', `is not usable: ${error.message}`)
      throw error
    }
    state.notes.push('Resumed an operation given in operation-location; no new go-live was started.')
    info(`Resuming: following the operation given in 'operation-location'`)
    return { operation }
  }
  try {
    const started = await backend.start(context)
    state.notes.push(started.note)
    logUntrusted([started.note])
    return { operation: started.operation, firstPollAfterMs: started.retryAfterMs, settled: started.settled }
  } catch (error) {
    if (!(error instanceof ApiError) || context.signal?.aborted) throw error
    const extra = await backend.explainStartFailure?.(error, context)
    if (!extra) throw error
    state.notes.push(extra)
    throw new ApiError({ ...error.details, apiMessage: `${error.details.apiMessage ?? ''} (${extra})`.trim() })
  }
}

async function goLive(goLiveRun: GoLiveRun): Promise<void> {
  const { settings, backend, clock, context, state, startedAt } = goLiveRun
  const started = await startOrResume(goLiveRun)
  let operation = started.operation
  // The location is the whole resume state: log it before any file is written (a runner file that
  // cannot be written must not lose it), then publish it.
  info(`Operation: ${operation.location}`)
  await publishLocation(state, operation)
  await recordOperation(goLiveRun.deployment, operation, state)

  if (started.settled) {
    // Already live: nothing was started and there is nothing to wait for.
    record(state, started.settled)
    state.outputs.result = 'succeeded'
    state.headline = `Already live: ${backend.target}; nothing was pushed.`
    info(`Succeeded: ${backend.target} is already live; nothing was pushed.`)
    return
  }

  if (!settings.wait) {
    state.outputs.result = 'started'
    state.headline = `The go-live was accepted; not waiting (wait: false). Follow it later with operation-location.`
    info(`Not waiting (wait: false). To follow it later, run the action with operation-location: ${operation.location}`)
    return
  }

  info(`Waiting up to ${formatDuration(settings.timeoutMs)}, checking every ${formatDuration(settings.pollIntervalMs)}`)
  const progress = new ProgressLog(startedAt)
  const waited = await waitForOperation({
    poll: (signal) => backend.poll(operation, { ...context, signal }),
    clock,
    pollIntervalMs: settings.pollIntervalMs,
    firstPollAfterMs: started.firstPollAfterMs,
    deadline: context.deadline,
    signal: context.signal,
    isTransient,
    onSnapshot: (snapshot) => {
      record(state, snapshot)
      progress.update(snapshot, clock.now())
      if (snapshot.handover && snapshot.handover.location !== operation.location) {
        // What is followed changed (the job handed over to the live submission): so does the resume state.
        operation = snapshot.handover
        info(`Operation: ${operation.location}`)
        void publishLocation(state, operation)
      }
    },
    onTransientError: (error) =>
      logUntrusted([`A status check failed and will be retried at the next poll: ${(error as Error).message}`])
  })
  const elapsed = formatDuration(clock.now() - startedAt)
  const snapshot = waited.snapshot
  const rawStatus = snapshot?.rawStatus || 'unknown'
  const resumeHint = `Resume with operation-location: ${operation.location}`
  // The step that stopped the go-live, unless its message is the operation's error said again.
  const blockedStep = snapshot?.steps.find(
    (step) => /fail|reject|block/i.test(step.status) && (!step.message || step.message !== snapshot.error?.message)
  )

  switch (waited.outcome) {
    case 'succeeded':
      state.outputs.result = 'succeeded'
      state.headline = `Went live after ${elapsed}: ${backend.target} (operation status '${rawStatus}').`
      info(`Succeeded: ${backend.target} is live (operation status '${rawStatus}', ${elapsed}).`)
      return
    case 'failed': {
      state.outputs.result = 'failed'
      const error = snapshot?.error
      state.failure =
        `The go-live of ${backend.target} failed after ${elapsed} (status '${rawStatus}')` +
        `${error ? `: ${clause([error.code, error.message].filter(Boolean).join(' '))}` : ''}` +
        `${blockedStep ? `. Failed step: ${describeBlocked(blockedStep)}` : ''}` +
        '. Fix what it reports in Partner Center, publish to preview again, then re-run.'
      state.headline = state.failure
      return
    }
    case 'canceled':
      state.outputs.result = 'canceled'
      state.failure = `The go-live of ${backend.target} was cancelled remotely (status '${rawStatus}') after ${elapsed}.`
      state.headline = state.failure
      return
    case 'timed-out': {
      state.outputs.result = 'timed-out'
      const lastFailure = waited.lastError
        ? `; the last status check failed: ${(waited.lastError as Error).message}`
        : ''
      const blocked = blockedStep ? `; step ${describeBlocked(blockedStep)}` : ''
      const what = `The go-live of ${backend.target} did not finish within ${formatDuration(settings.timeoutMs)} (last status '${rawStatus}'${lastFailure}${blocked})`
      if (settings.onTimeout === 'warn') {
        state.warning = `${what}. It goes on remotely. ${resumeHint}`
        state.headline = state.warning
      } else if (settings.onTimeout === 'cancel') {
        const cancel = await cancelRemotely(
          goLiveRun,
          operation,
          'on-timeout: cancel',
          clock.now() + CANCEL_REQUEST_BUDGET_MS,
          CANCEL_FOLLOW_MS
        )
        if (cancel.settled === 'succeeded') {
          state.headline = `Went live after all, while being cancelled: ${backend.target} (${cancel.summary})`
          info(`Succeeded: ${backend.target} went live before the cancellation took effect.`)
        } else {
          state.failure = `${what}; ${cancel.summary}${cancel.accepted ? '' : ` ${resumeHint}`}`
          state.headline = state.failure
        }
      } else {
        state.failure = `${what}. It goes on remotely. ${resumeHint} (or use on-timeout: warn to pass the step).`
        state.headline = state.failure
      }
      return
    }
    case 'aborted':
      if (settings.onCancel === 'cancel') {
        // One attempt, no following: the runner kills the process a few seconds after SIGINT.
        const cancel = await cancelRemotely(
          goLiveRun,
          operation,
          'on-cancel: cancel',
          clock.now() + CANCEL_ON_SIGNAL_BUDGET_MS,
          0
        )
        state.failure = `The workflow run was cancelled; ${cancel.summary}${cancel.accepted ? '' : ` ${resumeHint}`}`
      } else {
        // The go-live goes on and its outcome is unknown here, so no result is set.
        state.notes.push('The workflow run was cancelled; the operation was left running (on-cancel: leave).')
        state.failure = `The workflow run was cancelled; the go-live of ${backend.target} was left running (on-cancel: leave). ${resumeHint}`
      }
      state.headline = state.failure
      info(resumeHint)
  }
}

/**
 * Asks the API to cancel (until `deadline`), then for `followMs` after the API accepted looks at the
 * operation to see the cancellation land. Sets result `canceled` once the API accepted, unless the
 * operation is then seen to have ended otherwise (`settled`); the summary is a sentence for the
 * failure message.
 */
async function cancelRemotely(
  { backend, clock, context, state, settings }: GoLiveRun,
  operation: OperationRef,
  why: string,
  deadline: number,
  followMs: number
): Promise<{ accepted: boolean; summary: string; settled?: 'succeeded' | 'failed' }> {
  info(`${why} - asking the API to cancel the operation`)
  // A signal during the follow (on-timeout) stops it too; on-cancel already has its signal.
  const signal = context.signal?.aborted ? undefined : context.signal
  const cancel = await backend.cancel(operation, { deadline, signal, singleAttempt: followMs <= 0 })
  logUntrusted([`Cancellation: ${cancel.message}`])
  const said = { accepted: cancel.accepted, summary: `${why} - ${clause(cancel.message)}.` }
  if (!cancel.accepted) return said
  state.outputs.result = 'canceled'
  if (followMs <= 0) return said
  const followUntil = clock.now() + followMs
  // A separate cancellation operation is followed to its end; then the go-live is read once more.
  const separate = cancel.operation && cancel.operation.location !== operation.location ? cancel.operation : undefined
  if (separate) info(`Following the cancellation operation: ${separate.location}`)
  let followed = await waitForOperation({
    poll: (pollSignal) => backend.poll(separate ?? operation, { deadline: followUntil, signal: pollSignal }),
    clock,
    pollIntervalMs: Math.max(MIN_POLL_INTERVAL_MS, Math.min(settings.pollIntervalMs, followMs / 2)),
    deadline: followUntil,
    signal,
    isTransient,
    onSnapshot: (snapshot) => (separate ? undefined : record(state, snapshot))
  }).catch(() => undefined)
  // A failed look at the operation changes nothing: the API accepted the cancellation.
  if (!followed) return said
  if (separate && followed.snapshot && isTerminal(followed.snapshot.status) && !signal?.aborted) {
    const goLive = await backend
      .poll(operation, { deadline: Math.min(clock.now() + 5_000, followUntil + 5_000), signal })
      .catch(() => undefined)
    if (goLive) {
      record(state, goLive)
      followed = {
        ...followed,
        snapshot: goLive,
        outcome: goLive.status === 'notStarted' || goLive.status === 'running' ? 'timed-out' : goLive.status
      }
    }
  }
  const now = followed.snapshot ? `; the operation now reports '${followed.snapshot.rawStatus}'` : ''
  const summary = `${why} - ${clause(cancel.message)}${now}.`
  // CPP answers 202 even when nothing was cancelled: what the operation then reports decides.
  if (followed.outcome === 'succeeded' || followed.outcome === 'failed') {
    state.outputs.result = followed.outcome
    return { accepted: true, summary, settled: followed.outcome }
  }
  return { accepted: true, summary }
}

/** The location is the whole resume state: publish it as soon as it is known, and when it changes. */
async function publishLocation(state: RunState, operation: OperationRef): Promise<void> {
  state.outputs.operationLocation = operation.location
  state.outputs.operationId = operation.id
  state.failureContext = { ...state.failureContext!, operationLocation: operation.location }
  await setOutputs({ operationLocation: operation.location, operationId: operation.id })
}

/** `Certification (blocked) - Issues found…`: a step that stopped the go-live, with its message. */
function describeBlocked(step: StepView): string {
  return `${step.name} (${step.status})${step.message ? ` - ${clause(step.message)}` : ''}`
}

/** Keeps what the outputs and the summary show in step with the last document read. */
function record(state: RunState, snapshot: OperationSnapshot): void {
  state.outputs.operationStatus = snapshot.rawStatus
  state.outputs.url = liveLink(snapshot.document) ?? state.outputs.url
  state.outputs.operation = snapshot.document
  state.steps = snapshot.steps
}

/** Failures worth polling through: throttling, outages, unreadable bodies, token service outages. */
function isTransient(error: unknown): boolean {
  return (error instanceof ApiError || error instanceof AuthError) && error.transient
}

function warnIfTokenExpiresEarly(token: string, settings: GoLiveSettings, clock: Clock, deadline: number): void {
  const expiry = jwtExpiry(token)
  if (expiry === undefined) return
  const now = clock.now()
  if (expiry <= now) {
    warning(
      `The 'token' input expired at ${new Date(expiry).toISOString()}; the API will refuse it. ` +
        "Use 'tenant-id' + 'client-id' with 'client-secret' or GitHub OIDC so the action gets and renews tokens."
    )
  } else if (settings.wait && !settings.dryRun && expiry < deadline) {
    warning(
      `The 'token' input expires at ${new Date(expiry).toISOString()} (in ${formatDuration(expiry - now)}), ` +
        `before the ${formatDuration(settings.timeoutMs)} timeout: a longer wait fails with 401. ` +
        "Client credentials or GitHub OIDC ('tenant-id' + 'client-id') are renewed during the wait."
    )
  }
}

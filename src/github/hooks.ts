/**
 * Where GitHub deployments meet a run (main.ts calls these, one line each): open the deployment of
 * a go-live before Go Live is called, record its operation, settle its final state, and the whole
 * of a follow run.
 */
import type { OperationRef } from '../backends/backend.js'
import type { Clock } from '../clock.js'
import { formatFailure } from '../advice.js'
import { followGoLives } from '../follow.js'
import type { ApiClient } from '../api-client.js'
import { offerUrl } from '../offer-url.js'
import { runnerLogger, type Outputs } from '../report.js'
import type { GoLiveSettings } from '../settings.js'
import { defuseLegacyCommands, truncate } from '../text.js'
import { info, warning } from '../runner.js'
import { Deployments, githubRunFromEnv } from './deployments.js'
import { GoLiveDeploymentTracker } from './go-live-deployment.js'
import { describeTarget } from './payload.js'

/** The part of main's run state these hooks fill in. */
export interface HookState {
  api: string
  target: string
  outputs: Outputs
  notes: string[]
  headline: string
  failure?: string
  summaryHtml?: string
}

export interface DeploymentHook {
  tracker: GoLiveDeploymentTracker
  /** The operation of a go-live found recorded in flight: followed instead of starting one. */
  recordedLocation?: string
}

function deploymentsFor(settings: GoLiveSettings, clock: Clock): Deployments {
  return new Deployments(settings.githubToken, githubRunFromEnv(), clock, runnerLogger)
}

/** Before Go Live: find the target's go-live in flight, or create its deployment (403 stops here). */
export async function openGoLiveDeployment(
  settings: GoLiveSettings,
  clock: Clock,
  state: HookState
): Promise<DeploymentHook> {
  const { tracker, recorded } = await GoLiveDeploymentTracker.open({
    deployments: deploymentsFor(settings, clock),
    ids: settings,
    environment: settings.deploymentEnvironment,
    baseUrl: settings.baseUrl,
    operationLocation: settings.operationLocation,
    clock,
    log: runnerLogger
  })
  state.outputs.deploymentId = tracker.id
  return { tracker, recordedLocation: recorded?.operationLocation }
}

/** The operation is known: record it and mark the deployment in progress. */
export async function recordOperation(
  hook: DeploymentHook | undefined,
  operation: OperationRef,
  state: HookState
): Promise<void> {
  if (!hook) return
  await hook.tracker.attach(operation.location)
  state.outputs.deploymentId = hook.tracker.id
  await hook.tracker.update('in_progress', { description: 'Going live', environmentUrl: state.outputs.url })
}

/**
 * The run ended: a final result is posted; a go-live that goes on (timed out, not waited for,
 * workflow cancelled) stays in progress for a follow run; one that never started is an error.
 */
export async function settleDeployment(hook: DeploymentHook | undefined, state: HookState): Promise<void> {
  if (!hook) return
  const details = { environmentUrl: state.outputs.url }
  switch (state.outputs.result) {
    case 'succeeded':
      return hook.tracker.update('success', { ...details, description: 'Live' })
    case 'failed':
      return hook.tracker.update('failure', {
        ...details,
        description: truncate(state.failure ?? 'Go-live failed', 140)
      })
    case 'canceled':
      return hook.tracker.update('error', { ...details, description: 'Go-live cancelled' })
  }
}

/** When the run stopped with an error: a deployment whose go-live never started is an error. */
export async function failDeployment(
  hook: DeploymentHook | undefined,
  state: HookState,
  error: unknown
): Promise<void> {
  if (!hook || state.outputs.operationLocation) return
  await hook.tracker.update('error', { description: truncate(`Not started: ${formatFailure(error)}`, 140) })
}

/** follow: true - the whole run. */
export async function followRun(options: {
  settings: GoLiveSettings
  api: ApiClient
  clock: Clock
  startedAt: number
  signal: AbortSignal
  state: HookState
}): Promise<void> {
  const { settings, api, clock, startedAt, signal, state } = options
  const deployments = deploymentsFor(settings, clock)
  state.api = 'GitHub deployments'
  state.target = settings.publisherId || settings.productId ? describeTarget(settings) : 'every target'
  const outcome = await followGoLives({
    settings,
    api,
    deployments,
    clock,
    context: { deadline: startedAt + settings.timeoutMs, signal },
    log: runnerLogger
  })
  for (const line of outcome.warnings) warning(defuseLegacyCommands(line))
  state.outputs.result = outcome.failure && outcome.result !== 'failed' ? 'failed' : outcome.result
  state.outputs.followed = outcome.followed
  if (outcome.followed.length === 1) {
    state.outputs.url = outcome.followed[0].url
    state.outputs.deploymentId = outcome.followed[0]['deployment-id']
  } else if (settings.publisherId || settings.productId) {
    state.outputs.url = offerUrl(settings)
  }
  state.summaryHtml = outcome.summary
  state.failure = outcome.failure
  state.headline = outcome.failure ?? `Follow: ${outcome.result}`
  info(`Follow: ${outcome.result} (${outcome.followed.length} go-live(s) checked)`)
}

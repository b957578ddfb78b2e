/**
 * Where GitHub deployments meet a run: the deployment of one go-live (opened before Go Live is
 * called, recording its operation, settled to follow the outcome), and the Deployments a follow
 * run reads.
 */
import { formatFailure } from '../report/advice.js'
import type { OperationRef } from '../marketplace/backend.js'
import type { Clock } from '../base/clock.js'
import type { DeploymentRecorder } from './go-live.js'
import type { Logger } from '../base/logger.js'
import type { GoLiveOutcome } from '../model/outcome.js'
import type { GoLiveSettings } from '../model/settings.js'
import { truncate } from '../base/text.js'
import { Deployments } from '../github/deployments.js'
import { GoLiveDeploymentTracker } from '../github/go-live-deployment.js'
import { githubRunFromEnv, type RequestLimits } from '../github/rest.js'

/** After the run has ended, settling its deployment gets this long, whatever the deadline or a signal. */
const SETTLE_BUDGET_MS = 5_000

export function deploymentsFor(
  settings: GoLiveSettings,
  clock: Clock,
  log: Logger,
  limits?: RequestLimits
): Deployments {
  return new Deployments(settings.githubToken, githubRunFromEnv(), clock, log, limits)
}

/** `github-deployment: true`: the deployment that records one go-live and whose status follows it. */
export class GoLiveDeploymentHooks implements DeploymentRecorder {
  private tracker?: GoLiveDeploymentTracker

  /** `limits`: the run's deadline and signal, shared with every GitHub request of this deployment. */
  constructor(
    private readonly settings: GoLiveSettings,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly limits: RequestLimits = { deadline: Infinity }
  ) {}

  /** Before Go Live: find the target's go-live in flight, or create its deployment (403 stops here). */
  async open(): Promise<{ deploymentId: number; recordedLocation?: string }> {
    const { settings, clock, log } = this
    const { tracker, recorded } = await GoLiveDeploymentTracker.open({
      deployments: deploymentsFor(settings, clock, log, this.limits),
      ids: settings,
      environment: settings.deploymentEnvironment,
      baseUrl: settings.baseUrl,
      operationLocation: settings.operationLocation,
      clock,
      log
    })
    this.tracker = tracker
    return { deploymentId: tracker.id, recordedLocation: recorded?.operationLocation }
  }

  /** The operation is known: record it and mark the deployment in progress. */
  async record(operation: OperationRef, url: string): Promise<number> {
    const tracker = this.tracker!
    await tracker.attach(operation.location)
    await tracker.update('in_progress', { description: 'Going live', environmentUrl: url })
    return tracker.id
  }

  /**
   * The run ended: a final result is posted; a go-live that goes on (timed out, not waited for,
   * workflow cancelled) stays in progress for a follow run; one that never started is an error.
   * `failure`: the sentence the step fails with.
   */
  async settle(outcome: GoLiveOutcome, failure: string | undefined): Promise<void> {
    const tracker = this.tracker
    if (!tracker) return
    // The outcome is already reported; the status that records it gets a short budget of its own,
    // also when the run was cancelled (its signal has fired) or its deadline has passed.
    this.limits.deadline = this.clock.now() + SETTLE_BUDGET_MS
    this.limits.signal = undefined
    if (outcome.error !== undefined) {
      if (outcome.operation) return
      await tracker.update('error', { description: truncate(`Not started: ${formatFailure(outcome.error)}`, 140) })
      return
    }
    const details = { environmentUrl: outcome.url }
    switch (outcome.result) {
      case 'succeeded':
        return tracker.update('success', { ...details, description: 'Live' })
      case 'failed':
        return tracker.update('failure', { ...details, description: truncate(failure ?? 'Go-live failed', 140) })
      case 'canceled':
        return tracker.update('error', { ...details, description: 'Go-live cancelled' })
    }
  }
}

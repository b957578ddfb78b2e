/**
 * `github-deployment: true`: the one GitHub deployment of a go-live. Before Go Live, the target's
 * records in flight are checked: one whose operation runs is joined (its deployment is this run's),
 * one that ended gets its end recorded, and only then is this run's own deployment created (a
 * missing permission stops the run before anything starts). The operation, known once Go Live
 * answers, goes into the statuses that follow (the payload cannot change); nothing is deleted.
 */
import type { Clock } from '../base/clock.js'
import type { Logger } from '../base/logger.js'
import { Deployments, type DeploymentState, type GoLiveDeployment } from '../github/deployments.js'
import { githubRunFromEnv } from '../github/client.js'
import { writePayload, type GoLiveRecord } from '../github/payload.js'
import type { Backend, CallContext } from '../marketplace/backend.js'
import type { CallLimits } from '../model/call-limits.js'
import { statusDescription } from '../model/operation-ref.js'
import type { GoLiveOutcome } from '../model/outcome.js'
import type { GoLiveSettings } from '../model/settings.js'
import { deploymentStateFor, type OperationRef, type OperationSnapshot, type Readiness } from '../model/status.js'
import { defaultEnvironment, describeTarget, offerIds, targetKey } from '../model/target.js'
import { formatFailure } from '../report/advice.js'
import { DESCRIPTIONS, endedDescription, runningDescription, startingDescription } from '../report/deployment-lines.js'
import { queuedDescription } from '../report/readiness-lines.js'
import { recordLines } from '../report/record-lines.js'
import { checkRecorded, locationOf } from './recorded.js'
import { finalState, isFreshRecord, warnWithoutApproval } from './record-states.js'
import type { DeploymentRecorder } from './dependencies.js'

/** After the run has ended, settling its deployment gets this long, whatever the deadline or a signal. */
const SETTLE_BUDGET_MS = 5_000

export function deploymentsFor(settings: GoLiveSettings, clock: Clock, log: Logger, limits?: CallLimits): Deployments {
  return new Deployments(settings.githubToken, githubRunFromEnv(), clock, log, limits)
}

export class GoLiveDeploymentHooks implements DeploymentRecorder {
  private readonly deployments: Deployments
  private deployment?: GoLiveDeployment
  /** Other records of the same go-live (a second release run, a renamed environment): settled with it. */
  private duplicates: GoLiveDeployment[] = []
  private operation?: OperationRef
  /** The operation's reference is on GitHub: a status holding it was posted. */
  private recorded = false

  constructor(
    private readonly settings: GoLiveSettings,
    private readonly backend: Backend,
    private readonly clock: Clock,
    private readonly log: Logger,
    limits: CallLimits
  ) {
    this.deployments = deploymentsFor(settings, clock, log, limits)
  }

  /** Before Go Live: the go-live to join (its location), or this run's new deployment. */
  async open(context: CallContext): Promise<{ deploymentId: number; recordedLocation?: string }> {
    const { settings, log } = this
    const ids = offerIds(settings)
    const key = targetKey(ids)
    const environment = settings.deploymentEnvironment || defaultEnvironment(ids)
    if (settings.whenReady) await warnWithoutApproval(this.deployments, log)
    const found = await this.deployments.findInFlight({
      wanted: (record) => targetKey(record) === key,
      baseUrl: () => settings.baseUrl
    })
    for (const line of [...found.skipped, ...found.unreadable]) log.warning(line)
    let joined: { deployment: GoLiveDeployment; location: string } | undefined
    for (const deployment of found.inFlight) {
      if (deployment.state === 'queued' && !deployment.operationRef) {
        // An older release waiting for the preview: this release goes live in its place.
        log.info(recordLines.superseded(deployment.id))
        await this.post(deployment, 'error', DESCRIPTIONS.supersededQueued)
        continue
      }
      let location: string | undefined
      try {
        location = locationOf(deployment, settings.baseUrl, settings.apiVersion)
      } catch (error) {
        log.warning(recordLines.unusable(deployment.id, (error as Error).message))
        continue
      }
      if (joined && location === joined.location) {
        this.duplicates.push(deployment)
        continue
      }
      if (settings.operationLocation && location && location !== settings.operationLocation) continue
      const state = await checkRecorded(this.backend, location, context)
      switch (state.kind) {
        case 'running':
          if (joined) {
            this.duplicates.push(deployment)
            break
          }
          joined = { deployment, location: state.operation.location }
          log.info(recordLines.joining(deployment.id, deployment.environment, describeTarget(ids)))
          break
        case 'ended':
          log.info(recordLines.ended(deployment.id, state.snapshot.status))
          await this.post(
            deployment,
            deploymentStateFor(state.snapshot.status),
            endedDescription(state.snapshot),
            state.operation
          )
          break
        case 'operation-unknown':
          log.warning(recordLines.operationUnknown(deployment.id, state.operation.location))
          await this.post(deployment, 'error', DESCRIPTIONS.operationUnknown(state.error.status))
          break
        case 'not-running':
          // A record without an operation may be another run's, between its create and Go Live's answer.
          if (isFreshRecord(deployment, this.clock.now())) break
          log.info(recordLines.nothingRunning(deployment.id))
          await this.post(deployment, 'error', DESCRIPTIONS.nothingRunning)
          break
        default:
          log.warning(recordLines.uncheckable(deployment.id, (state as { error: Error }).error.message))
      }
    }
    if (joined) {
      this.deployment = joined.deployment
      this.operation = { location: joined.location, id: '' }
      this.recorded = Boolean(joined.deployment.operationRef || joined.deployment.record.operationLocation)
      return { deploymentId: joined.deployment.id, recordedLocation: joined.location }
    }
    const record: GoLiveRecord = {
      ...ids,
      operationLocation: settings.operationLocation,
      startedAt: new Date(this.clock.now()).toISOString(),
      runId: this.deployments.run.runId || undefined,
      submissionId: settings.submissionId || undefined
    }
    this.deployment = await this.deployments.create(
      environment,
      record,
      writePayload(record),
      `Go live: ${describeTarget(ids)}`
    )
    this.recorded = Boolean(settings.operationLocation)
    log.info(recordLines.created(this.deployment.id, environment))
    return { deploymentId: this.deployment.id }
  }

  /** The operation is known: recorded in an in-progress status. Returns the deployment's ID. */
  async record(operation: OperationRef, url: string, snapshot?: OperationSnapshot): Promise<number> {
    this.operation = operation
    this.url = url
    await this.recordRunning(snapshot)
    return this.deployment!.id
  }

  private url?: string

  /** Posts the in-progress status with the operation's reference; a failure is said with the location. */
  private async recordRunning(snapshot?: OperationSnapshot, limits?: CallLimits): Promise<void> {
    const deployment = this.deployment!
    const ok = await this.post(
      deployment,
      'in_progress',
      runningDescription(snapshot, describeTarget(this.settings)),
      this.operation,
      limits
    )
    if (ok) this.recorded = true
  }

  /** `when-ready`: the preview is pending; the deployment says `queued` until a run starts it. */
  async queue(readiness: Readiness): Promise<void> {
    await this.post(this.deployment!, 'queued', queuedDescription(readiness))
  }

  /** The queued go-live's preview is ready: whether this run is the first to claim it. */
  async claim(): Promise<boolean> {
    try {
      // A record closed meanwhile (a newer release went live in its place) is never revived.
      const now = await this.deployments.latestStatus(this.deployment!.id)
      if (now.state !== 'queued' || now.operationRef) return false
      return await this.deployments.claim(this.deployment!, startingDescription(this.deployments.run.runId))
    } catch (error) {
      this.log.warning(recordLines.notUpdated(this.deployment!.id, (error as Error).message))
      // Without GitHub, no other run can have claimed it through GitHub either: the API's own
      // one-at-a-time rule still keeps a second go-live from starting.
      return true
    }
  }

  /**
   * The run ended. A final result is posted on the deployment and its duplicates; a go-live that
   * goes on stays in progress with its operation recorded (retried here when that write had
   * failed); a run cancelled before Go Live answered leaves it in flight, "outcome unknown", for a
   * follow run to resolve; one that never started is an error.
   */
  async settle(outcome: GoLiveOutcome, failure: string | undefined): Promise<void> {
    const deployment = this.deployment
    if (!deployment) return
    // The outcome is already reported; the status that records it gets a short budget of its own,
    // also when the run was cancelled (its signal has fired) or its deadline has passed.
    const limits: CallLimits = { deadline: this.clock.now() + SETTLE_BUDGET_MS }
    const all = [deployment, ...this.duplicates]
    const final = finalState(outcome, failure)
    if (final) {
      for (const d of all) await this.post(d, final.state, final.description, outcome.operation, limits)
      return
    }
    if (outcome.result === 'canceled' && outcome.operation) {
      for (const d of all) await this.post(d, 'in_progress', DESCRIPTIONS.cancelRequested, outcome.operation, limits)
      return
    }
    if (outcome.operation) {
      this.operation = outcome.operation
      if (!this.recorded || deployment.state !== 'in_progress') await this.recordRunning(outcome.snapshot, limits)
      if (!this.recorded) this.log.warning(recordLines.notRecorded(deployment.id, outcome.operation.location))
      return
    }
    if (outcome.aborted) {
      await this.post(deployment, 'in_progress', DESCRIPTIONS.outcomeUnknown, undefined, limits)
      return
    }
    if (outcome.error !== undefined) {
      await this.post(deployment, 'error', DESCRIPTIONS.notStarted(formatFailure(outcome.error)), undefined, limits)
    }
  }

  /** Posts a status with the operation's reference; GitHub failing here costs the record, never the go-live. */
  private async post(
    deployment: GoLiveDeployment,
    state: DeploymentState,
    text: string,
    operation?: OperationRef,
    limits?: CallLimits
  ): Promise<boolean> {
    const description = statusDescription(this.settings, this.settings.baseUrl, text, operation?.location)
    if (description === undefined) {
      this.log.warning(recordLines.notRecorded(deployment.id, operation!.location))
      return false
    }
    try {
      await this.deployments.setState(deployment, state, { description, environmentUrl: this.url }, limits)
      return true
    } catch (error) {
      this.log.warning(recordLines.notUpdated(deployment.id, (error as Error).message))
      return false
    }
  }
}

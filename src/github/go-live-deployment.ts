/**
 * The GitHub deployment of one go-live run (`github-deployment: true`).
 *
 * It exists before Go Live is called, so a token without `deployments: write` stops the run before
 * anything starts. A deployment's payload cannot change after it is created, and a started go-live's
 * operation is only known from Go Live's answer; so a fresh start creates a placeholder first and,
 * once the operation is known, the deployment that records it, then retires the placeholder.
 * A run that finds a go-live of its target recorded in flight follows that one and keeps its
 * deployment (a re-run, or a release while one is still going).
 */
import type { Clock } from '../base/clock.js'
import type { Logger } from '../base/logger.js'
import type { Deployments, DeploymentState, GoLiveDeployment, StatusDetails } from './deployments.js'
import { defaultEnvironment, describeTarget, targetKey, type OfferIds } from '../model/target.js'
import { writePayload, type GoLiveRecord } from './payload.js'

export class GoLiveDeploymentTracker {
  private constructor(
    private readonly deployments: Deployments,
    private readonly log: Logger,
    private deployment: GoLiveDeployment,
    /** The environment, for a successor. */
    private readonly environment: string,
    /** True while the deployment has no operation location (a placeholder). */
    private placeholder: boolean
  ) {}

  /**
   * Finds the target's go-live recorded in flight, or creates the deployment of a new one.
   * `operationLocation` is the location the run resumes (input), or empty when it starts.
   */
  static async open(options: {
    deployments: Deployments
    ids: OfferIds
    environment: string
    baseUrl: string
    operationLocation: string
    clock: Clock
    log: Logger
  }): Promise<{ tracker: GoLiveDeploymentTracker; recorded?: GoLiveRecord }> {
    const { deployments, ids, baseUrl, clock, log } = options
    const environment = options.environment || defaultEnvironment(ids)
    const key = targetKey(ids)
    const found = await deployments.findInFlight({
      environment,
      baseUrl,
      wanted: (record) => targetKey(record) === key
    })
    for (const line of found.skipped) log.warning(line)
    const inFlight = found.inFlight.find(
      (d) =>
        d.record.operationLocation &&
        (!options.operationLocation || d.record.operationLocation === options.operationLocation)
    )
    if (inFlight) {
      log.info(
        `GitHub deployment ${inFlight.id} (${environment}) records a go-live of ${describeTarget(ids)} in flight; following it`
      )
      return {
        tracker: new GoLiveDeploymentTracker(deployments, log, inFlight, environment, false),
        recorded: inFlight.record
      }
    }
    const record: GoLiveRecord = {
      ...ids,
      operationLocation: options.operationLocation,
      startedAt: new Date(clock.now()).toISOString()
    }
    const deployment = await deployments.create(
      environment,
      record,
      writePayload(record),
      `Go live: ${describeTarget(ids)}`
    )
    log.info(`GitHub deployment ${deployment.id} created in environment '${environment}'`)
    return {
      tracker: new GoLiveDeploymentTracker(deployments, log, deployment, environment, !record.operationLocation)
    }
  }

  get id(): number {
    return this.deployment.id
  }

  /**
   * The operation is known: a placeholder gives way to a deployment that records it. A failure here
   * costs the record, not the go-live: it is a warning, and statuses go on on the placeholder.
   */
  async attach(operationLocation: string): Promise<void> {
    if (!this.placeholder) return
    const placeholder = this.deployment
    const record: GoLiveRecord = { ...placeholder.record, operationLocation }
    try {
      const successor = await this.deployments.create(
        this.environment,
        record,
        writePayload(record),
        `Go live: ${describeTarget(record)}`
      )
      this.deployment = successor
      this.placeholder = false
      this.log.info(`GitHub deployment ${successor.id} records the operation`)
      await this.deployments.retire(placeholder, successor.id)
    } catch (error) {
      this.log.warning(
        `The operation could not be recorded on GitHub, so a follow run will not find it: ${(error as Error).message}`
      )
    }
  }

  /** Posts the state when it changed; GitHub being unavailable must not end the go-live's run. */
  async update(state: DeploymentState, details: StatusDetails = {}): Promise<void> {
    try {
      await this.deployments.setState(this.deployment, state, details)
    } catch (error) {
      this.log.warning(`GitHub deployment ${this.deployment.id} was not updated: ${(error as Error).message}`)
    }
  }
}

/**
 * This action's GitHub deployments, behind one small interface: create one (never twice for one
 * go-live), list those in flight with their latest status, post a status only when it changes
 * (GitHub keeps every status, and caps them). Nothing is ever deleted. GitHubClient does the
 * requests.
 */
import type { Clock } from '../base/clock.js'
import { isRecord, nonEmptyString } from '../base/json.js'
import type { Logger } from '../base/logger.js'
import { redactAndCut } from '../base/text.js'
import type { CallLimits } from '../model/call-limits.js'
import { GitHubError } from '../model/errors.js'
import { MAX_DESCRIPTION } from '../model/operation-ref.js'
import type { DeploymentState } from '../model/status.js'
import { GitHubClient, type GitHubRun } from './client.js'
import {
  findInFlight,
  latestStatus,
  listOf,
  statusesOf,
  type GoLiveDeployment,
  type InFlightList,
  type InFlightOptions
} from './deployment-list.js'
import { DEPLOYMENT_TASK, type GoLiveRecord } from './payload.js'

export type { DeploymentState } from '../model/status.js'

/** Creates sent at the most for one deployment, each after looking for the one before. */
const CREATE_ATTEMPTS = 3
/** Statuses after which only a change of state is posted (GitHub takes 100). */
const STATUS_ROOM = 90

export interface StatusDetails {
  description?: string
  /** The page of the offer (the `url` output). */
  environmentUrl?: string
}

export type { GoLiveDeployment, InFlightList } from './deployment-list.js'

export class Deployments {
  readonly client: GitHubClient

  constructor(
    token: string,
    run: GitHubRun,
    private readonly clock: Clock,
    log: Logger,
    private readonly limits?: CallLimits
  ) {
    this.client = new GitHubClient(token, run, clock, log, limits)
  }

  get run(): GitHubRun {
    return this.client.run
  }

  /**
   * Creates a deployment of the workflow's commit (`auto_merge` off, no required contexts). A
   * create that failed for a passing reason may have created one: it is looked for before the one
   * retry, so a go-live never gets two.
   */
  async create(
    environment: string,
    record: GoLiveRecord,
    payload: Record<string, unknown>,
    description: string
  ): Promise<GoLiveDeployment> {
    const run = this.run
    if (!run.sha) {
      throw new GitHubError({
        kind: 'environment',
        status: 0,
        message: 'GITHUB_SHA is not set: GitHub deployments need a GitHub Actions workflow run'
      })
    }
    const body = {
      ref: run.sha,
      task: DEPLOYMENT_TASK,
      environment,
      payload,
      description: redactAndCut(description, MAX_DESCRIPTION),
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: false
    }
    let answer
    for (let attempt = 1; ; attempt++) {
      try {
        // One attempt at a time: a create whose answer was lost may have made the deployment.
        answer = await this.client.call(
          'POST /repos/{owner}/{repo}/deployments',
          body,
          'creating a deployment',
          undefined,
          { once: true }
        )
        break
      } catch (error) {
        const passing = error instanceof GitHubError && (error.kind === 'outage' || error.kind === 'rate-limit')
        if (!passing || attempt >= CREATE_ATTEMPTS) throw error
        const made = await this.findCreated(environment, payload)
        if (made) return { ...made, record }
        await this.clock.sleep(1000 * attempt, this.limits?.signal)
      }
    }
    const data = answer.data
    if (answer.status !== 201 || !isRecord(data) || typeof data.id !== 'number') {
      const said = isRecord(data) ? (nonEmptyString(data.message) ?? '') : ''
      throw new GitHubError({
        kind: 'refused',
        status: answer.status,
        message: `GitHub did not create the deployment (HTTP ${answer.status}${said ? `: ${said}` : ''})`
      })
    }
    return {
      id: data.id,
      environment: nonEmptyString(data.environment) ?? environment,
      createdAt: nonEmptyString(data.created_at) ?? '',
      sha: run.sha,
      record
    }
  }

  /** A deployment this run created with this payload, when a create's answer was lost. */
  private async findCreated(
    environment: string,
    payload: Record<string, unknown>
  ): Promise<GoLiveDeployment | undefined> {
    const answer = await this.client.call(
      'GET /repos/{owner}/{repo}/deployments',
      { task: DEPLOYMENT_TASK, environment, sha: this.run.sha, per_page: 30 },
      'looking for the deployment just created'
    )
    const wanted = JSON.stringify(payload)
    for (const item of listOf(answer.data, 'looking for the deployment just created')) {
      const same = typeof item.payload === 'string' ? item.payload === wanted : JSON.stringify(item.payload) === wanted
      if (typeof item.id === 'number' && same) {
        return {
          id: item.id,
          environment,
          createdAt: nonEmptyString(item.created_at) ?? '',
          sha: this.run.sha,
          record: undefined as never
        }
      }
    }
    return undefined
  }

  /** Every go-live in flight (deployment-list.ts). */
  findInFlight(options: InFlightOptions): Promise<InFlightList> {
    return findInFlight(this.client, options)
  }

  /** The newest status of a deployment and the newest operation reference (deployment-list.ts). */
  latestStatus(id: number): ReturnType<typeof latestStatus> {
    return latestStatus(this.client, id)
  }

  /**
   * Claims a queued go-live for this run: posts an in-progress status, then reads the statuses
   * back. Of the runs that claimed it since it was last queued, the first to post wins, and every
   * run reads the same order: two follow runs at once (or a follow run and its release run) start
   * it once. Returns whether this run won.
   */
  async claim(deployment: GoLiveDeployment, description: string): Promise<boolean> {
    const answer = await this.client.call(
      'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      {
        deployment_id: deployment.id,
        state: 'in_progress',
        ...(this.run.runUrl ? { log_url: this.run.runUrl } : {}),
        description: redactAndCut(description, MAX_DESCRIPTION),
        auto_inactive: false
      },
      `claiming deployment ${deployment.id}`
    )
    const mine = isRecord(answer.data) && typeof answer.data.id === 'number' ? answer.data.id : undefined
    deployment.state = 'in_progress'
    deployment.description = redactAndCut(description, MAX_DESCRIPTION)
    const statuses = await statusesOf(this.client, deployment.id)
    const lastQueued = statuses.map((s) => s.state).lastIndexOf('queued')
    const first = statuses.slice(lastQueued + 1).find((s) => s.state === 'in_progress')
    return mine !== undefined && first?.id === mine
  }

  /** Posts a status when the state or description differs from the one last known; returns whether it posted. */
  async setState(
    deployment: GoLiveDeployment,
    state: DeploymentState,
    details: StatusDetails = {},
    limits?: CallLimits
  ): Promise<boolean> {
    const description = redactAndCut(details.description ?? '', MAX_DESCRIPTION)
    if (deployment.state === state && deployment.description === description) return false
    // GitHub takes 100 statuses a deployment: the last few are kept for the state changes that matter.
    if (deployment.state === state && (deployment.statusCount ?? 0) >= STATUS_ROOM) return false
    await this.client.call(
      'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      {
        deployment_id: deployment.id,
        state,
        ...(this.run.runUrl ? { log_url: this.run.runUrl } : {}),
        ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
        description,
        // GitHub marks the environment's older deployments inactive on a success, as for any release.
        auto_inactive: state === 'success'
      },
      `setting deployment ${deployment.id} to ${state}`,
      limits
    )
    deployment.state = state
    deployment.description = description
    deployment.statusCount = (deployment.statusCount ?? 0) + 1
    return true
  }
}

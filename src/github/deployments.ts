/**
 * This action's GitHub deployments, behind one small interface: create one, find those in flight,
 * post a status only when the state changes (GitHub keeps every status, and caps them), delete a
 * placeholder. GitHubRest (rest.ts) does the requests.
 */
import type { Clock } from '../base/clock.js'
import type { DeploymentState } from '../model/status.js'
import { mapWithLimit } from '../base/concurrency.js'
import { GitHubError, ProtocolError } from '../model/errors.js'
import type { Logger } from '../base/logger.js'
import { isRecord, nonEmptyString } from '../base/json.js'
import { withoutTrailingStop, truncate } from '../base/text.js'
import { targetKey } from '../model/target.js'
import { DEPLOYMENT_TASK, readPayload, type GoLiveRecord } from './payload.js'
import { GitHubRest, type GitHubRun, type RequestLimits } from './rest.js'

export type { DeploymentState } from '../model/status.js'

const IN_FLIGHT: ReadonlySet<string> = new Set(['queued', 'pending', 'in_progress'])

/** No deployment list is read past this many pages of 100. */
const MAX_PAGES = 10
/** GitHub's limit on a status description. */
const MAX_DESCRIPTION = 140
/** Requests to GitHub at a time when reading many deployments. */
const GITHUB_CONCURRENCY = 8

/** A deployment of this action with a usable record. */
export interface GoLiveDeployment {
  id: number
  environment: string
  createdAt: string
  record: GoLiveRecord
  /** Latest status state; undefined when it has none yet. */
  state?: DeploymentState
}

export interface StatusDetails {
  description?: string
  /** The page of the offer (the `url` output). */
  environmentUrl?: string
}

/** What was read: the deployments in flight (the newest per target) and those that could not be used. */
export interface InFlightList {
  inFlight: GoLiveDeployment[]
  /** One sentence per deployment skipped, naming it. */
  skipped: string[]
}

export class Deployments {
  private readonly rest: GitHubRest

  constructor(
    token: string,
    readonly run: GitHubRun,
    clock: Clock,
    private readonly log: Logger,
    limits?: RequestLimits
  ) {
    this.rest = new GitHubRest(token, run, clock, log, limits)
  }

  /** Creates a deployment of the workflow's commit; `auto_merge` off and no required contexts. */
  async create(
    environment: string,
    record: GoLiveRecord,
    payload: Record<string, unknown>,
    description: string
  ): Promise<GoLiveDeployment> {
    if (!this.run.sha)
      throw new GitHubError('GITHUB_SHA is not set: GitHub deployments need a GitHub Actions workflow run', 0)
    const response = await this.rest.call(
      'POST /repos/{owner}/{repo}/deployments',
      {
        ref: this.run.sha,
        task: DEPLOYMENT_TASK,
        environment,
        payload,
        description: truncate(description, MAX_DESCRIPTION),
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: false
      },
      'creating a deployment'
    )
    const data = response.data
    if (response.status !== 201 || !isRecord(data) || typeof data.id !== 'number') {
      const said = isRecord(data) ? (nonEmptyString(data.message) ?? '') : ''
      throw new GitHubError(
        `GitHub did not create the deployment (HTTP ${response.status}${said ? `: ${withoutTrailingStop(said)}` : ''}).`,
        response.status
      )
    }
    return {
      id: data.id,
      environment: nonEmptyString(data.environment) ?? environment,
      createdAt: nonEmptyString(data.created_at) ?? '',
      record
    }
  }

  /**
   * The in-flight go-lives: this action's deployments (of one environment when given), the newest
   * per target, whose latest status is queued, pending or in progress, or that have none yet.
   * `wanted` narrows them to one target; `baseUrl` holds every operation location to its origin.
   */
  async findInFlight(options: {
    environment?: string
    wanted?: (record: GoLiveRecord) => boolean
    baseUrl: string
  }): Promise<InFlightList> {
    const newest = new Map<string, GoLiveDeployment>()
    const skipped: string[] = []
    for (let page = 1; page <= MAX_PAGES; page++) {
      const response = await this.rest.call(
        'GET /repos/{owner}/{repo}/deployments',
        {
          task: DEPLOYMENT_TASK,
          ...(options.environment ? { environment: options.environment } : {}),
          per_page: 100,
          page
        },
        'listing deployments'
      )
      const items = listOf(response.data, 'listing deployments')
      for (const item of items) {
        if (typeof item.id !== 'number' || nonEmptyString(item.task) !== DEPLOYMENT_TASK) continue
        const environment = nonEmptyString(item.environment) ?? ''
        let record: GoLiveRecord
        try {
          record = readPayload(item.payload, options.baseUrl)
        } catch (error) {
          if (!(error instanceof ProtocolError)) throw error
          skipped.push(
            `Deployment ${item.id} (environment '${environment}') was skipped: ${withoutTrailingStop(error.message)}.`
          )
          continue
        }
        if (options.wanted && !options.wanted(record)) continue
        const candidate: GoLiveDeployment = {
          id: item.id,
          environment,
          createdAt: nonEmptyString(item.created_at) ?? '',
          record
        }
        const key = targetKey(record)
        const known = newest.get(key)
        if (!known || isNewer(candidate, known)) newest.set(key, candidate)
      }
      if (!hasNextPage(response.headers) || items.length < 100) break
      if (page === MAX_PAGES) this.log.warning(`Only the newest ${MAX_PAGES * 100} deployments were read.`)
    }
    const candidates = [...newest.values()]
    await mapWithLimit(candidates, GITHUB_CONCURRENCY, async (deployment) => {
      deployment.state = await this.latestState(deployment.id)
    })
    const inFlight = candidates.filter((d) => d.state === undefined || IN_FLIGHT.has(d.state))
    return { inFlight: inFlight.sort((a, b) => a.id - b.id), skipped }
  }

  /** The state of the newest status (by time, then ID: no list order is assumed). */
  async latestState(id: number): Promise<DeploymentState | undefined> {
    const response = await this.rest.call(
      'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      { deployment_id: id, per_page: 100 },
      `reading the statuses of deployment ${id}`
    )
    const statuses = listOf(response.data, `reading the statuses of deployment ${id}`)
    let latest: Record<string, unknown> | undefined
    for (const status of statuses) {
      if (!latest || compareStatus(status, latest) > 0) latest = status
    }
    const state = latest && nonEmptyString(latest.state)
    return state as DeploymentState | undefined
  }

  /** Posts a status when the state differs from the one last known; returns whether it posted. */
  async setState(deployment: GoLiveDeployment, state: DeploymentState, details: StatusDetails = {}): Promise<boolean> {
    if (deployment.state === state) return false
    await this.rest.call(
      'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      {
        deployment_id: deployment.id,
        state,
        ...(this.run.runUrl ? { log_url: this.run.runUrl } : {}),
        ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
        description: truncate(details.description ?? '', MAX_DESCRIPTION),
        auto_inactive: state === 'success'
      },
      `setting deployment ${deployment.id} to ${state}`
    )
    deployment.state = state
    return true
  }

  /** Removes a placeholder once its successor exists; a failure only leaves it inactive. */
  async retire(deployment: GoLiveDeployment, successor: number): Promise<void> {
    try {
      await this.setState(deployment, 'inactive', {
        description: `Replaced by deployment ${successor}, which records the operation`
      })
      await this.rest.call(
        'DELETE /repos/{owner}/{repo}/deployments/{deployment_id}',
        { deployment_id: deployment.id },
        `deleting deployment ${deployment.id}`
      )
    } catch (error) {
      this.log.debug(`placeholder deployment ${deployment.id} left as it is: ${(error as Error).message}`)
    }
  }
}

function isNewer(a: GoLiveDeployment, b: GoLiveDeployment): boolean {
  const byTime = (Date.parse(a.createdAt) || 0) - (Date.parse(b.createdAt) || 0)
  return byTime !== 0 ? byTime > 0 : a.id > b.id
}

function compareStatus(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const byTime =
    (Date.parse(nonEmptyString(a.created_at) ?? '') || 0) - (Date.parse(nonEmptyString(b.created_at) ?? '') || 0)
  if (byTime !== 0) return byTime
  return (typeof a.id === 'number' ? a.id : 0) - (typeof b.id === 'number' ? b.id : 0)
}

function hasNextPage(headers: Record<string, unknown>): boolean {
  const link = headers.link ?? headers.Link
  return typeof link === 'string' && /rel="next"/.test(link)
}

/**
 * A list GitHub answered. Anything else (a gateway's HTML page, an object) is an error, never read
 * as an empty list: "nothing in flight" would pass a follow run that should report a go-live.
 */
function listOf(data: unknown, what: string): Record<string, unknown>[] {
  if (!Array.isArray(data)) {
    throw new GitHubError(`GitHub answered ${what} with something that is not a list; try again later`, 0)
  }
  return data.filter(isRecord)
}

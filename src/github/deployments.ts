/**
 * This action's GitHub deployments, behind one small interface: create one (never twice for one
 * go-live), list those in flight with their latest status, post a status only when it changes
 * (GitHub keeps every status, and caps them). Nothing is ever deleted. GitHubClient does the
 * requests.
 */
import type { Clock } from '../base/clock.js'
import { mapWithLimit } from '../base/concurrency.js'
import { isRecord, nonEmptyString } from '../base/json.js'
import type { Logger } from '../base/logger.js'
import type { CallLimits } from '../model/call-limits.js'
import { GitHubError, ProtocolError } from '../model/errors.js'
import { refInDescription } from '../model/operation-ref.js'
import type { DeploymentState } from '../model/status.js'
import { GitHubClient, header, type GitHubRun } from './client.js'
import type { OfferIds } from '../model/target.js'
import { DEPLOYMENT_TASK, readPayload, type GoLiveRecord } from './payload.js'

export type { DeploymentState } from '../model/status.js'

const IN_FLIGHT: ReadonlySet<string> = new Set(['queued', 'pending', 'in_progress'])

/** No deployment list is read past this many pages of 100. */
const MAX_PAGES = 10
/** GitHub's limit on a status description. */
export const MAX_DESCRIPTION = 140
/** Statuses after which only a change of state is posted (GitHub takes 100). */
const STATUS_ROOM = 90
/** Requests to GitHub at a time when reading many deployments. */
const GITHUB_CONCURRENCY = 8

/** A deployment of this action with a usable record. */
export interface GoLiveDeployment {
  id: number
  environment: string
  createdAt: string
  /** The commit the deployment is of. */
  sha: string
  record: GoLiveRecord
  /** Latest status state; undefined when it has none yet. */
  state?: DeploymentState
  /** Latest status description. */
  description?: string
  /** The compact operation reference the newest status that carries one holds. */
  operationRef?: string
  /** Statuses the deployment has (GitHub takes 100 at most). */
  statusCount?: number
}

export interface StatusDetails {
  description?: string
  /** The page of the offer (the `url` output). */
  environmentUrl?: string
}

/** What was read: the deployments in flight and those that could not be used, each said once. */
export interface InFlightList {
  inFlight: GoLiveDeployment[]
  /** One sentence per deployment skipped, naming it. */
  skipped: string[]
  /** The list was longer than the pages read: older go-lives were not looked at. */
  truncated: boolean
}

export class Deployments {
  readonly client: GitHubClient

  constructor(token: string, run: GitHubRun, clock: Clock, log: Logger, limits?: CallLimits) {
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
      description: description.slice(0, MAX_DESCRIPTION),
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      production_environment: false
    }
    let answer
    try {
      answer = await this.client.call(
        'POST /repos/{owner}/{repo}/deployments',
        body,
        'creating a deployment',
        undefined,
        { once: true }
      )
    } catch (error) {
      if (!(error instanceof GitHubError) || (error.kind !== 'outage' && error.kind !== 'rate-limit')) throw error
      const made = await this.findCreated(environment, payload)
      if (made) return { ...made, record }
      answer = await this.client.call('POST /repos/{owner}/{repo}/deployments', body, 'creating a deployment')
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

  /**
   * Every go-live in flight: this action's deployments (of one environment when given) whose
   * latest status is queued, pending or in progress, or that have none yet. `wanted` narrows them;
   * `baseUrl` holds every recorded location to its origin. A deployment that vanished between the
   * list and its statuses is skipped with a sentence, not a failure.
   */
  async findInFlight(options: {
    environment?: string
    wanted?: (record: GoLiveRecord) => boolean
    baseUrl: (ids: OfferIds) => string
  }): Promise<InFlightList> {
    const candidates: GoLiveDeployment[] = []
    const skipped: string[] = []
    let truncated = false
    for (let page = 1; page <= MAX_PAGES; page++) {
      const answer = await this.client.call(
        'GET /repos/{owner}/{repo}/deployments',
        {
          task: DEPLOYMENT_TASK,
          ...(options.environment ? { environment: options.environment } : {}),
          per_page: 100,
          page
        },
        'listing deployments'
      )
      const items = listOf(answer.data, 'listing deployments')
      for (const item of items) {
        if (typeof item.id !== 'number' || nonEmptyString(item.task) !== DEPLOYMENT_TASK) continue
        const environment = nonEmptyString(item.environment) ?? ''
        let record: GoLiveRecord
        try {
          record = readPayload(item.payload, options.baseUrl)
        } catch (error) {
          if (!(error instanceof ProtocolError)) throw error
          skipped.push(`Deployment ${item.id} (environment '${environment}') was skipped: ${error.message}.`)
          continue
        }
        if (options.wanted && !options.wanted(record)) continue
        candidates.push({
          id: item.id,
          environment,
          createdAt: nonEmptyString(item.created_at) ?? '',
          sha: nonEmptyString(item.sha) ?? '',
          record
        })
      }
      const more = /rel="next"/.test(header(answer, 'link') ?? '') && items.length >= 100
      if (!more) break
      if (page === MAX_PAGES) truncated = true
    }
    await mapWithLimit(candidates, GITHUB_CONCURRENCY, async (deployment) => {
      try {
        Object.assign(deployment, await this.latestStatus(deployment.id))
      } catch (error) {
        if (!(error instanceof GitHubError) || error.kind !== 'not-found') throw error
        deployment.state = 'inactive'
        skipped.push(
          `Deployment ${deployment.id} (environment '${deployment.environment}') was skipped: GitHub no longer has it (404).`
        )
      }
    })
    const inFlight = candidates.filter((d) => d.state === undefined || IN_FLIGHT.has(d.state))
    return { inFlight: inFlight.sort((a, b) => a.id - b.id), skipped, truncated }
  }

  /** The newest status's state and description (by time, then ID), and the newest operation reference. */
  async latestStatus(
    id: number
  ): Promise<Pick<GoLiveDeployment, 'state' | 'description' | 'operationRef' | 'statusCount'>> {
    const what = `reading the statuses of deployment ${id}`
    const answer = await this.client.call(
      'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      { deployment_id: id, per_page: 100 },
      what
    )
    const statuses = listOf(answer.data, what).sort((a, b) => -compareStatus(a, b))
    const latest = statuses[0]
    const operationRef = statuses.map((s) => refInDescription(nonEmptyString(s.description) ?? '')).find(Boolean)
    return {
      state: latest && (nonEmptyString(latest.state) as DeploymentState | undefined),
      description: latest && nonEmptyString(latest.description),
      operationRef,
      statusCount: statuses.length
    }
  }

  /** Posts a status when the state or description differs from the one last known; returns whether it posted. */
  async setState(
    deployment: GoLiveDeployment,
    state: DeploymentState,
    details: StatusDetails = {},
    limits?: CallLimits
  ): Promise<boolean> {
    const description = (details.description ?? '').slice(0, MAX_DESCRIPTION)
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

function compareStatus(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const byTime =
    (Date.parse(nonEmptyString(a.created_at) ?? '') || 0) - (Date.parse(nonEmptyString(b.created_at) ?? '') || 0)
  if (byTime !== 0) return byTime
  return (typeof a.id === 'number' ? a.id : 0) - (typeof b.id === 'number' ? b.id : 0)
}

/**
 * A list GitHub answered. Anything else (a gateway's HTML page, an object) is an error, never read
 * as an empty list: "nothing in flight" would pass a follow run that should report a go-live.
 */
function listOf(data: unknown, what: string): Record<string, unknown>[] {
  if (!Array.isArray(data)) {
    throw new GitHubError({
      kind: 'unreadable',
      status: 0,
      what,
      message: `GitHub answered ${what} with something that is not a list`
    })
  }
  return data.filter(isRecord)
}

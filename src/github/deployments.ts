/**
 * This action's GitHub deployments, behind one small interface: create one, find those in flight,
 * post a status only when the state changes (GitHub keeps every status, and caps them), delete a
 * placeholder. Octokit (from @actions/github, loaded on first use) does the HTTP; GITHUB_API_URL,
 * GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_SERVER_URL and GITHUB_RUN_ID say where and what.
 */
import type { Clock } from '../clock.js'
import { mapWithLimit } from '../concurrency.js'
import { ProtocolError } from '../errors.js'
import type { Logger } from '../logger.js'
import { isRecord, str } from '../json.js'
import { clause, truncate } from '../text.js'
import { DEPLOYMENT_TASK, readPayload, targetKey, type GoLiveRecord } from './payload.js'

/** The states GitHub knows; the first three mean "still going". */
export type DeploymentState = 'queued' | 'pending' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive'

const IN_FLIGHT: ReadonlySet<string> = new Set(['queued', 'pending', 'in_progress'])

/** No deployment list is read past this many pages of 100. */
const MAX_PAGES = 10
/** GitHub's limit on a status description. */
const MAX_DESCRIPTION = 140
const RETRY_DELAYS_MS = [1_000, 3_000]
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

/** A failure talking to GitHub, in words a person can act on. */
export class GitHubError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
    this.name = 'GitHubError'
  }
}

/** Where the workflow runs, from the runner's variables. */
export interface GitHubRun {
  owner: string
  repo: string
  /** The workflow's commit: what a new deployment is created for. */
  sha: string
  /** The run's page, the log URL of a status; empty when unknown. */
  runUrl: string
}

export function githubRunFromEnv(env: NodeJS.ProcessEnv = process.env): GitHubRun {
  const repository = env.GITHUB_REPOSITORY ?? ''
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository)
  if (!match) {
    throw new GitHubError(
      `GITHUB_REPOSITORY is '${repository}', not 'owner/repo': GitHub deployments need a GitHub Actions workflow run`,
      0
    )
  }
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const runId = env.GITHUB_RUN_ID ?? ''
  const runUrl =
    /^\d+$/.test(runId) && /^https?:\/\//.test(server) ? `${server}/${repository}/actions/runs/${runId}` : ''
  return { owner: match[1], repo: match[2], sha: env.GITHUB_SHA || env.GITHUB_REF || '', runUrl }
}

/** What was read: the deployments in flight (the newest per target) and those that could not be used. */
export interface InFlightList {
  inFlight: GoLiveDeployment[]
  /** One sentence per deployment skipped, naming it. */
  skipped: string[]
}

// The Octokit surface used here, so tests and the bundle need nothing more.
interface OctokitLike {
  request(
    route: string,
    parameters: Record<string, unknown>
  ): Promise<{ status: number; data: unknown; headers: Record<string, unknown> }>
}

export class Deployments {
  private octokit?: Promise<OctokitLike>

  constructor(
    private readonly token: string,
    readonly run: GitHubRun,
    private readonly clock: Clock,
    private readonly log: Logger
  ) {}

  private client(): Promise<OctokitLike> {
    // Loaded on first use: @actions/github brings an HTTP stack that only these runs need.
    this.octokit ??= import('@actions/github').then(
      ({ getOctokit }) => getOctokit(this.token) as unknown as OctokitLike
    )
    return this.octokit
  }

  /** One request with a few retries on outages and rate limits; other failures become GitHubError. */
  private async call(
    route: string,
    parameters: Record<string, unknown>,
    what: string
  ): Promise<{ status: number; data: unknown; headers: Record<string, unknown> }> {
    const octokit = await this.client()
    const full = {
      owner: this.run.owner,
      repo: this.run.repo,
      headers: { 'x-github-api-version': '2022-11-28' },
      ...parameters
    }
    for (let attempt = 0; ; attempt++) {
      try {
        return await octokit.request(route, full)
      } catch (error) {
        const status =
          typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 0
        const retryable = status === 0 || status === 429 || status >= 500
        if (retryable && attempt < RETRY_DELAYS_MS.length) {
          this.log.info(
            `GitHub: ${what} failed (${status || 'no answer'}); retrying in ${RETRY_DELAYS_MS[attempt] / 1000}s`
          )
          await this.clock.sleep(RETRY_DELAYS_MS[attempt])
          continue
        }
        throw this.describe(error, status, route, what)
      }
    }
  }

  private describe(error: unknown, status: number, route: string, what: string): GitHubError {
    const data = (error as { response?: { data?: unknown } }).response?.data
    const said = (isRecord(data) && str(data.message)) || (error as Error).message || String(error)
    const request = route.replace('{owner}/{repo}', `${this.run.owner}/${this.run.repo}`)
    const base = `GitHub answered ${status || 'nothing'} to ${what} (${request}): ${clause(said)}.`
    if (status === 403 || status === 404) {
      return new GitHubError(
        `${base} The job's token needs \`permissions: deployments: write\` to record a go-live (add it to the job's ` +
          "permissions, or pass a token that has it as 'github-token'); a workflow triggered from a fork never gets it.",
        status
      )
    }
    if (status === 401)
      return new GitHubError(`${base} Check the 'github-token' input (its default is the job's token).`, status)
    return new GitHubError(`${base} Try again later.`, status)
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
    const response = await this.call(
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
      const said = isRecord(data) ? (str(data.message) ?? '') : ''
      throw new GitHubError(
        `GitHub did not create the deployment (HTTP ${response.status}${said ? `: ${clause(said)}` : ''}).`,
        response.status
      )
    }
    return {
      id: data.id,
      environment: str(data.environment) ?? environment,
      createdAt: str(data.created_at) ?? '',
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
      const response = await this.call(
        'GET /repos/{owner}/{repo}/deployments',
        {
          task: DEPLOYMENT_TASK,
          ...(options.environment ? { environment: options.environment } : {}),
          per_page: 100,
          page
        },
        'listing deployments'
      )
      const items = Array.isArray(response.data) ? response.data.filter(isRecord) : []
      for (const item of items) {
        if (typeof item.id !== 'number' || str(item.task) !== DEPLOYMENT_TASK) continue
        const environment = str(item.environment) ?? ''
        let record: GoLiveRecord
        try {
          record = readPayload(item.payload, options.baseUrl)
        } catch (error) {
          if (!(error instanceof ProtocolError)) throw error
          skipped.push(`Deployment ${item.id} (environment '${environment}') was skipped: ${clause(error.message)}.`)
          continue
        }
        if (options.wanted && !options.wanted(record)) continue
        const candidate: GoLiveDeployment = { id: item.id, environment, createdAt: str(item.created_at) ?? '', record }
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
    const response = await this.call(
      'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      { deployment_id: id, per_page: 100 },
      `reading the statuses of deployment ${id}`
    )
    const statuses = Array.isArray(response.data) ? response.data.filter(isRecord) : []
    let latest: Record<string, unknown> | undefined
    for (const status of statuses) {
      if (!latest || compareStatus(status, latest) > 0) latest = status
    }
    const state = latest && str(latest.state)
    return state as DeploymentState | undefined
  }

  /** Posts a status when the state differs from the one last known; returns whether it posted. */
  async setState(deployment: GoLiveDeployment, state: DeploymentState, details: StatusDetails = {}): Promise<boolean> {
    if (deployment.state === state) return false
    await this.call(
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
      await this.call(
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
  const byTime = (Date.parse(str(a.created_at) ?? '') || 0) - (Date.parse(str(b.created_at) ?? '') || 0)
  if (byTime !== 0) return byTime
  return (typeof a.id === 'number' ? a.id : 0) - (typeof b.id === 'number' ? b.id : 0)
}

function hasNextPage(headers: Record<string, unknown>): boolean {
  const link = headers.link ?? headers.Link
  return typeof link === 'string' && /rel="next"/.test(link)
}

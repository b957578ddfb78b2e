/**
 * Reading this action's deployments back: every one in flight with its latest status and the
 * operation reference its statuses carry. What is read is untrusted (anyone who may write
 * deployments can plant one): payloads go through readPayload.
 */
import { mapWithLimit } from '../base/concurrency.js'
import { isRecord, nonEmptyString } from '../base/json.js'
import { GitHubError, ProtocolError } from '../model/errors.js'
import { refInDescription } from '../model/operation-ref.js'
import type { DeploymentState } from '../model/status.js'
import type { OfferIds } from '../model/target.js'
import { header, type GitHubClient } from './client.js'
import { DEPLOYMENT_TASK, readPayload, type GoLiveRecord } from './payload.js'

const IN_FLIGHT: ReadonlySet<string> = new Set(['queued', 'pending', 'in_progress'])

/** No deployment list is read past this many pages of 100. */
const MAX_PAGES = 10
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

export interface InFlightOptions {
  environment?: string
  wanted?: (record: GoLiveRecord) => boolean
  /** The API root of a record's API: its location is held to that origin. */
  baseUrl: (ids: OfferIds) => string
}

/** What was read: the deployments in flight and those that could not be used, each said once. */
export interface InFlightList {
  inFlight: GoLiveDeployment[]
  /** One sentence per deployment skipped (it vanished mid-run), naming it. */
  skipped: string[]
  /** One sentence per deployment of this action whose record cannot be read, naming it and why. */
  unreadable: string[]
  /** The list was longer than the pages read: older go-lives were not looked at. */
  truncated: boolean
  /** How many of the records in flight name each workflow run. */
  runIdUses: Map<string, number>
}

/**
 * Every go-live in flight: this action's deployments (of one environment when given) whose
 * latest status is queued, pending or in progress, or that have none yet. `wanted` narrows them;
 * `baseUrl` holds every recorded location to its origin. A deployment that vanished between the
 * list and its statuses is skipped with a sentence, not a failure.
 */
export async function findInFlight(client: GitHubClient, options: InFlightOptions): Promise<InFlightList> {
  const candidates: GoLiveDeployment[] = []
  const skipped: string[] = []
  const unreadable: string[] = []
  const runIdUses = new Map<string, number>()
  let truncated = false
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await client.call(
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
        unreadable.push(`Deployment ${item.id} (environment '${environment}') cannot be read: ${error.message}.`)
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
      Object.assign(deployment, await latestStatus(client, deployment.id))
    } catch (error) {
      if (!(error instanceof GitHubError) || error.kind !== 'not-found') throw error
      deployment.state = 'inactive'
      skipped.push(
        `Deployment ${deployment.id} (environment '${deployment.environment}') was skipped: GitHub no longer has it (404).`
      )
    }
  })
  const inFlight = candidates.filter((d) => d.state === undefined || IN_FLIGHT.has(d.state))
  // A re-run of a release closes its attempt's record before it makes its own: among the records
  // in flight, one run named twice means one of them was planted.
  for (const { record } of inFlight) {
    if (record.runId) runIdUses.set(record.runId, (runIdUses.get(record.runId) ?? 0) + 1)
  }
  return { inFlight: inFlight.sort((a, b) => a.id - b.id), skipped, unreadable, truncated, runIdUses }
}

/** The newest status's state and description (by time, then ID), and the newest operation reference. */
export async function latestStatus(
  client: GitHubClient,
  id: number
): Promise<Pick<GoLiveDeployment, 'state' | 'description' | 'operationRef' | 'statusCount'>> {
  const what = `reading the statuses of deployment ${id}`
  const answer = await client.call(
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
export function listOf(data: unknown, what: string): Record<string, unknown>[] {
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

/** A status as read back: what a claim to start a queued go-live compares. */
export interface StatusRead {
  id: number
  state: string
  description: string
}

/** Every status of a deployment, oldest first (by time, then ID). */
export async function statusesOf(client: GitHubClient, id: number): Promise<StatusRead[]> {
  const what = `reading the statuses of deployment ${id}`
  const answer = await client.call(
    'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    { deployment_id: id, per_page: 100 },
    what
  )
  return listOf(answer.data, what)
    .sort(compareStatus)
    .map((s) => ({
      id: typeof s.id === 'number' ? s.id : 0,
      state: nonEmptyString(s.state) ?? '',
      description: nonEmptyString(s.description) ?? ''
    }))
}

/**
 * `follow: true`: start nothing. Find every go-live recorded as an in-flight GitHub deployment (of
 * the target given, or of every target), check each operation once within a short budget of its
 * own, post the deployment states that changed (on every record of the same go-live), and report
 * one row per record. Made for an hourly schedule: seconds per run, not a runner held for days.
 */
import { mapWithLimit } from '../base/concurrency.js'
import type { GoLiveDeployment } from '../github/deployments.js'
import type { CallContext } from '../marketplace/backend.js'
import type { FollowedResult, FollowReport, FollowRow } from '../model/follow-report.js'
import { statusDescription } from '../model/operation-ref.js'
import { apiTime, deploymentStateFor, type DeploymentState } from '../model/status.js'
import { API_NAME, describeTarget, offerIds, offerUrl, targetKey, type OfferIds } from '../model/target.js'
import { PreconditionError } from '../model/errors.js'
import { formatFailure } from '../report/advice.js'
import { DESCRIPTIONS, endedDescription, runningDescription } from '../report/deployment-lines.js'
import { isFreshRecord } from './record-states.js'
import { checkQueued } from './follow-queued.js'
import type { FollowDependencies, RecordApi } from './dependencies.js'

import { checkRecorded, locationOf, type RecordedState } from './recorded.js'

export type { FollowDependencies, RecordApi } from './dependencies.js'

/** How long naming a product may take in a follow run's check. */
const NAME_MS = 5_000

/** Operations checked at a time: a publisher with dozens of offers still finishes in seconds. */
const FOLLOW_CONCURRENCY = 4

/**
 * One target's check gets this long, retries included, whatever the run's timeout: a throttled or
 * silent target is "checked again next run", never a stall of the run.
 */
export const FOLLOW_TARGET_BUDGET_MS = 20_000

export async function followGoLives(deps: FollowDependencies): Promise<FollowReport> {
  const { settings, deployments } = deps
  const startedAt = deps.clock.now()
  const given: OfferIds | undefined = settings.publisherId || settings.productId ? offerIds(settings) : undefined
  const scope = given
    ? describeTarget(given)
    : deps.apiGiven
      ? `every ${API_NAME[settings.api]} target`
      : 'every target'
  deps.emit({ type: 'looking', repository: `${deployments.run.owner}/${deployments.run.repo}`, scope })

  const found = await deployments.findInFlight({
    // The payload names the target; the environment narrows the list only when the user gave one.
    environment: settings.deploymentEnvironment || undefined,
    baseUrl: (record) => baseUrlFor(deps, record),
    wanted: (record) =>
      (!deps.apiGiven || record.api === settings.api) && (!given || targetKey(record) === targetKey(given))
  })
  if (found.truncated) found.skipped.push(TRUNCATED)
  deps.emit({ type: 'in-flight', count: found.inFlight.length })

  // Records of one go-live (a second release run, a renamed environment) share one check.
  const groups = new Map<string, GoLiveDeployment[]>()
  for (const deployment of found.inFlight) {
    const key = `${targetKey(deployment.record)} ${groupLocation(deps, deployment)}`
    groups.set(key, [...(groups.get(key) ?? []), deployment])
  }
  const checked = await mapWithLimit([...groups.values()], FOLLOW_CONCURRENCY, (group) =>
    checkGroup(deps, group, found.runIdUses)
  )
  const rows = checked.flat()

  const result: FollowReport['result'] = !rows.length
    ? 'none'
    : rows.some((r) => r.result === 'failed' || r.result === 'canceled')
      ? 'failed'
      : rows.every((r) => r.result === 'succeeded')
        ? 'succeeded'
        : 'running'
  return {
    result,
    rows,
    scope,
    skipped: found.skipped,
    unreadable: found.unreadable,
    elapsedMs: deps.clock.now() - startedAt
  }
}

const TRUNCATED =
  'Only the newest 1,000 deployments of this action were read: go-lives recorded before them were not checked. ' +
  "Narrow the run with 'deployment-environment' or the target's IDs."

function baseUrlFor(deps: FollowDependencies, record: OfferIds): string {
  try {
    return deps.apiFor(record).baseUrl
  } catch {
    return deps.settings.baseUrl
  }
}

/** What groups a record with others of the same go-live: its location, or its own ID when it has none. */
function groupLocation(deps: FollowDependencies, deployment: GoLiveDeployment): string {
  try {
    const { baseUrl, apiVersion } = deps.apiFor(deployment.record)
    return locationOf(deployment, baseUrl, apiVersion) ?? `unknown:${deployment.id}`
  } catch {
    return `unusable:${deployment.id}`
  }
}

/** Checks one go-live once (bounded by its own budget) and settles every record of it. */
async function checkGroup(
  deps: FollowDependencies,
  group: GoLiveDeployment[],
  runIdUses: Map<string, number>
): Promise<FollowRow[]> {
  const first = group[0]
  const record = first.record
  const rows = group.map((deployment) => newRow(deps, deployment))
  let api: RecordApi
  let location: string | undefined
  try {
    api = deps.apiFor(record)
    location = locationOf(first, api.baseUrl, api.apiVersion)
  } catch (error) {
    // No credentials for the record's API, or a location this run will not send its token to.
    const kind = error instanceof PreconditionError ? 'check-failed' : 'unusable-location'
    for (const row of rows) {
      row.problem = { kind, message: (error as Error).message }
      row.lasting = true
    }
    return rows
  }
  const context: CallContext = {
    ...deps.context,
    deadline: Math.min(deps.context.deadline, deps.clock.now() + FOLLOW_TARGET_BUDGET_MS),
    labelPrefix: `${describeTarget(record)}: `
  }
  // A product is named as its release run named it (its alias): one request, never fatal.
  if (api.backend.nameTarget) {
    await api.backend.nameTarget({ ...context, deadline: Math.min(context.deadline, deps.clock.now() + NAME_MS) })
    for (const row of rows) row.target = api.backend.target
  }
  if (first.state === 'queued' && location === undefined) {
    for (const [index, deployment] of group.entries()) {
      await checkQueued(deps, api, deployment, rows[index], context, runIdUses).catch((error: unknown) => {
        rows[index].problem = { kind: 'check-failed', message: (error as Error).message }
      })
    }
    return rows
  }
  const state = await checkRecorded(api.backend, location, context)
  const settle = settlement(state, describeTarget(record), group, deps.clock.now())
  for (const [index, deployment] of group.entries()) {
    const row = rows[index]
    applyState(row, state, record)
    // A record left alone (it may be another run's, still starting) is not called failed.
    if (state.kind === 'not-running' && !settle) row.result = 'running'
    if (!settle) continue
    const location = 'operation' in state && state.operation ? state.operation.location : undefined
    const description = statusDescription(record, api.baseUrl, settle.description, location) ?? settle.description
    try {
      const posted = await deps.deployments.setState(deployment, settle.state, { description, environmentUrl: row.url })
      deps.emit({ type: 'checked', row, posted: posted ? settle.state : undefined })
    } catch (error) {
      row.problem = { kind: 'status-not-set', message: formatFailure(error) }
      // A status that cannot be written leaves the record wrong for good: someone must fix the token.
      row.lasting = true
    }
  }
  return rows
}

function newRow(deps: FollowDependencies, deployment: GoLiveDeployment): FollowRow {
  const record = deployment.record
  return {
    target: describeTarget(record),
    'deployment-id': deployment.id,
    'operation-location': record.operationLocation,
    result: 'running',
    url: offerUrl(record),
    environment: deployment.environment,
    operationStatus: '',
    startedAt: record.startedAt,
    operationStartedAt: apiTime(record.startedAt),
    checkedAt: deps.clock.now()
  }
}

/** What the check says of the row: result, status, problem. */
function applyState(row: FollowRow, state: RecordedState, record: OfferIds): void {
  if ('operation' in state && state.operation) row['operation-location'] = state.operation.location
  switch (state.kind) {
    case 'running':
    case 'ended': {
      const snapshot = state.snapshot
      row.snapshot = snapshot
      row.operationStartedAt = snapshot.startedAt ?? row.operationStartedAt
      row.operationStatus = snapshot.rawStatus
      row.result = snapshot.status === 'notStarted' ? 'running' : (snapshot.status as FollowedResult)
      row.url = offerUrl(record, snapshot.document)
      return
    }
    case 'operation-unknown':
      row.result = 'failed'
      row.problem = { kind: 'operation-unknown', message: state.error.message }
      return
    case 'not-running':
      // Its record is closed (unless it may be another run's, still starting): not a go-live that runs.
      row.result = 'failed'
      row.problem = { kind: 'no-operation', message: DESCRIPTIONS.nothingRunning }
      return
    case 'unusable':
      row.problem = { kind: 'unusable-location', message: state.error.message }
      row.lasting = true
      return
    case 'check-failed':
      row.problem = { kind: 'check-failed', message: (state.error as Error).message }
      row.lasting = !state.passing
  }
}

/** The status the records of a go-live get after this check; undefined: nothing to post. */
function settlement(
  state: RecordedState,
  target: string,
  group: GoLiveDeployment[],
  now: number
): { state: DeploymentState; description: string } | undefined {
  switch (state.kind) {
    case 'running':
      return { state: 'in_progress', description: runningDescription(state.snapshot, target) }
    case 'ended':
      return { state: deploymentStateFor(state.snapshot.status), description: endedDescription(state.snapshot) }
    case 'operation-unknown':
      return { state: 'error', description: DESCRIPTIONS.operationUnknown(state.error.status) }
    case 'not-running': {
      // A record with no status yet may belong to a run still starting its go-live.
      const fresh = group.every((d) => isFreshRecord(d, now))
      return fresh ? undefined : { state: 'error', description: DESCRIPTIONS.nothingRunning }
    }
    default:
      return undefined
  }
}

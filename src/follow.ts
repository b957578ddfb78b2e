/**
 * `follow: true`: start nothing. Find the go-lives recorded as in-flight GitHub deployments (of the
 * target given, or of every target), check each operation once, post the deployment states that
 * changed, and report one row per go-live. Made for an hourly schedule: seconds per run, not a
 * runner held for days.
 */
import type { CallContext } from './backends/backend.js'
import { API_NAME, createBackend } from './backends/index.js'
import type { OperationSnapshot } from './backends/status.js'
import type { Clock } from './clock.js'
import { mapWithLimit } from './concurrency.js'
import { formatDuration } from './duration.js'
import { ApiError, AuthError, ProtocolError } from './errors.js'
import type { ApiClient } from './api-client.js'
import type { Logger } from './logger.js'
import type { Deployments, GoLiveDeployment } from './github/deployments.js'
import { deploymentStateFor } from './github/go-live-deployment.js'
import { describeTarget, targetKey } from './github/payload.js'
import { offerUrl, type OfferIds } from './offer-url.js'
import { logUntrusted } from './report.js'
import { escapeHtml, truncate } from './text.js'
import type { GoLiveSettings } from './settings.js'

/** Operations checked at a time: a publisher with dozens of offers still finishes in seconds. */
const FOLLOW_CONCURRENCY = 4

export type FollowedResult = 'running' | 'succeeded' | 'failed' | 'canceled'

/** One entry of the `followed` output (names as the contract gives them). */
export interface FollowedEntry {
  target: string
  'deployment-id': number
  'operation-location': string
  result: FollowedResult
  url: string
}

interface Row extends FollowedEntry {
  environment: string
  operationStatus: string
  /** Why the check gave no answer, when it did not. */
  problem?: string
  /** The check failed in a way retrying later will not fix (401, 403, 404, a refused location). */
  lasting?: boolean
  startedAt: string
}

export interface FollowOutcome {
  result: 'none' | 'running' | 'succeeded' | 'failed'
  followed: FollowedEntry[]
  summary: string
  failure?: string
  warnings: string[]
}

export interface FollowDependencies {
  settings: GoLiveSettings
  api: ApiClient
  deployments: Deployments
  clock: Clock
  context: CallContext
  log: Logger
}

export async function followGoLives(deps: FollowDependencies): Promise<FollowOutcome> {
  const { settings, deployments, log } = deps
  const startedAt = deps.clock.now()
  const given: OfferIds | undefined =
    settings.publisherId || settings.productId
      ? {
          api: settings.api,
          publisherId: settings.publisherId,
          offerId: settings.offerId,
          productId: settings.productId
        }
      : undefined
  const scope = given ? describeTarget(given) : `every ${API_NAME[settings.api]} target`
  log.info(
    `Following the go-lives recorded as GitHub deployments of ${deployments.run.owner}/${deployments.run.repo} (${scope})`
  )

  const found = await deployments.findInFlight({
    // The payload names the target; the environment narrows the list only when the user gave one.
    environment: settings.deploymentEnvironment || undefined,
    baseUrl: settings.baseUrl,
    wanted: (record) => record.api === settings.api && (!given || targetKey(record) === targetKey(given))
  })
  const warnings = [...found.skipped]
  const usable = found.inFlight.filter((deployment) => {
    if (deployment.record.operationLocation) return true
    warnings.push(
      `Deployment ${deployment.id} (${describeTarget(deployment.record)}) records no operation: the run that created it ` +
        'stopped before Go Live answered. Re-run that release job: it joins the go-live and records it.'
    )
    return false
  })
  log.info(usable.length ? `${usable.length} go-live(s) in flight` : 'No go-live is in flight.')

  const rows = await mapWithLimit(usable, FOLLOW_CONCURRENCY, (deployment) => checkOne(deps, deployment))
  for (const row of rows) {
    if (row.problem) warnings.push(`${row.target} (deployment ${row['deployment-id']}): ${row.problem}`)
  }

  const failedRows = rows.filter((r) => r.result === 'failed' || r.result === 'canceled')
  const lasting = rows.filter((r) => r.lasting)
  const result: FollowOutcome['result'] = !rows.length
    ? 'none'
    : failedRows.length
      ? 'failed'
      : rows.every((r) => r.result === 'succeeded')
        ? 'succeeded'
        : 'running'
  let failure: string | undefined
  if (failedRows.length) {
    failure = `${failedRows.map((r) => `The go-live of ${r.target} ${r.result === 'canceled' ? 'was cancelled' : 'failed'} (status '${r.operationStatus}')`).join('; ')}. Fix what it reports in Partner Center, publish to preview again, then start a new go-live.`
  } else if (lasting.length) {
    failure = `${lasting.map((r) => `${r.target} (deployment ${r['deployment-id']}) could not be checked: ${r.problem}`).join('; ')}`
  }
  const followed = rows.map(({ target, 'deployment-id': id, 'operation-location': location, result: r, url }) => ({
    target,
    'deployment-id': id,
    'operation-location': location,
    result: r,
    url
  }))
  return {
    result,
    followed,
    summary: renderFollowSummary(rows, result, deps.clock.now() - startedAt, scope),
    failure,
    warnings
  }
}

/** Checks one go-live once and posts its deployment state when it changed. */
async function checkOne(deps: FollowDependencies, deployment: GoLiveDeployment): Promise<Row> {
  const { settings, api, deployments, context, log } = deps
  const record = deployment.record
  const target = describeTarget(record)
  const row: Row = {
    target,
    'deployment-id': deployment.id,
    'operation-location': record.operationLocation,
    result: 'running',
    url: offerUrl(record),
    environment: deployment.environment,
    operationStatus: '',
    startedAt: record.startedAt
  }
  let snapshot: OperationSnapshot
  try {
    const backend = createBackend(
      { ...settings, publisherId: record.publisherId, offerId: record.offerId, productId: record.productId },
      api,
      deps.clock,
      log
    )
    const operation = backend.resume(record.operationLocation)
    row['operation-location'] = operation.location
    snapshot = await backend.poll(operation, context)
  } catch (error) {
    row.problem = (error as Error).message
    row.lasting = !(error instanceof ApiError || error instanceof AuthError) || !error.transient
    if (error instanceof ProtocolError) row.problem = `its operation location is not usable: ${row.problem}`
    return row
  }
  row.operationStatus = snapshot.rawStatus
  row.result = snapshot.status === 'notStarted' ? 'running' : (snapshot.status as FollowedResult)
  row.url = offerUrl(record, snapshot.document)
  const state = deploymentStateFor(snapshot.status)
  const description =
    row.result === 'running'
      ? `Operation ${snapshot.rawStatus || 'running'}${currentStep(snapshot)}`
      : row.result === 'succeeded'
        ? 'Live'
        : `Go-live ${row.result} (status '${snapshot.rawStatus}')`
  try {
    const posted = await deployments.setState(deployment, state, { description, environmentUrl: row.url })
    // The status is API text: fenced, so it can never run as a workflow command.
    logUntrusted([
      `${target}: ${row.result} (status '${snapshot.rawStatus}')${posted ? `; deployment ${deployment.id} set to ${state}` : ''}`
    ])
  } catch (error) {
    row.problem = `its deployment status could not be set: ${(error as Error).message}`
  }
  return row
}

function currentStep(snapshot: OperationSnapshot): string {
  const step = snapshot.steps.find((s) => /progress|running/i.test(s.status))
  return step ? `: ${truncate(step.name, 60)}` : ''
}

const ICON: Record<FollowedResult, string> = { running: '⏳', succeeded: '✅', failed: '❌', canceled: '🛑' }

const HEADLINE: Record<FollowOutcome['result'], string> = {
  none: 'No go-live in flight',
  running: 'Still running',
  succeeded: 'Live',
  failed: 'A go-live failed'
}

/** The job summary of a follow run: the outcome, then one row per go-live. */
export function renderFollowSummary(
  rows: Row[],
  result: FollowOutcome['result'],
  elapsedMs: number,
  scope: string
): string {
  const lines = [
    `<h2>Marketplace go-live follow: ${escapeHtml(HEADLINE[result])}</h2>`,
    `<p>Checked ${rows.length} go-live(s) recorded as in-flight GitHub deployments (${escapeHtml(scope)}) in ${formatDuration(elapsedMs)}.</p>`
  ]
  if (rows.length) {
    lines.push(
      '<table>',
      '<tr><th>Target</th><th>Result</th><th>Operation status</th><th>Deployment</th><th>Started</th><th>Page</th></tr>',
      ...rows.map(
        (r) =>
          `<tr><td>${escapeHtml(r.target)}</td><td>${ICON[r.result]} ${r.result}</td>` +
          `<td><code>${escapeHtml(r.operationStatus)}</code>${r.problem ? ` ${escapeHtml(truncate(r.problem, 300))}` : ''}</td>` +
          `<td>${r['deployment-id']} (${escapeHtml(r.environment)})</td><td>${escapeHtml(r.startedAt)}</td>` +
          `<td><a href="${escapeHtml(r.url)}">${escapeHtml(r.url)}</a></td></tr>`
      ),
      '</table>'
    )
  }
  return `${lines.join('\n')}\n`
}

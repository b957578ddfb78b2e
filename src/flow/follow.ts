/**
 * `follow: true`: start nothing. Find the go-lives recorded as in-flight GitHub deployments (of the
 * target given, or of every target), check each operation once, post the deployment states that
 * changed, and report one row per go-live. Made for an hourly schedule: seconds per run, not a
 * runner held for days.
 */
import type { CallContext } from '../marketplace/backend.js'
import { createBackend } from '../marketplace/index.js'
import { apiTime, currentStep, deploymentStateFor, type OperationSnapshot } from '../model/status.js'
import type { Clock } from '../base/clock.js'
import { mapWithLimit } from '../base/concurrency.js'
import { ApiError, AuthError, ProtocolError } from '../model/errors.js'
import type { ApiClient } from '../marketplace/api-client.js'
import type { Logger } from '../base/logger.js'
import type { Deployments, GoLiveDeployment } from '../github/deployments.js'
import { API_NAME, describeTarget, offerIds, offerUrl, targetKey, type OfferIds } from '../model/target.js'
import type { FollowedResult, FollowEvent, FollowReport, FollowRow } from '../model/follow-report.js'
import { truncate } from '../base/text.js'
import type { GoLiveSettings } from '../model/settings.js'

/** Operations checked at a time: a publisher with dozens of offers still finishes in seconds. */
const FOLLOW_CONCURRENCY = 4

export interface FollowDependencies {
  settings: GoLiveSettings
  api: ApiClient
  deployments: Deployments
  clock: Clock
  context: CallContext
  log: Logger
  emit(event: FollowEvent): void
}

export async function followGoLives(deps: FollowDependencies): Promise<FollowReport> {
  const { settings, deployments } = deps
  const startedAt = deps.clock.now()
  const given: OfferIds | undefined = settings.publisherId || settings.productId ? offerIds(settings) : undefined
  const scope = given ? describeTarget(given) : `every ${API_NAME[settings.api]} target`
  deps.emit({ type: 'looking', repository: `${deployments.run.owner}/${deployments.run.repo}`, scope })

  const found = await deployments.findInFlight({
    // The payload names the target; the environment narrows the list only when the user gave one.
    environment: settings.deploymentEnvironment || undefined,
    baseUrl: settings.baseUrl,
    wanted: (record) => record.api === settings.api && (!given || targetKey(record) === targetKey(given))
  })
  const unrecorded = found.inFlight
    .filter((deployment) => !deployment.record.operationLocation)
    .map((deployment) => ({ id: deployment.id, target: describeTarget(deployment.record) }))
  const usable = found.inFlight.filter((deployment) => deployment.record.operationLocation)
  deps.emit({ type: 'in-flight', count: usable.length })

  const rows = await mapWithLimit(usable, FOLLOW_CONCURRENCY, (deployment) => checkOne(deps, deployment))

  const result: FollowReport['result'] = !rows.length
    ? 'none'
    : rows.some((r) => r.result === 'failed' || r.result === 'canceled')
      ? 'failed'
      : rows.every((r) => r.result === 'succeeded')
        ? 'succeeded'
        : 'running'
  return { result, rows, scope, skipped: found.skipped, unrecorded, elapsedMs: deps.clock.now() - startedAt }
}

/** Checks one go-live once and posts its deployment state when it changed. */
async function checkOne(deps: FollowDependencies, deployment: GoLiveDeployment): Promise<FollowRow> {
  const { settings, api, deployments, context, log } = deps
  const record = deployment.record
  const target = describeTarget(record)
  const row: FollowRow = {
    target,
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
    const kind = error instanceof ProtocolError ? 'unusable-location' : 'check-failed'
    row.problem = { kind, message: (error as Error).message }
    row.lasting = !(error instanceof ApiError || error instanceof AuthError) || !error.transient
    return row
  }
  row.checkedAt = deps.clock.now()
  row.snapshot = snapshot
  row.operationStartedAt = snapshot.startedAt ?? row.operationStartedAt
  row.operationStatus = snapshot.rawStatus
  row.result = snapshot.status === 'notStarted' ? 'running' : (snapshot.status as FollowedResult)
  row.url = offerUrl(record, snapshot.document)
  const state = deploymentStateFor(snapshot.status)
  const description =
    row.result === 'running'
      ? `Operation ${snapshot.rawStatus || 'running'}${stepNamed(snapshot)}`
      : row.result === 'succeeded'
        ? 'Live'
        : `Go-live ${row.result} (status '${snapshot.rawStatus}')`
  try {
    const posted = await deployments.setState(deployment, state, { description, environmentUrl: row.url })
    deps.emit({ type: 'checked', row, posted: posted ? state : undefined })
  } catch (error) {
    row.problem = { kind: 'status-not-set', message: (error as Error).message }
  }
  return row
}

/** `: Certification`, the step the operation is in, for a deployment status. */
function stepNamed(snapshot: OperationSnapshot): string {
  const step = currentStep(snapshot.steps)
  return step ? `: ${truncate(step.name, 60)}` : ''
}

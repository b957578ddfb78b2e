/**
 * `follow: true`: start nothing. Find the go-lives recorded as in-flight GitHub deployments (of the
 * target given, or of every target), check each operation once, post the deployment states that
 * changed, and report one row per go-live. Made for an hourly schedule: seconds per run, not a
 * runner held for days.
 */
import type { CallContext } from './backends/backend.js'
import { API_NAME, createBackend } from './backends/index.js'
import { apiTime, currentStep, type OperationSnapshot } from './backends/status.js'
import type { Clock } from './clock.js'
import { mapWithLimit } from './concurrency.js'
import { ApiError, AuthError, ProtocolError } from './errors.js'
import type { ApiClient } from './api-client.js'
import type { Logger } from './logger.js'
import type { Deployments, DeploymentState, GoLiveDeployment } from './github/deployments.js'
import { deploymentStateFor } from './github/go-live-deployment.js'
import { describeTarget, targetKey } from './github/payload.js'
import { offerIds, offerUrl, type OfferIds } from './offer-url.js'
import { truncate } from './text.js'
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

/** One go-live checked, with what the summary shows. */
export interface FollowRow extends FollowedEntry {
  environment: string
  operationStatus: string
  /** Why the check gave no answer (or its status was not posted): what went wrong, and the error's words. */
  problem?: { kind: 'check-failed' | 'unusable-location' | 'status-not-set'; message: string }
  /** The check failed in a way retrying later will not fix (401, 403, 404, a refused location). */
  lasting?: boolean
  /** The payload's `startedAt`: when the run that recorded the go-live started it. */
  startedAt: string
  /** Clock time the operation began: the API's own start when it gives one, else the payload's. */
  operationStartedAt?: number
  /** Clock time of the check. */
  checkedAt: number
  /** What the check read (the failed step and the API's error of a failure). */
  snapshot?: OperationSnapshot
}

/** What a follow run found: report/follow.ts renders it. */
export interface FollowReport {
  result: 'none' | 'running' | 'succeeded' | 'failed'
  rows: FollowRow[]
  /** "offer contoso/contoso-offer", or every target of the API. */
  scope: string
  /** Deployments skipped, each in one sentence (github/deployments.ts). */
  skipped: string[]
  /** Deployments in flight that record no operation (their run stopped before Go Live answered). */
  unrecorded: { id: number; target: string }[]
  elapsedMs: number
}

export interface FollowDependencies {
  settings: GoLiveSettings
  api: ApiClient
  deployments: Deployments
  clock: Clock
  context: CallContext
  log: Logger
  emit(event: FollowEvent): void
}

/** What happens while a follow run goes, for the log (report/follow.ts words it). */
export type FollowEvent =
  | { type: 'looking'; repository: string; scope: string }
  | { type: 'in-flight'; count: number }
  /** One go-live checked; `posted`: the deployment state set, when it changed. */
  | { type: 'checked'; row: FollowRow; posted?: DeploymentState }

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

/**
 * What the ingestion API v1.0 tells about one submission besides its state: the steps of its two
 * pushes (`…/workflowdetails`: the Preview push before `ReadyToPublish`, the Live push after the
 * promotion), and for a failed one each validation message (`…/validations`) and each certification
 * report (`…/reports`, https links only). All of it is API text: bounded here, escaped where shown.
 */
import { ApiError } from '../../model/errors.js'
import type { ApiClient } from '../api-client.js'
import type { Logger } from '../../base/logger.js'
import { arrayOfRecords, isRecord, nonEmptyString } from '../../base/json.js'
import { oneLine, redactAndCut, withoutTrailingStop } from '../../base/text.js'
import { apiTime, type StepView } from '../../model/status.js'
import { httpsUrl, type OperationLink } from '../../model/target.js'
import type { CallContext } from '../backend.js'
import type { V1Locations } from './locations.js'

/** Steps shown per push; a push has three. */
const MAX_STEPS_PER_PUSH = 20
const MAX_VALIDATIONS = 10
const MAX_REPORTS = 5

export interface Workflow {
  steps: StepView[]
  /** When the Live push began: the promotion, the start of the go-live. */
  liveStartedAt?: number
}

/** The Preview push's steps, then the Live push's: `Live: Certification` / `InProgress`. */
export function readWorkflow(body: unknown): Workflow {
  const pushes = arrayOfRecords(isRecord(body) ? body.value : body)
  const steps: StepView[] = []
  let liveStartedAt: number | undefined
  for (const push of pushes) {
    const environment = short(push.targetEnvironment, 40) || short(push.type, 40) || 'Push'
    if (/^live$/i.test(environment)) liveStartedAt = apiTime(push.startDateTimeInUtc)
    const pushSteps = arrayOfRecords(push.workflowSteps).slice(0, MAX_STEPS_PER_PUSH)
    if (!pushSteps.length) {
      steps.push({ name: `${environment} push`, status: short(push.state, 60) || 'unknown' })
      continue
    }
    for (const step of pushSteps) {
      steps.push({
        name: `${environment}: ${short(step.name, 100) || 'step'}`,
        status: short(step.state, 60) || 'unknown'
      })
    }
  }
  return { steps, liveStartedAt }
}

/** What a failed submission's validations and certification reports say: sentences, table rows and links. */
export interface FailureDetails {
  /** `validation Package-10003 (Error, Package): …`, `certification report Failed (…): https://…`. */
  lines: string[]
  rows: StepView[]
  links: OperationLink[]
}

/**
 * Reads the validations and certification reports of a submission. A transient failure is thrown
 * (the next poll reads them again); any other leaves them out with a debug line.
 */
export async function readFailureDetails(
  api: ApiClient,
  locations: V1Locations,
  submissionId: string,
  context: CallContext,
  log: Logger
): Promise<FailureDetails> {
  const details: FailureDetails = { lines: [], rows: [], links: [] }
  const validations = await readList(api, locations.of(submissionId, 'validations'), 'GET validations', context, log)
  for (const item of validations.slice(0, MAX_VALIDATIONS)) {
    const code = short(item.errorCode, 60) || 'validation'
    const about = [short(item.severity, 20), short(item.resource, 40)].filter(Boolean).join(', ')
    const message = withoutTrailingStop(short(item.message, 500))
    details.lines.push(`validation ${code}${about ? ` (${about})` : ''}${message ? `: ${message}` : ''}`)
    details.rows.push({ name: `Validation ${code}`, status: short(item.severity, 20) || 'reported', message })
  }
  const reports = await readList(api, locations.of(submissionId, 'reports'), 'GET reports', context, log)
  for (const report of reports.slice(0, MAX_REPORTS)) {
    const url = httpsUrl(report.fileUri)
    const status = short(report.status, 40) || 'unknown'
    const time = short(report.reportTimeInUtc, 40)
    const at = time ? ` (${time})` : ''
    details.lines.push(`certification report ${status}${at}${url ? `: ${url}` : ''}`)
    details.rows.push({ name: 'Certification report', status, message: url ? `${url}${at}` : time || undefined })
    if (url) details.links.push({ url, displayText: `Certification report (${status})` })
  }
  return details
}

async function readList(
  api: ApiClient,
  url: string,
  label: string,
  context: CallContext,
  log: Logger
): Promise<Record<string, unknown>[]> {
  try {
    const body = (await api.request({ method: 'GET', url, label, ...context })).body
    return arrayOfRecords(isRecord(body) ? body.value : body)
  } catch (err) {
    if (err instanceof ApiError && err.transient) throw err
    log.debug(`${label} of the failed submission could not be read: ${(err as Error).message}`)
    return []
  }
}

/** API text for one cell: one line, bounded; '' when absent. */
function short(value: unknown, max: number): string {
  const text = typeof value === 'number' ? String(value) : nonEmptyString(value)
  return text ? redactAndCut(oneLine(text).trim(), max) : ''
}

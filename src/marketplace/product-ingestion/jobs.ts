/**
 * The configure job: how its answer names it (`jobId`, or `jobID` as Learn's samples spell it),
 * its status, its errors (nested `details` flattened: the inner ones say what went wrong) and the
 * submission it pushed.
 */
import { describeErrors } from '../../http/error-details.js'
import type { Logger } from '../../base/logger.js'
import { arrayOfRecords, isRecord, nonEmptyString } from '../../base/json.js'
import { COMPLETED, COMPLETED_RESULT, JOB_STATUS } from './status.js'
import { mapStatus, normaliseStatus, type OperationStatus, type StepView } from '../../model/status.js'
import { bareSubmissionId } from './locations.js'

const SCHEMA_HOST = 'https://schema.mp.microsoft.com/schema'

/**
 * `POST /configure` body pushing one submission to the live target. The envelope's schema follows
 * `$version` (as clients on 2022-07-01 send it); the submission resource schema is preview2 in every
 * version, since no other is published.
 */
export function configureBody(apiVersion: string, productId: string, submissionId: string): unknown {
  return {
    $schema: `${SCHEMA_HOST}/configure/${apiVersion}`,
    resources: [
      {
        $schema: `${SCHEMA_HOST}/submission/2022-03-01-preview2`,
        id: submissionId,
        product: `product/${productId}`,
        target: { targetType: 'live' }
      }
    ]
  }
}

export function jobIdOf(job: Record<string, unknown>): string | undefined {
  return nonEmptyString(job.jobId) ?? nonEmptyString(job.jobID) ?? nonEmptyString(job.JobId)
}

export function jobStatus(job: Record<string, unknown>, log: Logger): OperationStatus {
  const status = nonEmptyString(job.jobStatus) ?? ''
  return normaliseStatus(status) === COMPLETED
    ? mapStatus(COMPLETED_RESULT, job.jobResult, (raw) => log.debug(`unknown jobResult '${raw}'`))
    : mapStatus(JOB_STATUS, status, (raw) => log.debug(`unknown jobStatus '${raw}'`))
}

/** The job's errors as one sentence, every nested detail included. */
export function jobError(job: Record<string, unknown>): { code?: string; message?: string } {
  const errors = arrayOfRecords(job.errors)
  const message = describeErrors(errors)
  if (!message)
    return { message: `the configure job ended with result '${nonEmptyString(job.jobResult) ?? 'unknown'}'` }
  return { message }
}

export function jobStep(jobId: string, job: Record<string, unknown> | undefined): StepView {
  const errors = job ? describeErrors(job.errors) : ''
  return {
    name: `Configure job ${jobId}`,
    status:
      (job && [nonEmptyString(job.jobStatus), nonEmptyString(job.jobResult)].filter(Boolean).join(' / ')) || 'unknown',
    message: errors || undefined
  }
}

/** The bare ID of the submission of `productId` that a job (`GET /configure/{jobId}`) pushed. */
export function pushedSubmission(job: unknown, productId: string): { bareId?: string; otherProduct?: string } {
  const resources = isRecord(job) ? arrayOfRecords(job.resources) : []
  const submissions = resources
    .map((r) => nonEmptyString(r.id) ?? '')
    .map((id) => /^submission\/([^/]+)\/([^/]+)$/.exec(id))
    .filter((m): m is RegExpExecArray => m !== null)
  const ours = submissions.find((m) => m[1].toLowerCase() === productId.toLowerCase())
  if (ours) return { bareId: bareSubmissionId(ours[0]) }
  return { otherProduct: submissions[0]?.[1] }
}

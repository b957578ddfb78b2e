/**
 * One look at an ingestion API v1.0 submission: its state (`GET …/submissions/{id}`), the steps of
 * its pushes (`…/workflowdetails`), and once it failed, what its validations and certification
 * reports say. The submission is the operation: nothing else is followed.
 */
import { ApiError } from '../../model/errors.js'
import type { ApiClient } from '../api-client.js'
import type { Logger } from '../../base/logger.js'
import { isRecord } from '../../base/json.js'
import { mapStatus, type OperationSnapshot } from '../../model/status.js'
import type { CallContext } from '../backend.js'
import { readFailureDetails, readWorkflow, type FailureDetails, type Workflow } from './details.js'
import type { V1Locations } from './locations.js'
import { SUBSTATE_STATUS } from './status.js'
import { describeSubmission, listSubmissions, readSubmission, stateOf, type V1Submission } from './submissions.js'

export class V1Poller {
  constructor(
    private readonly api: ApiClient,
    private readonly locations: V1Locations,
    private readonly log: Logger
  ) {}

  async poll(submissionId: string, context: CallContext): Promise<OperationSnapshot> {
    const { submission, retryAfterMs } = await this.read(submissionId, context)
    return { ...(await this.snapshot(submission, context)), retryAfterMs }
  }

  /**
   * `GET …/submissions/{id}`. A 404 is checked against the product's list: the service has answered
   * 404 for submissions it lists (a `ReadyToPublish` one, in 2026), and a go-live must not end on it.
   */
  async read(submissionId: string, context: CallContext): Promise<{ submission: V1Submission; retryAfterMs?: number }> {
    const url = this.locations.submission(submissionId)
    try {
      const response = await this.api.request({ method: 'GET', url, label: 'GET submission', ...context })
      const submission = isRecord(response.body) ? readSubmission(response.body, this.log) : undefined
      if (!submission || submission.id !== submissionId) {
        throw new ApiError({
          method: 'GET',
          url,
          status: response.status,
          apiMessage: `the answer is not submission ${submissionId}`,
          transient: true
        })
      }
      return { submission, retryAfterMs: response.retryAfterMs }
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err
      const listed = (await listSubmissions(this.api, this.locations, context, this.log)).find(
        (s) => s.id === submissionId
      )
      if (!listed) throw err
      this.log.debug(`GET submission ${submissionId} answered 404, but the product's list holds it; read from the list`)
      return { submission: listed }
    }
  }

  /** The snapshot of a submission just read: its steps, and on failure its validations and reports. */
  async snapshot(submission: V1Submission, context: CallContext): Promise<OperationSnapshot> {
    const workflow = await this.workflow(submission.id, context)
    const status = mapStatus(SUBSTATE_STATUS, submission.substate, (raw) =>
      this.log.debug(`unknown submission substate '${raw}'`)
    )
    const snapshot: OperationSnapshot = {
      status,
      rawStatus: submission.substate,
      document: submission.document,
      steps: workflow.steps,
      startedAt: workflow.liveStartedAt
    }
    if (status === 'failed' || status === 'canceled') {
      const details = await this.failureDetails(submission, context)
      snapshot.steps = [...snapshot.steps, ...details.rows]
      if (details.links.length) snapshot.links = details.links
      snapshot.error = { message: failureMessage(submission, details) }
    }
    return snapshot
  }

  /** Validations and certification reports; none for a cancelled submission. */
  failureDetails(submission: V1Submission, context: CallContext): Promise<FailureDetails> {
    if (submission.stage === 'canceled') return Promise.resolve({ lines: [], rows: [], links: [] })
    return readFailureDetails(this.api, this.locations, submission.id, context, this.log)
  }

  /** The steps of both pushes; a draft has none, and an answer that is not transient leaves them out. */
  private async workflow(submissionId: string, context: CallContext): Promise<Workflow> {
    try {
      const url = this.locations.of(submissionId, 'workflowdetails')
      const response = await this.api.request({ method: 'GET', url, label: 'GET workflow details', ...context })
      return readWorkflow(response.body)
    } catch (err) {
      if (err instanceof ApiError && err.transient) throw err
      this.log.debug(`The workflow details of submission ${submissionId} could not be read: ${(err as Error).message}`)
      return { steps: [] }
    }
  }
}

/**
 * `submission 1152… (Submission 5) is Published/FailedInCertification: certification report Failed
 * (…): https://…`: the state, then what the failure details say (failureDetailsText).
 */
export function failureMessage(submission: V1Submission, details: Pick<FailureDetails, 'lines'>): string {
  return `${describeSubmission(submission)} is ${stateOf(submission)}${failureDetailsText(submission, details)}`
}

/**
 * What a failed submission's details add to its state: the reason the service gives a failed
 * draft, then every validation message and report link; when the API lists none, where a person
 * finds the reason.
 */
export function failureDetailsText(submission: V1Submission, details: Pick<FailureDetails, 'lines'>): string {
  const reason = submission.failureReason ? ` (${submission.failureReason})` : ''
  if (details.lines.length) return `${reason}: ${details.lines.join('; ')}`
  if (submission.stage === 'canceled') return reason
  return `${reason}; the API lists no validation message or certification report for it: the product's page in Partner Center shows why`
}

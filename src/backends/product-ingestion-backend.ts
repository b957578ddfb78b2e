/**
 * Product Ingestion API: go live by submitting the newest succeeded preview submission to the live
 * target (`POST /configure`), follow the configure job, then follow the live submission it creates
 * until that completes. A live submission already running is joined, never duplicated.
 *
 * What is followed, and the location that resumes it:
 * - a configure job: `/configure/{jobId}/status`;
 * - a live submission: `/submission/{productId}/{submissionId}`;
 * - the live submission a job someone else submitted will create: `/submission/{productId}?since=…`,
 *   where `since` (the time the action joined) rules out live submissions completed before it.
 */
import { ApiError, PreconditionError, ProtocolError } from '../errors.js'
import type { ApiClient, Logger } from '../http.js'
import { asArray, isRecord, str } from '../json.js'
import type { Backend, CallContext, CancelResult, OperationRef, Readiness, StartResult } from './backend.js'
import { isInFlight } from './in-flight.js'
import { COMPLETED, COMPLETED_RESULT, JOB_STATUS, SUBMISSION_STATUS } from './product-ingestion-status.js'
import { mapStatus, normaliseStatus, type OperationSnapshot, type OperationStatus, type StepView } from './status.js'

const SCHEMA_HOST = 'https://schema.mp.microsoft.com/schema'

export interface ProductTarget {
  productId: string
  apiVersion: string
}

interface Submission {
  id: string
  targetType: string
  status: string
  result: string
  created: string
  document: Record<string, unknown>
}

/** What is known of one followed operation: a job, then the live submission it creates. */
interface Tracking {
  jobId?: string
  jobStart?: string
  jobDocument?: Record<string, unknown>
  /** Live submissions that existed before the go-live was submitted; the new one is any other. */
  knownLive?: Set<string>
  /** ISO time before which no live submission can be the one followed (list form of the location). */
  since?: string
  submission?: Submission
  waitingLogged?: boolean
}

export class ProductIngestionBackend implements Backend {
  readonly target: string
  private readonly tracking = new Map<string, Tracking>()

  constructor(
    private readonly api: ApiClient,
    private readonly product: ProductTarget,
    private readonly log: Logger
  ) {
    this.target = `product ${product.productId}`
  }

  private url(path: string): string {
    // `$version` is sent literally, as the API documents it (URLSearchParams would encode the `$`).
    return `${this.api.baseUrl}${path}?$version=${encodeURIComponent(this.product.apiVersion)}`
  }

  private get listPath(): string {
    return `/submission/${encodeURIComponent(this.product.productId)}`
  }

  private async submissions(context: CallContext): Promise<Submission[]> {
    const response = await this.api.request({
      method: 'GET',
      url: this.url(this.listPath),
      label: 'List submissions',
      ...context
    })
    const list = isRecord(response.body) ? response.body.value : response.body
    return asArray(list).map((s) => ({
      id: str(s.id) ?? '',
      targetType: normaliseStatus(isRecord(s.target) ? (str(s.target.targetType) ?? '') : ''),
      status: str(s.status) ?? '',
      result: str(s.result) ?? '',
      created: str(s.created) ?? '',
      document: s
    }))
  }

  async start(context: CallContext): Promise<StartResult> {
    const submissions = await this.submissions(context)
    const running = runningLive(submissions)
    if (running) return this.joinSubmission(running)
    const preview = newestSucceededPreview(submissions)
    if (!preview) {
      throw new PreconditionError(
        `No preview submission of ${this.target} has completed successfully, so there is nothing to take live: ` +
          'publish the offer to preview first and wait until the preview submission succeeds'
      )
    }
    const knownLive = liveIds(submissions)
    const body = {
      $schema: `${SCHEMA_HOST}/configure/2022-03-01-preview2`,
      resources: [
        {
          $schema: `${SCHEMA_HOST}/submission/2022-03-01-preview2`,
          id: preview.id,
          product: `product/${this.product.productId}`,
          target: { targetType: 'live' }
        }
      ]
    }
    let job: Record<string, unknown>
    let status: number
    let retryAfterMs: number | undefined
    try {
      const response = await this.api.request({
        method: 'POST',
        url: this.url('/configure'),
        body,
        label: 'Configure',
        // Accepted is accepted: a gateway's body on the 202 must not hide a started submission.
        bodyOptional: true,
        ...context
      })
      job = isRecord(response.body) ? response.body : {}
      status = response.status
      retryAfterMs = response.retryAfterMs
    } catch (err) {
      // One submission at a time: this is a re-run, or our first answer was lost. Join it.
      if (!isInFlight(err)) throw err
      return this.joinInFlight(context, err)
    }
    const jobId = str(job.jobId)
    if (!jobId) {
      // Submitted, but the answer names no job: follow the live submission it will create.
      return {
        operation: this.followNewLive(knownLive),
        note: `Submitted preview ${preview.id} to the live target (HTTP ${status}, no job ID in the answer); following the live submission it creates`
      }
    }
    const operation = this.resume(`/configure/${encodeURIComponent(jobId)}/status`)
    this.tracking.set(operation.location, { jobId, jobStart: str(job.jobStart), jobDocument: job, knownLive })
    return {
      operation,
      note: `Submitted preview ${preview.id} (created ${preview.created || 'unknown'}) to the live target; configure job ${jobId} accepted (HTTP ${status})`,
      retryAfterMs
    }
  }

  private joinSubmission(running: Submission): StartResult {
    const operation = this.resume(submissionPath(this.product.productId, running.id))
    this.tracking.set(operation.location, { submission: running })
    return { operation, note: `Joined the live submission already running (${running.id}) instead of submitting again` }
  }

  /** Configure said a submission is in progress: follow its live submission, now or once it appears. */
  private async joinInFlight(context: CallContext, conflict: ApiError): Promise<StartResult> {
    const submissions = await this.submissions(context)
    const running = runningLive(submissions)
    if (running) return this.joinSubmission(running)
    const operation = this.followNewLive(liveIds(submissions))
    return {
      operation,
      note:
        `Configure answered ${conflict.status} (${conflict.details.apiMessage ?? 'a submission is in progress'}); ` +
        'following the live submission that submission creates instead of submitting again'
    }
  }

  /** Follows the next live submission to appear (one not in `knownLive`), from now on. */
  private followNewLive(knownLive: Set<string>): OperationRef {
    const since = new Date().toISOString()
    const operation = this.resume(`${this.listPath}?since=${encodeURIComponent(since)}`)
    this.tracking.set(operation.location, { knownLive, since })
    return operation
  }

  resume(location: string): OperationRef {
    const url = new URL(this.api.resolve(location))
    const relative = url.pathname.slice(new URL(this.api.baseUrl).pathname.replace(/\/+$/, '').length)
    const job = /^\/configure\/([^/]+)\/status\/?$/.exec(relative)
    const submission = /^\/submission\/([^/]+)(?:\/([^/]+))?\/?$/.exec(relative)
    if (!job && !submission) {
      throw new ProtocolError(
        `'${location}' is not a Product Ingestion operation: expected .../configure/{jobId}/status, ` +
          '.../submission/{productId}/{submissionId} or .../submission/{productId}'
      )
    }
    const since = url.searchParams.get('since') ?? undefined
    const listForm = !job && !submission![2]
    const fixed =
      `${url.origin}${url.pathname}?$version=${encodeURIComponent(this.product.apiVersion)}` +
      (listForm && since ? `&since=${encodeURIComponent(since)}` : '')
    if (!this.tracking.has(fixed)) this.tracking.set(fixed, this.trackingFor(location, job, submission, since))
    const id = job ? job[1] : (submission![2] ?? submission![1])
    return { location: fixed, id: decode(id, location) }
  }

  private trackingFor(
    location: string,
    job: RegExpExecArray | null,
    submission: RegExpExecArray | null,
    since: string | undefined
  ): Tracking {
    if (job) return { jobId: decode(job[1], location) }
    if (!submission![2]) return { since }
    const id = `submission/${decode(submission![1], location)}/${decode(submission![2], location)}`
    return { submission: { id, targetType: 'live', status: '', result: '', created: '', document: {} } }
  }

  async poll(operation: OperationRef, context: CallContext): Promise<OperationSnapshot> {
    const tracking = this.tracking.get(operation.location) ?? {}
    this.tracking.set(operation.location, tracking)
    if (tracking.submission) return this.pollSubmission(tracking, context)
    if (tracking.jobId) return this.pollJob(operation, tracking, context)
    return this.pollForNewLive(tracking, context, undefined, '', undefined)
  }

  private async pollJob(operation: OperationRef, tracking: Tracking, context: CallContext): Promise<OperationSnapshot> {
    const response = await this.api.request({
      method: 'GET',
      url: operation.location,
      label: 'GET job status',
      ...context
    })
    if (!isRecord(response.body)) {
      throw new ApiError({
        method: 'GET',
        url: operation.location,
        status: response.status,
        apiMessage: 'the job status is not a JSON object',
        transient: true
      })
    }
    const job = response.body
    tracking.jobDocument = job
    tracking.jobStart ??= str(job.jobStart)
    const jobStatus = str(job.jobStatus) ?? ''
    const status =
      normaliseStatus(jobStatus) === COMPLETED
        ? mapStatus(COMPLETED_RESULT, job.jobResult, (raw) => this.log.debug(`unknown jobResult '${raw}'`))
        : mapStatus(JOB_STATUS, jobStatus, (raw) => this.log.debug(`unknown jobStatus '${raw}'`))
    if (status !== 'succeeded') {
      // Resumed while the job still runs: what is live now is not what it will create.
      if (!tracking.knownLive && (status === 'notStarted' || status === 'running')) {
        tracking.knownLive = liveIds(await this.submissions(context))
      }
      return {
        status,
        rawStatus: jobStatus,
        document: job,
        steps: this.steps(tracking),
        error: status === 'failed' || status === 'canceled' ? jobError(job) : undefined,
        retryAfterMs: response.retryAfterMs
      }
    }
    // The job only accepted the submission; the go-live is the live submission it created.
    return this.pollForNewLive(tracking, context, response.retryAfterMs, jobStatus, job)
  }

  /** Looks for the live submission the job created; follows it once it is there. */
  private async pollForNewLive(
    tracking: Tracking,
    context: CallContext,
    retryAfterMs: number | undefined,
    rawStatus: string,
    document: unknown
  ): Promise<OperationSnapshot> {
    const live = this.createdLiveSubmission(tracking, await this.submissions(context))
    if (!live) {
      const phase = tracking.waitingLogged ? undefined : 'Waiting for the live submission to appear'
      tracking.waitingLogged = true
      return { status: 'running', rawStatus, document, steps: this.steps(tracking), phase, retryAfterMs }
    }
    tracking.submission = live
    return { ...this.submissionSnapshot(tracking, retryAfterMs), phase: `Following live submission ${live.id}` }
  }

  /**
   * The live submission this go-live created: one that did not exist when it was submitted (or
   * joined, or first seen unfinished); else, when resumed later, one created after the job started
   * (or the join). Without either bound, the running one, since one runs at a time.
   */
  private createdLiveSubmission(tracking: Tracking, submissions: Submission[]): Submission | undefined {
    const live = submissions.filter((s) => s.targetType === 'live')
    if (tracking.knownLive) return newest(live.filter((s) => !tracking.knownLive!.has(s.id)))
    const bound = Date.parse(tracking.jobStart ?? tracking.since ?? '')
    if (!Number.isNaN(bound)) return newest(live.filter((s) => Date.parse(s.created) >= bound))
    return runningLive(submissions) ?? (tracking.jobId ? newest(live) : undefined)
  }

  private async pollSubmission(tracking: Tracking, context: CallContext): Promise<OperationSnapshot> {
    const wanted = tracking.submission!.id
    const bareId = wanted.split('/').pop()
    const found = (await this.submissions(context)).find((s) => s.id === wanted || s.id.split('/').pop() === bareId)
    if (!found) {
      // A list served by a replica that lags is no reason to end a wait of days.
      throw new ApiError({
        method: 'GET',
        url: this.url(this.listPath),
        status: 200,
        apiMessage: `submission ${wanted} is not (yet) among the product's submissions`,
        transient: true
      })
    }
    tracking.submission = found
    return this.submissionSnapshot(tracking)
  }

  private submissionSnapshot(tracking: Tracking, retryAfterMs?: number): OperationSnapshot {
    const submission = tracking.submission!
    const status: OperationStatus =
      normaliseStatus(submission.status) === COMPLETED
        ? mapStatus(COMPLETED_RESULT, submission.result)
        : mapStatus(SUBMISSION_STATUS, submission.status, (raw) => this.log.debug(`unknown submission status '${raw}'`))
    return {
      status,
      rawStatus: submission.status,
      document: submission.document,
      steps: this.steps(tracking),
      error:
        status === 'failed'
          ? {
              code: 'submissionFailed',
              message: `live submission ${submission.id} completed with result '${submission.result}'`
            }
          : undefined,
      retryAfterMs
    }
  }

  private steps(tracking: Tracking): StepView[] {
    const steps: StepView[] = []
    if (tracking.jobDocument || tracking.jobId) {
      const job = tracking.jobDocument ?? {}
      const errors = asArray(job.errors).map((e) => [str(e.code), str(e.message)].filter(Boolean).join(': '))
      steps.push({
        name: `Configure job${tracking.jobId ? ` ${tracking.jobId}` : ''}`,
        status: [str(job.jobStatus), str(job.jobResult)].filter(Boolean).join(' / ') || 'unknown',
        message: errors.length ? errors.join('; ') : undefined
      })
    }
    const submission = tracking.submission
    steps.push({
      name: submission ? `Live submission ${submission.id.split('/').pop()}` : 'Live submission',
      status: submission?.status
        ? [submission.status, submission.result].filter(Boolean).join(' / ')
        : 'not created yet',
      estimate: 'hours to days'
    })
    return steps
  }

  async cancel(operation: OperationRef, context: CallContext): Promise<CancelResult> {
    const tracking = this.tracking.get(operation.location) ?? {}
    if (!tracking.jobId) {
      return {
        accepted: false,
        message:
          'the configure job of this submission is not known to this run (another run submitted it), so it cannot ' +
          'be cancelled through the API; cancel it in Partner Center'
      }
    }
    if (tracking.submission) {
      return {
        accepted: false,
        message:
          'the configure job has finished and the live submission can no longer be cancelled through the API; ' +
          'it keeps running in Partner Center'
      }
    }
    try {
      const response = await this.api.request({
        method: 'POST',
        url: this.url(`/configure/${encodeURIComponent(tracking.jobId)}/cancel`),
        label: 'Cancel job',
        bodyOptional: true,
        ...context
      })
      return { accepted: true, message: `the API cancelled configure job ${tracking.jobId} (HTTP ${response.status})` }
    } catch (err) {
      return { accepted: false, message: `the cancellation did not go through: ${(err as Error).message}` }
    }
  }

  async readiness(context: CallContext): Promise<Readiness> {
    const submissions = await this.submissions(context)
    const running = runningLive(submissions)
    const preview = newestSucceededPreview(submissions)
    const steps: StepView[] = submissions
      .slice()
      .sort(byCreatedDescending)
      .slice(0, 5)
      .map((s) => ({
        name: `${s.targetType} submission ${s.id.split('/').pop()}`,
        status: [s.status, s.result].filter(Boolean).join(' / '),
        message: s.created ? `created ${s.created}` : undefined
      }))
    if (running) {
      return {
        ready: false,
        explanation: `a live submission (${running.id}) is already running for ${this.target}`,
        steps
      }
    }
    if (!preview) {
      return {
        ready: false,
        explanation: `${this.target} has no succeeded preview submission: publish the offer to preview first`,
        steps
      }
    }
    return { ready: true, explanation: `preview ${preview.id} of ${this.target} is ready to go live`, steps }
  }
}

/** A path segment of a location; a malformed escape is the location's fault, said as such. */
function decode(segment: string, location: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new ProtocolError(`'${location}' has a malformed %-escape`)
  }
}

/** Submission IDs read `submission/{productId}/{id}`; the path repeats that form. */
function submissionPath(productId: string, submissionId: string): string {
  const bare = submissionId.split('/').pop() ?? submissionId
  return `/submission/${encodeURIComponent(productId)}/${encodeURIComponent(bare)}`
}

function byCreatedDescending(a: Submission, b: Submission): number {
  return (Date.parse(b.created) || 0) - (Date.parse(a.created) || 0)
}

function newest(submissions: Submission[]): Submission | undefined {
  return submissions.slice().sort(byCreatedDescending)[0]
}

function liveIds(submissions: Submission[]): Set<string> {
  return new Set(submissions.filter((s) => s.targetType === 'live').map((s) => s.id))
}

function runningLive(submissions: Submission[]): Submission | undefined {
  return newest(submissions.filter((s) => s.targetType === 'live' && normaliseStatus(s.status) === 'running'))
}

function newestSucceededPreview(submissions: Submission[]): Submission | undefined {
  return newest(
    submissions.filter(
      (s) =>
        s.targetType === 'preview' &&
        normaliseStatus(s.status) === COMPLETED &&
        normaliseStatus(s.result) === 'succeeded'
    )
  )
}

function jobError(job: Record<string, unknown>): { code?: string; message?: string } {
  const errors = asArray(job.errors)
  if (!errors.length) return { message: `the configure job ended with result '${str(job.jobResult) ?? 'unknown'}'` }
  if (errors.length === 1) return { code: str(errors[0].code), message: str(errors[0].message) }
  return { message: errors.map((e) => [str(e.code), str(e.message)].filter(Boolean).join(': ')).join('; ') }
}

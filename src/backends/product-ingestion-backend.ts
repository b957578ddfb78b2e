/**
 * Product Ingestion API: go live by submitting the newest succeeded preview submission to the live
 * target (`POST /configure`), follow the configure job, then follow the live submission it creates
 * until that completes. A live submission already running is joined, never duplicated.
 */
import { ApiError, PreconditionError, ProtocolError } from '../errors.js'
import type { ApiClient, Logger } from '../http.js'
import { asArray, isRecord, str } from '../json.js'
import type { Backend, CallContext, CancelResult, OperationRef, Readiness, StartResult } from './backend.js'
import { COMPLETED, COMPLETED_RESULT, JOB_STATUS, SUBMISSION_STATUS } from './product-ingestion-status.js'
import { mapStatus, normaliseStatus, type OperationSnapshot, type OperationStatus, type StepView } from './status.js'

const SCHEMA_HOST = 'https://schema.mp.microsoft.com/schema'

/** A live submission "created by the job" may carry a timestamp slightly before the job's start. */
const CLOCK_SKEW_MS = 5 * 60_000

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

/** What the backend knows about one followed operation: first the job, then the live submission. */
interface Tracking {
  jobId?: string
  jobStart?: string
  jobDocument?: Record<string, unknown>
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

  private async submissions(context: CallContext): Promise<Submission[]> {
    const response = await this.api.request({
      method: 'GET',
      url: this.url(`/submission/${encodeURIComponent(this.product.productId)}`),
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
    const running = newest(
      submissions.filter((s) => s.targetType === 'live' && normaliseStatus(s.status) === 'running')
    )
    if (running) {
      const operation = this.resume(this.submissionPath(running.id))
      this.tracking.set(operation.location, { submission: running })
      return {
        operation,
        joined: true,
        note: `Joined the live submission already running (${running.id}) instead of submitting again`
      }
    }
    const preview = newestSucceededPreview(submissions)
    if (!preview) {
      throw new PreconditionError(
        `No preview submission of ${this.target} has completed successfully, so there is nothing to take live: ` +
          'publish the offer to preview first and wait until the preview submission succeeds'
      )
    }
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
    this.log.info(`Submitting preview ${preview.id} (created ${preview.created || 'unknown'}) to the live target`)
    const response = await this.api.request({
      method: 'POST',
      url: this.url('/configure'),
      body,
      label: 'Configure',
      ...context
    })
    const job = isRecord(response.body) ? response.body : {}
    const jobId = str(job.jobId)
    if (!jobId) throw new ProtocolError(`POST /configure answered ${response.status} without a jobId`)
    const operation = this.resume(`/configure/${encodeURIComponent(jobId)}/status`)
    this.tracking.set(operation.location, { jobId, jobStart: str(job.jobStart), jobDocument: job })
    return { operation, joined: false, note: `Configure job ${jobId} accepted (HTTP ${response.status})` }
  }

  private submissionPath(submissionId: string): string {
    // Submission IDs read `submission/{productId}/{id}`; the path repeats that form.
    const bare = submissionId.split('/').pop() ?? submissionId
    return `/submission/${encodeURIComponent(this.product.productId)}/${encodeURIComponent(bare)}`
  }

  resume(location: string): OperationRef {
    const url = new URL(this.api.resolve(location))
    const relative = url.pathname.slice(new URL(this.api.baseUrl).pathname.replace(/\/+$/, '').length)
    const job = /^\/configure\/([^/]+)\/status\/?$/.exec(relative)
    const submission = /^\/submission\/([^/]+)\/([^/]+)\/?$/.exec(relative)
    if (!job && !submission) {
      throw new ProtocolError(
        `'${location}' is not a Product Ingestion operation: expected .../configure/{jobId}/status or .../submission/{productId}/{submissionId}`
      )
    }
    const fixed = `${url.origin}${url.pathname}?$version=${encodeURIComponent(this.product.apiVersion)}`
    if (!this.tracking.has(fixed)) {
      this.tracking.set(
        fixed,
        job
          ? { jobId: decodeURIComponent(job[1]) }
          : {
              submission: {
                id: `submission/${decodeURIComponent(submission![1])}/${decodeURIComponent(submission![2])}`,
                targetType: 'live',
                status: '',
                result: '',
                created: '',
                document: {}
              }
            }
      )
    }
    return { location: fixed, id: decodeURIComponent(job ? job[1] : submission![2]) }
  }

  async poll(operation: OperationRef, context: CallContext): Promise<OperationSnapshot> {
    const tracking = this.tracking.get(operation.location) ?? {}
    this.tracking.set(operation.location, tracking)
    if (!tracking.submission) return this.pollJob(operation, tracking, context)
    return this.pollSubmission(tracking, context)
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
    const base = { rawStatus: jobStatus, document: job, retryAfterMs: response.retryAfterMs }
    if (status !== 'succeeded') {
      return {
        ...base,
        status,
        steps: this.steps(tracking),
        error: status === 'failed' || status === 'canceled' ? jobError(job) : undefined
      }
    }
    // The job only accepted the submission; the go-live is the live submission it created.
    const live = await this.findCreatedLiveSubmission(tracking, context)
    if (!live) {
      const phase = tracking.waitingLogged
        ? undefined
        : 'Configure job succeeded; waiting for the live submission to appear'
      tracking.waitingLogged = true
      return { ...base, status: 'running', steps: this.steps(tracking), phase }
    }
    tracking.submission = live
    return {
      ...this.submissionSnapshot(tracking, response.retryAfterMs),
      phase: `Configure job succeeded; following live submission ${live.id}`
    }
  }

  private async findCreatedLiveSubmission(tracking: Tracking, context: CallContext): Promise<Submission | undefined> {
    const since = Date.parse(tracking.jobStart ?? '')
    const live = (await this.submissions(context)).filter((s) => s.targetType === 'live')
    const candidates = Number.isNaN(since)
      ? live.filter((s) => normaliseStatus(s.status) === 'running')
      : live.filter((s) => Date.parse(s.created) >= since - CLOCK_SKEW_MS)
    return newest(candidates)
  }

  private async pollSubmission(tracking: Tracking, context: CallContext): Promise<OperationSnapshot> {
    const wanted = tracking.submission!.id
    const found = (await this.submissions(context)).find(
      (s) => s.id === wanted || s.id.endsWith(`/${wanted.split('/').pop()}`)
    )
    if (!found) {
      throw new ApiError({
        method: 'GET',
        url: this.url(`/submission/${this.product.productId}`),
        status: 404,
        apiMessage: `submission ${wanted} is not among the product's submissions`,
        transient: false
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
    if (tracking.submission || !tracking.jobId) {
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
        ...context
      })
      return { accepted: true, message: `the API cancelled configure job ${tracking.jobId} (HTTP ${response.status})` }
    } catch (err) {
      return { accepted: false, message: `the cancellation was refused: ${(err as Error).message}` }
    }
  }

  async readiness(context: CallContext): Promise<Readiness> {
    const submissions = await this.submissions(context)
    const running = newest(
      submissions.filter((s) => s.targetType === 'live' && normaliseStatus(s.status) === 'running')
    )
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
    const document = submissions.map((s) => s.document)
    if (running) {
      return {
        ready: false,
        status: 'live-running',
        explanation: `a live submission (${running.id}) is already running for ${this.target}`,
        steps,
        document
      }
    }
    if (!preview) {
      return {
        ready: false,
        status: 'no-preview',
        explanation: `${this.target} has no succeeded preview submission: publish the offer to preview first`,
        steps,
        document
      }
    }
    return {
      ready: true,
      status: 'preview-succeeded',
      explanation: `preview ${preview.id} of ${this.target} is ready to go live`,
      steps,
      document
    }
  }
}

function byCreatedDescending(a: Submission, b: Submission): number {
  return (Date.parse(b.created) || 0) - (Date.parse(a.created) || 0)
}

function newest(submissions: Submission[]): Submission | undefined {
  return submissions.slice().sort(byCreatedDescending)[0]
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

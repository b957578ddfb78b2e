/**
 * One poll of a Product Ingestion operation, whatever its location says is followed: the configure
 * job (handing over to the live entry of the submission it pushed once it succeeds), the live entry
 * of a submission, or the live submission someone else's request creates.
 */
import type { Clock } from '../../base/clock.js'
import { ApiError, ProtocolError } from '../../model/errors.js'
import type { ApiClient } from '../api-client.js'
import type { Logger } from '../../base/logger.js'
import { isRecord, nonEmptyString } from '../../base/json.js'
import type { CallContext } from '../backend.js'
import { apiTime, type OperationSnapshot, type StepView } from '../../model/status.js'
import { jobError, jobStatus, jobStep, pushedSubmission } from './jobs.js'
import type { Followed, Locations } from './locations.js'
import {
  listSubmissions,
  liveEntry,
  liveSince,
  liveStep,
  runningLive,
  submissionStatus,
  type Submission
} from './submissions.js'

export class Poller {
  constructor(
    private readonly api: ApiClient,
    private readonly locations: Locations,
    private readonly log: Logger,
    private readonly clock: Clock
  ) {}

  private list(context: CallContext): Promise<Submission[]> {
    return listSubmissions(this.api, this.locations, context, this.log)
  }

  private follow(followed: Followed) {
    return this.locations.reference(followed)
  }

  async poll(followed: Followed, context: CallContext): Promise<OperationSnapshot> {
    if (followed.kind === 'job') return this.pollJob(followed, context)
    const submissions = await this.list(context)
    if (followed.kind === 'live')
      return this.liveSnapshot(followed.submissionId, liveEntry(submissions, followed.submissionId))
    const entry = runningLive(submissions) ?? liveSince(submissions, followed.since)
    if (!entry) {
      return {
        status: 'running',
        rawStatus: '',
        document: undefined,
        steps: [liveStep(undefined, undefined, 'waiting for the live submission that request creates')]
      }
    }
    return this.handOver(entry.bareId, entry, [], `Following the live entry of submission ${entry.id}`)
  }

  private async pollJob(job: Followed & { kind: 'job' }, context: CallContext): Promise<OperationSnapshot> {
    const url = this.locations.requestUrl(job)
    const response = await this.api.request({ method: 'GET', url, label: 'GET job status', ...context })
    if (!isRecord(response.body)) {
      throw new ApiError({
        method: 'GET',
        url,
        status: response.status,
        apiMessage: 'the job status is not a JSON object',
        transient: true
      })
    }
    const document = response.body
    const status = jobStatus(document, this.log)
    const jobRow = jobStep(job.jobId, document)
    if (status !== 'succeeded') {
      const ended = status === 'failed' || status === 'canceled'
      // A job that ended without success pushes nothing: no live submission is coming.
      const live = ended
        ? {
            name: liveStep(job.live, undefined).name,
            status: 'not created',
            message: 'the configure job did not succeed'
          }
        : liveStep(job.live, undefined, 'created once the configure job succeeds')
      return {
        status,
        rawStatus: nonEmptyString(document.jobStatus) ?? '',
        document,
        steps: [jobRow, live],
        startedAt: apiTime(document.jobStart),
        endedAt: ended ? apiTime(document.jobEnd) : undefined,
        error: ended ? jobError(document) : undefined,
        retryAfterMs: response.retryAfterMs
      }
    }
    // The job only accepted the submission; the go-live is the live entry of what it pushed.
    const pushed = job.live ?? (await this.pushedBy(job.jobId, context))
    const submissions = await this.list(context)
    const handed = `Configure job ${job.jobId} succeeded`
    if (!pushed) {
      const since = nonEmptyString(document.jobStart) ?? new Date(this.clock.now()).toISOString()
      const entry = runningLive(submissions) ?? liveSince(submissions, since)
      if (entry)
        return this.handOver(entry.bareId, entry, [jobRow], `${handed}; following the live entry of ${entry.id}`)
      const operation = this.follow({ kind: 'next-live', since })
      return {
        status: 'running',
        rawStatus: nonEmptyString(document.jobStatus) ?? '',
        document,
        steps: [jobRow, liveStep(undefined, undefined, 'waiting for the live submission the job created')],
        handover: operation,
        // The new location is said once, as the operation followed from now on (not in this line too).
        phase: `${handed}; waiting for the live submission it created`
      }
    }
    return this.handOver(
      pushed,
      liveEntry(submissions, pushed),
      [jobRow],
      `${handed}; following the live entry of submission ${pushed}`
    )
  }

  /**
   * From now on the live entry of `bareId` is followed: its location replaces the current one (and
   * is said once, as the operation followed, not in the phase line too).
   */
  private handOver(
    bareId: string,
    entry: Submission | undefined,
    before: StepView[],
    phase: string
  ): OperationSnapshot {
    const handover = this.follow({ kind: 'live', submissionId: bareId })
    return { ...this.liveSnapshot(bareId, entry, before), handover, phase }
  }

  /** The bare ID of the submission a job pushed, read from the job itself (`GET /configure/{jobId}`). */
  private async pushedBy(jobId: string, context: CallContext): Promise<string | undefined> {
    let body: unknown
    try {
      body = (
        await this.api.request({
          method: 'GET',
          url: this.locations.request(`/configure/${encodeURIComponent(jobId)}`),
          label: 'GET job',
          ...context
        })
      ).body
    } catch (err) {
      if (err instanceof ApiError && !err.transient) return undefined
      throw err
    }
    const pushed = pushedSubmission(body, this.locations.productId)
    if (pushed.otherProduct) {
      throw new ProtocolError(
        `configure job ${jobId} pushed a submission of product ${pushed.otherProduct}, not of product ${this.locations.productId}`
      )
    }
    return pushed.bareId
  }

  liveSnapshot(bareId: string, entry: Submission | undefined, before: StepView[] = []): OperationSnapshot {
    if (!entry) {
      return {
        status: 'running',
        rawStatus: '',
        document: undefined,
        steps: [...before, liveStep(bareId, undefined, `the live entry of submission ${bareId} is not listed yet`)]
      }
    }
    const status = submissionStatus(entry, this.log)
    return {
      status,
      rawStatus: entry.status,
      document: entry.document,
      steps: [...before, liveStep(bareId, entry)],
      startedAt: apiTime(entry.created),
      error:
        status === 'failed' || status === 'canceled'
          ? { message: `live submission ${entry.id} completed with result '${entry.result}'` }
          : undefined
    }
  }
}

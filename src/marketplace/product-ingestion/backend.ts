/**
 * Product Ingestion API: go live by pushing the newest succeeded preview submission X to the live
 * target (`POST /configure`), follow the configure job, then the `live` entry of X until it ends.
 * A live submission already running is joined, never duplicated; a preview that is already the
 * live submission is reported live with nothing pushed. What is followed is in the location
 * itself (locations.ts): no state is kept between calls.
 */
import { describeTarget, productName, type OfferIds } from '../../model/target.js'
import type { Clock } from '../../base/clock.js'
import { ApiError, PreconditionError, ProtocolError } from '../../model/errors.js'
import type { ApiClient } from '../api-client.js'
import type { Logger } from '../../base/logger.js'
import { isRecord } from '../../base/json.js'
import type { Backend, CallContext, CancelResult, OperationRef, Readiness, StartResult } from '../backend.js'
import { isInFlight } from '../in-flight.js'
import type { OperationSnapshot } from '../../model/status.js'
import { configureBody, jobIdOf } from './jobs.js'
import { Poller } from './poll.js'
import { Locations, parseLocation, type Followed } from './locations.js'
import { readConflict } from './conflicts.js'
import { failedLatestPreview, piReadiness } from './readiness.js'
import {
  alreadyLive,
  listSubmissions,
  newestSucceededPreview,
  overviewSteps,
  runningLive,
  type Submission
} from './submissions.js'

export interface ProductTarget {
  productId: string
  apiVersion: string
}

export class ProductIngestionBackend implements Backend {
  target: string
  private readonly locations: Locations
  private readonly poller: Poller

  constructor(
    private readonly api: ApiClient,
    private readonly product: ProductTarget,
    private readonly log: Logger,
    private readonly clock: Clock
  ) {
    this.target = describeTarget(this.ids)
    this.locations = new Locations(api.baseUrl, product.productId, product.apiVersion)
    this.poller = new Poller(api, this.locations, log, clock)
  }
  private get ids(): OfferIds {
    return { api: 'product-ingestion', publisherId: '', offerId: '', productId: this.product.productId }
  }

  private list(context: CallContext): Promise<Submission[]> {
    return listSubmissions(this.api, this.locations, context, this.log)
  }

  /** `GET /product/{productId}`: the product's alias, shown beside its GUID ("product Contoso Analytics (a8a1…)"). */
  async nameTarget(context: CallContext): Promise<void> {
    let body: unknown
    try {
      body = (
        await this.api.request({
          method: 'GET',
          url: this.locations.request(`/product/${encodeURIComponent(this.product.productId)}`),
          label: 'GET product',
          ...context,
          singleAttempt: true
        })
      ).body
    } catch (err) {
      this.log.debug(`The product's alias could not be read, so it is named by its ID: ${(err as Error).message}`)
      return
    }
    const alias = productName(isRecord(body) ? body.alias : undefined)
    if (alias) this.target = describeTarget(this.ids, alias)
    else this.log.debug('The product answer names no alias, so the product is named by its ID')
  }

  private follow(followed: Followed): OperationRef {
    return this.locations.reference(followed)
  }

  async start(context: CallContext): Promise<StartResult> {
    const submissions = await this.list(context)
    const running = runningLive(submissions)
    if (running) return this.join(running)
    const live = alreadyLive(submissions)
    if (live) return this.settledLive(live, submissions)
    const preview = newestSucceededPreview(submissions)
    if (!preview) {
      throw new PreconditionError(
        `No preview submission of ${this.target} has completed successfully, so there is nothing to take live: ` +
          'publish the offer to preview first and wait until the preview submission succeeds'
      )
    }
    let response
    try {
      response = await this.api.request({
        method: 'POST',
        url: this.locations.request('/configure'),
        body: configureBody(this.product.apiVersion, this.product.productId, preview.id),
        label: 'Configure',
        // Accepted is accepted: a gateway's body on the 202 must not hide a started submission.
        bodyOptional: true,
        ...context
      })
    } catch (err) {
      // One submission at a time: a go-live to join, or a refusal, as the list tells.
      if (!isInFlight(err)) throw err
      return this.afterConflict(context, err, preview)
    }
    const jobId = jobIdOf(isRecord(response.body) ? response.body : {})
    const pushed = `Submitted preview ${preview.id} (created ${preview.created || 'unknown'}) to the live target`
    if (!jobId) {
      return {
        operation: this.follow({ kind: 'live', submissionId: preview.bareId }),
        note: `${pushed} (HTTP ${response.status}, no job ID in the answer); following its live entry`
      }
    }
    return {
      operation: this.follow({ kind: 'job', jobId, live: preview.bareId }),
      note: `${pushed}; configure job ${jobId} accepted (HTTP ${response.status})`,
      retryAfterMs: response.retryAfterMs
    }
  }

  /** The live submission running on the product; undefined when none runs. */
  async findRunning(context: CallContext): Promise<OperationRef | undefined> {
    const running = runningLive(await this.list(context))
    return running && this.follow({ kind: 'live', submissionId: running.bareId })
  }

  private join(running: Submission): StartResult {
    return {
      operation: this.follow({ kind: 'live', submissionId: running.bareId }),
      joined: true,
      note: `Joined the live submission already running (${running.id}) instead of submitting again`
    }
  }

  /** Nothing to push: the newest submission is live already, as `live` shows. */
  private settledLive(live: Submission, submissions: Submission[]): StartResult {
    const state = `${live.status} / ${live.result}`
    const hasPreview = submissions.some((s) => s.targetType === 'preview' && s.bareId === live.bareId)
    return {
      operation: this.follow({ kind: 'live', submissionId: live.bareId }),
      note: hasPreview
        ? `Preview submission ${live.id} is already the live submission (${state}): nothing was pushed`
        : `Submission ${live.id} is already live (${state}) and no newer preview is listed: nothing was pushed`,
      settled: this.poller.liveSnapshot(live.bareId, live)
    }
  }

  /**
   * Configure said a submission is in progress or the preview is not the latest: join the live
   * submission running (now, or once the pending job lists it), or refuse with what the list shows.
   */
  private async afterConflict(context: CallContext, conflict: ApiError, pushed: Submission): Promise<StartResult> {
    const reading = readConflict(conflict, await this.list(context), pushed)
    if (reading.kind === 'join') return this.join(reading.running)
    if (reading.kind === 'refused') throw reading.error
    return {
      operation: this.follow({ kind: 'next-live', since: new Date(this.clock.now()).toISOString() }),
      joined: true,
      note:
        `Configure answered ${conflict.status} (${conflict.details.apiMessage ?? 'a submission is in progress'}); ` +
        'following the live submission that submission creates instead of submitting again'
    }
  }

  resume(location: string): OperationRef {
    const parsed = parseLocation(this.api.baseUrl, location)
    if (parsed.productId && parsed.productId.toLowerCase() !== this.product.productId.toLowerCase()) {
      throw new ProtocolError(`it names product ${parsed.productId}, but 'product-id' is ${this.product.productId}`)
    }
    return this.follow(parsed.followed)
  }

  poll(operation: OperationRef, context: CallContext): Promise<OperationSnapshot> {
    return this.poller.poll(parseLocation(this.api.baseUrl, operation.location).followed, context)
  }

  async cancel(operation: OperationRef, context: CallContext): Promise<CancelResult> {
    const { followed } = parseLocation(this.api.baseUrl, operation.location)
    if (followed.kind === 'next-live') {
      return {
        accepted: false,
        message:
          'the configure job of this submission is not known to this run (another run submitted it), so it cannot ' +
          'be cancelled through the API; cancel it in Partner Center'
      }
    }
    if (followed.kind === 'live') {
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
        url: this.locations.request(`/configure/${encodeURIComponent(followed.jobId)}/cancel`),
        label: 'Cancel job',
        bodyOptional: true,
        ...context
      })
      return { accepted: true, message: `the API cancelled configure job ${followed.jobId} (HTTP ${response.status})` }
    } catch (err) {
      return { accepted: false, message: `the cancellation did not go through: ${(err as Error).message}` }
    }
  }

  async readiness(context: CallContext): Promise<Readiness> {
    const submissions = await this.list(context)
    const steps = overviewSteps(submissions)
    // The list carries no reasons of a failed preview; the submission itself may (its `errors`).
    const failed = failedLatestPreview(submissions)
    const document = failed && (await this.submission(failed.bareId, context).catch(() => undefined))
    return piReadiness(submissions, this.target, steps, document)
  }

  /** One submission (`GET /submission/{productId}/{id}`), for the reasons of a failure. */
  private async submission(bareId: string, context: CallContext): Promise<unknown> {
    const response = await this.api.request({
      method: 'GET',
      url: this.locations.request(`${this.locations.listPath}/${encodeURIComponent(bareId)}`),
      label: 'Get submission',
      ...context
    })
    return response.body
  }
}

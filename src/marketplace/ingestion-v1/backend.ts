/**
 * Partner Center ingestion API v1.0 (Dynamics 365 apps such as Business Central, Azure Application
 * offers): go live by promoting the preview submission (`POST …/submissions/{id}/promote`) once it
 * is `Published`/`ReadyToPublish`, then follow that submission until it is `InStore`. A promotion
 * already publishing is joined, never promoted twice; a promotion cannot be cancelled. The
 * submission's location is the whole resume state. With `seller-id`, every call carries
 * `x-ms-publisherId` (through the API client, so only to the API origin).
 */
import { describeTarget, productName, type OfferIds } from '../../model/target.js'
import { ApiError, PreconditionError, ProtocolError } from '../../model/errors.js'
import type { ApiClient } from '../api-client.js'
import type { Logger } from '../../base/logger.js'
import { isRecord } from '../../base/json.js'
import type { GoLiveSettings } from '../../model/settings.js'
import type { OperationSnapshot, ReadinessState, StepView } from '../../model/status.js'
import type { Backend, CallContext, CancelResult, OperationRef, Readiness, StartResult } from '../backend.js'
import { parseV1Location, V1Locations } from './locations.js'
import type { FailureDetails } from './details.js'
import { failureDetailsText, V1Poller } from './poll.js'
import { describeSubmission, listSubmissions, newestFirst, stateOf, type V1Submission } from './submissions.js'
import type { Stage } from './status.js'
import { judge, type Verdict } from './verdict.js'

export type V1Target = Pick<GoLiveSettings, 'productId' | 'submissionId' | 'sellerId'>

/** Submissions a dry run's table shows, newest first. */
const OVERVIEW_ROWS = 5

export const CANNOT_CANCEL =
  'a promotion cannot be cancelled: once promoted, a submission can be neither cancelled nor submitted again ' +
  'until it is live, so no request was sent and the go-live goes on in Partner Center'

export class IngestionV1Backend implements Backend {
  target: string
  readonly cancellable = false
  private readonly api: ApiClient
  private readonly locations: V1Locations
  private readonly poller: V1Poller

  constructor(
    api: ApiClient,
    private readonly product: V1Target,
    private readonly log: Logger
  ) {
    // The seller ID goes with every call of this API, and only there (the client's origin guard).
    this.api = product.sellerId ? api.withHeaders({ 'x-ms-publisherId': product.sellerId }) : api
    this.target = describeTarget(this.ids)
    this.locations = new V1Locations(this.api.baseUrl, product.productId)
    this.poller = new V1Poller(this.api, this.locations, log)
  }

  private get ids(): OfferIds {
    return { api: 'ingestion-v1', publisherId: '', offerId: '', productId: this.product.productId }
  }

  /** `GET /products/{productId}`: the product's name, shown beside its GUID. */
  async nameTarget(context: CallContext): Promise<void> {
    let body: unknown
    try {
      const request = { method: 'GET' as const, url: this.locations.product, label: 'GET product' }
      body = (await this.api.request({ ...request, ...context, singleAttempt: true })).body
    } catch (err) {
      this.log.debug(`The product's name could not be read, so it is named by its ID: ${(err as Error).message}`)
      return
    }
    const name = productName(isRecord(body) ? body.name : undefined)
    if (name) this.target = describeTarget(this.ids, name)
    else this.log.debug('The product answer names no name, so the product is named by its ID')
  }

  async start(context: CallContext): Promise<StartResult> {
    const verdict = judge(await this.submissions(context), this.product.submissionId, this.target)
    switch (verdict.kind) {
      case 'join':
        return { operation: this.follow(verdict.submission), joined: true, note: verdict.note }
      case 'live':
        return {
          operation: this.follow(verdict.submission),
          note: `${describeSubmission(verdict.submission)} is already live (${stateOf(verdict.submission)}): nothing was promoted`,
          settled: await this.poller.snapshot(verdict.submission, context)
        }
      case 'not-ready':
        throw new PreconditionError(`Not ready to go live: ${await this.explain(verdict, context)}.`)
      case 'promote':
        return this.promote(verdict.submission, context)
    }
  }

  private async promote(submission: V1Submission, context: CallContext): Promise<StartResult> {
    const operation = this.follow(submission)
    let response
    try {
      response = await this.api.request({
        method: 'POST',
        url: this.locations.of(submission.id, 'promote'),
        body: {},
        label: 'Promote',
        // Accepted is accepted: the Live push's details in the answer are not needed.
        bodyOptional: true,
        ...context
      })
    } catch (err) {
      // A 409 after a lost answer (the retry of a promotion that went through): join what publishes.
      if (!(err instanceof ApiError) || err.status !== 409) throw err
      const now = await this.poller.read(submission.id, context).catch(() => undefined)
      if (!now || (now.submission.stage !== 'publishing' && now.submission.stage !== 'live')) throw err
      return {
        operation,
        joined: true,
        note: `Promote answered 409, and ${describeSubmission(now.submission)} is ${stateOf(now.submission)}: following that promotion instead of promoting again`
      }
    }
    return {
      operation,
      note: `Promoted ${describeSubmission(submission)} to live (HTTP ${response.status}); it was ${stateOf(submission)}`,
      retryAfterMs: response.retryAfterMs
    }
  }

  resume(location: string): OperationRef {
    const named = parseV1Location(this.api.baseUrl, location)
    if (named.productId.toLowerCase() !== this.product.productId.toLowerCase()) {
      throw new ProtocolError(`it names product ${named.productId}, but 'product-id' is ${this.product.productId}`)
    }
    return this.locations.reference(named.submissionId)
  }

  poll(operation: OperationRef, context: CallContext): Promise<OperationSnapshot> {
    return this.poller.poll(parseV1Location(this.api.baseUrl, operation.location).submissionId, context)
  }

  /** The promotion being published now, if any: what a run cancelled before promote answered may have started. */
  async findRunning(context: CallContext): Promise<OperationRef | undefined> {
    const publishing = newestFirst(await this.submissions(context)).find((s) => s.stage === 'publishing')
    return publishing && this.locations.reference(publishing.id)
  }

  /** A promotion cannot be cancelled through the API: nothing is sent, and the caller is told so. */
  cancel(): Promise<CancelResult> {
    return Promise.resolve({ accepted: false, message: CANNOT_CANCEL })
  }

  async readiness(context: CallContext): Promise<Readiness> {
    const submissions = await this.submissions(context)
    const verdict = judge(submissions, this.product.submissionId, this.target)
    const steps = overview(submissions)
    switch (verdict.kind) {
      case 'promote':
        return {
          state: 'ready',
          ready: true,
          explanation: `${describeSubmission(verdict.submission)} of ${this.target} is ${stateOf(verdict.submission)}: ready to go live (it would be promoted)`,
          steps
        }
      case 'join':
        return {
          state: 'running',
          ready: true,
          explanation: `${describeSubmission(verdict.submission)} of ${this.target} is already being published (${stateOf(verdict.submission)}): a go-live now would join it`,
          steps
        }
      case 'live':
        return {
          state: 'live',
          ready: true,
          explanation: `${describeSubmission(verdict.submission)} of ${this.target} is already live (${stateOf(verdict.submission)}): a go-live now would promote nothing and report it live`,
          steps
        }
      case 'not-ready': {
        const details = await this.details(verdict.submission, context)
        return {
          state: readinessOfStage(verdict.submission?.stage),
          ready: false,
          failures: details?.lines,
          reports: details?.links.map((link) => link.url),
          explanation: await this.explain(verdict, context, details),
          steps: [...steps, ...(details?.rows ?? [])],
          links: details?.links
        }
      }
    }
  }

  /** The reason a submission is not ready, with what its validations and reports say when it failed. */
  private async explain(
    verdict: Verdict & { kind: 'not-ready' },
    context: CallContext,
    known?: FailureDetails
  ): Promise<string> {
    const details = known ?? (await this.details(verdict.submission, context))
    const what = details && verdict.submission ? failureDetailsText(verdict.submission, details) : ''
    return `${verdict.reason}${what}${verdict.hint ? `. ${verdict.hint}` : ''}`
  }

  /** Validations and reports of a failed submission, or of a draft whose creation failed. */
  private async details(
    submission: V1Submission | undefined,
    context: CallContext
  ): Promise<FailureDetails | undefined> {
    if (!submission || (submission.stage !== 'failed' && !submission.failureReason)) return undefined
    return this.poller.failureDetails(submission, context)
  }

  /** The product's submissions; the one `submission-id` names is read on its own when the list lacks it. */
  private async submissions(context: CallContext): Promise<V1Submission[]> {
    const listed = await listSubmissions(this.api, this.locations, context, this.log)
    const wanted = this.product.submissionId
    if (!wanted || listed.some((s) => s.id === wanted)) return listed
    try {
      return [...listed, (await this.poller.read(wanted, context)).submission]
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        throw new PreconditionError(
          `Submission ${wanted} ('submission-id') is not a submission of ${this.target}: the API answered 404. ` +
            'Give the ID of one of its submissions (Partner Center and the API list them), or leave ' +
            "'submission-id' empty to take the newest preview live"
        )
      }
      throw err
    }
  }

  private follow(submission: V1Submission): OperationRef {
    return this.locations.reference(submission.id)
  }
}

/** The newest submissions, for a dry run's table: `Submission 1152… (Submission 5)` / `Published/ReadyToPublish`. */
function overview(submissions: V1Submission[]): StepView[] {
  return newestFirst(submissions)
    .slice(0, OVERVIEW_ROWS)
    .map((s) => ({ name: describeSubmission(s).replace(/^s/, 'S'), status: stateOf(s) }))
}

/** Where a submission that cannot be promoted now is: `when-ready` waits only on one in validation. */
function readinessOfStage(stage: Stage | undefined): ReadinessState {
  // A substate the action does not know is waited on, as an unknown status is: never a failure by
  // guess; so is a ready submission that waits for another promotion to reach the store.
  if (stage === 'validating' || stage === 'unknown' || stage === 'ready' || stage === 'publishing') return 'pending'
  if (stage === 'failed' || stage === 'canceled') return 'failed'
  return 'nothing-submitted'
}

/**
 * Cloud Partner Portal API: Go Live, the operation document, cancel, submissions (to join a go-live
 * in flight) and offer status (readiness). Every wire variant in the API notes is accepted.
 */
import type { Clock } from '../clock.js'
import { ApiError, ProtocolError } from '../errors.js'
import type { ApiClient, ApiResponse, Logger } from '../http.js'
import { asArray, isRecord, str } from '../json.js'
import { htmlToText } from '../text.js'
import { lastPathSegment } from '../url.js'
import type { Backend, CallContext, CancelResult, OperationRef, Readiness, StartResult } from './backend.js'
import { CPP_OPERATION_STATUS, CPP_READY_STATUS, CPP_SIGNOFF_STEP } from './cpp-status.js'
import { isTerminal, mapStatus, normaliseStatus, type OperationSnapshot, type StepView } from './status.js'

/** A 400 from Go Live that means "one is already running" (the other form is 409). */
const IN_PROGRESS_MESSAGE = /in progress|already (running|started|in flight)|currently running|another operation/i

export interface CppTarget {
  publisherId: string
  offerId: string
  apiVersion: string
}

export class CppBackend implements Backend {
  readonly target: string

  constructor(
    private readonly api: ApiClient,
    private readonly offer: CppTarget,
    private readonly clock: Clock,
    private readonly log: Logger
  ) {
    this.target = `offer ${offer.publisherId}/${offer.offerId}`
  }

  private offerUrl(action: string): string {
    const { publisherId, offerId, apiVersion } = this.offer
    return (
      `${this.api.baseUrl}/api/publishers/${encodeURIComponent(publisherId)}/offers/${encodeURIComponent(offerId)}` +
      `/${action}?api-version=${encodeURIComponent(apiVersion)}`
    )
  }

  async start(context: CallContext): Promise<StartResult> {
    let response: ApiResponse
    try {
      response = await this.api.request({ method: 'POST', url: this.offerUrl('golive'), label: 'Go Live', ...context })
    } catch (err) {
      if (err instanceof ApiError && isInFlight(err)) return this.join(err, context)
      throw err
    }
    const location = operationHeader(response)
    if (!location) {
      throw new ProtocolError(
        `Go Live answered ${response.status} but named no operation (no Location or Operation-Location header)`
      )
    }
    return {
      operation: this.resume(location),
      joined: false,
      note: `Go Live accepted (HTTP ${response.status})`
    }
  }

  /** Go Live said an operation already runs: find it and follow it instead of starting another. */
  private async join(conflict: ApiError, context: CallContext): Promise<StartResult> {
    this.log.info(
      `Go Live answered ${conflict.status}: an operation is already running on ${this.target}; looking for it`
    )
    const response = await this.api.request({
      method: 'GET',
      url: this.offerUrl('submissions'),
      label: 'List submissions',
      ...context
    })
    const running = asArray(response.body)
      .filter((s) => normaliseStatus(str(s.submissionState) ?? str(s.status) ?? '') === 'running')
      .filter((s) => normaliseStatus(str(s.submissionType) ?? 'golive') === 'golive' || str(s.slot) === 'production')
      .sort((a, b) => (str(b.changedTime) ?? '').localeCompare(str(a.changedTime) ?? ''))
    const goLive = running.find((s) => (str(s.slot) ?? 'production').toLowerCase() === 'production') ?? running[0]
    const id = goLive && str(goLive.id)
    if (!id) {
      throw new ApiError({
        ...conflict.details,
        apiMessage: `${conflict.details.apiMessage ?? 'an operation is in progress'} (and no running go-live was found among the offer's submissions)`
      })
    }
    const { publisherId, offerId, apiVersion } = this.offer
    const location =
      `/api/publishers/${encodeURIComponent(publisherId)}/offers/${encodeURIComponent(offerId)}` +
      `/operations/${encodeURIComponent(id)}?api-version=${encodeURIComponent(apiVersion)}`
    return {
      operation: this.resume(location),
      joined: true,
      note: `Joined the go-live already running on ${this.target} (submission ${id}) instead of starting a second one`
    }
  }

  resume(location: string): OperationRef {
    const url = new URL(this.api.resolve(location))
    // The legacy absolute Operation-Location comes without api-version; every call needs it.
    if (!url.searchParams.has('api-version')) url.searchParams.set('api-version', this.offer.apiVersion)
    return { location: url.href, id: lastPathSegment(url.href) }
  }

  async poll(operation: OperationRef, context: CallContext): Promise<OperationSnapshot> {
    const response = await this.api.request({
      method: 'GET',
      url: operation.location,
      label: 'GET operation',
      ...context
    })
    return this.snapshot(operation.location, response)
  }

  private snapshot(url: string, response: ApiResponse): OperationSnapshot {
    // One doc page wraps the operation in an array; clients take the first element.
    const document = Array.isArray(response.body) ? response.body[0] : response.body
    if (!isRecord(document)) {
      throw new ApiError({
        method: 'GET',
        url,
        status: response.status,
        apiMessage: 'the operation document is not a JSON object',
        transient: true
      })
    }
    const rawStatus = str(document.status) ?? ''
    const status = mapStatus(CPP_OPERATION_STATUS, rawStatus, (raw) =>
      this.log.debug(`unknown operation status '${raw}', treated as running`)
    )
    const error = isRecord(document.error) ? document.error : undefined
    const code = error && str(error.code)
    const message = error && str(error.message)
    return {
      status,
      rawStatus,
      document: response.body,
      steps: readSteps(document.steps),
      error: code || message ? { code, message } : undefined,
      retryAfterMs: response.retryAfterMs
    }
  }

  async cancel(
    operation: OperationRef,
    context: CallContext & { followMs?: number; pollIntervalMs?: number }
  ): Promise<CancelResult> {
    let response: ApiResponse
    try {
      response = await this.api.request({ method: 'POST', url: this.offerUrl('cancel'), label: 'Cancel', ...context })
    } catch (err) {
      return { accepted: false, message: `the cancellation was refused: ${(err as Error).message}` }
    }
    if (response.status !== 202) {
      return { accepted: true, message: `the API cancelled the operation (HTTP ${response.status})` }
    }
    const followMs = context.followMs ?? 0
    if (followMs <= 0)
      return {
        accepted: true,
        message: 'the API accepted the cancellation (HTTP 202); it takes a few minutes to finish'
      }
    const header = operationHeader(response)
    const follow = header ? this.resume(header) : operation
    const until = this.clock.now() + followMs
    let snapshot: OperationSnapshot | undefined
    while (!context.signal?.aborted) {
      try {
        snapshot = await this.poll(follow, { ...context, deadline: until })
      } catch (err) {
        this.log.debug(`following the cancellation: ${(err as Error).message}`)
      }
      if (snapshot && isTerminal(snapshot.status)) break
      const pause = Math.max(1000, context.pollIntervalMs ?? 5000)
      if (this.clock.now() + pause > until) break
      await this.clock.sleep(pause, context.signal)
    }
    const state = snapshot ? `the operation now reports '${snapshot.rawStatus}'` : 'its progress could not be read'
    return { accepted: true, message: `the API accepted the cancellation (HTTP 202); ${state}`, snapshot }
  }

  async readiness(context: CallContext): Promise<Readiness> {
    const response = await this.api.request({
      method: 'GET',
      url: this.offerUrl('status'),
      label: 'Offer status',
      ...context
    })
    const document = isRecord(response.body) ? response.body : {}
    const status = str(document.status) ?? ''
    const steps = readSteps(document.steps)
    const rawSteps = asArray(document.steps)
    const signOff = rawSteps.find(
      (s) =>
        CPP_SIGNOFF_STEP.has(normaliseStatus(str(s.id) ?? '')) ||
        CPP_SIGNOFF_STEP.has(normaliseStatus(str(s.stepName) ?? ''))
    )
    const ready =
      normaliseStatus(status) === CPP_READY_STATUS ||
      (signOff !== undefined && normaliseStatus(str(signOff.status) ?? '') === CPP_READY_STATUS)
    const explanation = ready
      ? `${this.target} has a preview waiting for publisher sign-off: it is ready to go live`
      : `${this.target} is not waiting for publisher sign-off (offer status '${status || 'unknown'}'` +
        `${signOff ? `, sign-off step '${str(signOff.status) ?? 'unknown'}'` : ''}): ` +
        'publish the offer to preview and wait until the preview is approved before going live'
    return { ready, status, explanation, steps, document: response.body }
  }

  async explainStartFailure(error: unknown, context: CallContext): Promise<string | undefined> {
    if (!(error instanceof ApiError) || error.status !== 400) return undefined
    try {
      const readiness = await this.readiness(context)
      return readiness.ready ? undefined : readiness.explanation
    } catch {
      return undefined
    }
  }
}

function isInFlight(error: ApiError): boolean {
  if (error.status === 409) return true
  return (
    error.status === 400 && IN_PROGRESS_MESSAGE.test(`${error.details.code ?? ''} ${error.details.apiMessage ?? ''}`)
  )
}

/** `Location` (relative, current) or the legacy absolute `Operation-Location`. */
function operationHeader(response: ApiResponse): string | undefined {
  const pick = (name: string): string | undefined => {
    const value = response.headers[name]
    const text = Array.isArray(value) ? value[0] : value
    return text?.trim() || undefined
  }
  return pick('location') ?? pick('operation-location')
}

/** Step documents to table rows; messages are objects in current docs, strings in older ones. */
export function readSteps(steps: unknown): StepView[] {
  return asArray(steps).map((step) => {
    const messages = Array.isArray(step.messages) ? step.messages : []
    const newest = newestMessage(messages)
    const progress = typeof step.progressPercentage === 'number' ? step.progressPercentage : undefined
    return {
      name: str(step.stepName) ?? str(step.id) ?? '(unnamed step)',
      status: str(step.status) ?? '',
      progress,
      estimate: str(step.estimatedTimeFrame),
      message: newest
    }
  })
}

function newestMessage(messages: unknown[]): string | undefined {
  let best: { text: string; time: number } | undefined
  messages.forEach((m, index) => {
    const text = typeof m === 'string' ? m : isRecord(m) ? (str(m.messageHtml) ?? str(m.message) ?? '') : ''
    if (!text) return
    const stamp = isRecord(m) ? Date.parse(str(m.timestamp) ?? '') : NaN
    // Without timestamps, later in the list is newer.
    const time = Number.isNaN(stamp) ? index : stamp
    if (!best || time >= best.time) best = { text, time }
  })
  return best ? htmlToText(best.text) : undefined
}

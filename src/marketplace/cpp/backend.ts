/**
 * Cloud Partner Portal API: Go Live, the operation document, cancel, submissions (to join a go-live
 * in flight) and offer status (readiness). Every wire variant in the API notes is accepted.
 */
import { describeTarget } from '../../model/target.js'
import { ApiError, OffOriginError, ProtocolError } from '../../model/errors.js'
import type { ApiClient, ApiResponse } from '../api-client.js'
import type { Logger } from '../../base/logger.js'
import { arrayOfRecords, isRecord, nonEmptyString } from '../../base/json.js'
import { lastPathSegment } from '../../model/url.js'
import type { Backend, CallContext, CancelResult, OperationRef, Readiness, StartResult } from '../backend.js'
import { operationHeader, readSteps } from './wire.js'
import { isInFlight } from '../in-flight.js'
import { cppReadiness } from './readiness.js'
import { CPP_OPERATION_STATUS } from './status.js'
import { apiTime, mapStatus, normaliseStatus, type OperationSnapshot, isTerminal } from '../../model/status.js'

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
    private readonly log: Logger
  ) {
    this.target = describeTarget({ api: 'cpp', ...offer, productId: '' })
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
      response = await this.api.request({
        method: 'POST',
        url: this.offerUrl('golive'),
        label: 'Go Live',
        // Accepted is accepted: a gateway's text body on the 202 must not hide a started go-live.
        bodyOptional: true,
        ...context
      })
    } catch (err) {
      if (isInFlight(err)) {
        this.log.info(
          `Go Live answered ${err.status}: an operation is already running on ${this.target}; looking for it`
        )
        return this.join(context, err)
      }
      throw err
    }
    const location = operationHeader(response)
    if (!location) {
      // The go-live started but the answer did not say where: find it the way a re-run would.
      this.log.info(`Go Live answered ${response.status} without naming the operation; looking for it`)
      return this.join(context, new ProtocolError(`Go Live answered ${response.status} but named no operation`))
    }
    let operation: OperationRef
    try {
      operation = this.resume(location)
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err
      const problem = `Go Live was accepted (HTTP ${response.status}), but ${err.message}`
      const advice =
        "The go-live may be running: re-run the action to join it (a re-run finds it among the offer's submissions)"
      // Refused, not followed: a location on another origin is never joined behind the user's back.
      if (err instanceof OffOriginError) throw new ProtocolError(`${problem}. ${advice}`)
      // A location that cannot be read: find the go-live as a re-run would.
      this.log.warning(`${problem}; looking for the go-live among the offer's submissions`)
      return this.join(context, new ProtocolError(problem)).catch((joinError: unknown) => {
        const found =
          joinError instanceof ProtocolError
            ? joinError.message
            : `${problem}; the submissions list could not be read: ${(joinError as Error).message}`
        throw new ProtocolError(`${found}. ${advice}`)
      })
    }
    return {
      operation,
      note: `Go Live accepted (HTTP ${response.status})`,
      retryAfterMs: response.retryAfterMs
    }
  }

  /** The go-live running on the offer, from its submissions list; undefined when none runs. */
  async findRunning(context: CallContext): Promise<OperationRef | undefined> {
    const response = await this.api.request({
      method: 'GET',
      url: this.offerUrl('submissions'),
      label: 'List submissions',
      ...context
    })
    const running = arrayOfRecords(response.body)
      .filter((s) => normaliseStatus(nonEmptyString(s.submissionState) ?? nonEmptyString(s.status) ?? '') === 'running')
      .filter(
        (s) =>
          normaliseStatus(nonEmptyString(s.submissionType) ?? 'golive') === 'golive' ||
          nonEmptyString(s.slot) === 'production'
      )
      .sort((a, b) => (nonEmptyString(b.changedTime) ?? '').localeCompare(nonEmptyString(a.changedTime) ?? ''))
    const goLive =
      running.find((s) => (nonEmptyString(s.slot) ?? 'production').toLowerCase() === 'production') ?? running[0]
    const id = goLive && nonEmptyString(goLive.id)
    if (!id) return undefined
    const { publisherId, offerId, apiVersion } = this.offer
    return this.resume(
      `/api/publishers/${encodeURIComponent(publisherId)}/offers/${encodeURIComponent(offerId)}` +
        `/operations/${encodeURIComponent(id)}?api-version=${encodeURIComponent(apiVersion)}`
    )
  }

  /** Finds the go-live running on the offer (in the submissions list) and follows it. */
  private async join(context: CallContext, reason: ApiError | ProtocolError): Promise<StartResult> {
    const operation = await this.findRunning(context)
    if (!operation) {
      const nothing = "(and no running go-live was found among the offer's submissions)"
      if (reason instanceof ApiError) {
        throw new ApiError({
          ...reason.details,
          apiMessage: `${reason.details.apiMessage ?? 'an operation is in progress'} ${nothing}`
        })
      }
      throw new ProtocolError(`${reason.message} ${nothing}`)
    }
    return {
      operation,
      joined: true,
      note: `Joined the go-live already running on ${this.target} (submission ${operation.id}) instead of starting a second one`
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
    const rawStatus = nonEmptyString(document.status) ?? ''
    const status = mapStatus(CPP_OPERATION_STATUS, rawStatus, (raw) =>
      this.log.debug(`unknown operation status '${raw}', treated as running`)
    )
    const error = isRecord(document.error) ? document.error : undefined
    const code = error && nonEmptyString(error.code)
    const message = error && nonEmptyString(error.message)
    return {
      status,
      rawStatus,
      document,
      steps: readSteps(document.steps),
      startedAt: apiTime(document.createdDateTime),
      // An ended operation's last action is its end: a check days later must not stretch it.
      endedAt: isTerminal(status) ? apiTime(document.lastActionDateTime) : undefined,
      error: code || message ? { code, message } : undefined,
      retryAfterMs: response.retryAfterMs
    }
  }

  async cancel(_operation: OperationRef, context: CallContext): Promise<CancelResult> {
    try {
      const response = await this.api.request({
        method: 'POST',
        url: this.offerUrl('cancel'),
        label: 'Cancel',
        bodyOptional: true,
        ...context
      })
      if (response.status !== 202) {
        return { accepted: true, message: `the API cancelled the operation (HTTP ${response.status})` }
      }
      // A 202 may name the cancellation's own operation: following it shows the cancellation land.
      const location = operationHeader(response)
      let operation: OperationRef | undefined
      try {
        operation = location ? this.resume(location) : undefined
      } catch (err) {
        this.log.info(`The cancellation's location is not followed: ${(err as Error).message}`)
      }
      return { accepted: true, message: 'the API accepted the cancellation (HTTP 202)', operation }
    } catch (err) {
      return { accepted: false, message: `the cancellation did not go through: ${(err as Error).message}` }
    }
  }

  async readiness(context: CallContext): Promise<Readiness> {
    const response = await this.api.request({
      method: 'GET',
      url: this.offerUrl('status'),
      label: 'Offer status',
      ...context
    })
    return cppReadiness(response.body, this.target)
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

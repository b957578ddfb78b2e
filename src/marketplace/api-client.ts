/**
 * Requests to the Marketplace API, above auth/: the bearer token (and an API's own headers), the
 * origin guard (both go to the API origin only), retries through net/retry, one renewal on 401, and errors in the API's
 * own words (ApiError).
 */
import type * as http from 'node:http'
import type { TokenProvider } from '../auth/token-provider.js'
import type { CallLimits } from '../model/call-limits.js'
import type { Clock } from '../base/clock.js'
import { readApiError } from '../http/error-details.js'
import { ApiError, ProtocolError } from '../model/errors.js'
import type { Logger } from '../base/logger.js'
import {
  DEFAULT_RETRY_POLICY,
  isTransientStatus,
  parseRetryAfter,
  sendWithRetries,
  type RetryPolicy
} from '../http/retry.js'
import { sendRequest, type RawResponse } from '../http/transport.js'
import { excerpt } from '../base/text.js'
import { resolveLocation } from '../model/url.js'

export interface ApiResponse {
  status: number
  headers: http.IncomingHttpHeaders
  /** Parsed JSON body; undefined when the body was empty. */
  body: unknown
  /** Server's Retry-After in ms, when it sent one. */
  retryAfterMs?: number
}

/** `deadline` and `signal` bound the request with its retries and token renewal. */
export interface ApiRequest extends CallLimits {
  method: 'GET' | 'POST'
  /** Absolute URL on the API origin (use ApiClient.resolve for what the API sends back). */
  url: string
  body?: unknown
  /** Statuses the caller handles itself instead of an ApiError (e.g. 409 to join). */
  acceptStatus?: number[]
  label: string
  /** true: one attempt, no retry (a cancel inside the runner's short grace). */
  singleAttempt?: boolean
  /** A success whose body is not JSON is still a success (Go Live, cancel: only the status matters). */
  bodyOptional?: boolean
  /** Put before `label` in retry lines ("offer contoso/x: "), when one run checks many targets. */
  labelPrefix?: string
}

/** Requests to the Marketplace API: bearer token, origin guard, retries, errors with the API's words. */
export class ApiClient {
  readonly baseUrl: string
  readonly origin: string

  constructor(
    baseUrl: string,
    private readonly tokens: TokenProvider,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    /** Sent with every request of this client, and so only to the API origin, like the token. */
    private readonly extraHeaders: Readonly<Record<string, string>> = {}
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
    this.origin = new URL(this.baseUrl).origin
  }

  /**
   * The same client (token, origin guard, retries) that also sends these headers with each of its
   * requests: what one API wants on every call (the ingestion API v1.0's `x-ms-publisherId`). They
   * go where the token goes and nowhere else; they cannot replace the token or the content type.
   */
  withHeaders(headers: Record<string, string>): ApiClient {
    for (const [name, value] of Object.entries(headers)) {
      if (!/^[A-Za-z0-9-]+$/.test(name) || OWN_HEADERS.has(name.toLowerCase()) || /[\r\n\0]/.test(value)) {
        throw new ProtocolError(`the header '${name}' cannot be added to API requests`)
      }
    }
    return new ApiClient(this.baseUrl, this.tokens, this.clock, this.log, this.policy, {
      ...this.extraHeaders,
      ...headers
    })
  }

  /** A location the API returned (or a user gave), made absolute and checked against the origin. */
  resolve(location: string): string {
    return resolveLocation(this.baseUrl, location)
  }

  async request(req: ApiRequest): Promise<ApiResponse> {
    if (new URL(req.url).origin !== this.origin) {
      throw new ProtocolError(
        `refusing to send the token to ${new URL(req.url).origin}; the API origin is ${this.origin}`
      )
    }
    const body = req.body === undefined ? undefined : JSON.stringify(req.body)
    let renewed = false
    let url = req.url
    let redirects = 0
    for (;;) {
      const token = await this.tokens.getToken(req)
      const raw = await sendWithRetries(
        {
          clock: this.clock,
          deadline: req.deadline,
          signal: req.signal,
          policy: req.singleAttempt ? { ...this.policy, maxAttempts: 1 } : this.policy,
          log: this.log,
          label: `${req.labelPrefix ?? ''}${req.label}`
        },
        (timeoutMs) => {
          this.log.debug(`${req.method} ${url}`)
          const started = this.clock.now()
          return sendRequest({
            method: req.method,
            url,
            headers: {
              ...this.extraHeaders,
              authorization: `Bearer ${token}`,
              // The API documents JSON on every POST, even those that need no body (Go Live).
              ...(req.method === 'POST' ? { 'content-type': 'application/json' } : {})
            },
            body: body ?? (req.method === 'POST' ? '' : undefined),
            timeoutMs,
            signal: req.signal
          }).then((res) => {
            this.log.debug(
              `${req.method} ${new URL(url).pathname} -> ${res.status} in ${this.clock.now() - started} ms`
            )
            return res
          })
        }
      )
      // An acquired token can be revoked or expire early: get a new one once before giving up.
      if (raw.status === 401 && !renewed && this.tokens.renewable) {
        renewed = true
        this.log.info(`${req.label} answered 401; getting a new token and trying once more`)
        this.tokens.invalidate()
        continue
      }
      // A gateway may move a read to another path of the same origin; the token may go there too.
      // A redirect to another origin, or of a POST, is never followed (see toApiResponse).
      const next =
        req.method === 'GET' && redirects < MAX_REDIRECTS ? sameOriginRedirect(raw, url, this.origin) : undefined
      if (next) {
        redirects++
        this.log.debug(`${req.label} was redirected to ${new URL(next).pathname}`)
        url = next
        continue
      }
      return toApiResponse({ ...req, url }, raw, this.clock.now())
    }
  }
}

function toApiResponse(req: ApiRequest, raw: RawResponse, now: number): ApiResponse {
  const ok = raw.status >= 200 && raw.status < 300
  const accepted = ok || (req.acceptStatus?.includes(raw.status) ?? false)
  const requestId =
    header(raw, 'x-ms-request-id') ?? header(raw, 'request-id') ?? header(raw, 'x-ms-correlation-request-id')
  let body: unknown
  let unreadable = false
  if (raw.text.trim()) {
    try {
      body = JSON.parse(raw.text)
    } catch {
      unreadable = true
    }
  }
  if (accepted && (!unreadable || (ok && req.bodyOptional))) {
    return {
      status: raw.status,
      headers: raw.headers,
      body,
      retryAfterMs: parseRetryAfter(raw.headers['retry-after'], now)
    }
  }
  const apiError = readApiError(body)
  if (raw.status >= 300 && raw.status < 400) {
    throw new ApiError({
      method: req.method,
      url: req.url,
      status: raw.status,
      apiMessage:
        sameOriginRedirect(raw, req.url, new URL(req.url).origin) === undefined
          ? `a redirect${redirectTarget(raw)}, which is not followed: the token is only sent to the API origin`
          : `a redirect${redirectTarget(raw)}, which is not followed (a ${req.method}, or more than ${MAX_REDIRECTS} redirects in a row)`,
      requestId,
      transient: false
    })
  }
  throw new ApiError({
    method: req.method,
    url: req.url,
    status: raw.status,
    code: apiError?.code,
    apiMessage:
      apiError?.message ??
      (unreadable || raw.text.trim() ? `unexpected body: ${excerpt(raw.text)}` : ok ? undefined : 'empty body'),
    requestId,
    // A body that is not JSON on a success status is a gateway talking, not the API: try again later.
    transient: isTransientStatus(raw.status) || (ok && unreadable)
  })
}

/** Headers the client sets itself; withHeaders cannot replace them. */
const OWN_HEADERS = new Set(['authorization', 'content-type', 'content-length', 'host', 'user-agent', 'accept'])

/** Redirects of one read followed at the most, all on the API origin. */
const MAX_REDIRECTS = 3

/** The absolute URL a 3xx points to when it stays on `origin`; undefined otherwise. */
function sameOriginRedirect(raw: RawResponse, from: string, origin: string): string | undefined {
  if (raw.status < 300 || raw.status >= 400 || raw.status === 304) return undefined
  const location = header(raw, 'location')
  if (!location) return undefined
  try {
    const target = new URL(location, from)
    return target.origin === origin && !target.username && !target.password ? target.href : undefined
  } catch {
    return undefined
  }
}

/** Where a redirect points, for the message: origin and path only (a query may hold anything). */
function redirectTarget(raw: RawResponse): string {
  const location = header(raw, 'location')
  if (!location) return ''
  try {
    const target = new URL(location, 'http://unknown.invalid')
    return target.origin === 'http://unknown.invalid'
      ? ` to ${excerpt(target.pathname, 200)}`
      : ` to ${excerpt(`${target.origin}${target.pathname}`, 200)}`
  } catch {
    return ` to '${excerpt(location, 200)}'`
  }
}

function header(raw: RawResponse, name: string): string | undefined {
  const value = raw.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/**
 * Everything that crosses the network: one request function (proxy-aware through
 * @actions/http-client's agents, bounded by a timeout and an AbortSignal), retries with backoff and
 * Retry-After, and ApiClient, which adds the bearer token, the origin guard and API error mapping.
 */
import * as http from 'node:http'
import type { HttpClient } from '@actions/http-client'
import type { Clock } from './clock.js'
import { withDetails } from './error-details.js'
import { ApiError, ProtocolError } from './errors.js'
import { MIN_POLL_INTERVAL_MS } from './settings.js'
import { resolveLocation } from './url.js'
import type { TokenProvider } from './auth/token-provider.js'

export interface Logger {
  debug(message: string): void
  info(message: string): void
  warning(message: string): void
}

export const USER_AGENT = 'marketplace-go-live'

/** Bodies past this size are cut: an operation document is a few KB; a runaway body must not grow memory. */
const MAX_BODY_BYTES = 2 * 1024 * 1024

/** No single attempt waits longer than this for an answer. */
const REQUEST_TIMEOUT_MS = 30_000

/** Even past the deadline, a last request (e.g. a cancel) gets this long to answer. */
export const REQUEST_GRACE_MS = 2_000

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504])

/** Statuses worth trying again later: throttling, timeouts and server errors (0: no answer). */
export function isTransientStatus(status: number): boolean {
  return status === 0 || TRANSIENT_STATUS.has(status)
}

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

export interface SendOptions {
  method: string
  url: string
  headers?: Record<string, string>
  body?: string
  timeoutMs: number
  signal?: AbortSignal
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

let proxyClient: Promise<HttpClient> | undefined

/**
 * With a proxy configured, @actions/http-client's agent routes through it (honouring NO_PROXY)
 * exactly like other toolkit-based actions. Without one, Node's default agent does, and the
 * client (which loads undici) is never loaded.
 */
async function agentFor(url: URL): Promise<http.Agent | undefined> {
  if (!PROXY_VARIABLES.some((name) => process.env[name])) return undefined
  proxyClient ??= import('@actions/http-client').then(({ HttpClient }) => new HttpClient(USER_AGENT))
  return (await proxyClient).getAgent(url.href)
}

/**
 * One request, one answer; redirects are never followed (a 3xx is an answer like any other), so
 * the credentials in `headers` go to `url`'s origin and nowhere else. Network failures become
 * transient ApiErrors with status 0. The whole exchange is bounded by `timeoutMs` and `signal`,
 * and the body by MAX_BODY_BYTES: past it, reading stops and the request is aborted.
 */
export async function sendRequest(options: SendOptions): Promise<RawResponse> {
  const url = new URL(options.url)
  const agent = await agentFor(url)
  // https (with tls and crypto) is loaded on first use: the simulator and local proxies speak http.
  const transport = url.protocol === 'https:' ? await import('node:https') : http
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: 'application/json',
    ...options.headers
  }
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body))

  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false
    const failWith = (status: number, reason: string): void => {
      if (settled) return
      settled = true
      cleanUp()
      req.destroy()
      reject(new ApiError({ method: options.method, url: options.url, status, apiMessage: reason, transient: true }))
    }
    const fail = (reason: string): void => failWith(0, reason)
    if (options.signal?.aborted) {
      reject(
        new ApiError({
          method: options.method,
          url: options.url,
          status: 0,
          apiMessage: 'the request was aborted',
          transient: true
        })
      )
      return
    }
    const req = transport.request(url, { method: options.method, headers, agent })
    const timer = setTimeout(() => fail(`no answer within ${Math.round(options.timeoutMs / 1000)}s`), options.timeoutMs)
    const onAbort = (): void => fail('the request was aborted')
    options.signal?.addEventListener('abort', onAbort, { once: true })
    function cleanUp(): void {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
    }
    req.on('error', (err) => fail(describeNetworkError(err)))
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        if (settled) return
        chunks.push(chunk)
        size += chunk.length
        if (size > MAX_BODY_BYTES) {
          failWith(
            res.statusCode ?? 0,
            `the body passed ${MAX_BODY_BYTES / 1024 / 1024} MiB, so reading stopped and the request was aborted`
          )
        }
      })
      res.on('error', (err) => fail(describeNetworkError(err)))
      res.on('close', () => {
        if (!res.complete) fail('the connection closed before the answer was complete')
      })
      res.on('end', () => {
        if (settled) return
        settled = true
        cleanUp()
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') })
      })
    })
    req.end(options.body)
  })
}

function describeNetworkError(err: Error & { code?: string }): string {
  if (err.code === 'ECONNRESET') return 'the connection was reset'
  if (err.code === 'ECONNREFUSED') return 'the connection was refused'
  if (err.code === 'ENOTFOUND') return 'the host name could not be resolved'
  return err.message || String(err)
}

/**
 * `Retry-After` in seconds or as an HTTP date, in milliseconds from `now`; undefined when absent
 * or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim()
  if (!text) return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** 0..1; tests pass a fixed value so delays are exact. */
  random?: () => number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 }

/** Exponential backoff with jitter: between half and all of base·2^(retry-1), capped. */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1))
  const random = (policy.random ?? Math.random)()
  return Math.round(exponential * (0.5 + random / 2))
}

export interface AttemptContext {
  clock: Clock
  /** Clock time after which no new attempt starts and no sleep runs. */
  deadline: number
  signal?: AbortSignal
  policy?: RetryPolicy
  log: Logger
  /** What the retried thing is, for the log ("GET operation"). */
  label: string
}

/**
 * Sends until the answer is not transient, the attempts run out, or the next wait would cross the
 * deadline. Returns the last answer; throws the last network error.
 */
export async function sendWithRetries(
  context: AttemptContext,
  makeRequest: (timeoutMs: number) => Promise<RawResponse>
): Promise<RawResponse> {
  const policy = context.policy ?? DEFAULT_RETRY_POLICY
  for (let attempt = 1; ; attempt++) {
    const timeoutMs = Math.min(REQUEST_TIMEOUT_MS, Math.max(REQUEST_GRACE_MS, context.deadline - context.clock.now()))
    let response: RawResponse | undefined
    let failure: unknown
    try {
      response = await makeRequest(timeoutMs)
      if (!TRANSIENT_STATUS.has(response.status)) return response
    } catch (err) {
      if (!(err instanceof ApiError) || !err.transient) throw err
      failure = err
    }
    if (context.signal?.aborted || attempt >= policy.maxAttempts) return finish(response, failure)
    const retryAfter = response ? parseRetryAfter(response.headers['retry-after'], context.clock.now()) : undefined
    // The same floor as polls: a Retry-After of 0 or a date in the past (clock skew) is no reason
    // to send again at once.
    const delay = Math.max(MIN_POLL_INTERVAL_MS, retryAfter ?? backoffDelay(attempt, policy))
    if (context.clock.now() + delay >= context.deadline) return finish(response, failure)
    const why = response ? `answered ${response.status}` : `failed (${(failure as ApiError).details.apiMessage})`
    context.log.info(
      `${context.label} ${why}; retrying in ${(delay / 1000).toFixed(1)}s` +
        `${retryAfter !== undefined ? ' (as Retry-After asks)' : ''} (attempt ${attempt + 1} of ${policy.maxAttempts})`
    )
    await context.clock.sleep(delay, context.signal)
    if (context.signal?.aborted) return finish(response, failure)
  }
}

function finish(response: RawResponse | undefined, failure: unknown): RawResponse {
  if (response) return response
  throw failure
}

export interface ApiResponse {
  status: number
  headers: http.IncomingHttpHeaders
  /** Parsed JSON body; undefined when the body was empty. */
  body: unknown
  /** Server's Retry-After in ms, when it sent one. */
  retryAfterMs?: number
}

export interface ApiRequest {
  method: 'GET' | 'POST'
  /** Absolute URL on the API origin (use ApiClient.resolve for what the API sends back). */
  url: string
  body?: unknown
  /** Statuses the caller handles itself instead of an ApiError (e.g. 409 to join). */
  acceptStatus?: number[]
  deadline: number
  signal?: AbortSignal
  label: string
  /** false: one attempt only (a cancel inside the runner's short grace). */
  retry?: boolean
  /** A success whose body is not JSON is still a success (Go Live, cancel: only the status matters). */
  bodyOptional?: boolean
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
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
    this.origin = new URL(this.baseUrl).origin
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
    for (;;) {
      const token = await this.tokens.getToken(req.signal, req.deadline)
      const raw = await sendWithRetries(
        {
          clock: this.clock,
          deadline: req.deadline,
          signal: req.signal,
          policy: req.retry === false ? { ...this.policy, maxAttempts: 1 } : this.policy,
          log: this.log,
          label: req.label
        },
        (timeoutMs) => {
          this.log.debug(`${req.method} ${req.url}`)
          const started = Date.now()
          return sendRequest({
            method: req.method,
            url: req.url,
            headers: {
              authorization: `Bearer ${token}`,
              // The API documents JSON on every POST, even those that need no body (Go Live).
              ...(req.method === 'POST' ? { 'content-type': 'application/json' } : {})
            },
            body: body ?? (req.method === 'POST' ? '' : undefined),
            timeoutMs,
            signal: req.signal
          }).then((res) => {
            this.log.debug(`${req.method} ${new URL(req.url).pathname} -> ${res.status} in ${Date.now() - started} ms`)
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
      return toApiResponse(req, raw, this.clock.now())
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
      apiMessage: `a redirect${redirectTarget(raw)}, which is not followed: the token is only sent to the API origin`,
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

/** `{"error":{"code","message"}}`, `{"error":"…","error_description":"…"}` or `{"code","message"}`. */
export function readApiError(body: unknown): { code?: string; message?: string } | undefined {
  if (!body || typeof body !== 'object') return undefined
  const record = body as Record<string, unknown>
  const inner = record.error
  if (inner && typeof inner === 'object') {
    const e = inner as Record<string, unknown>
    // Product Ingestion puts the useful words in nested `details`.
    return { code: stringOrUndefined(e.code), message: withDetails(stringOrUndefined(e.message), e.details) }
  }
  if (typeof inner === 'string') return { code: inner, message: stringOrUndefined(record.error_description) }
  if (typeof record.code === 'string' || typeof record.message === 'string') {
    return { code: stringOrUndefined(record.code), message: stringOrUndefined(record.message) }
  }
  return undefined
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined
}

/** A short, single-line look at a body, for messages about bodies we could not read. */
export function excerpt(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  if (!oneLine) return '(empty)'
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine
}

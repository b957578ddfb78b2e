/**
 * Sending again what failed for a passing reason, every wait through the Clock. Shaped as
 * @azure/core-rest-pipeline's retry policy: a throttling strategy (the server's Retry-After) and an
 * exponential strategy (transient statuses and network failures, jittered backoff), composed in
 * one loop that also keeps an overall deadline.
 */
import type { Clock } from '../base/clock.js'
import type { CallLimits } from '../model/call-limits.js'
import { ApiError } from '../model/errors.js'
import type { Logger } from '../base/logger.js'
import { MIN_POLL_INTERVAL_MS } from '../model/settings.js'
import type { RawResponse } from './transport.js'

/** No single attempt waits longer than this for an answer. */
const REQUEST_TIMEOUT_MS = 30_000

/** Even past the deadline, a last request (e.g. a cancel) gets this long to answer. */
const REQUEST_GRACE_MS = 2_000

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504])

/** Statuses worth trying again later: throttling, timeouts and server errors (0: no answer). */
export function isTransientStatus(status: number): boolean {
  return status === 0 || TRANSIENT_STATUS.has(status)
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

/** What one attempt gave: a transient answer, or a transient network failure. */
type TransientAttempt =
  | { response: RawResponse; failure?: undefined; throttled?: number }
  | { response?: undefined; failure: ApiError; throttled?: undefined }

/** Throttling strategy: the wait the server asked for with Retry-After, when it did. */
function throttlingDelay(attempt: TransientAttempt, now: number): number | undefined {
  if (attempt.throttled !== undefined) return attempt.throttled
  return attempt.response ? parseRetryAfter(attempt.response.headers['retry-after'], now) : undefined
}

/** Exponential strategy: every transient status and network failure waits a jittered backoff. */
function exponentialDelay(retry: number, policy: RetryPolicy): number {
  return backoffDelay(retry, policy)
}

/** `deadline`: clock time after which no new attempt starts and no sleep runs. */
export interface AttemptContext extends CallLimits {
  clock: Clock
  policy?: RetryPolicy
  log: Logger
  /** What the retried thing is, for the log ("GET operation"). */
  label: string
  /**
   * A service's own throttling answers beyond Retry-After on a transient status (GitHub's 403 with
   * `x-ratelimit-remaining: 0`): the wait it asks for, or undefined when the answer is not one.
   */
  throttle?: (response: RawResponse, now: number) => number | undefined
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
    let last: TransientAttempt
    try {
      const response = await makeRequest(timeoutMs)
      const throttled = context.throttle?.(response, context.clock.now())
      if (!TRANSIENT_STATUS.has(response.status) && throttled === undefined) return response
      last = { response, throttled }
    } catch (err) {
      if (!(err instanceof ApiError) || !err.transient) throw err
      last = { failure: err }
    }
    if (context.signal?.aborted || attempt >= policy.maxAttempts) return giveUp(last)
    const retryAfter = throttlingDelay(last, context.clock.now())
    // The same floor as polls: a Retry-After of 0 or a date in the past (clock skew) is no reason
    // to send again at once.
    const delay = Math.max(MIN_POLL_INTERVAL_MS, retryAfter ?? exponentialDelay(attempt, policy))
    if (context.clock.now() + delay >= context.deadline) return giveUp(last)
    const why = last.response ? `answered ${last.response.status}` : `failed (${last.failure.details.apiMessage})`
    context.log.info(
      `${context.label} ${why}; retrying in ${(delay / 1000).toFixed(1)}s` +
        `${retryAfter !== undefined ? ' (as Retry-After asks)' : ''} (attempt ${attempt + 1} of ${policy.maxAttempts})`
    )
    await context.clock.sleep(delay, context.signal)
    if (context.signal?.aborted) return giveUp(last)
  }
}

/** The last transient answer is returned as an answer; the last network failure is thrown. */
function giveUp(last: TransientAttempt): RawResponse {
  if (last.response) return last.response
  throw last.failure
}

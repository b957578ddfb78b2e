/**
 * GitHub's rate limits as GitHub documents them (REST API, "Rate limits for the REST API"): how
 * long an answer asks the client to wait, or undefined when it is not a rate limit.
 * - Secondary limits: 403 or 429 with `retry-after` (seconds); without it, at least a minute.
 * - Primary limit: 403 or 429 with `x-ratelimit-remaining: 0`; wait until `x-ratelimit-reset`.
 * A 403 without these is not a rate limit (a permission problem says so in its message).
 */
import { parseRetryAfter } from '../http/retry.js'
import type { RawResponse } from '../http/transport.js'

/** GitHub's advice when a secondary limit names no wait. */
const SECONDARY_DEFAULT_WAIT_MS = 60_000

export function rateLimitWait(raw: RawResponse, now: number): number | undefined {
  if (raw.status !== 403 && raw.status !== 429) return undefined
  const retryAfter = parseRetryAfter(raw.headers['retry-after'], now)
  if (retryAfter !== undefined) return retryAfter
  const remaining = single(raw.headers['x-ratelimit-remaining'])
  const reset = Number(single(raw.headers['x-ratelimit-reset']))
  if (remaining === '0') {
    return Number.isFinite(reset) && reset > 0 ? Math.max(1000, reset * 1000 - now) : SECONDARY_DEFAULT_WAIT_MS
  }
  if (/secondary rate limit|rate limit exceeded|abuse detection/i.test(raw.text) || raw.status === 429) {
    return SECONDARY_DEFAULT_WAIT_MS
  }
  return undefined
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

// @ts-check
// GitHub's REST rate limits, as docs.github.com describes them (rate-limits-for-the-rest-api,
// troubleshooting-the-rest-api): every answer carries the `x-ratelimit-*` headers of the hour's
// budget; a spent budget answers 403 (or 429) with `x-ratelimit-remaining: 0` until the reset; a
// secondary limit answers 403 (or 429) with "You have exceeded a secondary rate limit" and usually
// `retry-after`. All on the simulator clock.

import { gh } from './replies.js'

/**
 * @typedef {object} RateLimitOptions
 * @property {number} githubRateLimit requests the token may make per hour window (`x-ratelimit-limit`)
 * @property {403 | 429} githubRateLimitStatus status of a rate-limited answer (primary and secondary)
 */

/** @returns {RateLimitOptions} */
export function defaultRateLimitOptions() {
  // GITHUB_TOKEN's budget: 1,000 requests per hour per repository.
  return { githubRateLimit: 1000, githubRateLimitStatus: 403 }
}

/**
 * A secondary limit in force: the next `requests` matching requests, or every one until `until`.
 * @typedef {object} SecondaryLimit
 * @property {number} remaining matching requests it still answers (Infinity: until `until`)
 * @property {number} until simulator time it ends at (Infinity: after `remaining` requests)
 * @property {number | null} retryAfter seconds in `retry-after`; null sends none
 * @property {string | undefined} method only requests with this method
 * @property {403 | 429 | undefined} status
 */

/**
 * @typedef {object} SecondaryLimitSpec
 * @property {number} [requests] answer the next this many matching requests
 * @property {number} [forMs] answer every matching request for this long on the simulator clock
 * @property {number | null} [retryAfter] `retry-after` seconds (default 60; null: no header)
 * @property {string} [method] only this method (e.g. `POST`: content creation)
 * @property {403 | 429} [status] default `githubRateLimitStatus`
 */

const HOUR = 3600_000
/** The installation GITHUB_TOKEN belongs to, as GitHub's message names it. */
export const INSTALLATION_ID = 31415926
/** Budget of requests without a valid token. */
const UNAUTHENTICATED_LIMIT = 60
const LIMITS_DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api'

/**
 * @param {{ options: RateLimitOptions, now: () => number }} deps
 */
export function createRateLimits({ options, now }) {
  const core = { used: 0, resetAt: /** @type {number | null} */ (null) }
  const anonymous = { used: 0, resetAt: /** @type {number | null} */ (null) }
  /** @type {SecondaryLimit[]} */
  let secondary = []

  /**
   * Opens a new window when none is open or the last one has reset: GitHub's window starts with
   * the first request and resets an hour later.
   * @param {{ used: number, resetAt: number | null }} bucket
   * @param {number} t
   */
  function windowAt(bucket, t) {
    if (bucket.resetAt == null || t >= bucket.resetAt) {
      bucket.resetAt = t + HOUR
      bucket.used = 0
    }
    return bucket
  }

  /**
   * @param {{ used: number, resetAt: number | null }} bucket
   * @param {number} limit
   * @returns {Record<string, string>}
   */
  function headersOf(bucket, limit) {
    const t = now()
    const open = bucket.resetAt != null && t < bucket.resetAt
    const used = open ? bucket.used : 0
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - used)),
      'x-ratelimit-reset': String(Math.ceil((open ? /** @type {number} */ (bucket.resetAt) : t + HOUR) / 1000)),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': 'core'
    }
  }

  /**
   * The secondary limit in force for this request, if any (one of its `requests` is used up).
   * @param {import('../http.js').RequestRecord} rec
   * @param {number} t
   */
  function secondaryFor(rec, t) {
    secondary = secondary.filter((s) => s.remaining > 0 && t < s.until)
    const hit = secondary.find((s) => !s.method || s.method.toUpperCase() === rec.method.toUpperCase())
    if (hit) hit.remaining -= 1
    return hit
  }

  return {
    /**
     * Counts a request made with a valid token, or answers it as rate-limited: a secondary limit
     * first, then a spent budget. A limited request does not count.
     * @param {import('../http.js').RequestRecord} rec
     * @param {string} requestId the `X-GitHub-Request-Id` of the answer
     * @returns {import('../http.js').Reply | null}
     */
    take(rec, requestId) {
      const t = now()
      const bucket = windowAt(core, t)
      const hit = secondaryFor(rec, t)
      if (hit) {
        const status = hit.status ?? options.githubRateLimitStatus
        const writing = rec.method !== 'GET' && rec.method !== 'HEAD'
        const message = writing
          ? 'You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later.'
          : 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
        return gh(
          status,
          {
            message: `${message} If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
            documentation_url: `${LIMITS_DOCS}#about-secondary-rate-limits`,
            status: String(status)
          },
          {
            ...headersOf(bucket, options.githubRateLimit),
            ...(hit.retryAfter == null ? {} : { 'retry-after': String(hit.retryAfter) })
          }
        )
      }
      if (bucket.used >= options.githubRateLimit) {
        const status = options.githubRateLimitStatus
        const stamp = new Date(t)
          .toISOString()
          .replace('T', ' ')
          .replace(/\.\d{3}Z$/, ' UTC')
        return gh(
          status,
          {
            message: `API rate limit exceeded for installation ID ${INSTALLATION_ID}. If you reach out to GitHub Support for help, please include the request ID ${requestId} and timestamp ${stamp}.`,
            documentation_url: `${LIMITS_DOCS}#exceeding-the-rate-limit`,
            status: String(status)
          },
          headersOf(bucket, options.githubRateLimit)
        )
      }
      bucket.used += 1
      return null
    },

    /** Counts a request without a valid token (its own budget; GitHub answers it 401 anyway). */
    takeAnonymous() {
      windowAt(anonymous, now()).used += 1
      return headersOf(anonymous, UNAUTHENTICATED_LIMIT)
    },

    /** The `x-ratelimit-*` headers of the token's budget, now. */
    headers() {
      return headersOf(core, options.githubRateLimit)
    },

    /** The token's budget now: `{ limit, used, remaining, resetAt }` (`resetAt` in ms; null before the first request). */
    get state() {
      const t = now()
      const open = core.resetAt != null && t < core.resetAt
      const used = open ? core.used : 0
      return {
        limit: options.githubRateLimit,
        used,
        remaining: Math.max(0, options.githubRateLimit - used),
        resetAt: open ? core.resetAt : null
      }
    },

    /**
     * Spends the budget now: every request is answered as rate-limited until the window resets,
     * `resetInMs` from now (default: the open window's reset, or an hour from now).
     * @param {{ resetInMs?: number }} [spec]
     */
    exhaust(spec = {}) {
      const t = now()
      const bucket = windowAt(core, t)
      if (spec.resetInMs != null) bucket.resetAt = t + Math.max(1, spec.resetInMs)
      bucket.used = Math.max(bucket.used, options.githubRateLimit)
    },

    /**
     * Puts a secondary limit in force from now.
     * @param {SecondaryLimitSpec} [spec]
     */
    limitSecondary(spec = {}) {
      const retryAfter = spec.retryAfter === undefined ? 60 : spec.retryAfter
      const t = now()
      const byTime = spec.forMs != null
      const byCount = spec.requests != null
      secondary.push({
        remaining: byCount ? /** @type {number} */ (spec.requests) : Infinity,
        until: byTime ? t + /** @type {number} */ (spec.forMs) : byCount ? Infinity : t + (retryAfter ?? 60) * 1000,
        retryAfter,
        method: spec.method,
        status: spec.status
      })
    }
  }
}

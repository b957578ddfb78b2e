// @ts-check
// GitHub's REST API under `/_github/api`, for the one repository served: the token check, the rate
// limits every answer reports, then deployments (deployments.js) and workflow runs with their review
// history (runs.js). Every answer carries GitHub's `x-ratelimit-*` and `X-GitHub-Request-Id` headers.

import { randomBytes } from 'node:crypto'
import { headerValue } from '../http.js'
import { createGitHubDeployments, defaultDeploymentOptions } from './deployments.js'
import { createRateLimits, defaultRateLimitOptions } from './rate-limits.js'
import { gh, notFound } from './replies.js'
import { REPOSITORY, TOKENS } from './repository.js'
import { createGitHubRuns, defaultRunOptions } from './runs.js'

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} RequestRecord */

/**
 * @typedef {import('./deployments.js').DeploymentOptions
 *   & import('./runs.js').RunOptions
 *   & import('./rate-limits.js').RateLimitOptions} GitHubOptions
 */

/** @returns {GitHubOptions} */
export function defaultGitHubOptions() {
  return { ...defaultDeploymentOptions(), ...defaultRunOptions(), ...defaultRateLimitOptions() }
}

/**
 * @param {{ options: GitHubOptions, now: () => number, baseUrl: () => string }} deps
 *   `baseUrl` is the API root as clients see it (`http://127.0.0.1:PORT/_github/api`)
 */
export function createGitHub({ options, now, baseUrl }) {
  const deployments = createGitHubDeployments({ options, now, baseUrl })
  const runs = createGitHubRuns({ options, now, baseUrl })
  const limits = createRateLimits({ options, now })
  let requestCount = 0

  /** An ID in the form of GitHub's `X-GitHub-Request-Id` (`C0DE:1A2B:3C4D5E:6F7A8B9:67C2F0A0`). */
  function requestId() {
    requestCount += 1
    const hex = randomBytes(8).toString('hex').toUpperCase()
    const count = requestCount.toString(16).toUpperCase().padStart(7, '0')
    const stamp = Math.floor(now() / 1000)
      .toString(16)
      .toUpperCase()
    return `${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 14)}:${count}:${stamp}`
  }

  /**
   * @param {Reply} reply
   * @param {Record<string, string>} headers
   * @returns {Reply}
   */
  function withHeaders(reply, headers) {
    return { ...reply, headers: { ...reply.headers, ...headers } }
  }

  /**
   * @param {RequestRecord} rec
   * @param {string[]} seg decoded path segments after `/_github/api`
   * @returns {Reply}
   */
  function route(rec, seg) {
    const id = requestId()
    const token = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(headerValue(rec.headers.authorization) ?? '')?.[1]
    if (!token || !TOKENS.includes(token)) {
      const denied = gh(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401'
      })
      return withHeaders(denied, { ...limits.takeAnonymous(), 'X-GitHub-Request-Id': id })
    }
    const limited = limits.take(rec, id)
    if (limited) return withHeaders(limited, { 'X-GitHub-Request-Id': id })
    return withHeaders(resource(rec, seg), { ...limits.headers(), 'X-GitHub-Request-Id': id })
  }

  /**
   * @param {RequestRecord} rec
   * @param {string[]} seg
   * @returns {Reply}
   */
  function resource(rec, seg) {
    if (seg[0] !== 'repos' || seg.length < 4) return notFound()
    if (`${seg[1]}/${seg[2]}`.toLowerCase() !== REPOSITORY.toLowerCase()) return notFound()
    if (seg[3] === 'deployments') return deployments.route(rec, seg.slice(4))
    if (seg[3] === 'actions' && seg[4] === 'runs') return runs.route(rec, seg.slice(5))
    return notFound()
  }

  return {
    route,
    /** Every deployment, oldest first, with its statuses (oldest first). */
    get deployments() {
      return deployments.deployments
    },
    plant: deployments.plant,
    remove: deployments.remove,
    /** Every workflow run seeded with `addRun`, oldest first. */
    get runs() {
      return runs.runs
    },
    addRun: runs.addRun,
    /** The token's rate-limit budget now: `{ limit, used, remaining, resetAt }`. */
    get rateLimit() {
      return limits.state
    },
    exhaustRateLimit: limits.exhaust,
    secondaryRateLimit: limits.limitSecondary
  }
}

/**
 * Requests to GitHub's REST API (deployments, workflow runs) over the same network policy as the
 * Marketplace APIs (http/): one transport with its body cap and per-attempt time-out, never a
 * redirect to another origin, and one retry loop, here with GitHub's documented rate limits as
 * its throttling strategy. GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_SERVER_URL and
 * GITHUB_RUN_ID say where and what.
 */
import type { Clock } from '../base/clock.js'
import { isRecord, nonEmptyString } from '../base/json.js'
import type { Logger } from '../base/logger.js'
import { withoutTrailingStop } from '../base/text.js'
import { sendWithRetries, type RetryPolicy } from '../http/retry.js'
import { sendRequest, type RawResponse } from '../http/transport.js'
import type { CallLimits } from '../model/call-limits.js'
import { ApiError, GitHubError, type GitHubFailure } from '../model/errors.js'
import { rateLimitWait } from './rate-limits.js'

/** Where the workflow runs, from the runner's variables. */
export interface GitHubRun {
  owner: string
  repo: string
  /** The workflow's commit: what a new deployment is created for. */
  sha: string
  /** The workflow run's ID (GITHUB_RUN_ID); empty outside a run. */
  runId: string
  /** The run's page, the log URL of a status; empty when unknown. */
  runUrl: string
  /** GitHub's REST API root, no trailing slash. */
  apiUrl: string
}

export function githubRunFromEnv(env: NodeJS.ProcessEnv = process.env): GitHubRun {
  const repository = env.GITHUB_REPOSITORY ?? ''
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository)
  if (!match) {
    throw new GitHubError({
      kind: 'environment',
      status: 0,
      message: `GITHUB_REPOSITORY is '${repository}', not 'owner/repo': GitHub deployments need a GitHub Actions workflow run`
    })
  }
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const runId = /^\d+$/.test(env.GITHUB_RUN_ID ?? '') ? env.GITHUB_RUN_ID! : ''
  const runUrl = runId && /^https?:\/\//.test(server) ? `${server}/${repository}/actions/runs/${runId}` : ''
  const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '')
  return { owner: match[1], repo: match[2], sha: env.GITHUB_SHA || env.GITHUB_REF || '', runId, runUrl, apiUrl }
}

export interface GitHubAnswer {
  status: number
  data: unknown
  headers: RawResponse['headers']
}

/** Fewer and shorter tries than the Marketplace's: GitHub either answers or says how long to wait. */
const GITHUB_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 16_000 }

const OVERSIZED = "GitHub's answer is over 2 MiB, so it was not read"

/** Redirects of one GitHub request followed at the most, all on GitHub's API origin. */
const MAX_REDIRECTS = 3

export class GitHubClient {
  constructor(
    private readonly token: string,
    readonly run: GitHubRun,
    private readonly clock: Clock,
    private readonly log: Logger,
    /** The run's deadline and signal; a settling write passes limits of its own. */
    private readonly limits: CallLimits = { deadline: Infinity }
  ) {}

  /**
   * One request (`GET /repos/{owner}/{repo}/deployments`, parameters in the query for GET and in
   * the body otherwise) with GitHub's rate limits and outages retried within the deadline; any
   * other answer outside 2xx is a GitHubError. `what` names the request in messages.
   */
  async call(
    route: string,
    parameters: Record<string, unknown>,
    what: string,
    limits: CallLimits = this.limits,
    options: { once?: boolean } = {}
  ): Promise<GitHubAnswer> {
    const [method, template] = route.split(' ')
    const { path, rest } = fillPath(template, { owner: this.run.owner, repo: this.run.repo, ...parameters })
    let url = `${this.run.apiUrl}${path}`
    const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(rest)
    if (method === 'GET') url += query(rest)
    const origin = new URL(url).origin
    // The request as a person reads it: every placeholder filled, no query.
    const request = `${method} ${path}`
    if (limits.signal?.aborted) throw this.failure('cancelled', 0, what, request, 'the workflow run is being cancelled')
    for (let hops = 0; ; hops++) {
      const raw = await sendWithRetries(
        {
          clock: this.clock,
          deadline: limits.deadline,
          signal: limits.signal,
          policy: options.once ? { ...GITHUB_RETRY_POLICY, maxAttempts: 1 } : GITHUB_RETRY_POLICY,
          log: this.log,
          label: `GitHub: ${what}`,
          throttle: rateLimitWait
        },
        (timeoutMs) =>
          sendRequest({
            method,
            url,
            headers: {
              authorization: `Bearer ${this.token}`,
              accept: 'application/vnd.github+json',
              'x-github-api-version': '2022-11-28',
              ...(body !== undefined ? { 'content-type': 'application/json' } : {})
            },
            body,
            timeoutMs,
            signal: limits.signal
          }).catch((error: unknown) => {
            // A runaway body is the answer itself, not a passing fault: it is not asked for again.
            if (error instanceof ApiError && /body passed/.test(error.details.apiMessage ?? '')) {
              throw new ApiError({ ...error.details, apiMessage: OVERSIZED, transient: false })
            }
            throw error
          })
      ).catch((error: unknown) => {
        if (error instanceof ApiError && error.details.apiMessage === OVERSIZED) {
          throw this.failure('refused', error.status, what, request, OVERSIZED)
        }
        const why = limits.signal?.aborted ? 'the workflow run is being cancelled' : (error as Error).message
        throw this.failure(limits.signal?.aborted ? 'cancelled' : 'outage', 0, what, request, why)
      })
      if (raw.status >= 300 && raw.status < 400) {
        const target = redirectTarget(raw, url)
        if (!target || target.origin !== origin || hops >= MAX_REDIRECTS) {
          throw this.failure(
            'refused',
            raw.status,
            what,
            request,
            `a redirect (${raw.status})${target ? ` to ${target.origin}` : ''}, which is not followed`
          )
        }
        url = target.href
        continue
      }
      const data = parseBody(raw.text)
      if (raw.status >= 200 && raw.status < 300) return { status: raw.status, data, headers: raw.headers }
      throw this.describe(raw, data, what, request)
    }
  }

  /** A failed answer, classified as GitHub documents it: a 403 is a permission problem only when it says so. */
  private describe(raw: RawResponse, data: unknown, what: string, request: string): GitHubError {
    const said =
      (isRecord(data) && nonEmptyString(data.message)) ||
      (raw.text.trim() ? raw.text.trim().slice(0, 200) : 'no message')
    const wait = rateLimitWait(raw, this.clock.now())
    if (wait !== undefined) {
      return this.failure('rate-limit', raw.status, what, request, said, this.clock.now() + wait)
    }
    const kind: GitHubFailure['kind'] =
      raw.status === 401
        ? 'unauthorized'
        : raw.status === 403
          ? 'forbidden'
          : raw.status === 404
            ? 'not-found'
            : raw.status >= 500 || raw.status === 429
              ? 'outage'
              : 'refused'
    const accepted = header(raw, 'x-accepted-github-permissions')
    return this.failure(kind, raw.status, what, request, said, undefined, accepted)
  }

  private failure(
    kind: GitHubFailure['kind'],
    status: number,
    what: string,
    request: string,
    said: string,
    retryAt?: number,
    acceptedPermissions?: string
  ): GitHubError {
    return new GitHubError({
      kind,
      status,
      what,
      request,
      githubMessage: withoutTrailingStop(said),
      retryAt,
      acceptedPermissions,
      message: `GitHub answered ${status || 'nothing'} to ${what} (${request}): ${withoutTrailingStop(said)}`
    })
  }
}

/** `{name}` placeholders filled (encoded) from the parameters; the rest go to the query or body. */
function fillPath(
  template: string,
  parameters: Record<string, unknown>
): { path: string; rest: Record<string, unknown> } {
  const rest = { ...parameters }
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = rest[name]
    delete rest[name]
    return encodeURIComponent(String(value))
  })
  return { path, rest }
}

function query(parameters: Record<string, unknown>): string {
  const entries = Object.entries(parameters).filter(([, value]) => value !== undefined)
  if (!entries.length) return ''
  return `?${new URLSearchParams(entries.map(([key, value]): [string, string] => [key, String(value)])).toString()}`
}

function parseBody(text: string): unknown {
  if (!text.trim()) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function redirectTarget(raw: RawResponse, from: string): URL | undefined {
  const location = header(raw, 'location')
  if (!location) return undefined
  try {
    return new URL(location, from)
  } catch {
    return undefined
  }
}

export function header(raw: Pick<RawResponse, 'headers'>, name: string): string | undefined {
  const value = raw.headers[name]
  return Array.isArray(value) ? value[0] : value
}

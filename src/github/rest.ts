/**
 * Requests to GitHub's REST API for the deployments: Octokit (from @actions/github, loaded on first
 * use) does the HTTP, with a few retries on outages and rate limits; GITHUB_REPOSITORY, GITHUB_SHA,
 * GITHUB_SERVER_URL and GITHUB_RUN_ID say where and what (GITHUB_API_URL is Octokit's).
 */
import type { Clock } from '../base/clock.js'
import { GitHubError } from '../model/errors.js'
import { isRecord, nonEmptyString } from '../base/json.js'
import type { Logger } from '../base/logger.js'
import { withoutTrailingStop } from '../base/text.js'

/** No GitHub request waits longer than this for its answer. */
const REQUEST_TIMEOUT_MS = 30_000

const RETRY_DELAYS_MS = [1_000, 3_000]

/** Where the workflow runs, from the runner's variables. */
export interface GitHubRun {
  owner: string
  repo: string
  /** The workflow's commit: what a new deployment is created for. */
  sha: string
  /** The run's page, the log URL of a status; empty when unknown. */
  runUrl: string
}

export function githubRunFromEnv(env: NodeJS.ProcessEnv = process.env): GitHubRun {
  const repository = env.GITHUB_REPOSITORY ?? ''
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository)
  if (!match) {
    throw new GitHubError(
      `GITHUB_REPOSITORY is '${repository}', not 'owner/repo': GitHub deployments need a GitHub Actions workflow run`,
      0
    )
  }
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const runId = env.GITHUB_RUN_ID ?? ''
  const runUrl =
    /^\d+$/.test(runId) && /^https?:\/\//.test(server) ? `${server}/${repository}/actions/runs/${runId}` : ''
  return { owner: match[1], repo: match[2], sha: env.GITHUB_SHA || env.GITHUB_REF || '', runUrl }
}

// The Octokit surface used here, so tests and the bundle need nothing more.
interface OctokitLike {
  request: {
    (
      route: string,
      parameters: Record<string, unknown>
    ): Promise<{ status: number; data: unknown; headers: Record<string, unknown> }>
    /** Octokit's defaults: the fetch @actions/github chose (through a proxy when one is set). */
    endpoint: { DEFAULTS: { request?: { fetch?: typeof fetch } } }
  }
}

/** A GitHub answer is a few KB; a runaway body must not grow memory, as with the Marketplace API. */
const MAX_BODY_BYTES = 2 * 1024 * 1024

/** Redirects of one GitHub request followed at the most, all on GitHub's API origin. */
const MAX_REDIRECTS = 3

/** What the guarded fetch refused; never retried. */
class RefusedAnswer extends Error {}

/**
 * Octokit's fetch, held to the origin it was sent to and to a body size: a redirect elsewhere is
 * refused (the token and a deployment's payload stay with GitHub), one on the same origin is
 * followed a few times, and a body is read up to MAX_BODY_BYTES.
 */
function guardedFetch(base: typeof fetch): typeof fetch {
  const guarded = async (input: string | URL | Request, init: RequestInit = {}, hops = 0): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const response = await base(url, { ...init, redirect: 'manual' })
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      const location = response.headers.get('location')
      const target = location ? new URL(location, url) : undefined
      if (!target || target.origin !== url.origin || hops >= MAX_REDIRECTS) {
        throw new RefusedAnswer(
          `GitHub answered with a redirect (${response.status})${target ? ` to ${target.origin}` : ''}, which is not followed`
        )
      }
      return guarded(target, init, hops + 1)
    }
    if (!response.body) return response
    const reader = response.body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.byteLength
      if (size > MAX_BODY_BYTES) {
        await reader.cancel()
        throw new RefusedAnswer(`GitHub's answer is over ${MAX_BODY_BYTES / 1024 / 1024} MiB, so it was not read`)
      }
      chunks.push(value)
    }
    return new Response(Buffer.concat(chunks), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers
    })
  }
  return (input, init) => guarded(input, init)
}

/**
 * What bounds GitHub's requests: the run's deadline and its abort signal. Mutable on purpose: once
 * the run has ended, settling its deployment gets a short budget of its own (see hooks.ts).
 */
export interface RequestLimits {
  deadline: number
  signal?: AbortSignal
}

/** Even past the deadline, a request gets this long (the status that settles a deployment). */
const REQUEST_GRACE_MS = 2_000

export class GitHubRest {
  private octokit?: Promise<OctokitLike>
  private fetch?: typeof fetch

  constructor(
    private readonly token: string,
    private readonly run: GitHubRun,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly limits: RequestLimits = { deadline: Infinity }
  ) {}

  private client(): Promise<OctokitLike> {
    // Loaded on first use: @actions/github brings an HTTP stack that only these runs need.
    this.octokit ??= import('@actions/github').then(({ getOctokit }) => {
      const octokit = getOctokit(this.token) as unknown as OctokitLike
      this.fetch = guardedFetch(octokit.request.endpoint.DEFAULTS.request?.fetch ?? globalThis.fetch)
      return octokit
    })
    return this.octokit
  }

  /** One request with a few retries on outages and rate limits; other failures become GitHubError. */
  async call(
    route: string,
    parameters: Record<string, unknown>,
    what: string
  ): Promise<{ status: number; data: unknown; headers: Record<string, unknown> }> {
    const octokit = await this.client()
    const full = {
      owner: this.run.owner,
      repo: this.run.repo,
      headers: { 'x-github-api-version': '2022-11-28' },
      ...parameters
    }
    const { limits, clock } = this
    for (let attempt = 0; ; attempt++) {
      if (limits.signal?.aborted)
        throw new GitHubError(`GitHub: ${what} was not sent: the workflow run is being cancelled`, 0)
      // Each attempt is bounded by the run's deadline and cancellation: a GitHub API that never
      // answers must not hold the run.
      const timeoutMs = Math.min(REQUEST_TIMEOUT_MS, Math.max(REQUEST_GRACE_MS, limits.deadline - clock.now()))
      const timeout = AbortSignal.timeout(timeoutMs)
      const signal = limits.signal ? AbortSignal.any([limits.signal, timeout]) : timeout
      try {
        return await octokit.request(route, { ...full, request: { signal, fetch: this.fetch } })
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause
        if (cause instanceof RefusedAnswer) throw new GitHubError(`GitHub: ${what} failed: ${cause.message}`, 0)
        if (signal.aborted) {
          const why = limits.signal?.aborted
            ? 'the workflow run is being cancelled'
            : `no answer within ${Math.round(timeoutMs / 1000)}s`
          throw new GitHubError(`GitHub: ${what} failed: ${why}`, 0)
        }
        const status =
          typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 0
        const retryable = status === 0 || status === 429 || status >= 500
        const delay = RETRY_DELAYS_MS[attempt]
        if (retryable && delay !== undefined && clock.now() + delay < limits.deadline) {
          this.log.info(`GitHub: ${what} failed (${status || 'no answer'}); retrying in ${delay / 1000}s`)
          await clock.sleep(delay, limits.signal)
          continue
        }
        throw this.describe(error, status, route, what)
      }
    }
  }

  private describe(error: unknown, status: number, route: string, what: string): GitHubError {
    const data = (error as { response?: { data?: unknown } }).response?.data
    const said = (isRecord(data) && nonEmptyString(data.message)) || (error as Error).message || String(error)
    const request = route.replace('{owner}/{repo}', `${this.run.owner}/${this.run.repo}`)
    const base = `GitHub answered ${status || 'nothing'} to ${what} (${request}): ${withoutTrailingStop(said)}.`
    if (status === 403 || status === 404) {
      return new GitHubError(
        `${base} The job's token needs \`permissions: deployments: write\` to record a go-live (add it to the job's ` +
          "permissions, or pass a token that has it as 'github-token'); a workflow triggered from a fork never gets it.",
        status
      )
    }
    if (status === 401)
      return new GitHubError(`${base} Check the 'github-token' input (its default is the job's token).`, status)
    return new GitHubError(`${base} Try again later.`, status)
  }
}

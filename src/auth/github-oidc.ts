/**
 * GitHub Actions OIDC tokens, asked for with our own request function rather than
 * `core.getIDToken`: that one has no deadline and no abort, and its HTTP client puts the runner's
 * request token back on a redirect to another origin. Here the request is bounded by the run's
 * deadline and abort signal, and no redirect is followed, so the request token goes only to the
 * origin of ACTIONS_ID_TOKEN_REQUEST_URL.
 */
import type { Clock } from '../base/clock.js'
import { AuthError } from '../model/errors.js'
import { readApiError } from '../http/error-details.js'
import type { Logger } from '../base/logger.js'
import { isTransientStatus, sendWithRetries } from '../http/retry.js'
import { sendRequest } from '../http/transport.js'
import { excerpt } from '../base/text.js'

/** Where and with what a job with `id-token: write` asks GitHub for an OIDC token; undefined without it. */
export function oidcRequestVariables(
  env: NodeJS.ProcessEnv = process.env
): { url: string; requestToken: string } | undefined {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  return url && requestToken ? { url, requestToken } : undefined
}

/** The audience Entra expects in a GitHub token used as a federated credential. */
const AZURE_AD_AUDIENCE = 'api://AzureADTokenExchange'

/**
 * Fails early, with the fix, when the job cannot ask GitHub for an OIDC token; otherwise where and
 * with what to ask. `env`: the runner's variables unless a test gives its own.
 */
export function checkOidcAvailable(env?: NodeJS.ProcessEnv): { url: string; requestToken: string } {
  const request = oidcRequestVariables(env)
  if (!request) {
    throw new AuthError(
      "GitHub OIDC is not available to this job, so no token can be requested with 'tenant-id' and 'client-id' alone. " +
        'Give the job `permissions: id-token: write` (and `contents: read`), or set `client-secret`. ' +
        'Workflows triggered from forks never get an OIDC token.'
    )
  }
  return request
}

/** Returns a fresh GitHub OIDC JWT for Entra each time, masked before anything can print it. */
export type AssertionSource = (signal: AbortSignal | undefined, deadline: number) => Promise<string>

/** `mask`: registers a value the log must never show (the runner port's setSecret). */
export function gitHubAssertionSource(
  clock: Clock,
  log: Logger,
  mask: (secret: string) => void,
  env?: NodeJS.ProcessEnv
): AssertionSource {
  return async (signal, deadline) => {
    const { url: base, requestToken } = checkOidcAvailable(env)
    // The runner masks it; our own lines replace it too, should a service ever echo it.
    mask(requestToken)
    let url: URL
    try {
      // As @actions/core builds it: the runner's URL already carries `?api-version=…`.
      url = new URL(`${base}${base.includes('?') ? '&' : '?'}audience=${encodeURIComponent(AZURE_AD_AUDIENCE)}`)
    } catch {
      throw new AuthError('ACTIONS_ID_TOKEN_REQUEST_URL is not a URL, so no GitHub OIDC token can be requested.')
    }
    const service = `GitHub's OIDC token service (${url.origin})`
    log.debug(`requesting a GitHub OIDC token for ${AZURE_AD_AUDIENCE} from ${url.origin}${url.pathname}`)
    const raw = await sendWithRetries(
      { clock, deadline, signal, log, label: 'GitHub OIDC token request' },
      (timeoutMs) =>
        sendRequest({
          method: 'GET',
          url: url.href,
          headers: { authorization: `Bearer ${requestToken}` },
          timeoutMs,
          signal
        })
    ).catch((err: unknown) => {
      throw new AuthError(`${service} did not answer: ${(err as Error).message}`, 0, undefined, true)
    })
    if (raw.status >= 300 && raw.status < 400) {
      throw new AuthError(
        `${service} answered ${raw.status}, a redirect; it is not followed, so the runner's request token ` +
          `is only ever sent to ${url.origin}. No OIDC token was issued.`,
        raw.status
      )
    }
    let body: unknown
    try {
      body = JSON.parse(raw.text)
    } catch {
      // Reported below with an excerpt.
    }
    const value = (body as { value?: unknown } | undefined)?.value
    if (raw.status === 200 && typeof value === 'string' && value) {
      mask(value)
      return value
    }
    const said = readApiError(body)?.message ?? excerpt(raw.text)
    if (raw.status === 401 || raw.status === 403) {
      throw new AuthError(
        `${service} refused the token request (HTTP ${raw.status}): ${said}. ` +
          'Check that the job has `permissions: id-token: write`.',
        raw.status
      )
    }
    throw new AuthError(
      `${service} did not issue a token (HTTP ${raw.status}): ${raw.status === 200 ? 'no token in the answer' : said}.`,
      raw.status,
      undefined,
      // An outage or a gateway talking: a wait in progress polls on through it.
      raw.status === 200 || isTransientStatus(raw.status)
    )
  }
}

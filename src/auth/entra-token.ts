/**
 * Microsoft Entra client-credentials tokens (v2 endpoint), with either a client secret or a
 * federated assertion (GitHub OIDC). Tokens are cached and renewed ahead of `expires_in`, so a wait
 * of days keeps working.
 */
import type { Clock } from '../base/clock.js'
import type { CallLimits } from '../model/call-limits.js'
import { AuthError } from '../model/errors.js'
import type { Logger } from '../base/logger.js'
import { isTransientStatus, sendWithRetries } from '../http/retry.js'
import { sendRequest } from '../http/transport.js'
import { withoutTrailingStop, excerpt } from '../base/text.js'
import type { AssertionSource } from './github-oidc.js'
import { jwtClaims, type TokenProvider } from './token-provider.js'

export type ClientCredential =
  | { kind: 'secret'; clientSecret: string }
  /** Returns a fresh assertion (a GitHub OIDC JWT) each time a token is needed, within `deadline`. */
  | { kind: 'assertion'; getAssertion: AssertionSource }

export interface EntraOptions {
  authorityHost: string
  tenantId: string
  clientId: string
  scope: string
  credential: ClientCredential
  clock: Clock
  log: Logger
  /** Called on every token we acquire, before anything else can log it. */
  mask: (secret: string) => void
}

/** Renew this long before expiry, but never more than a tenth of the token's life. */
const RENEW_AHEAD_MS = 5 * 60_000

/** How long one token acquisition (with its retries) may take. */
const TOKEN_BUDGET_MS = 60_000

export class EntraTokenProvider implements TokenProvider {
  readonly renewable = true
  readonly description: string
  private cached?: { token: string; renewAt: number }
  private pending?: Promise<string>
  private lastAssertionSubject?: string

  constructor(private readonly options: EntraOptions) {
    this.description =
      options.credential.kind === 'secret'
        ? `client credentials for app ${options.clientId}`
        : `GitHub OIDC federation for app ${options.clientId}`
  }

  get tokenUrl(): string {
    return `${this.options.authorityHost.replace(/\/+$/, '')}/${encodeURIComponent(this.options.tenantId)}/oauth2/v2.0/token`
  }

  async getToken({ signal, deadline }: Partial<CallLimits> = {}): Promise<string> {
    const { clock } = this.options
    if (this.cached && clock.now() < this.cached.renewAt) return this.cached.token
    // Calls that need a token while one is being acquired (a follow run checks several go-lives at
    // once) share that request instead of each asking Entra (and GitHub OIDC) again.
    this.pending ??= this.acquire(signal, Math.min(clock.now() + TOKEN_BUDGET_MS, deadline ?? Infinity)).finally(
      () => (this.pending = undefined)
    )
    return this.pending
  }

  invalidate(): void {
    this.cached = undefined
  }

  private async acquire(signal: AbortSignal | undefined, deadline: number): Promise<string> {
    const options = this.options
    const { clock, log, credential } = options
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: options.clientId,
      scope: options.scope
    })
    if (credential.kind === 'secret') {
      form.set('client_secret', credential.clientSecret)
    } else {
      const assertion = await credential.getAssertion(signal, deadline)
      this.lastAssertionSubject = String(jwtClaims(assertion)?.sub ?? '')
      form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
      form.set('client_assertion', assertion)
    }
    const started = clock.now()
    const url = this.tokenUrl
    log.debug(`requesting an Entra token for ${options.scope} from ${url}`)
    const raw = await sendWithRetries({ clock, deadline, signal, log, label: 'Entra token request' }, (timeoutMs) =>
      sendRequest({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
        timeoutMs,
        signal
      })
    ).catch((err: unknown) => {
      throw new AuthError(
        `Could not reach the Entra token endpoint ${url}: ${(err as Error).message}`,
        0,
        undefined,
        true
      )
    })
    let body: Record<string, unknown> = {}
    try {
      body = JSON.parse(raw.text) as Record<string, unknown>
    } catch {
      // Reported below with an excerpt.
    }
    const token = typeof body.access_token === 'string' ? body.access_token : undefined
    if (raw.status !== 200 || !token) {
      throw this.entraError(raw.status, body, raw.text)
    }
    options.mask(token)
    // `expires_in` is a number (v2) or a numeric string (v1); anything else means the usual hour.
    const expiresIn = Number(body.expires_in ?? 3599)
    const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 3_599_000
    const ahead = Math.min(RENEW_AHEAD_MS, lifetimeMs / 10)
    this.cached = { token, renewAt: started + lifetimeMs - ahead }
    log.debug(`got an Entra token valid for ${Math.round(lifetimeMs / 1000)}s`)
    return token
  }

  private entraError(status: number, body: Record<string, unknown>, text: string): AuthError {
    const error = typeof body.error === 'string' ? body.error : undefined
    const description = typeof body.error_description === 'string' ? firstLine(body.error_description) : undefined
    const aadsts = /AADSTS(\d+)/.exec(description ?? '')?.[1]
    const what = error ? `${error}: ${description ?? '(no description)'}` : `unexpected answer: ${excerpt(text)}`
    const hint = entraHint(aadsts, this.options, this.lastAssertionSubject)
    return new AuthError(
      `Entra refused the token request for app ${this.options.clientId} in tenant ${this.options.tenantId} ` +
        `(HTTP ${status}) ${hint ? `${withoutTrailingStop(what)}. ${hint}.` : what}`,
      status,
      aadsts ? `AADSTS${aadsts}` : error,
      isTransientStatus(status)
    )
  }
}

/** Entra descriptions run on with trace and correlation IDs over several lines; the first says it. */
function firstLine(text: string): string {
  return text.split(/\r?\n/)[0].trim()
}

function entraHint(code: string | undefined, options: EntraOptions, subject: string | undefined): string {
  switch (code) {
    case '7000215':
      return "The 'client-secret' is wrong or expired: create a new secret in the app registration and store its Value (not its Secret ID) in the repository or environment secret"
    case '7000222':
      return "The 'client-secret' has expired: create a new one in the app registration and update the secret"
    case '700016':
      return `No app with client ID ${options.clientId} exists in tenant ${options.tenantId}: check 'client-id' (the app registration's Application (client) ID) and 'tenant-id'`
    case '90002':
    case '900023':
      return `Tenant ${options.tenantId} was not found: check 'tenant-id' (the Directory (tenant) ID, or a domain such as contoso.onmicrosoft.com)`
    case '70021':
      return (
        `No federated credential of the app matches the subject GitHub sent${subject ? ` ('${subject}')` : ''}. ` +
        "Add a federated credential with issuer https://token.actions.githubusercontent.com, audience api://AzureADTokenExchange and that subject; for a job that uses an environment it has the form 'repo:OWNER/REPO:environment:NAME'"
      )
    case '700212':
    case '700213':
    case '700211':
      return 'The federated credential does not accept the GitHub token: its issuer must be https://token.actions.githubusercontent.com and its audience api://AzureADTokenExchange'
    case '70011':
      return `The scope ${options.scope} was refused; check 'authority-host' points at the right cloud`
    default:
      return ''
  }
}

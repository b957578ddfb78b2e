/**
 * Failures the action can name. Each carries what a person needs to act: which input, which
 * status code, the API's own error code and message. advice.ts turns them into one line of text.
 */
import { withoutTrailingStop } from '../base/text.js'

/** A bad input; raised before any network call. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    detail: string
  ) {
    super(`Input '${input}' ${detail}`)
    this.name = 'InputError'
  }
}

/** A token could not be obtained (Entra or the GitHub OIDC service said no). */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string,
    /** An outage rather than a refusal: a wait in progress polls on through it. */
    readonly transient = false
  ) {
    super(message)
    this.name = 'AuthError'
  }
}

/** A non-success answer (or no usable answer) from the Marketplace API. */
export class ApiError extends Error {
  constructor(
    readonly details: {
      method: string
      url: string
      /** HTTP status; 0 when no answer arrived (reset, timeout). */
      status: number
      /** The API's error code from `{"error":{"code":…}}`, when it sent one. */
      code?: string
      /** The API's error message, or a short excerpt of a body that was not the expected JSON. */
      apiMessage?: string
      requestId?: string
      /** True when retrying later could succeed (429, 5xx, resets, timeouts, unreadable bodies). */
      transient: boolean
    }
  ) {
    super(describeApiError(details))
    this.name = 'ApiError'
  }

  get status(): number {
    return this.details.status
  }

  get transient(): boolean {
    return this.details.transient
  }
}

/** A rule the action itself enforces about what the API tells it (e.g. an off-origin URL). */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProtocolError'
  }
}

/** A URL from the API (or an input) on another origin than the API's: refused, never followed. */
export class OffOriginError extends ProtocolError {
  constructor(message: string) {
    super(message)
    this.name = 'OffOriginError'
  }
}

function describeApiError(d: ApiError['details']): string {
  const path = safePath(d.url)
  const what = d.status === 0 ? 'got no answer' : `answered ${d.status}`
  const code = d.code ? ` ${d.code}` : ''
  const message = d.apiMessage ? `:${code} ${withoutTrailingStop(d.apiMessage)}` : code ? `:${code}` : ''
  const request = d.requestId ? ` (request ID ${d.requestId})` : ''
  return `${d.method} ${path} ${what}${message}${request}`
}

/** The URL without its query string, which is noise in a message. */
function safePath(url: string): string {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return url
  }
}

/** A failure talking to GitHub, in words a person can act on. */
/** What GitHub answered to a request that failed, as facts; report/advice.ts says what to do. */
export interface GitHubFailure {
  kind:
    | 'environment'
    | 'cancelled'
    | 'outage'
    | 'refused'
    | 'rate-limit'
    | 'unauthorized'
    | 'forbidden'
    | 'not-found'
    | 'unreadable'
  /** HTTP status; 0 when GitHub gave no answer. */
  status: number
  /** The sentence without advice. */
  message: string
  /** What was asked ("listing deployments"). */
  what?: string
  /** `GET /repos/contoso/offer-release/deployments` */
  request?: string
  githubMessage?: string
  /** A rate limit: clock time GitHub allows the next request. */
  retryAt?: number
  /** `x-accepted-github-permissions`: the permissions the request needs, when GitHub says. */
  acceptedPermissions?: string
}

export class GitHubError extends Error {
  readonly status: number
  constructor(readonly failure: GitHubFailure) {
    super(failure.message)
    this.status = failure.status
    this.name = 'GitHubError'
  }

  get kind(): GitHubFailure['kind'] {
    return this.failure.kind
  }
}

/** The offer or product is not in a state that allows going live; nothing was started. */
export class PreconditionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PreconditionError'
  }
}

/** A submission as the API lists it: what a refusal names. All of it is API text. */
export interface ListedSubmission {
  /** `submission/{productId}/{id}` */
  id: string
  /** `preview`, `live`, … */
  targetType: string
  status: string
  result: string
  created: string
}

/** Why the API refused to start a go-live when nothing runs to join, from what its list shows. */
export type StartRefusal =
  /** Something other than a live submission is in progress (a preview being published). */
  | { kind: 'in-progress'; inProgress: ListedSubmission[] }
  /** The preview pushed is not the latest; `latest`: the latest preview, when the list names it. */
  | { kind: 'not-latest'; latest?: ListedSubmission }

/**
 * The API refused to start the go-live, and there is no go-live to join: Product Ingestion's
 * configure answered 409 while a preview is being published, or for a preview that is not the
 * latest. The facts only; report/advice.ts says it, with the API's own words.
 */
export class StartRefusedError extends Error {
  constructor(
    /** The API's answer. */
    readonly answer: ApiError,
    readonly refusal: StartRefusal
  ) {
    super(answer.message)
    this.name = 'StartRefusedError'
  }
}

/** Failures worth polling through: throttling, outages, unreadable bodies, token service outages. */
export function isTransientFailure(error: unknown): boolean {
  return (error instanceof ApiError || error instanceof AuthError) && error.transient
}

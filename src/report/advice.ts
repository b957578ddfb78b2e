/**
 * Turns any failure into one message a person can act on: what failed, the status code, the API's
 * own code and message, and what to do next. No stack traces.
 */
import {
  ApiError,
  AuthError,
  GitHubError,
  InputError,
  PreconditionError,
  ProtocolError,
  StartRefusedError
} from '../model/errors.js'
import type { ApiKind } from '../model/settings.js'
import { refusalFailure } from './refusals.js'

export interface FailureContext {
  api: ApiKind
  /** "offer contoso/contoso-offer" */
  target: string
  /** True when the token came from the `token` input (it cannot be renewed). */
  staticToken: boolean
  /** Set once an operation is known: tells the user how to resume. */
  operationLocation?: string
}

export function formatFailure(error: unknown, context?: FailureContext): string {
  if (error instanceof InputError || error instanceof AuthError || error instanceof PreconditionError)
    return error.message
  if (error instanceof StartRefusedError) return refusalFailure(error)
  if (error instanceof GitHubError) return `${error.message}. ${githubAdvice(error)}`.trim()
  if (error instanceof ProtocolError) return `Stopped: ${error.message}.`
  if (error instanceof ApiError) return `${error.message}. ${adviceFor(error, context)}`.trim()
  if (error instanceof Error) return `Unexpected failure: ${error.message}`
  return `Unexpected failure: ${String(error)}`
}

/** What to do about a GitHub answer, by what GitHub said it was (a 403 is a permission problem only when it says so). */
function githubAdvice(error: GitHubError): string {
  const failure = error.failure
  switch (failure.kind) {
    case 'rate-limit': {
      const when = failure.retryAt !== undefined ? ` until ${new Date(failure.retryAt).toISOString()}` : ''
      return (
        `This is one of GitHub's rate limits: GitHub asks to wait${when}, longer than this run could. ` +
        'Run again later; many releases or follow runs at once share the limit of the repository.'
      )
    }
    case 'forbidden':
      return (
        `The job's token needs \`permissions: deployments: write\`${failure.acceptedPermissions ? ` (GitHub asks for ${failure.acceptedPermissions})` : ''} ` +
        "to record a go-live (add it to the job's permissions, or pass a token that has it as 'github-token'); a " +
        'workflow triggered from a fork never gets it.'
      )
    case 'not-found':
      return 'GitHub does not know it: check the repository, or whether the deployment was deleted.'
    case 'unauthorized':
      return "Check the 'github-token' input (its default is the job's token)."
    case 'outage':
    case 'unreadable':
      return 'Try again later.'
    default:
      return ''
  }
}

function adviceFor(error: ApiError, context?: FailureContext): string {
  const resume = context?.operationLocation
    ? ` The operation may still be running: follow it later with operation-location: ${context.operationLocation}`
    : ''
  const target = context?.target ?? 'the offer'
  const ids = context?.api && context.api !== 'cpp' ? "'product-id'" : "'publisher-id' and 'offer-id'"
  switch (error.status) {
    case 400:
      if (SELLER_ID_WANTED.test(`${error.details.code ?? ''} ${error.details.apiMessage ?? ''}`)) {
        return (
          "The API wants the seller ID in the x-ms-publisherId header: set the 'seller-id' input (api: ingestion-v1) " +
          "to the account's Seller ID, a number shown in Partner Center under the gear icon > Account settings > " +
          "Legal info > Seller ID; if 'seller-id' is set, check that it is that number." +
          resume
        )
      }
      if (
        context?.api !== 'ingestion-v1' &&
        VERSION_REFUSED.test(`${error.details.code ?? ''} ${error.details.apiMessage ?? ''}`)
      ) {
        const current = context?.api === 'product-ingestion' ? '2022-07-01' : '2017-10-31'
        return (
          "The API refused the API version the action sent. Set the 'api-version' input to a version the API " +
          `accepts (for example ${current}), or leave it empty for the action's default.`
        )
      }
      return `The API refused the request; its error code and message above say why.${resume}`
    case 401:
      return context?.staticToken
        ? "The 'token' input is missing, invalid or expired (tokens live about an hour). " +
            "Use 'tenant-id' + 'client-id' with 'client-secret', or GitHub OIDC, so the action gets and renews tokens itself." +
            resume
        : 'The API rejected a freshly acquired token: check that the app registration belongs to the tenant that owns the publisher account.' +
            resume
    case 403:
      return (
        `The token is valid but its service principal has no access to ${target}. ` +
        'In Partner Center add the app (Account settings > User management > Azure AD applications) with the Manager or Developer role.' +
        resume
      )
    case 404:
      // Resuming with the location the API does not know could never help: no resume hint here.
      if (context?.operationLocation && samePath(error.details.url, context.operationLocation)) {
        return (
          `The operation ${context.operationLocation} was not found by the API. If it came from 'operation-location', ` +
          `check that it is the operation-location output of an earlier run for ${target} (not its operation-id), ` +
          'or run without operation-location to start or join a go-live.'
        )
      }
      return (
        `${target} was not found: check ${ids}, and that the app can see this publisher account.` +
        (context?.api === 'cpp'
          ? " Offers created in Partner Center are not in the CPP API: use 'api: product-ingestion' with 'product-id'."
          : context?.api === 'ingestion-v1'
            ? " The ingestion API v1.0 holds Dynamics 365 apps (such as Business Central) and Azure Application offers; SaaS, VM and container offers use 'api: product-ingestion'."
            : '')
      )
    case 409:
      return `Another operation holds ${target}; wait for it to finish or cancel it, then run again.${resume}`
    case 429:
      return `The API kept throttling requests. Raise 'poll-interval' (Microsoft asks for at most one poll a minute) and run again.${resume}`
    case 0:
    case 500:
    case 502:
    case 503:
    case 504:
      return `The API is unavailable right now (retries did not help); try again later.${resume}`
    default:
      return resume.trim()
  }
}

/** A 400 of the ingestion API v1.0 about its `x-ms-publisherId` header (while the service required it). */
const SELLER_ID_WANTED = /x-ms-publisherid/i

/** A 400 about the version: CPP's InvalidAPIVersion, Product Ingestion's "… is a deprecated schema". */
const VERSION_REFUSED = /invalidapiversion|deprecated schema|api[ -]?version|\$version/i

/** Same origin and path: the query and fragment of an operation location do not name another resource. */
function samePath(a: string, b: string): boolean {
  try {
    const x = new URL(a)
    const y = new URL(b)
    return x.origin === y.origin && x.pathname.replace(/\/+$/, '') === y.pathname.replace(/\/+$/, '')
  } catch {
    return false
  }
}

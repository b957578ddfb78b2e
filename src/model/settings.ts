/**
 * The one object passed from input parsing to the work. Everything in it has been validated:
 * the rest of the code never reads an input or re-checks a value.
 */

export type ApiKind = 'cpp' | 'product-ingestion' | 'ingestion-v1'

export type OnTimeout = 'fail' | 'warn' | 'cancel'

export type OnCancel = 'leave' | 'cancel'

/** Exactly one authentication form; see the contract's "exactly one of" rule. */
export type AuthSettings =
  | {
      kind: 'token'
      /** Bearer token given as an input (from a secret). */
      token: string
    }
  | {
      kind: 'client-secret'
      tenantId: string
      clientId: string
      clientSecret: string
      /** Entra authority origin, e.g. https://login.microsoftonline.com */
      authorityHost: string
    }
  | {
      kind: 'oidc'
      tenantId: string
      clientId: string
      authorityHost: string
    }

export interface GoLiveSettings {
  api: ApiKind
  /** CPP publisher ID (empty for product-ingestion). */
  publisherId: string
  /** CPP offer ID (empty for product-ingestion). */
  offerId: string
  /** Product Ingestion or ingestion v1.0 product ID, a bare GUID without `product/` (empty for cpp). */
  productId: string
  /** ingestion-v1: the submission to take live, digits as the API writes them (empty: the newest preview). */
  submissionId: string
  /** ingestion-v1: the Partner Center seller ID, sent as `x-ms-publisherId` (empty: not sent). */
  sellerId: string
  auth: AuthSettings
  /** API root without a trailing slash; the bearer token is only ever sent to its origin. */
  baseUrl: string
  apiVersion: string
  /** false: return as soon as the go-live is accepted. */
  wait: boolean
  /**
   * `when-ready`: a preview still in validation or certification is waited for (within `timeout`)
   * and gone live once ready; with a GitHub deployment, a run that ends first leaves it `queued`.
   */
  whenReady: boolean
  timeoutMs: number
  pollIntervalMs: number
  onTimeout: OnTimeout
  onCancel: OnCancel
  /** Resume: follow this operation (relative or same-origin absolute) instead of starting one. */
  operationLocation: string
  dryRun: boolean
  /** Record the go-live as a GitHub deployment and keep its status true (`github-deployment`). */
  githubDeployment: boolean
  /** The GitHub environment of that deployment; empty: `marketplace-<offer-id>` / `marketplace-<product-id>`. */
  deploymentEnvironment: string
  /** Token for GitHub's deployments API (`github-token`), masked. */
  githubToken: string
  /** Start nothing: check the go-lives recorded as in-flight deployments once and exit (`follow`). */
  follow: boolean
}

export const DEFAULT_BASE_URL: Record<ApiKind, string> = {
  cpp: 'https://cloudpartner.azure.com',
  'product-ingestion': 'https://graph.microsoft.com/rp/product-ingestion',
  'ingestion-v1': 'https://api.partner.microsoft.com/v1.0/ingestion'
}

/** The ingestion API v1.0 has no version parameter: its version is in its path. */
export const DEFAULT_API_VERSION: Record<ApiKind, string> = {
  cpp: '2017-10-31',
  'product-ingestion': '2022-03-01-preview2',
  'ingestion-v1': ''
}

/** The token scope (v2 `.default` form) each API needs. */
export const TOKEN_SCOPE: Record<ApiKind, string> = {
  cpp: 'https://cloudpartner.azure.com/.default',
  'product-ingestion': 'https://graph.microsoft.com/.default',
  'ingestion-v1': 'https://api.partner.microsoft.com/.default'
}

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com'

/** The shortest pause between two polls, whatever the input or the server's Retry-After says. */
export const MIN_POLL_INTERVAL_MS = 1000

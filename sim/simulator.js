// Local stand-in for the Azure Marketplace APIs (Cloud Partner Portal and Product Ingestion), the
// Microsoft Entra token endpoint and the GitHub Actions OIDC token service, so the action can be
// exercised end to end over real sockets without any network access. The wire shapes follow
// the project's notes on the Marketplace APIs, including every spelling variant listed there, so
// a client that passes against this server has met each variant at least once.
//
// Everything time-dependent is computed lazily from `options.now()` instead of timers: a test or a
// benchmark can drive a fake clock and the state follows without any waiting.

import http from 'node:http'
import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { createGitHubDeployments, defaultGitHubOptions } from './github-deployments.js'

/**
 * @typedef {object} SimOffer
 * @property {string} publisherId
 * @property {string} offerId
 * @property {boolean} [migrated] `false` makes this offer answer with the non-migrated `$` location form.
 * @property {boolean} [ready] whether an approved preview waits for publisher sign-off (Go Live allowed).
 */

/**
 * @typedef {object} SimApp
 * @property {string} clientId
 * @property {string} [clientSecret]
 * @property {string[]} [federatedSubjects] GitHub OIDC `sub` values the app trusts.
 */

/**
 * Product Ingestion submission as it appears on the wire.
 * @typedef {object} PiSubmission
 * @property {string} [$schema]
 * @property {string} id `submission/{productId}/{submissionId}`
 * @property {string} product `product/{productId}`
 * @property {{ targetType: string }} target
 * @property {string} status `running` | `completed`
 * @property {string} result `pending` | `succeeded` | `failed`
 * @property {string} created ISO date
 */

/**
 * @typedef {object} SimProduct
 * @property {string} productId bare GUID
 * @property {PiSubmission[]} [submissions]
 */

/**
 * @typedef {object} OidcOptions
 * @property {string} requestToken bearer the runner hands out as ACTIONS_ID_TOKEN_REQUEST_TOKEN
 * @property {string} subject `sub` claim of the issued GitHub ID token
 * @property {string} [issuer] `iss` claim; default `https://token.actions.githubusercontent.com`
 * @property {number} [lifetimeSec] lifetime of an issued ID token; default 300
 */

/**
 * @typedef {object} RequestRecord
 * @property {string} method
 * @property {string} path pathname exactly as received (still percent-encoded)
 * @property {Record<string, string>} query decoded query parameters
 * @property {Record<string, string | string[] | undefined>} headers lower-cased names
 * @property {string} body
 * @property {number} at `options.now()` when the request arrived
 * @property {number} [status] status code answered, once answered (absent for resets and hangs)
 * @property {string} [fault] `status` | `reset` | `hang` | `redirect` | `body` | `modify` when a queued fault matched
 * @property {number} [bytesSent] body bytes written before the client went away (`bodyBytes` faults)
 */

/**
 * @typedef {object} FaultSpec
 * @property {string} [method]
 * @property {string | RegExp} [path] substring of, or pattern tested against, the raw pathname
 * @property {number} [times] how many matching requests it applies to (default 1; Infinity allowed)
 * @property {number} [status] answer this instead of the real handler
 * @property {string | number} [retryAfter] Retry-After header on the faulted answer
 * @property {string | object} [body] body of the faulted answer (default: a JSON error for the status)
 * @property {string} [contentType] Content-Type of the faulted answer
 * @property {Record<string, string | null>} [headers] extra headers on the answer (faulted or real); `null` removes one
 * @property {number} [hangMs] wait this long (real time) first; Infinity never answers
 * @property {boolean} [reset] destroy the socket without answering
 * @property {boolean} [handleFirst] run the real handler (its side effects happen) before the status/reset replaces its answer
 * @property {number} [retryAfterDate] Retry-After as an HTTP date this many ms from `options.now()` (negative: in the past)
 * @property {string} [redirect] answer a redirect (`status`, default 307) to this Location, with an empty body
 * @property {number} [bodyBytes] answer (`status`, default 200) with a JSON-looking body this many bytes long, streamed; Infinity never ends
 * @property {number} [nest] the JSON object answered gets a `nested` member this many arrays deep
 */

/**
 * @typedef {'notStarted' | 'running' | 'succeeded' | 'failed' | 'canceled'} CanonicalStatus
 */

/**
 * CPP operation record. `status` is the canonical status at the last observation (refreshed
 * whenever `sim.operations` is read or a request arrives); the wire spelling comes from the knobs.
 * @typedef {object} SimOperation
 * @property {string} id GUID
 * @property {string} publisherId
 * @property {string} offerId
 * @property {'golive' | 'cancel'} kind
 * @property {number} createdAt
 * @property {CanonicalStatus} status
 * @property {string} locationPath path (and api-version query, except for the legacy form) of the operation
 * @property {'migrated' | 'non-migrated' | 'legacy'} style
 * @property {'succeeded' | 'failed' | 'canceled'} finalStatus captured from the knobs at creation
 * @property {number} notStartedMs captured at creation
 * @property {number} operationMs captured at creation
 * @property {number} cancelMs captured at creation (cancel operations)
 * @property {number | null} cancelRequestedAt
 * @property {number | null} cancelEffectiveAt
 * @property {string | null} targetId for a cancel operation: the go-live it canceled, if one ran
 * @property {number} publishingVersion
 */

/**
 * Product Ingestion configure job. Fields other than timing are refreshed like operations.
 * @typedef {object} SimJob
 * @property {string} jobId
 * @property {string[]} productIds
 * @property {string[]} resourceIds
 * @property {unknown[]} resources the configure resources as submitted (`GET /configure/{jobId}`)
 * @property {number} createdAt
 * @property {'notStarted' | 'running' | 'completed'} jobStatus
 * @property {'pending' | 'succeeded' | 'failed' | 'cancelled'} jobResult
 * @property {{ code: string, message: string }[]} errors
 * @property {number | null} endedAt
 * @property {number | null} canceledAt
 * @property {string[]} liveSubmissionIds submissions the job created once it succeeded
 * @property {number} jobMs captured at creation
 * @property {'succeeded' | 'failed'} finalResult captured at creation
 * @property {number} liveMs captured at creation
 * @property {'succeeded' | 'failed'} liveResult captured at creation
 */

/**
 * @typedef {object} SimOptions
 * @property {number} port 0 = ephemeral
 * @property {() => number} now clock in ms; drives every operation, job and token expiry
 * @property {string} apiVersion CPP api-version accepted
 * @property {SimOffer[]} offers
 * @property {string[]} staticTokens bearer tokens accepted on every API
 * @property {number | null} staticTokenValidForMs a static token answers 401 this long after its first use
 * @property {'migrated' | 'non-migrated' | 'legacy'} locationStyle how Go Live and Cancel name their operation
 * @property {string | null} legacyOrigin origin put in the legacy absolute Operation-Location (default: the simulator)
 * @property {409 | 400} inFlightAnswer answer to Go Live while a go-live runs on the offer
 * @property {boolean} preexistingOperation the first offer starts with a go-live running
 * @property {number} operationMs running time of a go-live
 * @property {number} notStartedMs time a go-live reports notStarted before running
 * @property {'succeeded' | 'failed' | 'canceled'} finalStatus
 * @property {'succeeded' | 'complete' | 'completed'} successSpelling
 * @property {'canceled' | 'cancelled'} canceledSpelling
 * @property {'notStarted' | 'not started'} notStartedSpelling
 * @property {'as-is' | 'upper' | 'title' | 'pascal'} statusCase
 * @property {boolean} wrapOperationInArray
 * @property {'object' | 'string'} messageStyle
 * @property {string | null} injectMessage
 * @property {'failed' | 'blocked' | 'rejected'} failedStepStatus status of the step a failed go-live stops at
 * @property {'empty' | 'objects' | 'strings'} links how `previewLinks` / `liveLinks` are filled
 * @property {string | number | null} retryAfter
 * @property {202 | 200} cancelAnswer
 * @property {number} cancelMs
 * @property {string[]} tenants
 * @property {SimApp[]} apps
 * @property {number} tokenLifetimeSec
 * @property {boolean} v1StringNumbers v1 token answers carry numbers as strings, as Entra's v1 endpoint does
 * @property {OidcOptions} oidc
 * @property {string[]} piVersions Product Ingestion `$version` values accepted
 * @property {string[]} piRetiredVersions `$version` values answered with the "deprecated schema" 400
 * @property {number | null} piPageSize entries per page of a submission list (`$maxpagesize` wins)
 * @property {'absolute' | 'path' | 'relative' | 'query'} piNextLink how `@nextLink` is written
 * @property {'stored' | 'reversed' | 'rotate'} piListOrder order of a submission list
 * @property {'jobId' | 'jobID'} piJobIdKey how a configure job names its ID
 * @property {SimProduct[]} products
 * @property {409 | 400} piConflictStatus answer to configure while a live submission runs
 * @property {number} jobMs
 * @property {'succeeded' | 'failed'} jobResult
 * @property {number} liveMs
 * @property {'succeeded' | 'failed'} liveResult
 * @property {boolean} preexistingLiveRunning the first product starts with a live submission running
 * @property {((record: RequestRecord) => void) | null} onRequest called once per request when its connection is done with it
 */

/** GitHub's deployments API knobs (sim/github-deployments.js) come with the others.
 * @typedef {SimOptions & import('./github-deployments.js').GitHubOptions} AllSimOptions
 */

/**
 * Options as passed to startSimulator and set(): any subset, with `oidc` itself partial.
 * @typedef {Partial<Omit<AllSimOptions, 'oidc'>> & { oidc?: Partial<OidcOptions> }} SimOptionsPatch
 */

/**
 * @typedef {object} IssueTokenOptions
 * @property {string} [audience] default `https://cloudpartner.azure.com`
 * @property {number} [lifetimeSec] default 3600
 * @property {string} [tenantId]
 * @property {string} [clientId]
 */

/**
 * @typedef {{ method?: string, path?: string | RegExp }} RequestMatcher
 */

/**
 * @typedef {object} Simulator
 * @property {string} url `http://127.0.0.1:PORT`, no trailing slash
 * @property {string} oidcRequestUrl value for ACTIONS_ID_TOKEN_REQUEST_URL
 * @property {string} githubApiUrl value for GITHUB_API_URL (GitHub's deployments API)
 * @property {ReturnType<typeof createGitHubDeployments>} github GitHub deployments state: `deployments`, `plant(spec)`
 * @property {SimOptions} options the live options
 * @property {(patch: SimOptionsPatch) => void} set shallow-merge knobs at runtime (`oidc` is merged one level deeper; `products` re-seeds the Product Ingestion state)
 * @property {RequestRecord[]} requests every request, in arrival order
 * @property {(pred?: ((r: RequestRecord) => boolean) | RequestMatcher) => number} count
 * @property {(spec: FaultSpec) => void} fault queue a fault
 * @property {(opts?: IssueTokenOptions) => string} issueToken
 * @property {SimOperation[]} operations CPP operations (go-live and cancel), oldest first
 * @property {SimJob[]} jobs Product Ingestion configure jobs, oldest first
 * @property {{ productId: string, submissions: PiSubmission[] }[]} products Product Ingestion state
 * @property {() => Promise<void>} close
 */

const CPP_AUDIENCE = 'https://cloudpartner.azure.com'
const GRAPH_AUDIENCE = 'https://graph.microsoft.com'
const FIC_AUDIENCE = 'api://AzureADTokenExchange'
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'
const PI_PREFIX = '/rp/product-ingestion/'
// The only submission resource schema Microsoft publishes; clients send it with every $version.
const PI_SUBMISSION_SCHEMA_VERSION = '2022-03-01-preview2'
const MAX_BODY = 1024 * 1024
// setTimeout treats anything above this as 1 ms, which would turn a "forever" hang into none.
const MAX_TIMER = 2 ** 31 - 1

/** @returns {AllSimOptions} */
function defaultOptions() {
  return {
    port: 0,
    now: () => Date.now(),
    apiVersion: '2017-10-31',
    offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: true, ready: true }],
    staticTokens: ['sim-token'],
    staticTokenValidForMs: null,
    locationStyle: 'migrated',
    legacyOrigin: null,
    inFlightAnswer: 409,
    preexistingOperation: false,
    operationMs: 3000,
    notStartedMs: 0,
    finalStatus: 'succeeded',
    successSpelling: 'succeeded',
    canceledSpelling: 'canceled',
    notStartedSpelling: 'notStarted',
    statusCase: 'as-is',
    wrapOperationInArray: false,
    messageStyle: 'object',
    injectMessage: null,
    failedStepStatus: 'failed',
    links: 'empty',
    retryAfter: null,
    cancelAnswer: 202,
    cancelMs: 1000,
    tenants: ['00000000-0000-0000-0000-000000000001', 'contoso.onmicrosoft.com'],
    apps: [
      {
        clientId: '11111111-1111-1111-1111-111111111111',
        clientSecret: 'sim-secret',
        federatedSubjects: ['repo:contoso/offer-release:environment:production']
      }
    ],
    tokenLifetimeSec: 3599,
    v1StringNumbers: true,
    oidc: {
      requestToken: 'gh-request-token',
      subject: 'repo:contoso/offer-release:environment:production',
      issuer: GITHUB_ISSUER,
      lifetimeSec: 300
    },
    piVersions: ['2022-03-01-preview2', '2022-07-01'],
    piRetiredVersions: ['2022-03-01-preview3'],
    piPageSize: null,
    piNextLink: 'absolute',
    piListOrder: 'stored',
    piJobIdKey: 'jobId',
    products: [
      {
        productId: 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d',
        // Deliberately not sorted by date: clients must pick the newest succeeded preview themselves.
        submissions: [
          piSubmission(
            'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d',
            '1152921505694070016',
            'live',
            'completed',
            'succeeded',
            '2023-02-03T10:15:00.0000000Z'
          ),
          piSubmission(
            'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d',
            '1152921505697139456',
            'preview',
            'completed',
            'succeeded',
            '2023-06-12T08:40:00.0000000Z'
          ),
          piSubmission(
            'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d',
            '1152921505693427712',
            'preview',
            'completed',
            'succeeded',
            '2023-01-20T16:05:00.0000000Z'
          ),
          // The draft entry carries no status, result or created.
          piDraft('a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d', '1152921505698000000')
        ]
      }
    ],
    piConflictStatus: 409,
    jobMs: 1000,
    jobResult: 'succeeded',
    liveMs: 3000,
    liveResult: 'succeeded',
    preexistingLiveRunning: false,
    onRequest: null,
    ...defaultGitHubOptions()
  }
}

/**
 * @param {string} productId
 * @param {string} submissionId
 * @param {string} targetType
 * @param {string} status
 * @param {string} result
 * @param {string} created
 * @returns {PiSubmission}
 */
function piSubmission(productId, submissionId, targetType, status, result, created) {
  return {
    $schema: 'https://schema.mp.microsoft.com/schema/submission/2022-03-01-preview2',
    id: `submission/${productId}/${submissionId}`,
    product: `product/${productId}`,
    target: { targetType },
    status,
    result,
    created
  }
}

/**
 * @param {string} productId
 * @param {string} submissionId
 * @returns {PiSubmission}
 */
function piDraft(productId, submissionId) {
  return /** @type {PiSubmission} */ ({
    $schema: 'https://schema.mp.microsoft.com/schema/submission/2022-03-01-preview2',
    id: `submission/${productId}/${submissionId}`,
    product: `product/${productId}`,
    target: { targetType: 'draft' }
  })
}

// Go-live steps. The failing step of a failed go-live is Certification, matching the
// CertificationFailed error code; a knob-driven cancellation happens during Live.
const GOLIVE_STEPS = [
  {
    id: 'displaydummycertify',
    stepName: 'Validate Pre-Requisites',
    description: 'Offer settings provided are validated',
    estimatedTimeFrame: '< 15 min',
    startedText: 'Validating the offer settings.',
    doneText: 'Step completed.'
  },
  {
    id: 'certification',
    stepName: 'Certification',
    description: 'Microsoft certifies the offer against the marketplace policies',
    estimatedTimeFrame: '< 5 day',
    startedText: 'Certification started.',
    doneText: 'Certification passed.'
  },
  {
    id: 'packaging',
    stepName: 'Packaging',
    description: 'Offer resources are packaged and replicated',
    estimatedTimeFrame: '< 1 day',
    startedText: 'Packaging the offer.',
    doneText: 'Packaging completed.'
  },
  {
    id: 'live',
    stepName: 'Live',
    description: 'The offer is published to the marketplace',
    estimatedTimeFrame: '~2-5 days',
    startedText: 'Publishing the offer to the marketplace.',
    doneText: 'The offer is live.'
  }
]
const FAILING_STEP = 1
// HTML on purpose: messageHtml is HTML from a remote service and clients must treat it as text.
const FAILURE_TEXT =
  'Certification failed: the offer does not meet the marketplace certification policies. See the <a href="https://partner.microsoft.com/dashboard">certification report</a> for details.'

/**
 * Starts the simulator on 127.0.0.1.
 * @param {SimOptionsPatch} [options] merged over the defaults (`oidc` one level deep)
 * @returns {Promise<Simulator>}
 */
export async function startSimulator(options = {}) {
  const defaults = defaultOptions()
  /** @type {AllSimOptions} */
  const opts = { ...defaults, ...options, oidc: { ...defaults.oidc, ...(options.oidc ?? {}) } }
  const signingKey = randomBytes(32)
  const now = () => opts.now()

  /** @type {RequestRecord[]} */
  const requests = []
  /** @type {(FaultSpec & { remaining: number })[]} */
  const faults = []
  /** @type {SimOperation[]} */
  const operations = []
  /** @type {SimJob[]} */
  const jobs = []
  /** @type {{ productId: string, submissions: PiSubmission[] }[]} */
  let products = []
  // Completion schedule of live submissions created while the simulator runs, kept out of the
  // submission objects so they serialise exactly as on the wire.
  /** @type {Map<PiSubmission, { completesAt: number, result: 'succeeded' | 'failed' }>} */
  const pendingSubmissions = new Map()
  /** @type {Map<string, number>} */
  const staticFirstUse = new Map()
  /** @type {Map<string, string>} */
  const stagingIds = new Map()
  let listRequests = 0
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()
  /** @type {Set<NodeJS.Timeout>} */
  const hangTimers = new Set()
  let closed = false
  let url = ''
  const github = createGitHubDeployments({ options: opts, now, baseUrl: () => `${url}/_github/api` })

  // ---------- state seeding ----------

  function seedProducts() {
    products = (opts.products ?? []).map((p) => ({
      productId: p.productId,
      submissions: (p.submissions ?? []).map((s) => structuredClone(s))
    }))
    pendingSubmissions.clear()
    const first = products[0]
    const preview = first && newestSucceededPreview(first)
    if (opts.preexistingLiveRunning && preview) {
      // Someone pushed the newest preview live a moment ago: its live entry runs.
      const t = now()
      putLive(first, preview.id, t, t + opts.liveMs, opts.liveResult)
    }
  }

  /**
   * Pushing preview X live: the list then holds X as a `live` entry too (same ID), which replaces
   * the previous live entry in its place; it runs until `completesAt`.
   * @param {{ productId: string, submissions: PiSubmission[] }} product
   * @param {string} id `submission/{productId}/{X}`
   * @param {number} createdAt
   * @param {number} completesAt
   * @param {'succeeded' | 'failed'} result
   */
  function putLive(product, id, createdAt, completesAt, result) {
    const sub = piSubmission(product.productId, id.split('/').pop() ?? id, 'live', 'running', 'pending', iso(createdAt))
    const at = product.submissions.findIndex((s) => s.target?.targetType === 'live')
    for (const old of product.submissions.filter((s) => s.target?.targetType === 'live')) pendingSubmissions.delete(old)
    product.submissions = product.submissions.filter((s) => s.target?.targetType !== 'live')
    product.submissions.splice(at < 0 ? 0 : at, 0, sub)
    pendingSubmissions.set(sub, { completesAt, result })
    return sub
  }

  /**
   * @param {SimOffer} offer
   * @param {number} t
   * @returns {SimOperation}
   */
  function createGoLive(offer, t) {
    const style = styleFor(offer)
    const id = randomUUID()
    /** @type {SimOperation} */
    const op = {
      id,
      publisherId: offer.publisherId,
      offerId: offer.offerId,
      kind: 'golive',
      createdAt: t,
      status: 'notStarted',
      locationPath: locationPathFor(style, offer, id),
      style,
      finalStatus: opts.finalStatus,
      notStartedMs: opts.notStartedMs,
      operationMs: opts.operationMs,
      cancelMs: opts.cancelMs,
      cancelRequestedAt: null,
      cancelEffectiveAt: null,
      targetId: null,
      publishingVersion: operations.filter((o) => o.kind === 'golive' && sameOffer(o, offer)).length + 2
    }
    operations.push(op)
    op.status = goLiveProgress(op, t).status
    return op
  }

  seedProducts()
  if (opts.preexistingOperation && opts.offers[0]) createGoLive(opts.offers[0], now())

  // ---------- time-driven state ----------

  /** @param {number} t */
  function tick(t) {
    for (const op of operations) op.status = op.kind === 'golive' ? goLiveProgress(op, t).status : cancelProgress(op, t)
    for (const job of jobs) advanceJob(job, t)
    for (const [sub, plan] of pendingSubmissions) {
      if (t >= plan.completesAt) {
        sub.status = 'completed'
        sub.result = plan.result
        pendingSubmissions.delete(sub)
      }
    }
  }

  /**
   * @param {SimJob} job
   * @param {number} t
   */
  function advanceJob(job, t) {
    if (job.jobStatus === 'completed') return
    if (job.canceledAt != null) {
      job.jobStatus = 'completed'
      job.jobResult = 'cancelled'
      job.endedAt = job.canceledAt
      return
    }
    const elapsed = t - job.createdAt
    // A quarter of the job time reads notStarted so a poller sees all three job states.
    if (elapsed < job.jobMs / 4) return
    if (elapsed < job.jobMs) {
      job.jobStatus = 'running'
      return
    }
    const endedAt = job.createdAt + job.jobMs
    job.jobStatus = 'completed'
    job.jobResult = job.finalResult
    job.endedAt = endedAt
    if (job.finalResult === 'failed') {
      // As the service words it: the line a person needs is two levels down.
      job.errors = job.resourceIds.map((id) => ({
        resourceId: id,
        code: 'internalServerError',
        message: 'Operation failed',
        details: [
          {
            code: 'invalidState',
            message: 'Certification',
            details: [{ code: 'invalidState', message: 'Issues found during Certification.' }]
          }
        ]
      }))
      return
    }
    for (const id of job.resourceIds) {
      const product = findProduct(id.split('/')[1] ?? '')
      if (!product) continue
      const sub = putLive(product, id, endedAt, endedAt + job.liveMs, job.liveResult)
      job.liveSubmissionIds.push(sub.id)
    }
  }

  /**
   * @param {SimOperation} op
   * @param {number} t
   * @returns {CanonicalStatus}
   */
  function cancelProgress(op, t) {
    return t < op.createdAt + op.cancelMs ? 'running' : 'canceled'
  }

  // ---------- tokens ----------

  /** @param {object} payload */
  function signJwt(payload) {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'marketplace-simulator' }))
    const body = b64url(JSON.stringify(payload))
    const sig = createHmac('sha256', signingKey).update(`${head}.${body}`).digest('base64url')
    return `${head}.${body}.${sig}`
  }

  /**
   * @param {string} token
   * @returns {Record<string, any> | null} payload when the token was signed by this simulator
   */
  function verifyJwt(token) {
    const parts = token.split('.')
    if (parts.length !== 3) return null
    const sig = createHmac('sha256', signingKey).update(`${parts[0]}.${parts[1]}`).digest('base64url')
    if (sig !== parts[2]) return null
    return decodeJwtPayload(token)
  }

  /**
   * @param {IssueTokenOptions} [o]
   * @returns {string}
   */
  function issueToken({ audience = CPP_AUDIENCE, lifetimeSec = 3600, tenantId, clientId } = {}) {
    const t = now()
    const tid = tenantId ?? opts.tenants.find(isGuid) ?? opts.tenants[0] ?? randomUUID()
    const appid = clientId ?? opts.apps[0]?.clientId ?? randomUUID()
    const iat = Math.floor(t / 1000)
    return signJwt({
      aud: audience,
      iss: `https://sts.windows.net/${tid}/`,
      iat,
      nbf: iat,
      // Exact to the millisecond so short-lived tokens in tests expire exactly when asked.
      exp: (t + lifetimeSec * 1000) / 1000,
      tid,
      appid,
      appidacr: '1',
      oid: appid,
      sub: appid,
      ver: '1.0'
    })
  }

  /**
   * @param {RequestRecord} rec
   * @param {string} audience
   * @returns {Reply | null} a 401 when the bearer is not good for this audience
   */
  function checkBearer(rec, audience) {
    const header = headerValue(rec.headers.authorization)
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
    if (!m)
      return unauthorized(
        'Authentication failed. The Authorization header is missing or is not a bearer token.',
        'invalid_request'
      )
    const token = m[1]
    if (opts.staticTokens.includes(token)) {
      const t = now()
      const first = staticFirstUse.get(token)
      if (first === undefined) staticFirstUse.set(token, t)
      else if (opts.staticTokenValidForMs != null && t - first >= opts.staticTokenValidForMs) {
        return unauthorized('Authentication failed. The access token has expired.', 'invalid_token')
      }
      return null
    }
    const payload = verifyJwt(token)
    if (!payload) return unauthorized('Authentication failed. The access token is invalid.', 'invalid_token')
    if (typeof payload.exp !== 'number' || now() >= payload.exp * 1000) {
      return unauthorized(
        `Authentication failed. The access token expired at ${new Date((payload.exp ?? 0) * 1000).toISOString()}.`,
        'invalid_token'
      )
    }
    if (normAudience(payload.aud) !== audience) {
      return unauthorized(
        `Authentication failed. The access token audience '${payload.aud}' is not valid for this API; expected '${audience}'.`,
        'invalid_token'
      )
    }
    return null
  }

  // ---------- request plumbing ----------

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent && !res.destroyed) {
        writeReply(
          res,
          undefined,
          json(500, {
            error: {
              code: 'InternalServerError',
              message: `Simulator error: ${err instanceof Error ? err.message : String(err)}`
            }
          })
        )
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handle(req, res) {
    const rawUrl = req.url ?? '/'
    const qi = rawUrl.indexOf('?')
    const rawPath = qi >= 0 ? rawUrl.slice(0, qi) : rawUrl
    const rawQuery = qi >= 0 ? rawUrl.slice(qi + 1) : ''
    const body = await readBody(req)
    /** @type {RequestRecord} */
    const rec = {
      method: req.method ?? 'GET',
      path: rawPath,
      query: Object.fromEntries(new URLSearchParams(rawQuery)),
      headers: { ...req.headers },
      body: body ?? '',
      at: now()
    }
    requests.push(rec)
    res.on('close', () => {
      try {
        opts.onRequest?.(rec)
      } catch {
        // A logging hook must not take the server down.
      }
    })
    if (body === null)
      return writeReply(
        res,
        rec,
        json(413, { error: { code: 'RequestEntityTooLarge', message: 'The request body is too large.' } })
      )

    const fault = takeFault(rec)
    if (fault) {
      rec.fault = fault.reset
        ? 'reset'
        : fault.redirect != null
          ? 'redirect'
          : fault.bodyBytes != null
            ? 'body'
            : fault.status != null
              ? 'status'
              : fault.hangMs != null && !isModifying(fault)
                ? 'hang'
                : 'modify'
      if (fault.hangMs != null && fault.hangMs > 0) {
        await hang(fault.hangMs)
        if (closed || res.destroyed) return
      }
      const handled = fault.handleFirst ? route(rec) : undefined
      if (fault.reset) {
        req.socket.destroy()
        return
      }
      if (fault.redirect != null) {
        return writeReply(res, rec, {
          status: fault.status ?? 307,
          headers: { ...faultHeaders(fault), Location: fault.redirect },
          body: ''
        })
      }
      if (fault.bodyBytes != null) return streamBody(res, rec, fault)
      if (fault.status != null) return writeReply(res, rec, modifyReply(faultReply(fault), fault))
      return writeReply(res, rec, modifyReply(handled ?? route(rec), fault))
    }
    writeReply(res, rec, route(rec))
  }

  /**
   * Headers and Retry-After of a fault, for a faulted answer or on top of the real one.
   * @param {FaultSpec} fault
   * @returns {Record<string, string | null>}
   */
  function faultHeaders(fault) {
    /** @type {Record<string, string | null>} */
    const headers = { ...(fault.headers ?? {}) }
    if (fault.retryAfter != null) headers['Retry-After'] = String(fault.retryAfter)
    if (fault.retryAfterDate != null) headers['Retry-After'] = new Date(now() + fault.retryAfterDate).toUTCString()
    return headers
  }

  /**
   * The answer with the fault's headers (a `null` value removes one) and its `nest` applied.
   * @param {Reply} reply
   * @param {FaultSpec} fault
   * @returns {Reply}
   */
  function modifyReply(reply, fault) {
    /** @type {Record<string, string>} */
    const headers = {}
    const extra = faultHeaders(fault)
    const replaced = new Set(Object.keys(extra).map((k) => k.toLowerCase()))
    for (const [k, v] of Object.entries(reply.headers)) if (!replaced.has(k.toLowerCase())) headers[k] = v
    for (const [k, v] of Object.entries(extra)) if (v != null) headers[k] = v
    let body = reply.body
    if (fault.nest != null && fault.nest > 0 && isJson(body)) {
      const value = JSON.parse(body)
      const target = Array.isArray(value) ? value[0] : value
      if (target && typeof target === 'object') {
        target.nested = '__SIM_NESTED__'
        // Written as text: JSON.stringify itself cannot write a document this deep.
        body = JSON.stringify(value).replace(
          '"__SIM_NESTED__"',
          `${'['.repeat(fault.nest)}"deep"${']'.repeat(fault.nest)}`
        )
      }
    }
    return { status: reply.status, headers, body }
  }

  /**
   * A huge (or, with Infinity, endless) body, streamed as the client reads it; stops when the
   * client goes away or the simulator closes. `rec.bytesSent` counts what was written.
   * @param {http.ServerResponse} res
   * @param {RequestRecord} rec
   * @param {FaultSpec} fault
   */
  function streamBody(res, rec, fault) {
    const total = /** @type {number} */ (fault.bodyBytes)
    rec.status = fault.status ?? 200
    rec.bytesSent = 0
    res.statusCode = rec.status
    for (const [k, v] of Object.entries(faultHeaders(fault))) if (v != null) res.setHeader(k, v)
    res.setHeader('Content-Type', fault.contentType ?? 'application/json; charset=utf-8')
    if (Number.isFinite(total)) res.setHeader('Content-Length', String(total))
    res.setHeader('x-ms-request-id', randomUUID())
    const opening = Buffer.from('{"padding":"')
    const chunk = Buffer.alloc(64 * 1024, 'x')
    const closing = Buffer.from('"}')
    const pump = () => {
      while (!closed && !res.destroyed) {
        const left = total - rec.bytesSent
        if (left <= 0) return res.end()
        let piece = rec.bytesSent === 0 ? opening : chunk
        if (Number.isFinite(total) && left <= closing.length + piece.length) {
          piece = Buffer.concat([chunk.subarray(0, Math.max(0, left - closing.length)), closing]).subarray(0, left)
        }
        rec.bytesSent += piece.length
        if (!res.write(piece)) return res.once('drain', pump)
      }
    }
    res.on('close', () => res.removeAllListeners('drain'))
    pump()
  }

  /**
   * @param {number} ms
   * @returns {Promise<void>}
   */
  function hang(ms) {
    return new Promise((resolve) => {
      // Never resolved: close() destroys the socket, which is all a never-answered request needs.
      if (!Number.isFinite(ms) || ms > MAX_TIMER) return
      const timer = setTimeout(() => {
        hangTimers.delete(timer)
        resolve()
      }, ms)
      hangTimers.add(timer)
    })
  }

  /**
   * @param {RequestRecord} rec
   */
  function takeFault(rec) {
    const i = faults.findIndex((f) => matches(rec, f))
    if (i < 0) return null
    const f = faults[i]
    f.remaining -= 1
    if (f.remaining <= 0) faults.splice(i, 1)
    return f
  }

  /**
   * @param {RequestRecord} rec
   * @returns {Reply}
   */
  function route(rec) {
    tick(now())
    const segments = splitPath(rec.path)
    if (!segments)
      return json(400, { error: { code: 'BadRequest', message: 'The request path is not correctly percent-encoded.' } })
    if (segments[0] === 'api') return routeCpp(rec, segments.slice(1))
    if (rec.path.startsWith(PI_PREFIX) || rec.path === PI_PREFIX.slice(0, -1)) return routePi(rec, segments.slice(2))
    if (segments.length === 3 && segments[0] === '_github' && segments[1] === 'oidc' && segments[2] === 'token')
      return oidcToken(rec)
    if (segments[0] === '_github' && segments[1] === 'api') return github.route(rec, segments.slice(2))
    if (segments.length === 2 && segments[0] === '_sim' && segments[1] === 'health') return json(200, { ok: true })
    if (
      segments.length === 4 &&
      lower(segments[1]) === 'oauth2' &&
      lower(segments[2]) === 'v2.0' &&
      lower(segments[3]) === 'token'
    ) {
      return rec.method === 'POST' ? entraToken(rec, segments[0], 2) : methodNotAllowed()
    }
    if (segments.length === 3 && lower(segments[1]) === 'oauth2' && lower(segments[2]) === 'token') {
      return rec.method === 'POST' ? entraToken(rec, segments[0], 1) : methodNotAllowed()
    }
    return json(404, { error: { code: 'NotFound', message: `No resource matches ${rec.method} ${rec.path}.` } })
  }

  // ---------- CPP ----------

  /**
   * @param {RequestRecord} rec
   * @param {string[]} seg path segments after `api`
   * @returns {Reply}
   */
  function routeCpp(rec, seg) {
    const notFound = () =>
      json(404, { error: { code: 'NotFound', message: `No resource matches ${rec.method} ${rec.path}.` } })

    // /api/operations/{p}${o}$2$preview
    if (seg.length === 2 && lower(seg[0]) === 'operations') {
      if (rec.method !== 'GET') return methodNotAllowed()
      return withCppChecks(rec, false, () => {
        const m = /^([^$]+)\$([^$]+)\$2\$preview$/.exec(seg[1])
        if (!m) return cppNotFound(`Operation '${seg[1]}' was not found.`)
        const found = lookupOffer(m[1], m[2])
        if ('reply' in found) return found.reply
        const latest = operations.filter((o) => sameOffer(o, found.offer)).at(-1)
        if (!latest) return cppNotFound(`No operation was found on offer '${m[2]}'.`)
        return operationReply(latest, seg[1])
      })
    }

    if (seg.length < 5 || lower(seg[0]) !== 'publishers' || lower(seg[2]) !== 'offers') return notFound()
    const [, publisherId, , offerId, action, ...rest] = seg
    const act = lower(action)

    if (act === 'operations' && rest.length === 1) {
      if (rec.method !== 'GET') return methodNotAllowed()
      // The legacy absolute Operation-Location carries no api-version, and this path is the same.
      return withCppChecks(rec, true, () => {
        const found = lookupOffer(publisherId, offerId)
        if ('reply' in found) return found.reply
        const op = operations.find((o) => o.id === rest[0] && sameOffer(o, found.offer))
        if (!op) return cppNotFound(`Operation '${rest[0]}' was not found on offer '${offerId}'.`)
        return operationReply(op, op.id)
      })
    }
    if (rest.length !== 0) return notFound()

    switch (act) {
      case 'golive':
        if (rec.method !== 'POST') return methodNotAllowed()
        return withCppChecks(rec, false, () => goLive(publisherId, offerId))
      case 'cancel':
        if (rec.method !== 'POST') return methodNotAllowed()
        return withCppChecks(rec, false, () => cancel(rec, publisherId, offerId))
      case 'submissions':
        if (rec.method !== 'GET') return methodNotAllowed()
        return withCppChecks(rec, false, () => submissions(rec, publisherId, offerId))
      case 'status':
        if (rec.method !== 'GET') return methodNotAllowed()
        return withCppChecks(rec, false, () => offerStatus(publisherId, offerId))
      default:
        return notFound()
    }
  }

  /**
   * @param {RequestRecord} rec
   * @param {boolean} versionOptional
   * @param {() => Reply} handler
   * @returns {Reply}
   */
  function withCppChecks(rec, versionOptional, handler) {
    const denied = checkBearer(rec, CPP_AUDIENCE)
    if (denied) return denied
    const v = rec.query['api-version']
    if (!(versionOptional && v === undefined) && v !== opts.apiVersion) {
      return json(400, {
        error: { code: 'InvalidAPIVersion', message: `Invalid api version. Allowed values are [${opts.apiVersion}]` }
      })
    }
    return handler()
  }

  /**
   * @param {string} publisherId
   * @param {string} offerId
   * @returns {{ offer: SimOffer } | { reply: Reply }}
   */
  function lookupOffer(publisherId, offerId) {
    const offers = opts.offers ?? []
    if (!offers.some((o) => o.publisherId === publisherId)) {
      return { reply: cppNotFound(`Publisher '${publisherId}' was not found.`) }
    }
    const offer = offers.find((o) => o.publisherId === publisherId && o.offerId === offerId)
    if (!offer) return { reply: cppNotFound(`Offer '${offerId}' was not found for publisher '${publisherId}'.`) }
    return { offer }
  }

  /** @param {SimOffer} offer */
  function runningGoLive(offer) {
    return operations.find(
      (o) => o.kind === 'golive' && sameOffer(o, offer) && (o.status === 'notStarted' || o.status === 'running')
    )
  }

  /**
   * @param {string} publisherId
   * @param {string} offerId
   * @returns {Reply}
   */
  function goLive(publisherId, offerId) {
    const found = lookupOffer(publisherId, offerId)
    if ('reply' in found) return found.reply
    const { offer } = found
    if (runningGoLive(offer)) {
      if (opts.inFlightAnswer === 400) {
        return json(400, {
          error: {
            code: 'BadRequest',
            message: `Cannot start Go Live: an operation is in progress on offer ${offerId}. Wait for it to complete or cancel it.`
          }
        })
      }
      return json(409, {
        error: { code: 'Conflict', message: `An operation is already in progress on offer ${offerId}.` }
      })
    }
    if (!offer.ready) {
      return json(400, {
        error: {
          code: 'BadRequest',
          message:
            'The offer has no approved preview waiting for publisher sign-off. Publish the offer to preview first.'
        }
      })
    }
    const op = createGoLive(offer, now())
    return { status: 202, headers: { ...locationHeaders(op), ...retryAfterHeader() }, body: '' }
  }

  /**
   * @param {RequestRecord} rec
   * @param {string} publisherId
   * @param {string} offerId
   * @returns {Reply}
   */
  function cancel(rec, publisherId, offerId) {
    const found = lookupOffer(publisherId, offerId)
    if ('reply' in found) return found.reply
    const { offer } = found
    if (rec.body.trim() !== '') {
      try {
        JSON.parse(rec.body)
      } catch {
        return json(400, { error: { code: 'BadRequest', message: 'The request body is not valid JSON.' } })
      }
    }
    const t = now()
    const immediate = opts.cancelAnswer === 200
    const cancelMs = immediate ? 0 : opts.cancelMs
    const target = runningGoLive(offer)
    if (target && target.cancelRequestedAt == null) {
      target.cancelRequestedAt = t
      target.cancelEffectiveAt = t + cancelMs
      target.status = goLiveProgress(target, t).status
    }
    const style = styleFor(offer)
    const id = randomUUID()
    /** @type {SimOperation} */
    const op = {
      id,
      publisherId: offer.publisherId,
      offerId: offer.offerId,
      kind: 'cancel',
      createdAt: t,
      status: cancelMs > 0 ? 'running' : 'canceled',
      locationPath: locationPathFor(style, offer, id),
      style,
      finalStatus: 'canceled',
      notStartedMs: 0,
      operationMs: 0,
      cancelMs,
      cancelRequestedAt: null,
      cancelEffectiveAt: null,
      targetId: target?.id ?? null,
      publishingVersion: target?.publishingVersion ?? 1
    }
    operations.push(op)
    if (immediate) return { status: 200, headers: {}, body: '' }
    return { status: 202, headers: locationHeaders(op), body: '' }
  }

  /**
   * @param {RequestRecord} rec
   * @param {string} publisherId
   * @param {string} offerId
   * @returns {Reply}
   */
  function submissions(rec, publisherId, offerId) {
    const found = lookupOffer(publisherId, offerId)
    if ('reply' in found) return found.reply
    const { offer } = found
    const key = `${offer.publisherId}/${offer.offerId}`
    let stagingId = stagingIds.get(key)
    if (!stagingId) {
      stagingId = randomUUID()
      stagingIds.set(key, stagingId)
    }
    const t = now()
    const list = [
      {
        id: stagingId,
        offerId: offer.offerId,
        publisherId: offer.publisherId,
        submissionType: 'publish',
        submissionState: 'completed',
        slot: 'staging',
        changedTime: '2024-01-15T09:30:00.0000000Z'
      },
      ...operations
        .filter((o) => o.kind === 'golive' && sameOffer(o, offer))
        .map((o) => {
          const p = goLiveProgress(o, t)
          return {
            id: o.id,
            offerId: o.offerId,
            publisherId: o.publisherId,
            submissionType: 'goLive',
            submissionState: submissionState(p.status),
            slot: 'production',
            changedTime: iso7(p.lastActionAt)
          }
        })
    ]
    const wanted = rec.query.status ?? rec.query.submissionState
    const filtered = wanted === undefined ? list : list.filter((s) => lower(s.submissionState) === lower(wanted))
    return json(200, filtered)
  }

  /**
   * @param {string} publisherId
   * @param {string} offerId
   * @returns {Reply}
   */
  function offerStatus(publisherId, offerId) {
    const found = lookupOffer(publisherId, offerId)
    if ('reply' in found) return found.reply
    const { offer } = found
    const running = runningGoLive(offer)
    const t = now()
    const done = () => 'complete'
    /** @type {(id: string) => string} */
    let stepStatus
    let status
    if (running) {
      status = 'running'
      stepStatus = (id) => (id === 'live' ? 'inProgress' : done())
    } else if (offer.ready) {
      status = 'waitingForPublisherReview'
      stepStatus = (id) =>
        id === 'live' ? 'notStarted' : id === 'publisher-signoff' ? 'waitingForPublisherReview' : done()
    } else {
      status = 'neverPublished'
      stepStatus = () => 'notStarted'
    }
    const defs = [
      ['displaydummycertify', 'Validate Pre-Requisites', 'Offer settings provided are validated', '< 15 min'],
      ['certification', 'Certification', 'Microsoft certifies the offer against the marketplace policies', '< 5 day'],
      ['packaging', 'Packaging', 'Offer resources are packaged and replicated', '< 1 day'],
      [
        'preview-creation',
        'Preview Creation',
        'A preview of the offer is created for the publisher to review',
        '< 1 day'
      ],
      ['publisher-signoff', 'Publisher signoff', 'The publisher reviews the preview and selects Go Live', ''],
      ['live', 'Live', 'The offer is published to the marketplace', '~2-5 days']
    ]
    const steps = defs.map(([id, stepName, description, estimatedTimeFrame]) => {
      const s = stepStatus(id)
      return {
        id,
        stepName,
        description,
        estimatedTimeFrame,
        status: spellStep(s),
        progressPercentage: s === 'complete' ? 100 : 0,
        messages:
          s === 'waitingForPublisherReview'
            ? [message('The preview is ready. Review it, then select Go Live.', 'information', t)]
            : []
      }
    })
    return json(200, { status: caseStatus(status), messages: [], steps, ...linksFor(offer, false) })
  }

  /**
   * @param {SimOperation} op
   * @param {string} idShown
   * @returns {Reply}
   */
  function operationReply(op, idShown) {
    const doc = op.kind === 'golive' ? goLiveDocument(op, idShown, now()) : cancelDocument(op, idShown, now())
    return json(200, opts.wrapOperationInArray ? [doc] : doc, retryAfterHeader())
  }

  /**
   * @param {SimOperation} op
   * @param {string} idShown
   * @param {number} t
   */
  function goLiveDocument(op, idShown, t) {
    const p = goLiveProgress(op, t)
    const inject = typeof opts.injectMessage === 'string' ? opts.injectMessage : null
    const steps = p.steps.map((s, i) => {
      const def = GOLIVE_STEPS[i]
      /** @type {unknown[]} */
      const messages = []
      if (s.startedAt != null) messages.push(message(def.startedText, 'information', s.startedAt))
      if (s.status === 'complete' && s.endedAt != null) messages.push(message(def.doneText, 'information', s.endedAt))
      if (s.status === 'failed' && s.endedAt != null) {
        // As in the docs' own example: an error and an information message at the same instant,
        // the information one last. The error is what a person must see.
        messages.push(message(FAILURE_TEXT, 'error', s.endedAt))
        messages.push(message('Step processing finished.', 'information', s.endedAt))
      }
      if (s.status === 'canceled' && s.endedAt != null)
        messages.push(message('The operation was canceled.', 'warning', s.endedAt))
      if (inject !== null && i === p.currentIdx)
        messages.push(message(inject, 'information', Math.min(t, p.lastActionAt)))
      return {
        id: def.id,
        stepName: inject !== null && i === FAILING_STEP ? `${def.stepName} ${inject}` : def.stepName,
        description: def.description,
        estimatedTimeFrame: def.estimatedTimeFrame,
        status: spellStep(s.status === 'failed' ? opts.failedStepStatus : s.status),
        progressPercentage: s.pct,
        messages
      }
    })
    const error =
      p.status === 'failed'
        ? {
            code: 'CertificationFailed',
            message: `The offer failed certification.${inject !== null ? ` ${inject}` : ''}`
          }
        : { code: '', message: '' }
    return {
      id: idShown,
      submissionType: 'GoLive',
      createdDateTime: iso7(op.createdAt),
      lastActionDateTime: iso7(p.lastActionAt),
      status: spellStatus(p.status),
      error,
      publishingVersion: op.publishingVersion,
      offerVersion: 1,
      cancellationRequestState: isTerminal(p.status)
        ? 'cannotCancel'
        : op.cancelRequestedAt != null
          ? 'cancelRequested'
          : 'canCancel',
      steps,
      ...linksFor(op, p.status === 'succeeded')
    }
  }

  /**
   * `previewLinks` / `liveLinks`: empty as Learn shows them, or filled as objects or strings.
   * @param {{ publisherId: string, offerId: string }} offer
   * @param {boolean} live
   */
  function linksFor(offer, live) {
    if (opts.links === 'empty') return { previewLinks: [], liveLinks: [] }
    const p = encodeURIComponent(offer.publisherId)
    const o = encodeURIComponent(offer.offerId)
    const preview = {
      displayText: 'Preview',
      uri: `https://azuremarketplace.microsoft.com/marketplace/apps/${p}.${o}-preview`
    }
    const listing = {
      displayText: 'Marketplace listing',
      uri: `https://azuremarketplace.microsoft.com/marketplace/apps/${p}.${o}`
    }
    const shape = (/** @type {{ displayText: string, uri: string }} */ link) =>
      opts.links === 'strings' ? link.uri : link
    return { previewLinks: [shape(preview)], liveLinks: live ? [shape(listing)] : [] }
  }

  /**
   * @param {SimOperation} op
   * @param {string} idShown
   * @param {number} t
   */
  function cancelDocument(op, idShown, t) {
    const status = cancelProgress(op, t)
    const doneAt = op.createdAt + op.cancelMs
    const pct =
      status === 'canceled' ? 100 : Math.min(99, Math.floor(((t - op.createdAt) / Math.max(1, op.cancelMs)) * 100))
    const messages = [
      message(
        op.targetId ? 'Cancellation requested.' : 'Cancellation requested; no operation was running.',
        'information',
        op.createdAt
      )
    ]
    if (status === 'canceled') messages.push(message('The operation was canceled.', 'information', doneAt))
    return {
      id: idShown,
      submissionType: 'Cancel',
      createdDateTime: iso7(op.createdAt),
      lastActionDateTime: iso7(status === 'canceled' ? doneAt : op.createdAt),
      status: spellStatus(status),
      error: { code: '', message: '' },
      publishingVersion: op.publishingVersion,
      offerVersion: 1,
      cancellationRequestState: 'cannotCancel',
      steps: [
        {
          id: 'cancel',
          stepName: 'Cancel',
          description: 'The running operation is canceled',
          estimatedTimeFrame: '1-3 min',
          status: spellStep(status === 'canceled' ? 'complete' : 'inProgress'),
          progressPercentage: pct,
          messages: messages.map((m) => m)
        }
      ],
      previewLinks: [],
      liveLinks: []
    }
  }

  /**
   * @param {string} text
   * @param {string} level
   * @param {number} at
   */
  function message(text, level, at) {
    return opts.messageStyle === 'string' ? text : { messageHtml: text, level, timestamp: iso7(at) }
  }

  /** @param {SimOffer} offer */
  function styleFor(offer) {
    if (opts.locationStyle === 'legacy') return 'legacy'
    if (offer.migrated === false) return 'non-migrated'
    return opts.locationStyle
  }

  /**
   * @param {'migrated' | 'non-migrated' | 'legacy'} style
   * @param {{ publisherId: string, offerId: string }} offer
   * @param {string} id
   */
  function locationPathFor(style, offer, id) {
    const p = encodeURIComponent(offer.publisherId)
    const o = encodeURIComponent(offer.offerId)
    if (style === 'non-migrated') return `/api/operations/${p}$${o}$2$preview?api-version=${opts.apiVersion}`
    if (style === 'legacy') return `/api/publishers/${p}/offers/${o}/operations/${id}`
    return `/api/publishers/${p}/offers/${o}/operations/${id}?api-version=${opts.apiVersion}`
  }

  /**
   * @param {SimOperation} op
   * @returns {Record<string, string>}
   */
  function locationHeaders(op) {
    if (op.style === 'legacy')
      return { 'Operation-Location': `${(opts.legacyOrigin ?? url).replace(/\/+$/, '')}${op.locationPath}` }
    return { Location: op.locationPath }
  }

  /** @returns {Record<string, string>} */
  function retryAfterHeader() {
    return opts.retryAfter == null ? {} : { 'Retry-After': String(opts.retryAfter) }
  }

  /** @param {CanonicalStatus} s */
  function spellStatus(s) {
    const spelled =
      s === 'notStarted'
        ? opts.notStartedSpelling
        : s === 'succeeded'
          ? opts.successSpelling
          : s === 'canceled'
            ? opts.canceledSpelling
            : s
    return caseStatus(spelled)
  }

  /** @param {string} s */
  function spellStep(s) {
    return caseStatus(s === 'canceled' ? opts.canceledSpelling : s)
  }

  /** @param {string} s */
  function caseStatus(s) {
    if (opts.statusCase === 'upper') return s.toUpperCase()
    if (opts.statusCase === 'title' || opts.statusCase === 'pascal')
      return s
        .split(' ')
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join(' ')
    return s
  }

  /** @param {string} message */
  function cppNotFound(message) {
    return json(404, { error: { code: 'NotFound', message } })
  }

  // ---------- Entra ----------

  /**
   * @param {RequestRecord} rec
   * @param {string} tenant
   * @param {1 | 2} version
   * @returns {Reply}
   */
  function entraToken(rec, tenant, version) {
    const form = new URLSearchParams(rec.body)
    const correlation = headerValue(rec.headers['client-request-id']) ?? randomUUID()
    /**
     * @param {number} status
     * @param {string} error
     * @param {number} code
     * @param {string} description
     */
    const fail = (status, error, code, description) => {
      const ts = new Date(now())
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z')
      const trace = randomUUID()
      return json(status, {
        error,
        error_description: `AADSTS${code}: ${description} Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: ${ts}`,
        error_codes: [code],
        timestamp: ts,
        trace_id: trace,
        correlation_id: correlation,
        error_uri: `${url}/error?code=${code}`
      })
    }
    const tenantKnown = opts.tenants.some((t) => lower(t) === lower(tenant))
    if (!tenantKnown) {
      return fail(
        400,
        'invalid_request',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`
      )
    }
    const grantType = form.get('grant_type')
    if (!grantType)
      return fail(
        400,
        'invalid_request',
        900144,
        "The request body must contain the following parameter: 'grant_type'."
      )
    if (grantType !== 'client_credentials') {
      return fail(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`)
    }
    const clientId = form.get('client_id')
    if (!clientId)
      return fail(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.")
    const app = opts.apps.find((a) => lower(a.clientId) === lower(clientId))
    if (!app) {
      return fail(
        400,
        'unauthorized_client',
        700016,
        `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`
      )
    }

    let audience
    if (version === 2) {
      const scope = (form.get('scope') ?? '').trim()
      audience =
        scope === `${CPP_AUDIENCE}/.default`
          ? CPP_AUDIENCE
          : scope === `${GRAPH_AUDIENCE}/.default`
            ? GRAPH_AUDIENCE
            : null
      if (!audience) {
        return fail(
          400,
          'invalid_scope',
          70011,
          `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`
        )
      }
    } else {
      const resource = (form.get('resource') ?? '').trim()
      audience = normAudience(resource)
      if (audience !== CPP_AUDIENCE && audience !== GRAPH_AUDIENCE) {
        return fail(
          400,
          'invalid_resource',
          70011,
          `The provided value for the input parameter 'resource' is not valid. The resource '${resource}' is not valid.`
        )
      }
    }

    const secret = form.get('client_secret')
    const assertion = form.get('client_assertion')
    if (secret !== null) {
      if (!app.clientSecret || secret !== app.clientSecret) {
        return fail(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`
        )
      }
    } else if (assertion !== null) {
      if (form.get('client_assertion_type') !== JWT_BEARER) {
        return fail(400, 'invalid_request', 50027, `The client_assertion_type must be '${JWT_BEARER}'.`)
      }
      // Signatures are not checked: the simulator only models the federation rules, not key trust.
      const claims = decodeJwtPayload(assertion)
      if (!claims) return fail(400, 'invalid_client', 50027, 'JWT token is invalid or malformed.')
      const aud = Array.isArray(claims.aud) ? claims.aud[0] : claims.aud
      if (aud !== FIC_AUDIENCE) {
        return fail(
          400,
          'invalid_request',
          700212,
          `No matching federated identity record found for presented assertion audience '${aud}'. Please note that the matching is done using a case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`
        )
      }
      if (typeof claims.exp === 'number' && now() >= claims.exp * 1000) {
        return fail(400, 'invalid_client', 700024, 'Client assertion is not within its valid time range.')
      }
      const issuer = opts.oidc.issuer ?? GITHUB_ISSUER
      if (claims.iss !== issuer || !(app.federatedSubjects ?? []).includes(claims.sub)) {
        return fail(
          400,
          'invalid_request',
          70021,
          `No matching federated identity record found for presented assertion. Assertion Issuer: '${claims.iss}'. Assertion Subject: '${claims.sub}'. Assertion Audience: '${FIC_AUDIENCE}'. https://learn.microsoft.com/entra/workload-id/workload-identity-federation`
        )
      }
    } else {
      return fail(
        400,
        'invalid_client',
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
      )
    }

    const tid = isGuid(tenant) ? tenant : (opts.tenants.find(isGuid) ?? tenant)
    const lifetime = opts.tokenLifetimeSec
    const accessToken = issueToken({ audience, lifetimeSec: lifetime, tenantId: tid, clientId: app.clientId })
    if (version === 2) {
      return json(200, {
        token_type: 'Bearer',
        expires_in: lifetime,
        ext_expires_in: lifetime,
        access_token: accessToken
      })
    }
    const nowSec = Math.floor(now() / 1000)
    /** @param {number} n */
    const num = (n) => (opts.v1StringNumbers ? String(n) : n)
    return json(200, {
      token_type: 'Bearer',
      expires_in: num(lifetime),
      ext_expires_in: num(lifetime),
      expires_on: num(nowSec + lifetime),
      not_before: num(nowSec),
      resource: form.get('resource'),
      access_token: accessToken
    })
  }

  // ---------- GitHub OIDC ----------

  /**
   * @param {RequestRecord} rec
   * @returns {Reply}
   */
  function oidcToken(rec) {
    if (rec.method !== 'GET') return methodNotAllowed()
    const header = headerValue(rec.headers.authorization) ?? ''
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (!m || m[1] !== opts.oidc.requestToken)
      return json(401, { message: 'Unauthorized: the ID token request token is missing or not valid.' })
    const subject = opts.oidc.subject
    const repo = /^repo:([^:]+)/.exec(subject)?.[1] ?? 'contoso/offer-release'
    const owner = repo.split('/')[0]
    const environment = /:environment:([^:]+)/.exec(subject)?.[1]
    const t = now()
    const iat = Math.floor(t / 1000)
    return json(200, {
      value: signJwt({
        jti: randomUUID(),
        sub: subject,
        aud: rec.query.audience ?? `https://github.com/${owner}`,
        iss: opts.oidc.issuer ?? GITHUB_ISSUER,
        iat,
        nbf: iat,
        exp: (t + (opts.oidc.lifetimeSec ?? 300) * 1000) / 1000,
        repository: repo,
        repository_owner: owner,
        ...(environment ? { environment } : {}),
        ref: 'refs/heads/main',
        event_name: 'workflow_dispatch',
        runner_environment: 'github-hosted'
      }),
      count: 1
    })
  }

  // ---------- Product Ingestion ----------

  /**
   * @param {RequestRecord} rec
   * @param {string[]} seg path segments after `rp/product-ingestion`
   * @returns {Reply}
   */
  function routePi(rec, seg) {
    const notFound = () => piError(404, 'notFound', `No resource matches ${rec.method} ${rec.path}.`)
    /** @param {() => Reply} handler */
    const checked = (handler) => {
      const denied = checkBearer(rec, GRAPH_AUDIENCE)
      if (denied) return denied
      const version = rec.query.$version
      if (version !== undefined && opts.piRetiredVersions.includes(version)) {
        // Word for word what the service answered once 2022-03-01-preview3 was retired.
        return piError(400, 'badRequest', `"${version} is a deprecated schema"`)
      }
      if (version === undefined || !opts.piVersions.includes(version)) {
        return piError(
          400,
          'badRequest',
          `The query parameter '$version' is required and must be one of: ${opts.piVersions.join(', ')}.`
        )
      }
      return handler()
    }
    const head = lower(seg[0] ?? '')
    if (head === 'submission' && (seg.length === 2 || seg.length === 3)) {
      if (rec.method !== 'GET') return methodNotAllowed()
      return checked(() => {
        const product = findProduct(seg[1])
        if (!product) return piError(404, 'notFound', `Product '${seg[1]}' was not found.`)
        if (seg.length === 2) return submissionPage(rec, product)
        const sub = product.submissions.find((s) => s.id === `submission/${product.productId}/${seg[2]}`)
        if (!sub)
          return piError(404, 'notFound', `Submission '${seg[2]}' was not found for product '${product.productId}'.`)
        return json(200, sub)
      })
    }
    if (head === 'configure' && seg.length === 1) {
      if (rec.method !== 'POST') return methodNotAllowed()
      return checked(() => configure(rec))
    }
    if (head === 'configure' && seg.length === 2) {
      if (rec.method !== 'GET') return methodNotAllowed()
      return checked(() => {
        const job = jobs.find((j) => lower(j.jobId) === lower(seg[1]))
        if (!job) return piError(404, 'notFound', `Job '${seg[1]}' was not found.`)
        return json(200, { ...jobView(job), resources: job.resources })
      })
    }
    if (head === 'configure' && seg.length === 3 && lower(seg[2]) === 'status') {
      if (rec.method !== 'GET') return methodNotAllowed()
      return checked(() => {
        const job = jobs.find((j) => lower(j.jobId) === lower(seg[1]))
        if (!job) return piError(404, 'notFound', `Job '${seg[1]}' was not found.`)
        return json(200, jobView(job))
      })
    }
    if (head === 'configure' && seg.length === 3 && lower(seg[2]) === 'cancel') {
      if (rec.method !== 'POST') return methodNotAllowed()
      return checked(() => {
        const job = jobs.find((j) => lower(j.jobId) === lower(seg[1]))
        if (!job) return piError(404, 'notFound', `Job '${seg[1]}' was not found.`)
        if (job.jobStatus === 'completed')
          return piError(400, 'badRequest', 'Cannot cancel job, job has already completed.')
        job.canceledAt = now()
        advanceJob(job, job.canceledAt)
        return json(200, jobView(job))
      })
    }
    return notFound()
  }

  /**
   * @param {RequestRecord} rec
   * @returns {Reply}
   */
  function configure(rec) {
    /** @type {any} */
    let body
    try {
      body = JSON.parse(rec.body)
    } catch {
      return piError(400, 'badRequest', 'The request body is not valid JSON.')
    }
    // The envelope may follow $version; a submission resource is preview2 whatever $version is.
    const versions = [...new Set([PI_SUBMISSION_SCHEMA_VERSION, rec.query.$version ?? ''])].map(escapeRegExp)
    const schemaRe = (/** @type {string} */ kind, /** @type {string[]} */ allowed) =>
      new RegExp(
        `^https://(schema\\.mp\\.microsoft\\.com|product-ingestion\\.azureedge\\.net)/schema/${kind}/(${allowed.join('|')})$`
      )
    if (
      !body ||
      typeof body !== 'object' ||
      typeof body.$schema !== 'string' ||
      !schemaRe('configure', versions).test(body.$schema)
    ) {
      return schemaError(
        `The request body must have "$schema": "https://schema.mp.microsoft.com/schema/configure/${PI_SUBMISSION_SCHEMA_VERSION}" (or configure/{$version}).`
      )
    }
    if (!Array.isArray(body.resources) || body.resources.length === 0) {
      return piError(400, 'badRequest', 'The request body must list at least one resource in "resources".')
    }
    /** @type {{ product: { productId: string, submissions: PiSubmission[] }, id: string }[]} */
    const accepted = []
    for (const r of body.resources) {
      if (!r || typeof r !== 'object') return piError(400, 'badRequest', 'Each resource must be an object.')
      if (
        typeof r.$schema !== 'string' ||
        !schemaRe('submission', [escapeRegExp(PI_SUBMISSION_SCHEMA_VERSION)]).test(r.$schema)
      ) {
        return schemaError(
          `Resource "$schema" must be "https://schema.mp.microsoft.com/schema/submission/${PI_SUBMISSION_SCHEMA_VERSION}".`
        )
      }
      const m = typeof r.id === 'string' ? /^submission\/([^/]+)\/([^/]+)$/.exec(r.id) : null
      if (!m)
        return piError(
          400,
          'badRequest',
          `Resource id '${r.id}' is not of the form submission/{productId}/{submissionId}.`
        )
      const product = findProduct(m[1])
      if (!product) return piError(400, 'badRequest', `Product '${m[1]}' referenced by '${r.id}' was not found.`)
      if (r.product !== `product/${product.productId}`) {
        return piError(400, 'badRequest', `Resource 'product' must be 'product/${product.productId}' for '${r.id}'.`)
      }
      if (!r.target || r.target.targetType !== 'live') {
        return piError(400, 'badRequest', `Resource '${r.id}' must have target {"targetType":"live"} to go live.`)
      }
      // A submission that went live is listed twice (preview and live, one ID): the preview is pushed.
      const same = product.submissions.filter((s) => s.id === `submission/${product.productId}/${m[2]}`)
      const sub = same.find((s) => s.target?.targetType === 'preview') ?? same[0]
      if (!sub) return piError(400, 'badRequest', `Submission '${r.id}' was not found.`)
      if (sub.target?.targetType !== 'preview' || sub.status !== 'completed' || sub.result !== 'succeeded') {
        return piError(
          400,
          'badRequest',
          `Submission '${r.id}' is not a completed, succeeded preview submission and cannot be published live.`
        )
      }
      const busy =
        product.submissions.some((s) => s.target?.targetType === 'live' && s.status === 'running') ||
        jobs.some((j) => j.jobStatus !== 'completed' && j.productIds.includes(product.productId))
      if (busy) {
        const status = opts.piConflictStatus === 400 ? 400 : 409
        return piError(
          status,
          status === 409 ? 'conflict' : 'badRequest',
          `A submission is already in progress for product '${product.productId}'. Wait for it to complete.`
        )
      }
      accepted.push({ product, id: r.id })
    }
    const t = now()
    /** @type {SimJob} */
    const job = {
      jobId: randomUUID(),
      productIds: [...new Set(accepted.map((a) => a.product.productId))],
      resourceIds: accepted.map((a) => a.id),
      resources: body.resources,
      createdAt: t,
      jobStatus: 'notStarted',
      jobResult: 'pending',
      errors: [],
      endedAt: null,
      canceledAt: null,
      liveSubmissionIds: [],
      jobMs: opts.jobMs,
      finalResult: opts.jobResult,
      liveMs: opts.liveMs,
      liveResult: opts.liveResult
    }
    jobs.push(job)
    advanceJob(job, t)
    return json(202, jobView(job), {
      Location: `${PI_PREFIX}configure/${job.jobId}/status?$version=${rec.query.$version}`
    })
  }

  /** @param {SimJob} job */
  function jobView(job) {
    return {
      $schema: `https://schema.mp.microsoft.com/schema/configure-status/${PI_SUBMISSION_SCHEMA_VERSION}`,
      [opts.piJobIdKey === 'jobID' ? 'jobID' : 'jobId']: job.jobId,
      jobStatus: job.jobStatus,
      jobResult: job.jobResult,
      jobStart: iso7(job.createdAt),
      // .NET's default date until the job ends, as the service writes it.
      jobEnd: job.endedAt != null ? iso7(job.endedAt) : '0001-01-01T00:00:00',
      errors: job.errors
    }
  }

  /**
   * One page of a product's submissions: in the knob's order, `$maxpagesize` (or `piPageSize`)
   * entries, and an `@nextLink` carrying a `continuationToken` while more remain.
   * @param {RequestRecord} rec
   * @param {{ productId: string, submissions: PiSubmission[] }} product
   * @returns {Reply}
   */
  function submissionPage(rec, product) {
    let offset = 0
    let rotation
    const token = rec.query.continuationToken
    if (token !== undefined) {
      const state = decodeToken(token)
      if (!state) return piError(400, 'badRequest', 'The continuationToken is not valid.')
      offset = state.o
      rotation = state.r
    } else {
      rotation = listRequests++
    }
    let list = product.submissions.slice()
    if (opts.piListOrder === 'reversed') list.reverse()
    if (opts.piListOrder === 'rotate' && list.length) {
      const by = rotation % list.length
      list = [...list.slice(by), ...list.slice(0, by)]
    }
    const asked = Number(rec.query.$maxpagesize)
    const size = Number.isInteger(asked) && asked > 0 ? asked : opts.piPageSize
    if (!size) return json(200, { value: list })
    const value = list.slice(offset, offset + size)
    if (offset + size >= list.length) return json(200, { value })
    const query = [
      `$version=${rec.query.$version}`,
      ...(rec.query.$maxpagesize !== undefined ? [`$maxpagesize=${encodeURIComponent(rec.query.$maxpagesize)}`] : []),
      `continuationToken=${encodeToken({ o: offset + size, r: rotation })}`
    ].join('&')
    const path = `submission/${product.productId}?${query}`
    const nextLink =
      opts.piNextLink === 'relative'
        ? path
        : opts.piNextLink === 'path'
          ? `${PI_PREFIX}${path}`
          : opts.piNextLink === 'query'
            ? `?${query}`
            : `${url}${PI_PREFIX}${path}`
    return json(200, { value, '@nextLink': nextLink })
  }

  /** @param {string} productId */
  function findProduct(productId) {
    return products.find((p) => lower(p.productId) === lower(productId))
  }

  // ---------- start ----------

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve(undefined)
    })
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('simulator: server has no TCP address')
  url = `http://127.0.0.1:${address.port}`

  /** @type {Simulator} */
  const sim = {
    url,
    oidcRequestUrl: `${url}/_github/oidc/token?api-version=2.0`,
    githubApiUrl: `${url}/_github/api`,
    github,
    options: opts,
    set(patch) {
      const { oidc, ...rest } = patch
      Object.assign(opts, rest)
      if (oidc) opts.oidc = { ...opts.oidc, ...oidc }
      if ('products' in patch) seedProducts()
    },
    requests,
    count(pred) {
      if (!pred) return requests.length
      if (typeof pred === 'function') return requests.filter(pred).length
      return requests.filter((r) => matches(r, pred)).length
    },
    fault(spec) {
      faults.push({ ...spec, remaining: spec.times ?? 1 })
    },
    issueToken,
    get operations() {
      tick(now())
      return operations
    },
    get jobs() {
      tick(now())
      return jobs
    },
    get products() {
      tick(now())
      return products
    },
    close() {
      if (closed) return Promise.resolve()
      closed = true
      for (const timer of hangTimers) clearTimeout(timer)
      hangTimers.clear()
      return new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      })
    }
  }
  return sim
}

// ---------- pure helpers ----------

/**
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} Reply
 */

/**
 * @param {number} status
 * @param {unknown} value
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
function json(status, value, headers = {}) {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value)
  }
}

/**
 * @param {number} status
 * @param {string} code
 * @param {string} message
 */
function piError(status, code, message) {
  return json(status, { error: { code, message, details: [] } })
}

/**
 * A configure body the schema refuses: the words a person needs are in `details`.
 * @param {string} message
 */
function schemaError(message) {
  return json(400, {
    error: {
      code: 'badRequest',
      message: 'Invalid configuration: schema validation failed',
      details: [{ code: 'schemaValidationError', message }]
    }
  })
}

/** @param {{ o: number, r: number }} state */
function encodeToken(state) {
  return Buffer.from(JSON.stringify(state), 'utf8').toString('base64url')
}

/**
 * @param {string} token
 * @returns {{ o: number, r: number } | null}
 */
function decodeToken(token) {
  try {
    const state = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
    return Number.isInteger(state?.o) && state.o >= 0 && Number.isInteger(state?.r) ? state : null
  } catch {
    return null
  }
}

/**
 * The newest completed, succeeded preview entry of a product.
 * @param {{ submissions: PiSubmission[] }} product
 */
function newestSucceededPreview(product) {
  return product.submissions
    .filter((s) => s.target?.targetType === 'preview' && s.status === 'completed' && s.result === 'succeeded')
    .sort((a, b) => Date.parse(b.created) - Date.parse(a.created))[0]
}

/**
 * @param {string} message
 * @param {string} error OAuth error for the WWW-Authenticate challenge
 */
function unauthorized(message, error) {
  return json(
    401,
    { error: { code: 'Unauthorized', message } },
    { 'WWW-Authenticate': `Bearer error="${error}", error_description="${message.replace(/"/g, "'")}"` }
  )
}

function methodNotAllowed() {
  return json(405, {
    error: { code: 'MethodNotAllowed', message: 'The HTTP method is not supported on this resource.' }
  })
}

/** @type {Record<number, [string, string]>} */
const FAULT_TEXT = {
  400: ['BadRequest', 'The request is not valid.'],
  401: ['Unauthorized', 'Authentication failed.'],
  403: ['Forbidden', 'The service principal has no access to this publisher account.'],
  404: ['NotFound', 'The resource was not found.'],
  409: ['Conflict', 'The request conflicts with the current state of the resource.'],
  429: ['TooManyRequests', 'Too many requests. Try again later.'],
  500: ['InternalServerError', 'We cannot complete the request now, please try again later.'],
  502: ['BadGateway', 'The gateway received an invalid response.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable. Try again later.'],
  504: ['GatewayTimeout', 'The gateway timed out.']
}

/**
 * @param {FaultSpec} fault
 * @returns {Reply}
 */
function faultReply(fault) {
  const status = /** @type {number} */ (fault.status)
  /** @type {Record<string, string>} */
  const headers = {}
  let body
  let contentType = fault.contentType
  if (fault.body === undefined) {
    const [code, message] = FAULT_TEXT[status] ?? [
      (http.STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, ''),
      `Simulated ${status} response.`
    ]
    body = JSON.stringify({ error: { code, message } })
    contentType ??= 'application/json; charset=utf-8'
  } else if (typeof fault.body === 'string') {
    body = fault.body
    if (contentType === undefined && body !== '') {
      contentType = /^\s*</.test(body)
        ? 'text/html; charset=utf-8'
        : isJson(body)
          ? 'application/json; charset=utf-8'
          : 'text/plain; charset=utf-8'
    }
  } else {
    body = JSON.stringify(fault.body)
    contentType ??= 'application/json; charset=utf-8'
  }
  if (contentType !== undefined) headers['Content-Type'] = contentType
  return { status, headers, body }
}

/**
 * @param {http.ServerResponse} res
 * @param {RequestRecord | undefined} rec
 * @param {Reply} reply
 */
function writeReply(res, rec, reply) {
  if (res.destroyed || res.headersSent) return
  if (rec) rec.status = reply.status
  res.statusCode = reply.status
  for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v)
  res.setHeader('x-ms-request-id', randomUUID())
  res.end(reply.body)
}

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<string | null>} null when the body is over the limit
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = []
    let size = 0
    let over = false
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length
      if (size > MAX_BODY) over = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * Whether a fault changes the real answer (rather than only delaying it).
 * @param {FaultSpec} fault
 */
function isModifying(fault) {
  return fault.headers != null || fault.retryAfter != null || fault.retryAfterDate != null || fault.nest != null
}

/**
 * @param {RequestRecord} rec
 * @param {{ method?: string, path?: string | RegExp }} m
 */
function matches(rec, m) {
  if (m.method && m.method.toUpperCase() !== rec.method.toUpperCase()) return false
  if (m.path === undefined) return true
  if (typeof m.path === 'string') return rec.path.includes(m.path)
  m.path.lastIndex = 0
  return m.path.test(rec.path)
}

/**
 * @param {string} rawPath
 * @returns {string[] | null} decoded segments, null when the encoding is broken
 */
function splitPath(rawPath) {
  try {
    return rawPath
      .split('/')
      .filter((s, i) => !(i === 0 && s === ''))
      .map((s) => decodeURIComponent(s))
  } catch {
    return null
  }
}

/**
 * Go-live progress at time t, from the timing captured on the operation.
 * @param {SimOperation} op
 * @param {number} t
 */
function goLiveProgress(op, t) {
  const runStart = op.createdAt + op.notStartedMs
  const endAt = runStart + op.operationMs
  const lastIdx = op.finalStatus === 'failed' ? FAILING_STEP : GOLIVE_STEPS.length - 1
  const span = op.operationMs / (lastIdx + 1)
  // A cancel that arrives after the end changes nothing; one that arrives before freezes progress.
  const cancelApplies = op.cancelRequestedAt != null && op.cancelEffectiveAt != null && op.cancelRequestedAt < endAt
  let evalT = t
  /** @type {CanonicalStatus} */
  let status
  /** @type {number | null} */
  let endTime = null
  let canceledByRequest = false
  if (cancelApplies && t >= /** @type {number} */ (op.cancelRequestedAt)) {
    evalT = /** @type {number} */ (op.cancelRequestedAt)
    if (t >= /** @type {number} */ (op.cancelEffectiveAt)) {
      status = 'canceled'
      endTime = op.cancelEffectiveAt
      canceledByRequest = true
    } else {
      status = evalT < runStart ? 'notStarted' : 'running'
    }
  } else if (t < runStart) status = 'notStarted'
  else if (t < endAt) status = 'running'
  else {
    status = op.finalStatus
    endTime = endAt
  }

  const naturalEnd = endTime !== null && !canceledByRequest
  /** @type {{ status: string, pct: number, startedAt: number | null, endedAt: number | null }[]} */
  const steps = GOLIVE_STEPS.map((_, i) => {
    const stepStart = runStart + i * span
    const stepEnd = runStart + (i + 1) * span
    if (i > lastIdx || evalT < runStart || evalT < stepStart)
      return { status: 'notStarted', pct: 0, startedAt: null, endedAt: null }
    if (naturalEnd && i === lastIdx && status !== 'succeeded') {
      return { status: status === 'failed' ? 'failed' : 'canceled', pct: 100, startedAt: stepStart, endedAt: endAt }
    }
    if (naturalEnd || evalT >= stepEnd) return { status: 'complete', pct: 100, startedAt: stepStart, endedAt: stepEnd }
    const pct = Math.max(0, Math.min(99, Math.floor(((evalT - stepStart) / (span || 1)) * 100)))
    return { status: 'inProgress', pct, startedAt: stepStart, endedAt: null }
  })
  let currentIdx = naturalEnd
    ? lastIdx
    : Math.max(
        0,
        steps.findIndex((s) => s.status === 'inProgress')
      )
  if (canceledByRequest) {
    const at = /** @type {number} */ (endTime)
    const idx = steps.findIndex((s) => s.status === 'inProgress')
    if (idx >= 0) {
      steps[idx] = { ...steps[idx], status: 'canceled', endedAt: at }
      currentIdx = idx
    } else {
      // Canceled before the first step began.
      steps[0] = { status: 'canceled', pct: 0, startedAt: null, endedAt: at }
      currentIdx = 0
    }
  }

  const events = [op.createdAt]
  if (evalT >= runStart) events.push(runStart)
  for (const s of steps) {
    if (s.startedAt != null) events.push(s.startedAt)
    if (s.endedAt != null) events.push(s.endedAt)
  }
  if (op.cancelRequestedAt != null && t >= op.cancelRequestedAt) events.push(op.cancelRequestedAt)
  if (endTime != null) events.push(endTime)
  const lastActionAt = Math.max(...events.filter((e) => e <= Math.max(t, op.createdAt)))
  return { status, steps, currentIdx, lastActionAt }
}

/** @param {CanonicalStatus} s */
function isTerminal(s) {
  return s === 'succeeded' || s === 'failed' || s === 'canceled'
}

/** @param {CanonicalStatus} s */
function submissionState(s) {
  if (s === 'notStarted' || s === 'running') return 'running'
  if (s === 'succeeded') return 'completed'
  return s
}

/**
 * @param {{ publisherId: string, offerId: string }} a
 * @param {{ publisherId: string, offerId: string }} b
 */
function sameOffer(a, b) {
  return a.publisherId === b.publisherId && a.offerId === b.offerId
}

/** @param {number} ms */
function iso(ms) {
  return new Date(ms).toISOString()
}

// CPP timestamps carry .NET's seven fractional digits; clients must still parse them.
/** @param {number} ms */
function iso7(ms) {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z')
}

/** @param {string} s */
function b64url(s) {
  return Buffer.from(s, 'utf8').toString('base64url')
}

/**
 * @param {string} token
 * @returns {Record<string, any> | null}
 */
function decodeJwtPayload(token) {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  try {
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
    return payload && typeof payload === 'object' ? payload : null
  } catch {
    return null
  }
}

/** @param {unknown} aud */
function normAudience(aud) {
  return typeof aud === 'string' ? aud.replace(/\/+$/, '') : ''
}

/** @param {string | string[] | undefined} v */
function headerValue(v) {
  return Array.isArray(v) ? v[0] : v
}

/** @param {string} s */
function lower(s) {
  return s.toLowerCase()
}

/** @param {string} s */
function isGuid(s) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)
}

/** @param {string} s */
function isJson(s) {
  try {
    JSON.parse(s)
    return true
  } catch {
    return false
  }
}

/** @param {string} s */
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// @ts-check
// The Marketplace simulator: starts one local HTTP server that stands in for the Cloud Partner
// Portal, Product Ingestion and Partner Center ingestion v1.0 APIs, Microsoft Entra's token
// endpoint, the GitHub Actions OIDC token service and GitHub's deployments API, and returns the
// handle tests drive it with.
//
// The wire shapes follow the project's notes on the Marketplace APIs, including every spelling
// variant listed there. Everything time-dependent is computed lazily from `options.now()`, so a
// test or benchmark can drive a fake clock without any waiting. sim/README.md lists every knob.

import { liveClock } from './clock.js'
import { createCpp } from './cpp/index.js'
import { defaultCppOptions } from './cpp/options.js'
import { createAccessTokens, defaultAccessTokenOptions } from './entra/access-tokens.js'
import { createEntra, defaultEntraOptions, isEntraTokenPath } from './entra/index.js'
import { createFaults } from './faults.js'
import { createGitHubDeployments, defaultGitHubOptions } from './github/deployments.js'
import { createGitHubOidc, defaultOidcOptions } from './github-oidc/index.js'
import { json, lower, matches, methodNotAllowed, notFound, splitPath } from './http.js'
import { createIngestionV1 } from './ingestion-v1/index.js'
import { defaultIngestionV1Options } from './ingestion-v1/options.js'
import { createJwtSigner } from './jwt.js'
import { PI_PREFIX, createProductIngestion } from './product-ingestion/index.js'
import { defaultProductIngestionOptions } from './product-ingestion/options.js'
import { startServer } from './server.js'

/** @typedef {import('./http.js').RequestRecord} RequestRecord */
/** @typedef {import('./http.js').RequestMatcher} RequestMatcher */
/** @typedef {import('./faults.js').FaultSpec} FaultSpec */
/** @typedef {import('./entra/access-tokens.js').IssueTokenOptions} IssueTokenOptions */
/** @typedef {import('./github-oidc/index.js').OidcOptions} OidcOptions */
/** @typedef {import('./cpp/options.js').SimOffer} SimOffer */
/** @typedef {import('./cpp/progress.js').SimOperation} SimOperation */
/** @typedef {import('./product-ingestion/jobs.js').SimJob} SimJob */
/** @typedef {import('./product-ingestion/submissions.js').PiSubmission} PiSubmission */
/** @typedef {import('./ingestion-v1/submissions.js').V1Product} V1Product */

/**
 * Every knob, by API: see sim/README.md.
 * @typedef {{ now: () => number }
 *   & import('./server.js').ServerOptions
 *   & import('./entra/access-tokens.js').AccessTokenOptions
 *   & import('./entra/index.js').EntraOptions
 *   & { oidc: OidcOptions }
 *   & import('./cpp/options.js').CppOptions
 *   & import('./product-ingestion/options.js').ProductIngestionOptions
 *   & import('./ingestion-v1/options.js').IngestionV1Options
 *   & import('./github/deployments.js').GitHubOptions} SimOptions
 */

/**
 * Options as passed to startSimulator and set(): any subset, with `oidc` itself partial.
 * @typedef {Partial<Omit<SimOptions, 'oidc'>> & { oidc?: Partial<OidcOptions> }} SimOptionsPatch
 */

/**
 * @typedef {object} Simulator
 * @property {string} url `http://127.0.0.1:PORT`, no trailing slash
 * @property {string} oidcRequestUrl value for ACTIONS_ID_TOKEN_REQUEST_URL
 * @property {string} githubApiUrl value for GITHUB_API_URL (GitHub's deployments API)
 * @property {ReturnType<typeof createGitHubDeployments>} github GitHub deployments state: `deployments`, `plant(spec)`
 * @property {SimOptions} options the live options
 * @property {(patch: SimOptionsPatch) => void} set shallow-merge knobs at runtime (`oidc` is merged one level deeper; `products` re-seeds the Product Ingestion state, `v1Products` the ingestion v1.0 state)
 * @property {RequestRecord[]} requests every request, in arrival order
 * @property {(pred?: ((r: RequestRecord) => boolean) | RequestMatcher) => number} count
 * @property {(spec: FaultSpec) => void} fault queue a fault
 * @property {(opts?: IssueTokenOptions) => string} issueToken
 * @property {SimOperation[]} operations CPP operations (go-live and cancel), oldest first
 * @property {SimJob[]} jobs Product Ingestion configure jobs, oldest first
 * @property {{ productId: string, submissions: PiSubmission[] }[]} products Product Ingestion state
 * @property {V1Product[]} v1Products ingestion v1.0 products and their submissions, oldest first
 * @property {() => Promise<void>} close
 */

/** @returns {SimOptions} */
function defaultOptions() {
  return {
    port: 0,
    now: () => Date.now(),
    onRequest: null,
    ...defaultAccessTokenOptions(),
    ...defaultEntraOptions(),
    oidc: defaultOidcOptions(),
    ...defaultCppOptions(),
    ...defaultProductIngestionOptions(),
    ...defaultIngestionV1Options(),
    ...defaultGitHubOptions()
  }
}

/**
 * Starts the simulator on 127.0.0.1.
 * @param {SimOptionsPatch} [options] merged over the defaults (`oidc` one level deep)
 * @returns {Promise<Simulator>}
 */
export async function startSimulator(options = {}) {
  const defaults = defaultOptions()
  /** @type {SimOptions} */
  const opts = { ...defaults, ...options, oidc: { ...defaults.oidc, ...(options.oidc ?? {}) } }
  const now = liveClock(opts)
  let origin = ''
  const url = () => origin

  const jwt = createJwtSigner()
  const tokens = createAccessTokens({ options: opts, now, jwt })
  const entra = createEntra({ options: opts, now, url, tokens })
  const oidc = createGitHubOidc({ options: opts, now, jwt })
  const cpp = createCpp({ options: opts, now, url, tokens })
  const productIngestion = createProductIngestion({ options: opts, now, url, tokens })
  const ingestionV1 = createIngestionV1({ options: opts, now, url, tokens })
  const github = createGitHubDeployments({ options: opts, now, baseUrl: () => `${origin}/_github/api` })
  const faults = createFaults({ now })

  /**
   * Which API a request is for, by its path.
   * @param {RequestRecord} rec
   */
  function route(rec) {
    const segments = splitPath(rec.path)
    if (!segments)
      return json(400, { error: { code: 'BadRequest', message: 'The request path is not correctly percent-encoded.' } })
    if (segments[0] === 'api') return cpp.route(rec, segments.slice(1))
    if (rec.path.startsWith(PI_PREFIX) || rec.path === PI_PREFIX.slice(0, -1))
      return productIngestion.route(rec, segments.slice(2))
    if (lower(segments[0]) === 'v1.0' && lower(segments[1] ?? '') === 'ingestion')
      return ingestionV1.route(rec, segments.slice(2))
    if (segments.length === 3 && segments[0] === '_github' && segments[1] === 'oidc' && segments[2] === 'token')
      return oidc.route(rec)
    if (segments[0] === '_github' && segments[1] === 'api') return github.route(rec, segments.slice(2))
    if (segments.length === 2 && segments[0] === '_sim' && segments[1] === 'health') {
      return rec.method === 'GET' ? json(200, { ok: true }) : methodNotAllowed()
    }
    if (isEntraTokenPath(segments)) return entra.route(rec, segments[0])
    return notFound(rec)
  }

  const server = await startServer({ options: opts, now, faults, route })
  origin = server.url
  const { requests } = server

  return {
    url: origin,
    oidcRequestUrl: `${origin}/_github/oidc/token?api-version=2.0`,
    githubApiUrl: `${origin}/_github/api`,
    github,
    options: opts,
    set(patch) {
      const { oidc, ...rest } = patch
      Object.assign(opts, rest)
      if (oidc) opts.oidc = { ...opts.oidc, ...oidc }
      if ('products' in patch) productIngestion.reseed()
      if ('v1Products' in patch) ingestionV1.reseed()
    },
    requests,
    count(pred) {
      if (!pred) return requests.length
      if (typeof pred === 'function') return requests.filter(pred).length
      return requests.filter((r) => matches(r, pred)).length
    },
    fault(spec) {
      faults.add(spec)
    },
    issueToken: tokens.issue,
    get operations() {
      return cpp.operations
    },
    get jobs() {
      return productIngestion.jobs
    },
    get products() {
      return productIngestion.products
    },
    get v1Products() {
      return ingestionV1.products
    },
    close: server.close
  }
}

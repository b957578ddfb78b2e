// @ts-check
// The Product Ingestion API under `/rp/product-ingestion`: products, submission lists, configure (push a
// preview live), configure jobs and their cancellation. Every call needs a Graph token and `$version`.

import { json, lower, methodNotAllowed } from '../http.js'
import { GRAPH_AUDIENCE } from '../entra/access-tokens.js'
import { piError } from './errors.js'
import { createJobs } from './jobs.js'
import { createSubmissions } from './submissions.js'

export { PI_PREFIX } from './submissions.js'

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} RequestRecord */

/** `$version` values accepted. */
const VERSIONS = ['2022-03-01-preview2', '2022-07-01']
/** `$version` values answered as the service answered a retired one. */
const RETIRED_VERSIONS = ['2022-03-01-preview3']

/**
 * A product as `GET /product/{productId}` answers it.
 * @param {string} productId
 * @param {string | null} alias
 */
function productResource(productId, alias) {
  return {
    $schema: 'https://schema.mp.microsoft.com/schema/product/2022-03-01-preview2',
    id: `product/${productId}`,
    identity: { externalId: `offer-${productId.slice(0, 8)}` },
    type: 'azureContainer',
    ...(alias === null ? {} : { alias })
  }
}

/**
 * @param {object} deps
 * @param {import('./options.js').ProductIngestionOptions} deps.options read live
 * @param {() => number} deps.now
 * @param {() => string} deps.url the simulator's origin
 * @param {import('../entra/access-tokens.js').AccessTokens} deps.tokens
 */
export function createProductIngestion({ options, now, url, tokens }) {
  const submissions = createSubmissions({ options, now, url })
  const jobs = createJobs({ options, now, submissions })

  /** Brings jobs and live entries up to time t. @param {number} t */
  function tick(t) {
    jobs.tick(t)
    submissions.tick(t)
  }

  /**
   * Bearer and `$version` first, then the handler.
   * @param {RequestRecord} rec
   * @param {() => Reply} handler
   * @returns {Reply}
   */
  function checked(rec, handler) {
    const denied = tokens.check(rec, GRAPH_AUDIENCE)
    if (denied) return denied
    const version = rec.query.$version
    if (version !== undefined && RETIRED_VERSIONS.includes(version)) {
      // Word for word what the service answered once 2022-03-01-preview3 was retired.
      return piError(400, 'badRequest', `"${version} is a deprecated schema"`)
    }
    if (version === undefined || !VERSIONS.includes(version)) {
      return piError(
        400,
        'badRequest',
        `The query parameter '$version' is required and must be one of: ${VERSIONS.join(', ')}.`
      )
    }
    return handler()
  }

  /**
   * @param {RequestRecord} rec
   * @param {string} jobId
   * @param {(job: import('./jobs.js').SimJob) => Reply} handler
   */
  function withJob(rec, jobId, handler) {
    return checked(rec, () => {
      const job = jobs.find(jobId)
      return job ? handler(job) : piError(404, 'notFound', `Job '${jobId}' was not found.`)
    })
  }

  /**
   * @param {RequestRecord} rec
   * @param {string[]} seg path segments after `rp/product-ingestion`
   * @returns {Reply}
   */
  function route(rec, seg) {
    tick(now())
    const head = lower(seg[0] ?? '')
    if (head === 'submission' && (seg.length === 2 || seg.length === 3)) {
      if (rec.method !== 'GET') return methodNotAllowed()
      return checked(rec, () => {
        const product = submissions.find(seg[1])
        if (!product) return piError(404, 'notFound', `Product '${seg[1]}' was not found.`)
        if (seg.length === 2) return submissions.page(rec, product)
        const sub = product.submissions.find((s) => s.id === `submission/${product.productId}/${seg[2]}`)
        if (!sub)
          return piError(404, 'notFound', `Submission '${seg[2]}' was not found for product '${product.productId}'.`)
        return json(200, submissions.detail(sub))
      })
    }
    if (head === 'product' && seg.length === 2) {
      if (rec.method !== 'GET') return methodNotAllowed()
      return checked(rec, () => {
        const product = submissions.find(seg[1])
        if (!product) return piError(404, 'notFound', `Product '${seg[1]}' was not found.`)
        return json(200, productResource(product.productId, options.alias))
      })
    }
    if (head === 'configure' && seg.length === 1) {
      if (rec.method !== 'POST') return methodNotAllowed()
      return checked(rec, () => jobs.configure(rec))
    }
    if (head === 'configure' && seg.length === 2) {
      if (rec.method !== 'GET') return methodNotAllowed()
      return withJob(rec, seg[1], (job) => json(200, { ...jobs.view(job), resources: job.resources }))
    }
    if (head === 'configure' && seg.length === 3 && lower(seg[2]) === 'status') {
      if (rec.method !== 'GET') return methodNotAllowed()
      return withJob(rec, seg[1], (job) => json(200, jobs.view(job)))
    }
    if (head === 'configure' && seg.length === 3 && lower(seg[2]) === 'cancel') {
      if (rec.method !== 'POST') return methodNotAllowed()
      return withJob(rec, seg[1], (job) => jobs.cancel(job))
    }
    return piError(404, 'notFound', `No resource matches ${rec.method} ${rec.path}.`)
  }

  return {
    route,
    /** Re-seeds the products from the knobs (after `sim.set({ products })`). */
    reseed: submissions.seed,
    /** Configure jobs, oldest first, brought up to now. */
    get jobs() {
      tick(now())
      return jobs.jobs
    },
    /** Products and their submissions as served, brought up to now. */
    get products() {
      tick(now())
      return submissions.products
    }
  }
}

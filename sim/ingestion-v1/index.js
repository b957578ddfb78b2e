// @ts-check
// The Partner Center ingestion API v1.0 under `/v1.0/ingestion`: a product, its submissions (paged),
// one submission, its promotion (going live), workflow details, validations and certification
// reports. Every call needs a token for the Partner Center API and, when the knob says so, a seller
// ID in `x-ms-publisherId`. Paths it does not know answer 404 with no body, as the service does.

import { randomUUID } from 'node:crypto'
import { PARTNER_AUDIENCE } from '../entra/access-tokens.js'
import { headerValue, isJson, json, lower } from '../http.js'
import {
  liveWorkflowDetail,
  productDocument,
  reportsDocument,
  submissionDocument,
  validationsDocument,
  workflowDetailsDocument
} from './documents.js'
import { noRoute, sellerIdRequired, v1Error } from './errors.js'
import { statusAt } from './progress.js'
import { createSubmissions } from './submissions.js'

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} RequestRecord */
/** @typedef {import('./submissions.js').V1Product} V1Product */
/** @typedef {import('./submissions.js').V1Submission} V1Submission */

/** Where the API is mounted on the simulator: the action's `base-url` is the origin plus this, without the last slash. */
export const V1_PREFIX = '/v1.0/ingestion/'

/**
 * @param {object} deps
 * @param {import('./options.js').IngestionV1Options} deps.options read live; durations and results are captured when a phase starts
 * @param {() => number} deps.now
 * @param {() => string} deps.url the simulator's origin
 * @param {import('../entra/access-tokens.js').AccessTokens} deps.tokens
 */
export function createIngestionV1({ options, now, url, tokens }) {
  const submissions = createSubmissions({ options, now, url })

  /**
   * The checks every call passes, in the service's order (route, method, token, seller ID, product),
   * then the handler.
   * @param {RequestRecord} rec
   * @param {string} method
   * @param {string} api the API's name, as its errors give it
   * @param {string} productId
   * @param {(product: V1Product) => Reply} handler
   * @returns {Reply}
   */
  function withProduct(rec, method, api, productId, handler) {
    if (rec.method !== method) return noRoute(405, method)
    const denied = tokens.check(rec, PARTNER_AUDIENCE)
    if (denied) return denied
    if (options.v1RequireSellerId && !isSellerId(headerValue(rec.headers['x-ms-publisherid']))) {
      return sellerIdRequired(api, api === 'GetProduct' ? 'Product' : 'Submission')
    }
    const product = submissions.find(productId)
    if (!product) return v1Error(404, 'ResourceNotFound', `Product '${productId}' was not found.`, 'product')
    return handler(product)
  }

  /**
   * @param {RequestRecord} rec
   * @param {string} method
   * @param {string} api
   * @param {string} productId
   * @param {string} submissionId
   * @param {(product: V1Product, sub: V1Submission) => Reply} handler
   * @returns {Reply}
   */
  function withSubmission(rec, method, api, productId, submissionId, handler) {
    return withProduct(rec, method, api, productId, (product) => {
      const sub = product.submissions.find((s) => s.id === submissionId)
      if (!sub) {
        return v1Error(
          404,
          'ResourceNotFound',
          `Submission '${submissionId}' was not found for product '${product.productId}'.`,
          'submission'
        )
      }
      return handler(product, sub)
    })
  }

  /**
   * `POST …/promote`: a `Published`/`ReadyToPublish` submission starts its Live push; any other
   * answers 409 `InvalidState` (ASSUMED), as does a promotion while another one publishes.
   * @param {RequestRecord} rec
   * @param {V1Product} product
   * @param {V1Submission} sub
   * @param {number} t
   * @returns {Reply}
   */
  function promote(rec, product, sub, t) {
    const body = rec.body.trim()
    if (body !== '' && !isJson(body)) {
      return v1Error(400, 'BadRequest', 'The request body is not valid JSON.', 'submission')
    }
    const { state, substate } = statusAt(sub, t)
    if (substate !== 'ReadyToPublish') {
      return v1Error(
        409,
        'InvalidState',
        `Submission ${sub.id} is ${state}/${substate}: only a Published/ReadyToPublish submission can be promoted.`,
        'submission'
      )
    }
    const publishing = product.submissions.find(
      (s) => s !== sub && ['Publishing', 'Published'].includes(statusAt(s, t).substate)
    )
    if (publishing) {
      return v1Error(
        409,
        'InvalidState',
        `Submission ${publishing.id} of product '${product.productId}' is being published; promote another once it is in the store.`,
        'submission'
      )
    }
    submissions.promote(sub, t)
    return json(200, liveWorkflowDetail(sub, t))
  }

  /**
   * @param {RequestRecord} rec
   * @param {string[]} seg path segments after `v1.0/ingestion`
   * @param {number} t
   * @returns {Reply}
   */
  function dispatch(rec, seg, t) {
    if (seg.length < 2 || seg.length > 5 || lower(seg[0]) !== 'products' || seg[1] === '') return noRoute(404)
    const [, productId, collection, submissionId, action] = seg
    if (seg.length === 2) {
      return withProduct(rec, 'GET', 'GetProduct', productId, (product) => json(200, productDocument(product)))
    }
    if (lower(collection) !== 'submissions') return noRoute(404)
    if (seg.length === 3) {
      return withProduct(rec, 'GET', 'GetSubmissions', productId, (product) => submissions.page(rec, product, t))
    }
    if (submissionId === '') return noRoute(404)
    if (seg.length === 4) {
      return withSubmission(rec, 'GET', 'GetSubmission', productId, submissionId, (product, sub) =>
        json(200, submissionDocument(product, sub, t))
      )
    }
    /** @type {Record<string, [string, string, (product: V1Product, sub: V1Submission) => Reply]>} */
    const actions = {
      promote: ['POST', 'PromoteSubmission', (product, sub) => promote(rec, product, sub, t)],
      workflowdetails: ['GET', 'GetWorkflowDetails', (_, sub) => json(200, workflowDetailsDocument(sub, t))],
      validations: ['GET', 'GetValidations', (_, sub) => json(200, validationsDocument(sub, t))],
      reports: ['GET', 'GetCertificationReports', (product, sub) => json(200, reportsDocument(product, sub, t))]
    }
    // No `cancel`, `publish` or `submit` here: those are routes of the Store flavour only.
    const act = lower(action)
    if (!Object.hasOwn(actions, act)) return noRoute(404)
    const [method, api, handler] = actions[act]
    return withSubmission(rec, method, api, productId, submissionId, handler)
  }

  return {
    /**
     * @param {RequestRecord} rec
     * @param {string[]} seg path segments after `v1.0/ingestion`
     * @returns {Reply}
     */
    route(rec, seg) {
      const t = now()
      submissions.tick(t)
      const reply = dispatch(rec, seg, t)
      // Every answer names the request, echoing the client's ID when it sent one.
      const requestId = headerValue(rec.headers['client-request-id']) ?? randomUUID()
      return { ...reply, headers: { ...reply.headers, 'Request-ID': requestId } }
    },
    /** Re-seeds the products from the knobs (after `sim.set({ v1Products })`). */
    reseed: submissions.seed,
    /** Products and their submissions, brought up to now. */
    get products() {
      submissions.tick(now())
      return submissions.products
    }
  }
}

/**
 * A seller ID as the service wanted it: a positive number.
 * @param {string | undefined} value
 */
function isSellerId(value) {
  return value !== undefined && /^\s*\d+\s*$/.test(value) && Number(value) > 0
}

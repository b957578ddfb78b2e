// @ts-check
// The submissions of each product as Product Ingestion lists them: a submission keeps its ID when
// it goes live, so pushing preview X adds a `live` entry X (replacing the previous live entry) that
// runs, then completes; lists come in pages with `@nextLink`, in the order the knobs choose.

import { iso } from '../clock.js'
import { json, lower } from '../http.js'
import { piError } from './errors.js'

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} RequestRecord */

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

/** @typedef {{ productId: string, submissions: PiSubmission[] }} ProductState */

export const PI_PREFIX = '/rp/product-ingestion/'

const SUBMISSION_SCHEMA = 'https://schema.mp.microsoft.com/schema/submission/2022-03-01-preview2'

/**
 * @param {string} productId
 * @param {string} submissionId
 * @param {string} targetType
 * @param {string} status
 * @param {string} result
 * @param {string} created
 * @returns {PiSubmission}
 */
export function submissionEntry(productId, submissionId, targetType, status, result, created) {
  return {
    $schema: SUBMISSION_SCHEMA,
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
export function draftEntry(productId, submissionId) {
  return /** @type {PiSubmission} */ ({
    $schema: SUBMISSION_SCHEMA,
    id: `submission/${productId}/${submissionId}`,
    product: `product/${productId}`,
    target: { targetType: 'draft' }
  })
}

/**
 * @param {object} deps
 * @param {import('./options.js').ProductIngestionOptions} deps.options read live
 * @param {() => number} deps.now
 * @param {() => string} deps.url the simulator's origin
 */
export function createSubmissions({ options, now, url }) {
  /** @type {ProductState[]} */
  let products = []
  // Completion schedule of live submissions created while the simulator runs, kept out of the
  // submission objects so they serialise exactly as on the wire.
  /** @type {Map<PiSubmission, { completesAt: number, result: 'succeeded' | 'failed' }>} */
  const pending = new Map()
  let listRequests = 0

  /**
   * Pushing preview X live: the list then holds X as a `live` entry too (same ID), which replaces
   * the previous live entry in its place; it runs until `completesAt`.
   * @param {ProductState} product
   * @param {string} id `submission/{productId}/{X}`
   * @param {number} createdAt
   * @param {number} completesAt
   * @param {'succeeded' | 'failed'} result
   */
  function putLive(product, id, createdAt, completesAt, result) {
    const sub = submissionEntry(
      product.productId,
      id.split('/').pop() ?? id,
      'live',
      'running',
      'pending',
      iso(createdAt)
    )
    const at = product.submissions.findIndex((s) => s.target?.targetType === 'live')
    for (const old of product.submissions.filter((s) => s.target?.targetType === 'live')) pending.delete(old)
    product.submissions = product.submissions.filter((s) => s.target?.targetType !== 'live')
    product.submissions.splice(at < 0 ? 0 : at, 0, sub)
    pending.set(sub, { completesAt, result })
    return sub
  }

  /** (Re)builds the products from the knobs. */
  function seed() {
    products = (options.products ?? []).map((p) => ({
      productId: p.productId,
      submissions: (p.submissions ?? []).map((s) => structuredClone(s))
    }))
    pending.clear()
    const first = products[0]
    const preview = first && newestSucceededPreview(first)
    if (options.preexistingLiveRunning && preview) {
      // Someone pushed the newest preview live a moment ago: its live entry runs.
      const t = now()
      putLive(first, preview.id, t, t + options.liveMs, options.liveResult)
    }
  }

  /**
   * One page of a product's submissions: in the knob's order, `$maxpagesize` (or `piPageSize`)
   * entries, and an `@nextLink` carrying a `continuationToken` while more remain.
   * @param {RequestRecord} rec
   * @param {ProductState} product
   * @returns {Reply}
   */
  function page(rec, product) {
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
    if (options.piListOrder === 'reversed') list.reverse()
    if (options.piListOrder === 'rotate' && list.length) {
      const by = rotation % list.length
      list = [...list.slice(by), ...list.slice(0, by)]
    }
    const asked = Number(rec.query.$maxpagesize)
    const size = Number.isInteger(asked) && asked > 0 ? asked : options.piPageSize
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
      options.piNextLink === 'relative'
        ? path
        : options.piNextLink === 'path'
          ? `${PI_PREFIX}${path}`
          : options.piNextLink === 'query'
            ? `?${query}`
            : `${url()}${PI_PREFIX}${path}`
    return json(200, { value, '@nextLink': nextLink })
  }

  seed()

  return {
    seed,
    putLive,
    page,
    /** Products and their submissions as served (not brought up to now: see `tick`). */
    get products() {
      return products
    },
    /** @param {string} productId */
    find(productId) {
      return products.find((p) => lower(p.productId) === lower(productId))
    },
    /** Completes the live entries whose time has come. @param {number} t */
    tick(t) {
      for (const [sub, plan] of pending) {
        if (t >= plan.completesAt) {
          sub.status = 'completed'
          sub.result = plan.result
          pending.delete(sub)
        }
      }
    }
  }
}

/** @typedef {ReturnType<typeof createSubmissions>} Submissions */

/**
 * The newest completed, succeeded preview entry of a product.
 * @param {{ submissions: PiSubmission[] }} product
 */
function newestSucceededPreview(product) {
  return product.submissions
    .filter((s) => s.target?.targetType === 'preview' && s.status === 'completed' && s.result === 'succeeded')
    .sort((a, b) => Date.parse(b.created) - Date.parse(a.created))[0]
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

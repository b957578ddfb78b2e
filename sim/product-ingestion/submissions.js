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
 * @property {number} [previewReadyAfterMs] the product's preview in validation and certification (its
 *   `preview` entries seeded `running` or `notStarted`, or a new one when there is none) completes this
 *   long after the product was seeded (start, or `sim.set({ products })`), with `previewResult`
 * @property {'succeeded' | 'failed'} [previewResult] how that preview ends (default `succeeded`)
 * @property {string[]} [previewErrors] the failing checks of a failed preview, one message each
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
  /** @type {Map<PiSubmission, { completesAt: number, result: 'succeeded' | 'failed', checks?: string[] }>} */
  const pending = new Map()
  // The errors of previews that failed, for `GET /submission/{p}/{s}`; lists show result `failed` only.
  /** @type {WeakMap<PiSubmission, unknown[]>} */
  const failures = new WeakMap()
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

  /**
   * A preview in validation and certification: the product's preview entries that are not completed
   * (or, when there is none, a new one with the next submission ID) complete at `completesAt`.
   * @param {ProductState} product
   * @param {number} completesAt
   * @param {'succeeded' | 'failed'} result
   * @param {string[] | undefined} checks the failing checks, for a failed preview
   */
  function schedulePreview(product, completesAt, result, checks) {
    let running = product.submissions.filter((s) => s.target?.targetType === 'preview' && s.status !== 'completed')
    if (running.length === 0) {
      const sub = submissionEntry(
        product.productId,
        String(highestId(product) + 1n),
        'preview',
        'running',
        'pending',
        iso(now())
      )
      product.submissions.push(sub)
      running = [sub]
    }
    for (const sub of running) {
      sub.status = 'running'
      sub.result = 'pending'
      pending.set(sub, { completesAt, result, checks })
    }
  }

  /** (Re)builds the products from the knobs. */
  function seed() {
    products = (options.products ?? []).map((p) => ({
      productId: p.productId,
      submissions: (p.submissions ?? []).map((s) => structuredClone(s))
    }))
    pending.clear()
    const t = now()
    for (const [i, p] of (options.products ?? []).entries()) {
      if (p.previewReadyAfterMs == null && p.previewResult == null) continue
      schedulePreview(
        products[i],
        t + Math.max(0, p.previewReadyAfterMs ?? 0),
        p.previewResult ?? 'succeeded',
        p.previewErrors
      )
    }
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
          if (plan.result === 'failed' && sub.target?.targetType === 'preview')
            failures.set(sub, previewErrors(sub.id, plan.checks))
        }
      }
    },
    /**
     * A submission as `GET /submission/{p}/{s}` answers it: a failed preview carries `errors`.
     * @param {PiSubmission} sub
     */
    detail(sub) {
      const errors = failures.get(sub)
      return errors ? { ...sub, errors } : sub
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

/**
 * The largest numeric submission ID a product lists (IDs are beyond 2^53: BigInt).
 * @param {{ submissions: PiSubmission[] }} product
 */
function highestId(product) {
  let max = 0n
  for (const s of product.submissions) {
    const n = s.id.split('/').pop() ?? ''
    if (/^\d+$/.test(n) && BigInt(n) > max) max = BigInt(n)
  }
  return max
}

const DEFAULT_FAILING_CHECKS = [
  'Check "Offer listing: description" failed: the description does not say what the offer does.'
]

/**
 * The errors of a failed preview, shaped as a failed configure job's errors: the failing checks are
 * the innermost details, under "Certification".
 * @param {string} resourceId
 * @param {string[] | undefined} checks
 */
export function previewErrors(resourceId, checks) {
  return [
    {
      resourceId,
      code: 'internalServerError',
      message: 'Operation failed',
      details: [
        {
          code: 'invalidState',
          message: 'Certification',
          details: [
            { code: 'invalidState', message: 'Issues found during Certification.' },
            ...(checks ?? DEFAULT_FAILING_CHECKS).map((message) => ({ code: 'invalidState', message }))
          ]
        }
      ]
    }
  ]
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

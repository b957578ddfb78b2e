// @ts-check
// Product Ingestion's configure jobs: `POST /configure` validated as the service does, a job that
// reads notStarted, running, then completed, and on success the live entries it starts.

import { randomUUID } from 'node:crypto'
import { iso7 } from '../clock.js'
import { json, lower } from '../http.js'
import { piError, schemaError } from './errors.js'
import { PI_PREFIX } from './submissions.js'

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} RequestRecord */
/** @typedef {import('./submissions.js').ProductState} ProductState */

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
 * @property {unknown[]} errors
 * @property {number | null} endedAt
 * @property {number | null} canceledAt
 * @property {string[]} liveSubmissionIds submissions the job created once it succeeded
 * @property {number} jobMs captured at creation
 * @property {'succeeded' | 'failed'} finalResult captured at creation
 * @property {number} liveMs captured at creation
 * @property {'succeeded' | 'failed'} liveResult captured at creation
 */

// The only submission resource schema Microsoft publishes; clients send it with every $version.
const SUBMISSION_SCHEMA_VERSION = '2022-03-01-preview2'

/**
 * @param {object} deps
 * @param {import('./options.js').ProductIngestionOptions} deps.options read live; timing knobs are captured per job
 * @param {() => number} deps.now
 * @param {import('./submissions.js').Submissions} deps.submissions
 */
export function createJobs({ options, now, submissions }) {
  /** @type {SimJob[]} */
  const jobs = []

  /**
   * @param {SimJob} job
   * @param {number} t
   */
  function advance(job, t) {
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
      const product = submissions.find(id.split('/')[1] ?? '')
      if (!product) continue
      const sub = submissions.putLive(product, id, endedAt, endedAt + job.liveMs, job.liveResult)
      job.liveSubmissionIds.push(sub.id)
    }
  }

  /**
   * `POST /configure`: the body checked as the service checks it, then a new job.
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
    const versions = [...new Set([SUBMISSION_SCHEMA_VERSION, rec.query.$version ?? ''])].map(escapeRegExp)
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
        `The request body must have "$schema": "https://schema.mp.microsoft.com/schema/configure/${SUBMISSION_SCHEMA_VERSION}" (or configure/{$version}).`
      )
    }
    if (!Array.isArray(body.resources) || body.resources.length === 0) {
      return piError(400, 'badRequest', 'The request body must list at least one resource in "resources".')
    }
    /** @type {{ product: ProductState, id: string }[]} */
    const accepted = []
    for (const r of body.resources) {
      if (!r || typeof r !== 'object') return piError(400, 'badRequest', 'Each resource must be an object.')
      if (
        typeof r.$schema !== 'string' ||
        !schemaRe('submission', [escapeRegExp(SUBMISSION_SCHEMA_VERSION)]).test(r.$schema)
      ) {
        return schemaError(
          `Resource "$schema" must be "https://schema.mp.microsoft.com/schema/submission/${SUBMISSION_SCHEMA_VERSION}".`
        )
      }
      const m = typeof r.id === 'string' ? /^submission\/([^/]+)\/([^/]+)$/.exec(r.id) : null
      if (!m)
        return piError(
          400,
          'badRequest',
          `Resource id '${r.id}' is not of the form submission/{productId}/{submissionId}.`
        )
      const product = submissions.find(m[1])
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
      // While any submission of the product is not completed (a live entry running, a preview in
      // validation or certification) or a configure job is pending, the service refuses.
      const inProgress = [
        ...product.submissions
          .filter((s) => s.status !== undefined && s.status !== 'completed')
          .map((s) => ({ code: 'conflict', message: `Submission ${s.id} (${s.target?.targetType}) is ${s.status}.` })),
        ...jobs
          .filter((j) => j.jobStatus !== 'completed' && j.productIds.includes(product.productId))
          .map((j) => ({ code: 'conflict', message: `Configure job ${j.jobId} is ${j.jobStatus}.` }))
      ]
      if (inProgress.length) return piError(409, 'conflict', 'An In Progress submission already exists.', inProgress)
      if (sub.target?.targetType !== 'preview' || sub.status !== 'completed' || sub.result !== 'succeeded') {
        return piError(
          400,
          'badRequest',
          `Submission '${r.id}' is not a completed, succeeded preview submission and cannot be published live.`
        )
      }
      const latest = latestPreview(product)
      if (latest && latest.id !== sub.id) {
        return piError(409, 'conflict', 'The submission cannot be pushed to as its not the latest', [
          {
            code: 'conflict',
            message: `The latest preview submission of product '${product.productId}' is ${latest.id}.`
          }
        ])
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
      jobMs: options.jobMs,
      finalResult: options.jobResult,
      liveMs: options.liveMs,
      liveResult: options.liveResult
    }
    jobs.push(job)
    advance(job, t)
    return json(202, view(job), {
      Location: `${PI_PREFIX}configure/${job.jobId}/status?$version=${rec.query.$version}`
    })
  }

  /**
   * The job as `GET /configure/{jobId}/status` shows it.
   * @param {SimJob} job
   */
  function view(job) {
    return {
      $schema: `https://schema.mp.microsoft.com/schema/configure-status/${SUBMISSION_SCHEMA_VERSION}`,
      [options.piJobIdKey === 'jobID' ? 'jobID' : 'jobId']: job.jobId,
      jobStatus: job.jobStatus,
      jobResult: job.jobResult,
      jobStart: iso7(job.createdAt),
      // .NET's default date until the job ends, as the service writes it.
      jobEnd: job.endedAt != null ? iso7(job.endedAt) : '0001-01-01T00:00:00',
      errors: job.errors
    }
  }

  return {
    configure,
    view,
    /** Every job, oldest first (not brought up to now: see `tick`). */
    jobs,
    /** @param {string} jobId */
    find(jobId) {
      return jobs.find((j) => lower(j.jobId) === lower(jobId))
    },
    /**
     * `POST /configure/{jobId}/cancel`: a running job ends cancelled at once.
     * @param {SimJob} job
     * @returns {Reply}
     */
    cancel(job) {
      if (job.jobStatus === 'completed')
        return piError(400, 'badRequest', 'Cannot cancel job, job has already completed.')
      job.canceledAt = now()
      advance(job, job.canceledAt)
      return json(200, view(job))
    },
    /** @param {number} t */
    tick(t) {
      for (const job of jobs) advance(job, t)
    }
  }
}

/**
 * The newest preview entry of a product, whatever its result (by `created`, then by ID).
 * @param {ProductState} product
 */
function latestPreview(product) {
  const key = (/** @type {import('./submissions.js').PiSubmission} */ s) => s.id.split('/').pop() ?? ''
  return product.submissions
    .filter((s) => s.target?.targetType === 'preview')
    .sort(
      (a, b) =>
        Date.parse(b.created) - Date.parse(a.created) ||
        key(b).length - key(a).length ||
        (key(b) > key(a) ? 1 : key(b) < key(a) ? -1 : 0)
    )[0]
}

/** @param {string} s */
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

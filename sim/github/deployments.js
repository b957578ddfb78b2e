// @ts-check
// GitHub's REST API for deployments and deployment statuses under `/_github/api`, as documented
// (docs.github.com/rest/deployments/deployments and .../statuses, API version 2022-11-28): create,
// list with filters and `Link` paging, get, delete, and statuses, with enough of GitHub's behaviour
// around them to make a client meet what real repositories do (see sim/README.md).

import { isoSeconds } from '../clock.js'
import { DOCS, gh, invalid, methodNotAllowed, notFound, validationFailed } from './replies.js'
import { BOT, REPOSITORY, resolveRef } from './repository.js'

/**
 * @typedef {object} DeploymentOptions
 * @property {'write' | 'read' | 'none'} githubPermission the token's `deployments` permission
 * @property {number | null} githubMaxStatuses statuses one deployment takes; then 422 (null: no cap)
 */

/** @returns {DeploymentOptions} */
export function defaultDeploymentOptions() {
  return { githubPermission: 'write', githubMaxStatuses: null }
}

// Every ref is behind the default branch, so a create that does not turn `auto_merge` off merges
// it and answers 202 with no deployment, as GitHub does.
// Commit statuses of every ref: a create that names no `required_contexts` meets the pending one.
const COMMIT_STATUSES = [{ context: 'ci/build', state: 'pending' }]

/** @typedef {import('../http.js').Reply} Reply */
/** @typedef {import('../http.js').RequestRecord} Request */

/**
 * @typedef {object} SimDeployment
 * @property {number} id
 * @property {string} sha
 * @property {string} ref
 * @property {string} task
 * @property {unknown} payload
 * @property {string} original_environment
 * @property {string} environment
 * @property {string | null} description
 * @property {number} createdAt
 * @property {number} updatedAt
 * @property {boolean} transient_environment
 * @property {boolean} production_environment
 * @property {{ auto_merge: unknown, required_contexts: unknown }} request what the client sent for these two
 * @property {SimDeploymentStatus[]} statuses oldest first
 */

/**
 * @typedef {object} SimDeploymentStatus
 * @property {number} id
 * @property {string} state
 * @property {string} description
 * @property {string} environment
 * @property {string} log_url
 * @property {string} environment_url
 * @property {number} createdAt
 */

const STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']

/**
 * @param {{ options: DeploymentOptions, now: () => number, baseUrl: () => string }} deps
 *   `baseUrl` is the API root as clients see it (`http://127.0.0.1:PORT/_github/api`)
 */
export function createGitHubDeployments({ options, now, baseUrl }) {
  /** @type {SimDeployment[]} */
  const deployments = []
  let nextDeploymentId = 1000
  let nextStatusId = 5000

  const repoUrl = () => `${baseUrl()}/repos/${REPOSITORY}`
  const deploymentUrl = (/** @type {SimDeployment} */ d) => `${repoUrl()}/deployments/${d.id}`

  /** @param {SimDeployment} d */
  function deploymentView(d) {
    return {
      url: deploymentUrl(d),
      id: d.id,
      node_id: Buffer.from(`Deployment${d.id}`).toString('base64'),
      sha: d.sha,
      ref: d.ref,
      task: d.task,
      payload: d.payload,
      original_environment: d.original_environment,
      environment: d.environment,
      description: d.description,
      creator: BOT,
      created_at: isoSeconds(d.createdAt),
      updated_at: isoSeconds(d.updatedAt),
      statuses_url: `${deploymentUrl(d)}/statuses`,
      repository_url: repoUrl(),
      transient_environment: d.transient_environment,
      production_environment: d.production_environment,
      performed_via_github_app: null
    }
  }

  /**
   * @param {SimDeployment} d
   * @param {SimDeploymentStatus} s
   */
  function statusView(d, s) {
    return {
      url: `${deploymentUrl(d)}/statuses/${s.id}`,
      id: s.id,
      node_id: Buffer.from(`DeploymentStatus${s.id}`).toString('base64'),
      state: s.state,
      creator: BOT,
      description: s.description,
      environment: s.environment,
      target_url: s.log_url,
      created_at: isoSeconds(s.createdAt),
      updated_at: isoSeconds(s.createdAt),
      deployment_url: deploymentUrl(d),
      repository_url: repoUrl(),
      environment_url: s.environment_url,
      log_url: s.log_url,
      performed_via_github_app: null
    }
  }

  /**
   * @param {Request} rec
   * @param {string[]} rest decoded path segments after `/repos/{owner}/{repo}/deployments`
   * @returns {Reply}
   */
  function route(rec, rest) {
    const writing = rec.method !== 'GET'
    if (options.githubPermission === 'none' || (writing && options.githubPermission !== 'write')) {
      return gh(
        403,
        {
          message: 'Resource not accessible by integration',
          documentation_url: `${DOCS}/${rest.length >= 2 ? 'statuses#create-a-deployment-status' : 'deployments#create-a-deployment'}`,
          status: '403'
        },
        // What GitHub adds for tokens with fine-grained permissions: the permission the route needs.
        { 'x-accepted-github-permissions': `deployments=${writing ? 'write' : 'read'}` }
      )
    }
    if (rest.length === 0) {
      if (rec.method === 'GET') return list(rec)
      if (rec.method === 'POST') return create(rec)
      return methodNotAllowed()
    }
    const deployment = deployments.find((d) => String(d.id) === rest[0])
    if (!deployment) return notFound()
    if (rest.length === 1) {
      if (rec.method === 'GET') return gh(200, deploymentView(deployment))
      if (rec.method === 'DELETE') return remove(deployment)
      return methodNotAllowed()
    }
    if (rest.length === 2 && rest[1] === 'statuses') {
      if (rec.method === 'GET') {
        const newestFirst = deployment.statuses.slice().reverse()
        return page(
          rec,
          newestFirst.map((s) => statusView(deployment, s))
        )
      }
      if (rec.method === 'POST') return createStatus(rec, deployment)
      return methodNotAllowed()
    }
    if (rest.length === 3 && rest[1] === 'statuses' && rec.method === 'GET') {
      const status = deployment.statuses.find((s) => String(s.id) === rest[2])
      return status ? gh(200, statusView(deployment, status)) : notFound()
    }
    return notFound()
  }

  /** @param {Request} rec */
  function create(rec) {
    const body = parseBody(rec.body)
    if (!body) return invalid('Problems parsing JSON')
    if (typeof body.ref !== 'string' || !body.ref) return invalid('Invalid request.\n\n"ref" wasn\'t supplied.')
    for (const key of ['task', 'environment', 'description']) {
      if (body[key] !== undefined && body[key] !== null && typeof body[key] !== 'string') {
        return invalid(`Invalid request.\n\nFor 'properties/${key}', ${JSON.stringify(body[key])} is not a string.`)
      }
    }
    if (body.required_contexts !== undefined && !Array.isArray(body.required_contexts)) {
      return invalid(
        `Invalid request.\n\nFor 'properties/required_contexts', ${JSON.stringify(body.required_contexts)} is not an array.`
      )
    }
    if (body.auto_merge !== false) {
      // GitHub merges the default branch into the ref first and creates no deployment.
      return gh(202, { message: `Auto-merged main into ${body.ref} on deployment.` })
    }
    const required = Array.isArray(body.required_contexts)
      ? body.required_contexts.map(String)
      : COMMIT_STATUSES.map((s) => s.context)
    const failing = COMMIT_STATUSES.filter((s) => required.includes(s.context) && s.state !== 'success')
    if (failing.length) {
      return gh(409, {
        message: 'Conflict: Commit status checks failed for main.',
        errors: [
          {
            contexts: failing.map((s) => ({ context: s.context, state: s.state })),
            resource: 'Deployment',
            field: 'required_contexts',
            code: 'invalid'
          }
        ],
        documentation_url: `${DOCS}/deployments#create-a-deployment`,
        status: '409'
      })
    }
    let payload = body.payload ?? {}
    if (typeof payload === 'string') {
      // GitHub stores a JSON string given as the payload as the object it encodes.
      try {
        const parsed = JSON.parse(payload)
        if (parsed && typeof parsed === 'object') payload = parsed
      } catch {
        // kept as the string it is
      }
      if (payload === '') payload = {}
    }
    const t = now()
    const environment = typeof body.environment === 'string' && body.environment ? body.environment : 'production'
    /** @type {SimDeployment} */
    const deployment = {
      id: nextDeploymentId++,
      sha: resolveRef(body.ref),
      ref: body.ref,
      task: typeof body.task === 'string' && body.task ? body.task : 'deploy',
      payload,
      original_environment: environment,
      environment,
      description: typeof body.description === 'string' ? body.description : null,
      createdAt: t,
      updatedAt: t,
      transient_environment: body.transient_environment === true,
      production_environment: body.production_environment ?? environment === 'production',
      request: { auto_merge: body.auto_merge, required_contexts: body.required_contexts },
      statuses: []
    }
    deployments.push(deployment)
    return gh(201, deploymentView(deployment))
  }

  /** @param {Request} rec */
  function list(rec) {
    const q = rec.query
    const found = deployments
      .filter((d) => (q.sha ? d.sha === q.sha : true))
      .filter((d) => (q.ref ? d.ref === q.ref : true))
      .filter((d) => (q.task ? d.task === q.task : true))
      .filter((d) => (q.environment ? d.environment === q.environment : true))
      .slice()
      .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id)
    return page(rec, found.map(deploymentView))
  }

  /** @param {SimDeployment} deployment */
  function remove(deployment) {
    const latest = deployment.statuses.at(-1)
    const othersInEnvironment = deployments.filter((d) => d !== deployment && d.environment === deployment.environment)
    if (latest?.state !== 'inactive' && othersInEnvironment.length > 0) {
      return invalid('We cannot delete an active deployment unless it is the only deployment in a given environment.')
    }
    deployments.splice(deployments.indexOf(deployment), 1)
    return { status: 204, headers: {}, body: '' }
  }

  /**
   * @param {Request} rec
   * @param {SimDeployment} deployment
   */
  function createStatus(rec, deployment) {
    const body = parseBody(rec.body)
    if (!body) return invalid('Problems parsing JSON')
    if (typeof body.state !== 'string' || !STATES.includes(body.state)) {
      return invalid(
        `Invalid request.\n\nFor 'properties/state', ${JSON.stringify(body.state ?? null)} is not one of ${STATES.join(', ')}.`
      )
    }
    const description = typeof body.description === 'string' ? body.description : ''
    if (description.length > 140) {
      return validationFailed('DeploymentStatus', 'description', 'description is too long (maximum is 140 characters)')
    }
    for (const key of ['log_url', 'target_url', 'environment_url']) {
      const value = body[key]
      if (value !== undefined && value !== '' && (typeof value !== 'string' || !/^https?:\/\//.test(value))) {
        return validationFailed('DeploymentStatus', key, `${key} must use http(s) scheme`)
      }
    }
    if (options.githubMaxStatuses != null && deployment.statuses.length >= options.githubMaxStatuses) {
      return validationFailed(
        'DeploymentStatus',
        'deployment',
        `This deployment has reached the limit of ${options.githubMaxStatuses} statuses.`
      )
    }
    const t = now()
    const previous = deployment.statuses.at(-1)
    const environment =
      typeof body.environment === 'string' && body.environment
        ? body.environment
        : (previous?.environment ?? deployment.environment)
    if (environment !== deployment.environment) deployment.environment = environment
    /** @type {SimDeploymentStatus} */
    const status = {
      id: nextStatusId++,
      state: body.state,
      description,
      environment,
      log_url:
        typeof body.log_url === 'string' ? body.log_url : typeof body.target_url === 'string' ? body.target_url : '',
      environment_url: typeof body.environment_url === 'string' ? body.environment_url : '',
      createdAt: t
    }
    deployment.statuses.push(status)
    deployment.updatedAt = t
    if (body.state === 'success' && body.auto_inactive !== false) {
      // Earlier non-transient, non-production deployments of the environment whose last state was success.
      for (const other of deployments) {
        if (other === deployment || other.environment !== environment || other.createdAt > deployment.createdAt)
          continue
        if (other.transient_environment || other.production_environment) continue
        if (other.statuses.at(-1)?.state !== 'success') continue
        other.statuses.push({
          ...status,
          id: nextStatusId++,
          state: 'inactive',
          description: '',
          log_url: '',
          environment_url: ''
        })
        other.updatedAt = t
      }
    }
    return gh(201, statusView(deployment, status))
  }

  /**
   * One page of `items` as `per_page`/`page` ask, with GitHub's `Link` header.
   * @param {Request} rec
   * @param {unknown[]} items
   */
  function page(rec, items) {
    const perPage = clampInt(rec.query.per_page, 30, 1, 100)
    const pageNo = clampInt(rec.query.page, 1, 1, Number.MAX_SAFE_INTEGER)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const slice = items.slice((pageNo - 1) * perPage, pageNo * perPage)
    /** @param {number} n */
    const link = (n) => {
      const query = new URLSearchParams({ ...rec.query, per_page: String(perPage), page: String(n) })
      return `${baseUrl()}${rec.path.replace(/^\/_github\/api/, '')}?${query}`
    }
    /** @type {string[]} */
    const links = []
    if (pageNo > 1) links.push(`<${link(pageNo - 1)}>; rel="prev"`)
    if (pageNo < last) links.push(`<${link(pageNo + 1)}>; rel="next"`)
    if (pageNo < last) links.push(`<${link(last)}>; rel="last"`)
    if (pageNo > 1) links.push(`<${link(1)}>; rel="first"`)
    return gh(200, slice, links.length ? { Link: links.join(', ') } : {})
  }

  return {
    route,
    /** Every deployment, oldest first, with its statuses (oldest first). */
    get deployments() {
      return deployments
    },
    /**
     * Deletes a deployment whatever its state, as someone with admin rights might between two reads
     * of a client. Returns whether it existed.
     * @param {number} id
     */
    remove(id) {
      const i = deployments.findIndex((d) => d.id === id)
      if (i >= 0) deployments.splice(i, 1)
      return i >= 0
    },
    /**
     * Plants a deployment as anyone with write access could (tests of untrusted payloads).
     * @param {{ payload: unknown, environment?: string, task?: string, ref?: string, createdAt?: number, statuses?: string[] }} spec
     */
    plant(spec) {
      const t = spec.createdAt ?? now()
      const environment = spec.environment ?? 'production'
      /** @type {SimDeployment} */
      const deployment = {
        id: nextDeploymentId++,
        sha: resolveRef(spec.ref ?? 'main'),
        ref: spec.ref ?? 'main',
        task: spec.task ?? 'marketplace-go-live',
        payload: spec.payload,
        original_environment: environment,
        environment,
        description: null,
        createdAt: t,
        updatedAt: t,
        transient_environment: false,
        production_environment: false,
        request: { auto_merge: false, required_contexts: [] },
        statuses: []
      }
      for (const state of spec.statuses ?? []) {
        deployment.statuses.push({
          id: nextStatusId++,
          state,
          description: '',
          environment,
          log_url: '',
          environment_url: '',
          createdAt: t
        })
      }
      deployments.push(deployment)
      return deployment
    }
  }
}

/** @param {string} text */
function parseBody(text) {
  try {
    const value = JSON.parse(text || '{}')
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

/**
 * @param {string | undefined} text
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
function clampInt(text, fallback, min, max) {
  const n = Number.parseInt(text ?? '', 10)
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback
}

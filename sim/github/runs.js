// @ts-check
// GitHub Actions workflow runs and their review history, as documented on docs.github.com
// (rest/actions/workflow-runs: "Get a workflow run", "Get the review history for a workflow run"):
// the runs a test seeds, read with `actions: read`.

import { isoSeconds } from '../clock.js'
import { gh, methodNotAllowed, notFound } from './replies.js'
import { REPOSITORY, resolveRef, stableNumber, user } from './repository.js'

/**
 * @typedef {object} RunOptions
 * @property {'read' | 'none'} githubActionsPermission the token's `actions` permission
 */

/** @returns {RunOptions} */
export function defaultRunOptions() {
  return { githubActionsPermission: 'read' }
}

/**
 * One entry of a run's review history.
 * @typedef {object} SimRunApproval
 * @property {string[]} environments names of the environments reviewed
 * @property {'approved' | 'rejected' | 'pending'} state
 * @property {string} comment
 * @property {string} user login of the reviewer
 */

/**
 * A workflow run record (`sim.github.runs`).
 * @typedef {object} SimRun
 * @property {number} id
 * @property {string} name
 * @property {string} path
 * @property {string} headBranch
 * @property {string} headSha
 * @property {string} event
 * @property {string} status
 * @property {string | null} conclusion
 * @property {number} runNumber
 * @property {number} runAttempt
 * @property {string} actor login
 * @property {number} createdAt
 * @property {number} updatedAt
 * @property {SimRunApproval[]} approvals oldest first
 */

/**
 * @typedef {object} ApprovalSpec
 * @property {string} [environment] the environment reviewed (or `environments`); default `release`
 * @property {string[]} [environments]
 * @property {'approved' | 'rejected' | 'pending'} [state] default `approved`
 * @property {string} [comment] default ''
 * @property {string} [user] reviewer login, default `octocat`
 */

/**
 * @typedef {object} RunSpec
 * @property {number} [id] default: the next of a counter
 * @property {string} [headSha] default: the commit `headBranch` resolves to (the one a deployment of that ref records)
 * @property {string} [headBranch] default `main`
 * @property {string} [name] default `Release`
 * @property {string} [path] default `.github/workflows/release.yml`
 * @property {string} [event] default `push`
 * @property {string} [status] default `completed`
 * @property {string | null} [conclusion] default `success` when completed, else null
 * @property {number} [runAttempt] default 1
 * @property {string} [actor] login, default `octocat`
 * @property {number} [createdAt] default now
 * @property {ApprovalSpec[]} [approvals] default none
 */

const DOCS = 'https://docs.github.com/rest/actions/workflow-runs'

/**
 * @param {{ options: RunOptions, now: () => number, baseUrl: () => string }} deps
 */
export function createGitHubRuns({ options, now, baseUrl }) {
  /** @type {SimRun[]} */
  const runs = []
  let nextRunId = 7_000_000_001
  let nextRunNumber = 1

  const repoUrl = () => `${baseUrl()}/repos/${REPOSITORY}`
  const htmlRepo = `https://github.com/${REPOSITORY}`

  function repositoryView() {
    const [owner, name] = REPOSITORY.split('/')
    const id = stableNumber(`repo:${REPOSITORY}`, 100_000_000, 800_000_000)
    return {
      id,
      node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
      name,
      full_name: REPOSITORY,
      private: true,
      owner: { ...user(owner), type: 'Organization' },
      html_url: htmlRepo,
      url: repoUrl(),
      fork: false
    }
  }

  /** @param {SimRun} run */
  function runView(run) {
    const url = `${repoUrl()}/actions/runs/${run.id}`
    const workflowId = stableNumber(`workflow:${run.path}`, 10_000_000, 90_000_000)
    const checkSuiteId = stableNumber(`suite:${run.id}`, 20_000_000_000, 900_000_000)
    const repository = repositoryView()
    return {
      id: run.id,
      name: run.name,
      node_id: Buffer.from(`WorkflowRun${run.id}`).toString('base64'),
      head_branch: run.headBranch,
      head_sha: run.headSha,
      path: run.path,
      display_title: run.name,
      run_number: run.runNumber,
      event: run.event,
      status: run.status,
      conclusion: run.conclusion,
      workflow_id: workflowId,
      check_suite_id: checkSuiteId,
      check_suite_node_id: Buffer.from(`CheckSuite${checkSuiteId}`).toString('base64'),
      url,
      html_url: `${htmlRepo}/actions/runs/${run.id}`,
      pull_requests: [],
      created_at: isoSeconds(run.createdAt),
      updated_at: isoSeconds(run.updatedAt),
      actor: user(run.actor),
      run_attempt: run.runAttempt,
      referenced_workflows: [],
      run_started_at: isoSeconds(run.createdAt),
      triggering_actor: user(run.actor),
      jobs_url: `${url}/jobs`,
      logs_url: `${url}/logs`,
      check_suite_url: `${repoUrl()}/check-suites/${checkSuiteId}`,
      artifacts_url: `${url}/artifacts`,
      cancel_url: `${url}/cancel`,
      rerun_url: `${url}/rerun`,
      previous_attempt_url: run.runAttempt > 1 ? `${url}/attempts/${run.runAttempt - 1}` : null,
      workflow_url: `${repoUrl()}/actions/workflows/${workflowId}`,
      head_commit: {
        id: run.headSha,
        tree_id: resolveRef(`tree:${run.headSha}`),
        message: 'Release',
        timestamp: isoSeconds(run.createdAt),
        author: { name: run.actor, email: `${run.actor}@users.noreply.github.com` },
        committer: { name: 'GitHub', email: 'noreply@github.com' }
      },
      repository,
      head_repository: repository
    }
  }

  /** @param {SimRunApproval} a */
  function approvalView(a) {
    return {
      environments: a.environments.map((name) => {
        const id = stableNumber(`environment:${name}`, 1_000_000_000, 900_000_000)
        return {
          id,
          node_id: Buffer.from(`EN_${id}`).toString('base64'),
          name,
          url: `${repoUrl()}/environments/${encodeURIComponent(name)}`,
          html_url: `${htmlRepo}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
          created_at: '2024-01-15T09:30:00Z',
          updated_at: '2024-01-15T09:30:00Z'
        }
      }),
      state: a.state,
      comment: a.comment,
      user: user(a.user)
    }
  }

  /**
   * @param {import('../http.js').RequestRecord} rec
   * @param {string[]} rest decoded path segments after `/repos/{owner}/{repo}/actions/runs`
   * @returns {import('../http.js').Reply}
   */
  function route(rec, rest) {
    if (rest.length < 1 || rest.length > 2 || (rest.length === 2 && rest[1] !== 'approvals')) return notFound()
    if (rec.method !== 'GET') return methodNotAllowed()
    if (options.githubActionsPermission !== 'read') {
      return gh(
        403,
        {
          message: 'Resource not accessible by integration',
          documentation_url: `${DOCS}#${rest.length === 2 ? 'get-the-review-history-for-a-workflow-run' : 'get-a-workflow-run'}`,
          status: '403'
        },
        { 'x-accepted-github-permissions': 'actions=read' }
      )
    }
    const run = /^\d+$/.test(rest[0]) ? runs.find((r) => String(r.id) === rest[0]) : undefined
    if (!run) return notFound()
    if (rest.length === 1) return gh(200, runView(run))
    return gh(200, run.approvals.map(approvalView))
  }

  return {
    route,
    /** Every run seeded, oldest first. */
    get runs() {
      return runs
    },
    /**
     * Seeds a workflow run of the repository, with its review history.
     * @param {RunSpec} [spec]
     * @returns {SimRun}
     */
    addRun(spec = {}) {
      const t = spec.createdAt ?? now()
      const headBranch = spec.headBranch ?? 'main'
      const status = spec.status ?? 'completed'
      const id = spec.id ?? nextRunId++
      /** @type {SimRun} */
      const run = {
        id,
        name: spec.name ?? 'Release',
        path: spec.path ?? '.github/workflows/release.yml',
        headBranch,
        headSha: spec.headSha ?? resolveRef(headBranch),
        event: spec.event ?? 'push',
        status,
        conclusion: spec.conclusion !== undefined ? spec.conclusion : status === 'completed' ? 'success' : null,
        runNumber: nextRunNumber++,
        runAttempt: spec.runAttempt ?? 1,
        actor: spec.actor ?? 'octocat',
        createdAt: t,
        updatedAt: t,
        approvals: (spec.approvals ?? []).map((a) => ({
          environments: a.environments ?? [a.environment ?? 'release'],
          state: a.state ?? 'approved',
          comment: a.comment ?? '',
          user: a.user ?? 'octocat'
        }))
      }
      runs.push(run)
      return run
    }
  }
}

/**
 * Whether a queued go-live was approved by a person: the workflow run its record names exists in
 * this repository, is of the deployment's commit, and its review history holds an `approved`
 * entry for an environment (GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals). A record
 * in GitHub's deployments can be planted by any token that may write deployments, naming any past
 * approved run: so the record must also have been made while that run ran (GitHub sets a
 * deployment's `created_at`), and the caller refuses a run named by more than one record.
 */
import { isRecord, nonEmptyString } from '../base/json.js'
import type { Approval } from '../model/approval.js'
import { GitHubError } from '../model/errors.js'
import type { GitHubClient } from './client.js'

/** How far a deployment's creation may lie outside its run's times (the clocks of two services). */
const SKEW_MS = 60_000

/**
 * `record`: the deployment's commit and when GitHub created it (absent for the release run's own
 * check, which asks about the run it is).
 */
export async function releaseApproval(
  client: GitHubClient,
  runId: string | undefined,
  sha: string,
  record?: { createdAt: string; now: number }
): Promise<Approval> {
  if (!runId) return { approved: false, reason: 'no-run-named' }
  let run: unknown
  try {
    run = (
      await client.call(
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
        { run_id: runId },
        `reading workflow run ${runId}`
      )
    ).data
  } catch (error) {
    return refusal(error)
  }
  const head = isRecord(run) ? nonEmptyString(run.head_sha) : undefined
  if (!head || head.toLowerCase() !== sha.toLowerCase())
    return { approved: false, reason: 'other-commit', detail: head }
  if (record && isRecord(run) && !madeDuring(run, record)) return { approved: false, reason: 'not-made-by-run' }
  let reviews: unknown
  try {
    reviews = (
      await client.call(
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals',
        { run_id: runId },
        `reading the approvals of workflow run ${runId}`
      )
    ).data
  } catch (error) {
    return refusal(error)
  }
  for (const review of Array.isArray(reviews) ? reviews.filter(isRecord) : []) {
    if (nonEmptyString(review.state) !== 'approved' || !Array.isArray(review.environments)) continue
    const environment = review.environments
      .filter(isRecord)
      .map((e) => nonEmptyString(e.name))
      .find(Boolean)
    if (environment) return { approved: true, environment }
  }
  return { approved: false, reason: 'not-approved' }
}

function refusal(error: unknown): Approval {
  if (error instanceof GitHubError && error.kind === 'not-found') return { approved: false, reason: 'no-such-run' }
  if (error instanceof GitHubError && (error.kind === 'forbidden' || error.kind === 'unauthorized')) {
    return { approved: false, reason: 'no-permission', detail: error.failure.githubMessage }
  }
  throw error
}

/** The record was created while the run ran: from its start to its last update (now, while it runs). */
function madeDuring(run: Record<string, unknown>, record: { createdAt: string; now: number }): boolean {
  const made = Date.parse(record.createdAt)
  const started = Date.parse(nonEmptyString(run.run_started_at) ?? nonEmptyString(run.created_at) ?? '')
  const ended =
    nonEmptyString(run.status) === 'completed' ? Date.parse(nonEmptyString(run.updated_at) ?? '') : record.now
  if (Number.isNaN(made) || Number.isNaN(started) || Number.isNaN(ended)) return false
  return made >= started - SKEW_MS && made <= ended + SKEW_MS
}

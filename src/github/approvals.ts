/**
 * Whether a queued go-live was approved by a person: the workflow run its record names exists in
 * this repository, is of the deployment's commit, and its review history holds an `approved`
 * entry for an environment (GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals). A record
 * in GitHub's deployments can be planted by any token that may write deployments; only this
 * proof lets a follow run start a production go-live.
 */
import { isRecord, nonEmptyString } from '../base/json.js'
import type { Approval } from '../model/approval.js'
import { GitHubError } from '../model/errors.js'
import type { GitHubClient } from './client.js'

export async function releaseApproval(client: GitHubClient, runId: string | undefined, sha: string): Promise<Approval> {
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

/** Sentences about what a follow run could not do, with the fix. */
import type { ApiKind } from '../model/settings.js'
import type { Approval } from '../model/approval.js'
import { API_NAME } from '../model/target.js'

export const followLines = {
  tokenForOtherApi: (recorded: ApiKind, given: ApiKind): string =>
    `this go-live went through the ${API_NAME[recorded]}, but the 'token' input is a token for the ${API_NAME[given]}. ` +
    `Give the follow step 'tenant-id' and 'client-id' (with 'client-secret' or OIDC) so it can get a token for each API, ` +
    `or add a follow step with 'api: ${recorded}' and its own token`
}

/** Why a queued go-live was left alone: no approved release run behind it. */
export function approvalProblem(approval: Exclude<Approval, { approved: true }>, deploymentId: number): string {
  const left = `deployment ${deploymentId} is queued, but it is left alone`
  switch (approval.reason) {
    case 'no-run-named':
      return `${left}: it names no workflow run, so nothing shows that a person approved it`
    case 'no-such-run':
      return `${left}: the workflow run it names is not a run of this repository`
    case 'other-commit':
      return `${left}: the workflow run it names is of another commit than the deployment`
    case 'not-made-by-run':
      return `${left}: it was not created while the workflow run it names ran, so that run's approval is not for it`
    case 'run-named-twice':
      return `${left}: another deployment names the same workflow run, and one approval starts one go-live at the most`
    case 'not-approved':
      return `${left}: the workflow run it names passed no environment's approval (required reviewers)`
    case 'no-permission':
      return (
        `${left}: the job's token cannot read workflow runs (${approval.detail ?? 'refused'}). ` +
        'Give the follow job `permissions: actions: read`'
      )
  }
}

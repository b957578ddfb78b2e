/**
 * What a deployment's record says at the end of a run, when a record may still belong to a run that
 * is starting its go-live, and whether a `when-ready` release run can be started by follow runs.
 */
import type { Logger } from '../base/logger.js'
import { releaseApproval } from '../github/approvals.js'
import type { Deployments, GoLiveDeployment } from '../github/deployments.js'
import type { GoLiveOutcome } from '../model/outcome.js'
import type { DeploymentState } from '../model/status.js'
import { endedDescription } from '../report/deployment-lines.js'
import { recordLines } from '../report/record-lines.js'

/** A record younger than this with no status may belong to a run that is still starting its go-live. */
const FRESH_RECORD_MS = 15 * 60_000

/** A record with no status yet, young enough to be another run's between its create and Go Live's answer. */
export function isFreshRecord(deployment: GoLiveDeployment, now: number): boolean {
  return deployment.state === undefined && now - (Date.parse(deployment.createdAt) || 0) < FRESH_RECORD_MS
}

/**
 * A follow run starts a queued go-live only behind an approved release run: a job without an
 * environment that requires reviewers is told at once, not days later.
 */
export async function warnWithoutApproval(deployments: Deployments, log: Logger): Promise<void> {
  const run = deployments.run
  const approval = await releaseApproval(deployments.client, run.runId, run.sha).catch((error: unknown) => ({
    approved: false as const,
    reason: 'no-permission' as const,
    detail: (error as Error).message
  }))
  if (!approval.approved) log.warning(recordLines.unapprovedRelease(approval))
}

/** The status a run's outcome ends its deployment with; undefined while the go-live goes on. */
export function finalState(
  outcome: GoLiveOutcome,
  failure: string | undefined
): { state: DeploymentState; description: string } | undefined {
  if (outcome.error !== undefined && outcome.operation === undefined) return undefined
  switch (outcome.result) {
    case 'succeeded':
      return {
        state: 'success',
        description: outcome.snapshot ? endedDescription(outcome.snapshot, outcome.operationStartedAt) : 'Live'
      }
    case 'failed':
      if (outcome.error !== undefined) return undefined
      return { state: 'failure', description: failure ?? 'Go-live failed' }
    case 'canceled':
      // A cancellation the API accepted may not take (CPP answers 202 either way): until the
      // operation says canceled, the record stays in flight for a follow run to settle.
      return outcome.snapshot?.status === 'canceled' ? { state: 'error', description: 'Go-live canceled' } : undefined
  }
  return undefined
}

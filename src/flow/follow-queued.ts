/**
 * A follow run's check of a queued go-live (`when-ready`): started only when GitHub confirms that
 * the release run which recorded it passed an environment's approval, and only once its preview is
 * ready; the record is claimed first, so two follow runs (or a follow run and its release run)
 * start it once. Pending: nothing posted. Failed: the record says why.
 */
import { releaseApproval } from '../github/approvals.js'
import type { GoLiveDeployment } from '../github/deployments.js'
import type { CallContext } from '../marketplace/backend.js'
import type { FollowRow } from '../model/follow-report.js'
import { statusDescription } from '../model/operation-ref.js'
import { goLiveAllowed, isTerminal } from '../model/status.js'
import { describeTarget, offerUrl } from '../model/target.js'
import { endedDescription, runningDescription, startingDescription } from '../report/deployment-lines.js'
import { approvalProblem } from '../report/follow-lines.js'
import { previewFailedDescription, queuedDescription } from '../report/readiness-lines.js'
import type { FollowDependencies, RecordApi } from './dependencies.js'

export async function checkQueued(
  deps: FollowDependencies,
  api: RecordApi,
  deployment: GoLiveDeployment,
  row: FollowRow,
  context: CallContext,
  runIdUses: Map<string, number>
): Promise<void> {
  const { deployments } = deps
  const record = deployment.record
  row.result = 'queued'
  // One approval starts one go-live at the most: a run named by two records proves neither.
  const approval =
    record.runId && (runIdUses.get(record.runId) ?? 0) > 1
      ? ({ approved: false, reason: 'run-named-twice' } as const)
      : await releaseApproval(deployments.client, record.runId, deployment.sha, {
          createdAt: deployment.createdAt,
          now: deps.clock.now()
        })
  if (!approval.approved) {
    row.problem = { kind: 'not-approved', message: approvalProblem(approval, deployment.id) }
    // A follow job without `actions: read` cannot do its job; a planted record is only reported.
    row.lasting = approval.reason === 'no-permission'
    return
  }
  const readiness = await api.backend.readiness(context)
  row.readiness = readiness
  if (readiness.state === 'pending') {
    deps.emit({ type: 'checked', row })
    return
  }
  if (!goLiveAllowed(readiness.state)) {
    row.result = 'failed'
    await deployments.setState(deployment, 'failure', {
      description: previewFailedDescription(readiness)
    })
    deps.emit({ type: 'checked', row, posted: 'failure' })
    return
  }
  // Re-read the record: another run may have started it since the list was read.
  const now = await deployments.latestStatus(deployment.id)
  if (
    now.state !== 'queued' ||
    now.operationRef ||
    !(await deployments.claim(deployment, startingDescription(deployments.run.runId)))
  ) {
    // Another run started it since the list was read: it records the operation.
    row.result = 'running'
    row.operationStatus = 'started by another run'
    deps.emit({ type: 'checked', row })
    return
  }
  let started
  try {
    started = await api.backend.start(context)
  } catch (error) {
    // Claimed but not started: what runs now is the go-live, or the record goes back to queued,
    // so the next follow run tries again (never a claimed record with nothing behind it).
    const running = await api.backend.findRunning?.(context).catch(() => undefined)
    if (!running) await deployments.setState(deployment, 'queued', { description: queuedDescription(readiness) })
    else started = { operation: running, note: '', joined: true }
    if (!started) throw error
  }
  row.started = true
  // The go-live begins now, not when its release run queued it.
  row.operationStartedAt = row.checkedAt = deps.clock.now()
  row.operationStatus = started.settled?.rawStatus ?? (started.joined ? 'joined' : 'accepted')
  row['operation-location'] = started.operation.location
  const settled = started.settled
  const state = settled && isTerminal(settled.status) ? 'success' : 'in_progress'
  const text = settled ? endedDescription(settled) : runningDescription(undefined, describeTarget(record))
  row.result = settled ? 'succeeded' : 'running'
  row.url = offerUrl(record, settled?.document)
  const description = statusDescription(record, api.baseUrl, text, started.operation.location) ?? text
  await deployments.setState(deployment, state, { description, environmentUrl: row.url })
  deps.emit({ type: 'checked', row, posted: state })
}

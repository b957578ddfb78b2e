/**
 * What a GitHub deployment's status says, in the Deployments view (140 characters, the operation's
 * reference appended by the flow): where a go-live is, how it ended, or why its record was closed.
 */
import { formatDuration } from '../base/duration.js'
import { currentStep, type OperationSnapshot } from '../model/status.js'

/** The description of a go-live in flight: its status and the step it is in, with progress. */
export function runningDescription(snapshot: OperationSnapshot | undefined, target: string): string {
  if (!snapshot) return `Going live: ${target}`
  // The step, not its progress: a status is posted when the description changes, and GitHub keeps
  // at most 100 statuses a deployment.
  const step = currentStep(snapshot.steps)
  const where = step ? `: ${step.name}` : ''
  return `Going live (${snapshot.rawStatus || 'running'})${where}`
}

/** The description of a go-live that ended, with the reason a failure gives. */
export function endedDescription(snapshot: OperationSnapshot, startedAt?: number): string {
  const after =
    startedAt !== undefined && snapshot.endedAt !== undefined
      ? ` after ${formatDuration(snapshot.endedAt - startedAt)}`
      : ''
  switch (snapshot.status) {
    case 'succeeded':
      return `Live${after}`
    case 'canceled':
      return `Go-live canceled (status '${snapshot.rawStatus}')`
    default: {
      const step = currentStep(snapshot.steps)
      const reason = snapshot.error?.message ?? step?.message
      const at = step ? ` at ${step.name}` : ''
      return `Go-live failed${at}${reason ? `: ${reason}` : ` (status '${snapshot.rawStatus}')`}`
    }
  }
}

/** The status a run posts to claim a queued go-live before it starts it. */
export function startingDescription(runId: string): string {
  return `Starting the go-live: the preview is ready${runId ? ` (run ${runId})` : ''}`
}

export const DESCRIPTIONS = {
  notStarted: (why: string): string => `Not started: ${why}`,
  outcomeUnknown: 'Outcome unknown: the run was cancelled while Go Live was asked; a follow run looks for it',
  cancelRequested: 'Cancellation requested; a follow run records how the go-live ends',
  operationUnknown: (status: number): string =>
    `The API no longer knows this operation (${status}); check the offer in Partner Center`,
  nothingRunning: 'No go-live of the target runs now: the recorded go-live never started or ended unrecorded',
  superseded: (id: number): string => `Settled by deployment ${id}, which records the same go-live`,
  supersededQueued: 'Not started: a newer release of the target goes live in its place'
}

/**
 * Every sentence of a follow run (`follow: true`): its log lines as it goes, its conclusion, and
 * its job summary, one row per go-live checked.
 */
import { formatDuration } from '../base/duration.js'
import { currentStep } from '../model/status.js'
import { previewFailureDetails, readinessWords } from './readiness-lines.js'
import type { FollowEvent, FollowReport, FollowRow } from '../model/follow-report.js'
import type { FollowOutcome } from '../model/outcome.js'
import { withoutTrailingStop } from '../base/text.js'
import type { Outputs } from './outputs.js'
import { errorConclusion, type Conclusion } from './sentences.js'
import { failedAt, failedStepOf, whatWentWrong } from './what-went-wrong.js'

/** `1 go-live`, `3 go-lives`. */
export function goLives(count: number): string {
  return `${count} go-live${count === 1 ? '' : 's'}`
}

/** The line a follow event is logged with; `fenced`: it holds API text. */
export function followEventLine(event: FollowEvent): { text: string; fenced?: boolean } {
  switch (event.type) {
    case 'looking':
      return { text: `Following the go-lives recorded as GitHub deployments of ${event.repository} (${event.scope})` }
    case 'in-flight':
      return { text: event.count ? `${goLives(event.count)} in flight` : 'No go-live is in flight.' }
    case 'checked': {
      const { row, posted } = event
      // The status is API text: fenced, so it can never run as a workflow command.
      return {
        text: `${row.target}: ${outcomeWords(row)}${row.operationStatus ? ` (status '${row.operationStatus}')` : ''}${posted ? `; deployment ${row['deployment-id']} set to ${posted}` : ''}`,
        fenced: true
      }
    }
  }
}

/** How long the go-live has run, from the operation's own start (the payload's when the API gives none). */
function age(row: FollowRow): string | undefined {
  const started = row.operationStartedAt
  // An ended go-live is measured to the end the API gives, not to the check that saw it.
  const until = row.result !== 'running' ? (row.snapshot?.endedAt ?? row.checkedAt) : row.checkedAt
  return started !== undefined && started <= until ? formatDuration(until - started) : undefined
}

/** `: step Certification 45%`, where a running go-live is. */
function where(row: FollowRow): string {
  const step = row.snapshot && currentStep(row.snapshot.steps)
  if (!step) return ''
  const progress = step.progress !== undefined && step.progress > 0 && step.progress < 100 ? ` ${step.progress}%` : ''
  return `, at step ${step.name}${progress}`
}

/** `running for 2h 00m`, `succeeded after 3d 0h`, `failed at step Certification after 3d 0h`. */
export function outcomeWords(row: FollowRow): string {
  const took = age(row)
  switch (row.result) {
    case 'queued':
      return `queued: the preview is ${row.readiness ? readinessWords(row.readiness.state) : 'not ready yet'}`
    case 'running':
      if (row.started) return 'the preview is ready: the go-live was started now'
      return `running${took ? ` for ${took}` : ''}${where(row)}`
    case 'succeeded':
      return `succeeded${took ? ` after ${took}` : ''}`
    case 'canceled':
      return `was cancelled${took ? ` after ${took}` : ''}`
    case 'failed':
      if (row.readiness && !row.snapshot) return 'not started: the preview failed'
      return failedAt(failedStepOf(row.snapshot), took)
  }
}

/** A failed or cancelled go-live as its run would have said it: the step, the time, the API's error. */
function endedText(row: FollowRow): string {
  if (row.readiness && !row.snapshot) {
    // A queued go-live whose preview failed: nothing started, so no duration; the checks it names.
    const why = withoutTrailingStop(row.readiness.explanation)
    return `The preview of ${row.target} failed, so its queued go-live was not started: ${why}.${previewFailureDetails(row.readiness)}`
  }
  const wrong = row.result === 'failed' ? whatWentWrong(row.snapshot, failedStepOf(row.snapshot)) : ''
  return `The go-live of ${row.target} ${outcomeWords(row)}${wrong ? `: ${wrong}` : ''}`
}

/** What went wrong with one go-live's check, in words. */
export function problemText(row: FollowRow): string {
  const problem = row.problem
  if (!problem) return ''
  if (problem.kind === 'unusable-location') return `its operation location is not usable: ${problem.message}`
  if (problem.kind === 'status-not-set') return `its deployment status could not be set: ${problem.message}`
  if (problem.kind === 'operation-unknown') {
    return (
      `the API no longer knows its operation (${problem.message}); the deployment was closed as an error. ` +
      'Check the offer in Partner Center; start a new go-live if it is not live'
    )
  }
  if (problem.kind === 'no-operation') return problem.message
  return row.lasting ? problem.message : `${problem.message}; it is checked again next run`
}

/** Deployments skipped or not followed, and go-lives whose check went wrong. */
function followWarnings(report: FollowReport): string[] {
  return [
    ...report.skipped,
    ...report.unreadable,
    ...report.rows
      .filter((row) => row.problem)
      .map((row) => `${row.target} (deployment ${row['deployment-id']}): ${problemText(row)}`)
  ]
}

/** What failed, or could not be checked in a way a later run will not fix. */
function followFailure(report: FollowReport): string | undefined {
  const failedRows = report.rows.filter((r) => r.result === 'failed' || r.result === 'canceled')
  const lasting = report.rows.filter((r) => r.lasting)
  if (failedRows.length) {
    return `${failedRows.map(endedText).join('; ')}. Fix what it reports in Partner Center, publish to preview again, then start a new go-live.`
  }
  if (lasting.length) {
    return `${lasting.map((r) => `${r.target} (deployment ${r['deployment-id']}) could not be checked: ${problemText(r)}`).join('; ')}`
  }
  if (report.unreadable.length) {
    const count = report.unreadable.length
    return (
      `${count} deployment${count === 1 ? '' : 's'} of this action cannot be read (each named above). A record ` +
      'this action did not write cannot be followed: mark that deployment inactive, or delete it, once you know what it is.'
    )
  }
  return undefined
}

/** A go-live that could not be checked for a lasting reason fails the run too: someone must look. */
function finalResult(report: FollowReport, failure: string | undefined): FollowReport['result'] {
  return failure ? 'failed' : report.result
}

export function followConclusion(outcome: FollowOutcome): Conclusion {
  const report = outcome.report
  if (outcome.error !== undefined || !report) return { log: [], notes: [], ...errorConclusion(outcome) }
  const failure = followFailure(report)
  const result = finalResult(report, failure)
  return {
    log: [
      ...followWarnings(report).map((text) => ({ text, warning: true })),
      { text: `Follow: ${result} (${goLives(report.rows.length)} checked)` }
    ],
    headline: failure ?? `Follow: ${result}`,
    failure,
    notes: []
  }
}

/** The outputs of a follow run. */
export function followOutputs(outcome: FollowOutcome, failure: string | undefined): Outputs {
  const report = outcome.report
  if (!report) return { result: outcome.result }
  const followed = report.rows.map(({ target, 'deployment-id': id, 'operation-location': location, result, url }) => ({
    target,
    'deployment-id': id,
    'operation-location': location,
    result,
    url
  }))
  const outputs: Outputs = {
    result: finalResult(report, failure),
    followed,
    url: outcome.url
  }
  if (followed.length === 1) {
    outputs.url = followed[0].url
    outputs.deploymentId = followed[0]['deployment-id']
  }
  return outputs
}

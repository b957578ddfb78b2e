/**
 * The report of a run, rendered from its outcome value: log lines as the flow goes, then the
 * outputs, the job summary, a warning or a notice, and the step status. Each is written on its own
 * and bounded; none of them throws, so a failure of one (an unwritable GITHUB_OUTPUT, a hostile
 * document) never loses the others. Outputs that could not be written fail the step, last.
 */
import { formatDuration } from '../base/duration.js'
import type { FollowEvent } from '../model/follow-report.js'
import type { GoLiveEvent, RunOutcome } from '../model/outcome.js'
import { debug, info, notice, setFailed, warning } from '../runner/port.js'
import { followConclusion, followEventLine, followOutputs } from './follow.js'
import { renderFollowSummary } from './follow-summary.js'
import { logUntrusted } from './log.js'
import { lostOutputsFailure, type Outputs, type StepOutputs } from './outputs.js'
import { ProgressPulse } from './progress-pulse.js'
import type { RepeatFilter } from './repeats.js'
import { eventLine } from './run-lines.js'
import { dryRunConclusion, errorConclusion, goLiveConclusion, type Conclusion } from './sentences.js'
import { renderGoLiveSummary, writeSummaryHtml } from './summary.js'

/** Says a line; one that holds API text is fenced. */
function say(line: { text: string; fenced?: boolean; warning?: boolean; notice?: boolean }): void {
  if (line.warning) warning(line.text)
  else if (line.notice) notice(line.text)
  else if (line.fenced) logUntrusted([line.text])
  else info(line.text)
}

/**
 * Logs the go-live's events as they come, and publishes the operation's location as soon as it is
 * known. While it waits, a poll adds lines when something changed, or a sign of life when nothing
 * did for a while (progress-pulse.ts), each stamped with the time since the run started.
 */
export function goLiveEventLog(
  startedAt: number,
  target: string,
  stepOutputs: StepOutputs,
  repeats?: RepeatFilter
): (event: GoLiveEvent) => void {
  let pulse: { pulse: ProgressPulse; deadline: number } | undefined
  return (event) => {
    if (event.type === 'snapshot') {
      if (!pulse) return
      const lines = pulse.pulse.update(event.snapshot, {
        now: event.at,
        deadline: pulse.deadline,
        nextCheckMs: event.nextCheckMs
      })
      const stamp = `[${formatDuration(event.at - startedAt)}]`
      return logUntrusted(lines.map((line) => `${stamp} ${line}`))
    }
    const line = eventLine(event, target)!
    // The same failure at every poll of an outage is said once a while, not once a poll.
    if (event.type === 'poll-failed' && repeats && !repeats.fresh(line.text)) debug(line.text)
    else say(line)
    if (event.type === 'waiting') pulse = { pulse: new ProgressPulse(startedAt), deadline: event.deadline }
    // The location is the whole resume state: logged before any file is written (a runner file
    // that cannot be written must not lose it), then published.
    if (event.type === 'operation') {
      const lost = stepOutputs.write({ operationLocation: event.operation.location, operationId: event.operation.id })
      // Written again at the end, where a loss fails the step; the log line above has the location.
      if (lost) debug(`The operation's outputs could not be written yet (${lost.reason ?? 'no reason given'})`)
    }
  }
}

/** Logs a follow run's events as they come. */
export function followEventLog(event: FollowEvent): void {
  say(followEventLine(event))
}

/** How the run ends in words; its last log lines are said at once. */
export function conclude(outcome: RunOutcome): Conclusion {
  const conclusion =
    outcome.kind === 'go-live'
      ? goLiveConclusion(outcome)
      : outcome.kind === 'dry-run'
        ? dryRunConclusion(outcome)
        : outcome.kind === 'follow'
          ? followConclusion(outcome)
          : { log: [], notes: [], ...errorConclusion(outcome) }
  conclusion.log.forEach(say)
  return conclusion
}

function outputsOf(outcome: RunOutcome, conclusion: Conclusion): Outputs {
  switch (outcome.kind) {
    case 'setup-failed':
      return { result: outcome.result }
    case 'dry-run':
      return { result: outcome.result, url: outcome.url }
    case 'follow':
      return followOutputs(outcome, conclusion.failure)
    case 'go-live':
      return {
        result: outcome.result,
        operationLocation: outcome.operation?.location,
        operationId: outcome.operation?.id,
        operationStatus: outcome.snapshot?.rawStatus,
        operation: outcome.snapshot?.document,
        url: outcome.url,
        deploymentId: outcome.deploymentId
      }
  }
}

function summaryOf(outcome: RunOutcome, conclusion: Conclusion, outputs: Outputs, now: number): string | undefined {
  if (outcome.kind === 'setup-failed') return undefined
  if (outcome.kind === 'follow') return renderFollowSummary(outcome, conclusion, outputs.result)
  return renderGoLiveSummary(outcome, conclusion, outputs, now)
}

/**
 * Outputs, summary, warning and step status: the end of every run. `now`: the clock's time;
 * `stepOutputs`: the run's, which may have written some already.
 */
export async function publish(
  outcome: RunOutcome,
  conclusion: Conclusion,
  now: number,
  stepOutputs: StepOutputs
): Promise<void> {
  const outputs = outputsOf(outcome, conclusion)
  const lost = stepOutputs.write(outputs)
  const summary = summaryOf(outcome, conclusion, outputs, now)
  if (summary !== undefined) await writeSummaryHtml(summary)
  if (conclusion.warning) warning(conclusion.warning)
  if (conclusion.notice) notice(conclusion.notice)
  if (conclusion.failure) setFailed(conclusion.failure)
  // Last: the run's own result is said (log, summary, annotations) before the outputs' loss fails it.
  if (lost) setFailed(lostOutputsFailure(lost))
}

/**
 * How a go-live or a dry run ends, in words: the headline, failure, warning and notes its outcome
 * ends with (the lines it logs on the way are in run-lines.ts). The flows hand over values only.
 */
import { formatFailure, type FailureContext } from './advice.js'
import type { StepView } from '../model/status.js'
import { formatDuration } from '../base/duration.js'
import type { CancelAttempt, DryRunOutcome, GoLiveOutcome, RunOutcome } from '../model/outcome.js'
import { redactAndCut, withoutTrailingStop } from '../base/text.js'
import type { Conclusion } from './conclusion.js'
import { previewFailureDetails, readinessConclusion, readinessWords } from './readiness-lines.js'
import { refusalExplanation } from './refusals.js'
import { failedAt, failedStepOf, whatWentWrong } from './what-went-wrong.js'

export type { Conclusion } from './conclusion.js'

/** The headline and failure of a run an error ended. */
export function errorConclusion(outcome: RunOutcome): Pick<Conclusion, 'headline' | 'failure'> {
  if (outcome.aborted) {
    // Outcome unknown: a go-live may or may not have reached the API.
    return {
      failure:
        outcome.kind === 'dry-run'
          ? 'The workflow run was cancelled during the dry run; nothing was started.'
          : outcome.kind === 'follow'
            ? 'The workflow run was cancelled during the follow run; nothing was started, and the next follow run checks the go-lives again.'
            : 'The workflow run was cancelled before the go-live operation was known: a go-live may have started. A re-run joins it instead of starting another.',
      headline: 'Stopped: the workflow run was cancelled.'
    }
  }
  let context: FailureContext | undefined
  if (outcome.kind === 'go-live' || outcome.kind === 'dry-run') {
    context = { api: outcome.api, target: outcome.target, staticToken: outcome.staticToken }
    if (outcome.kind === 'go-live' && outcome.operation) context.operationLocation = outcome.operation.location
  }
  const failure = formatFailure(outcome.error, context)
  return { failure, headline: failure }
}

export function dryRunConclusion(outcome: DryRunOutcome): Conclusion {
  if (outcome.error !== undefined || !outcome.readiness) return { log: [], notes: [], ...errorConclusion(outcome) }
  const { ready, refusal, state } = outcome.readiness
  // A preview being published, or a latest one that failed, is said as configure would refuse it.
  const explanation = refusal ? refusalExplanation(refusal, outcome.target) : outcome.readiness.explanation
  const details = previewFailureDetails(outcome.readiness)
  return {
    log: [
      {
        text: `Dry run (preview: ${readinessWords(state)}): ${explanation}. Nothing was started.${details}`,
        fenced: true
      }
    ],
    headline: `Dry run: ${explanation}.${details}`,
    failure: ready ? undefined : `Not ready to go live (${readinessWords(state)}): ${explanation}.${details}`,
    notes: []
  }
}

/** The summary's notes: how the operation was found, and what became of it. */
function goLiveNotes(outcome: GoLiveOutcome): string[] {
  const notes: string[] = []
  const source = outcome.source
  if (source?.kind === 'recorded')
    notes.push(
      `Followed the go-live recorded in flight in GitHub deployment ${source.deploymentId}; no new go-live was started.`
    )
  if (source?.kind === 'resumed')
    notes.push('Resumed an operation given in operation-location; no new go-live was started.')
  if (source?.kind === 'started') notes.push(source.note)
  // A refused start's explanation is part of the failure (go-live.ts adds it to the error): not said again.
  return notes
}

/** True when the run followed a go-live it did not start: resumed, recorded or joined. */
export function followsExisting(outcome: GoLiveOutcome): boolean {
  const source = outcome.source
  return source !== undefined && (source.kind !== 'started' || source.joined === true)
}

/**
 * How long the operation has run from its own start, when the API gave it and the operation began
 * before this run (a resumed or joined go-live); a go-live this run started is as old as the run.
 */
export function operationAge(outcome: GoLiveOutcome, now: number): number | undefined {
  const started = outcome.operationStartedAt
  if (started === undefined || !followsExisting(outcome) || started >= now) return undefined
  return now - started
}

/** `3d 2h (this run: 4s)`, or this run's time alone when the operation is not older than the run. */
function timeTaken(outcome: GoLiveOutcome, now: number): string {
  const run = formatDuration(now - outcome.startedAt)
  const age = operationAge(outcome, now)
  return age === undefined ? run : `${formatDuration(age)} (this run: ${run})`
}

export function goLiveConclusion(outcome: GoLiveOutcome): Conclusion {
  const notes = goLiveNotes(outcome)
  const readied = readinessConclusion(outcome, notes)
  if (readied) return readied
  const { target, operation, waited } = outcome
  if (outcome.error !== undefined || !operation) return { log: [], notes, ...errorConclusion(outcome) }
  const said = (text: string) => [{ text }]
  if (outcome.shortcut === 'already-live') {
    const headline = `Already live: ${target}; nothing was pushed.`
    return { log: said(`Succeeded: ${target} is already live; nothing was pushed.`), headline, notes }
  }
  const handedOver = handOver(outcome)
  if (outcome.shortcut === 'not-waiting' || !waited) {
    if (handedOver) {
      return {
        log: [],
        headline: `The go-live was accepted; not waiting (wait: false). ${handedOver}`,
        notice: `The go-live of ${target} was accepted; not waiting (wait: false). ${handedOver}`,
        notes
      }
    }
    return {
      log: said(
        `Not waiting (wait: false). To follow it later, run the action with operation-location: ${operation.location}`
      ),
      headline: 'The go-live was accepted; not waiting (wait: false). Follow it later with operation-location.',
      notes
    }
  }
  const elapsed = timeTaken(outcome, waited.endedAt)
  const snapshot = waited.snapshot
  const rawStatus = snapshot?.rawStatus || 'unknown'
  const resumeHint = `Resume with operation-location: ${operation.location}`
  const failed = (failure: string, log: Conclusion['log'] = [], failedStep?: string): Conclusion => ({
    log,
    headline: failure,
    failure,
    failedStep,
    notes
  })
  switch (waited.outcome) {
    case 'succeeded':
      return {
        log: said(`Succeeded: ${target} went live after ${elapsed}; operation status '${rawStatus}'.`),
        headline: `The go-live finished with operation status '${rawStatus}'.`,
        notes
      }
    case 'failed': {
      const step = failedStepOf(snapshot)
      const say = (wrong: string) =>
        `The go-live of ${target} ${failedAt(step, elapsed)}${wrong ? `: ${wrong}` : ''}. ` +
        'Fix what it reports in Partner Center, publish to preview again, then re-run.'
      // The summary shows the step's own message in its row: its reason says the rest, each fact once.
      return {
        ...failed(say(whatWentWrong(snapshot, step)), [], step?.name),
        headline: say(whatWentWrong(snapshot, step, { stepShown: true }))
      }
    }
    case 'canceled':
      return failed(`The go-live of ${target} was cancelled remotely after ${elapsed}.`)
    case 'timed-out': {
      const lastFailure = waited.lastError
        ? `; the last status check failed: ${(waited.lastError as Error).message}`
        : ''
      const step = failedStepOf(snapshot)
      const blocked = step ? `; step ${describeBlocked(step)}` : ''
      const age = operationAge(outcome, waited.endedAt)
      const running = age !== undefined ? `; the operation has run for ${formatDuration(age)}` : ''
      const what = `The go-live of ${target} did not finish within ${formatDuration(outcome.timeoutMs)} (last status '${rawStatus}'${blocked}${running}${lastFailure})`
      // The summary's reason leaves the location out: its snippet gives the step that resumes.
      const headline = `${what}. It goes on remotely.`
      if (outcome.onTimeout === 'warn') {
        if (handedOver) return { log: [], headline, notice: `${headline} ${handedOver}`, notes }
        return { log: [], headline, warning: `${headline} ${resumeHint}`, notes }
      }
      if (outcome.cancel?.settled === 'succeeded') {
        return {
          log: said(`Succeeded: ${target} went live before the cancellation took effect.`),
          headline: `Went live after all, while being cancelled: ${target} (${cancelSummary(outcome.cancel)})`,
          notes
        }
      }
      if (outcome.cancel) {
        const { accepted } = outcome.cancel
        return failed(`${what}; ${cancelSummary(outcome.cancel)}${accepted ? '' : ` ${resumeHint}`}`)
      }
      return {
        ...failed(`${headline} ${resumeHint} (or use on-timeout: warn to pass the step).`),
        headline: `${headline} Use on-timeout: warn to pass the step while it goes on.`
      }
    }
    case 'aborted':
      if (outcome.cancel) {
        const { accepted } = outcome.cancel
        // Cancelled: nothing to resume; not cancelled: the go-live goes on and can be followed.
        return failed(
          `The workflow run was cancelled; ${cancelSummary(outcome.cancel)}${accepted ? '' : ` ${resumeHint}`}`,
          accepted ? [] : said(resumeHint)
        )
      }
      {
        // Recorded on GitHub, the go-live is the follow workflow's: no location to paste by hand.
        const next = handOver(outcome) ?? resumeHint
        return failed(
          `The workflow run was cancelled; the go-live of ${target} was left running (on-cancel: leave). ${next}`,
          said(next)
        )
      }
  }
}

/**
 * With the go-live recorded as a GitHub deployment, a run that ends while it goes on hands over to
 * the follow workflow: the sentence that says so. Undefined without a deployment.
 */
function handOver(outcome: GoLiveOutcome): string | undefined {
  if (!outcome.githubDeployment || outcome.deploymentId === undefined) return undefined
  return (
    `GitHub deployment ${outcome.deploymentId} records it: the follow workflow (follow: true) takes over and ` +
    'reports how it ends.'
  )
}

/** `on-timeout: cancel - the API accepted the cancellation (HTTP 202); the operation now reports 'x'.` */
function cancelSummary(cancel: CancelAttempt): string {
  const now = cancel.statusAfter !== undefined ? `; the operation now reports '${cancel.statusAfter}'` : ''
  return `${cancel.reason} - ${withoutTrailingStop(cancel.message)}${now}.`
}

/** `Certification (blocked) - Issues found…`: a step that stopped the go-live, with its message; bounded as in describeStep. */
function describeBlocked(step: StepView): string {
  const message = step.message ? ` - ${withoutTrailingStop(redactAndCut(step.message, 300))}` : ''
  return `${redactAndCut(step.name, 200)} (${redactAndCut(step.status, 100)})${message}`
}

/**
 * The job summary of a go-live or a dry run, built from its outcome: the view job-summary.ts
 * renders (the outcome in the first heading, the reason once, links a browser can open, a snippet
 * to go on with, the steps, the details). Writing it never throws.
 */
import { API_NAME, operationLinks, PARTNER_CENTER_OVERVIEW } from '../model/target.js'
import type { DryRunOutcome, GoLiveOutcome } from '../model/outcome.js'
import { warning, writeJobSummary } from '../runner/port.js'
import { renderJobSummary, type SummaryView } from './job-summary.js'
import { outputValues, type Outputs } from './outputs.js'
import { followsExisting, operationAge, type Conclusion } from './sentences.js'

/** The action as a workflow names it, for the snippets. */
const ACTION = 'marketplace-go-live/marketplace-go-live@v1'

/** The summary of a go-live or a dry run. `now`: the clock's time. */
export function renderGoLiveSummary(
  outcome: DryRunOutcome | GoLiveOutcome,
  conclusion: Conclusion,
  outputs: Outputs,
  now: number
): string {
  const view: SummaryView = {
    result: outputs.result,
    target: outcome.target,
    api: API_NAME[outcome.api],
    reason: conclusion.headline,
    failedStep: conclusion.failedStep,
    runMs: now - outcome.startedAt,
    links: links(outcome, outputs),
    steps: [],
    details: [['API', API_NAME[outcome.api]]],
    notes: conclusion.notes
  }
  if (outcome.kind === 'dry-run') {
    view.dryRun = true
    view.steps = outcome.readiness?.steps ?? []
    return renderJobSummary(view)
  }
  view.stage = stageOf(outcome)
  view.cancelAccepted = cancelAccepted(outcome)
  view.operationMs = operationAge(outcome, now)
  view.followedExisting = followsExisting(outcome)
  view.steps = outcome.snapshot?.steps ?? outcome.readiness?.steps ?? []
  view.snippet = snippet(outcome, outputs)
  view.details.push(...details(outcome, outputs))
  return renderJobSummary(view)
}

/** How far a failed go-live run got, for the heading: not started, or a go-live it lost track of. */
function stageOf(outcome: GoLiveOutcome): SummaryView['stage'] {
  if (outcome.result !== 'failed') return undefined
  if (!outcome.operation) return 'not-started'
  return stillRuns(outcome) ? 'lost' : undefined
}

/**
 * Canceled because the API accepted this run's cancellation, yet the operation was not seen to end
 * canceled (not looked at again, or still reporting its old status): the heading says what is known.
 */
function cancelAccepted(outcome: GoLiveOutcome): SummaryView['cancelAccepted'] {
  if (outcome.result !== 'canceled' || !outcome.cancel?.accepted || outcome.snapshot?.status === 'canceled') {
    return undefined
  }
  return { lastStatus: outcome.cancel.statusAfter ?? outcome.snapshot?.rawStatus }
}

/** The last look at the operation saw it running: the run ended, the go-live did not. */
function stillRuns(outcome: GoLiveOutcome): boolean {
  const status = outcome.snapshot?.status
  return status === 'running' || status === 'notStarted'
}

/**
 * The live listing and preview the operation names, and the `url` output (for CPP, Partner Center
 * instead when the offer did not go live), each once; https only.
 */
function links(outcome: DryRunOutcome | GoLiveOutcome, outputs: Outputs): SummaryView['links'] {
  // A go-live's operation names them; a dry run's offer status does too (CPP).
  const document = outcome.kind === 'go-live' ? outcome.snapshot?.document : outcome.readiness?.document
  // An offer that did not go live may have no listing yet (a new one): Partner Center is where to look.
  const notLive = outputs.result === 'failed' || outputs.result === 'canceled' || outputs.result === 'not-ready'
  const pageUrl = outcome.api === 'cpp' && notLive ? PARTNER_CENTER_OVERVIEW : outputs.url
  const pageLabel = outcome.api === 'cpp' && !notLive ? 'Marketplace listing' : 'Partner Center'
  // Pages the backend names (v1 certification reports), checked to be https where they were read.
  const named = (outcome.kind === 'go-live' ? outcome.snapshot?.links : outcome.readiness?.links) ?? []
  const all = [
    ...operationLinks(document, 'liveLinks').map((l) => ({ label: l.displayText ?? 'Live listing', url: l.url })),
    ...(pageUrl ? [{ label: pageLabel, url: pageUrl }] : []),
    ...operationLinks(document, 'previewLinks').map((l) => ({ label: l.displayText ?? 'Preview', url: l.url })),
    ...named.map((l) => ({ label: l.displayText ?? 'Report', url: l.url }))
  ]
  return all.filter((link, index) => all.findIndex((other) => other.url === link.url) === index)
}

function details(outcome: GoLiveOutcome, outputs: Outputs): SummaryView['details'] {
  const rows: SummaryView['details'] = []
  if (outputs.operationLocation) rows.push(['Operation', outputs.operationLocation])
  if (outcome.result === 'canceled') {
    // The status read before the cancellation is stale; only what the operation said after it counts.
    if (outcome.cancel?.statusAfter) rows.push(['Operation status after the cancellation', outcome.cancel.statusAfter])
  } else if (outputs.operationStatus !== undefined) {
    rows.push(['Operation status', outputs.operationStatus])
  }
  if (outcome.operationStartedAt !== undefined) {
    rows.push(['Operation started', new Date(outcome.operationStartedAt).toISOString()])
  }
  if (outputs.deploymentId !== undefined) rows.push(['GitHub deployment', String(outputs.deploymentId)])
  return rows
}

/**
 * When the go-live goes on without this run (timed out, not waited for, the run cancelled with the
 * operation left running or a cancellation the API did not accept): the workflow step that follows
 * it, ready to paste.
 */
function snippet(outcome: GoLiveOutcome, outputs: Outputs): SummaryView['snippet'] {
  const goesOn =
    outcome.result === 'timed-out' ||
    outcome.result === 'started' ||
    // The run was cancelled and the go-live left running, or its cancellation not accepted.
    (outcome.result === undefined && !outcome.cancel?.accepted) ||
    (outcome.result === 'failed' && stillRuns(outcome))
  if (!goesOn || !outcome.operation) return undefined
  const ids =
    outcome.ids.api === 'cpp'
      ? [`publisher-id: ${outcome.ids.publisherId}`, `offer-id: ${outcome.ids.offerId}`]
      : [`api: ${outcome.ids.api}`, `product-id: ${outcome.ids.productId}`]
  // ingestion-v1: a seller-id given to this run is needed by the next one too.
  const inputs =
    outcome.ids.api === 'ingestion-v1' ? 'the authentication inputs and any seller-id' : 'the authentication inputs'
  if (outcome.githubDeployment) {
    return {
      intro:
        'The go-live goes on and its GitHub deployment records it. A scheduled workflow with this step ' +
        `(and ${inputs} of this one) reports how it ends:`,
      yaml: [`- uses: ${ACTION}`, '  with:', '    follow: true', ...ids.map((line) => `    ${line}`)].join('\n')
    }
  }
  // The location as the output has it: the characters of a URL only, so it cannot break the YAML.
  const location = outputValues({ operationLocation: outputs.operationLocation ?? outcome.operation.location })[0][1]
  return {
    intro: `The go-live goes on. To follow it to the end, run this step (with ${inputs} of this one):`,
    yaml: [
      `- uses: ${ACTION}`,
      '  with:',
      ...ids.map((line) => `    ${line}`),
      `    operation-location: '${location}'`,
      '    timeout: 5h',
      '    on-timeout: warn'
    ].join('\n')
  }
}

/** Writes the job summary; a failure is a warning, never an exception. */
export async function writeSummaryHtml(html: string): Promise<void> {
  try {
    await writeJobSummary(html)
  } catch (err) {
    warning(`Could not write the job summary: ${(err as Error).message}`)
  }
}

/**
 * The job summary of one go-live, as a person reads it: a first heading that names the outcome, the
 * reason in one sentence, links a browser can open, what to do next (a copyable snippet when the
 * go-live goes on), the steps, then the details. Every text from the API is made one line, bounded
 * and escaped (summaryText); links are https only; the whole stays under the runner's 1 MiB.
 */
import type { StepView } from '../model/status.js'
import { formatDuration } from '../base/duration.js'
import { summaryText } from '../base/text.js'
import { formatProgress, MAX_STEPS_SHOWN } from './steps.js'

/** What the page shows; every string may hold API text unless said otherwise. */
export interface SummaryView {
  /** The result output, or undefined when the run ended with no result (cancelled, outcome unknown). */
  result?: SummaryResult
  /** "offer contoso/contoso-offer", or a product with its alias. */
  target: string
  /** "Cloud Partner Portal API". */
  api: string
  /** Why the run ended as it did, in one sentence (said once: not repeated in a note or a row). */
  reason: string
  /** The step that stopped the go-live, for the heading of a failure. */
  failedStep?: string
  /** How long this run took. */
  runMs: number
  /** How long the operation has run, from its own start, when the API gave it. */
  operationMs?: number
  /** A dry run: nothing was to go live, so a failure is the dry run's. */
  dryRun?: boolean
  /**
   * How far a failed run got, when not as far as the go-live's end: `not-started` (no operation is
   * known: refused, or no token), `lost` (the run stopped following a go-live that still runs).
   */
  stage?: 'not-started' | 'lost'
  /**
   * `canceled` because the API accepted a cancellation this run asked for, while the operation was
   * not seen to end canceled: its last raw status, when known.
   */
  cancelAccepted?: { lastStatus?: string }
  /** True when this run followed an operation it did not start (joined or resumed). */
  followedExisting?: boolean
  /** Pages a person can open: the listing, the preview, Partner Center. */
  links: { label: string; url: string }[]
  /** What to do next, as YAML a person can paste into a workflow (ours: not API text, but escaped anyway). */
  snippet?: { intro: string; yaml: string }
  steps: StepView[]
  /** Label and value rows of the details table (operation location, status, deployment …). */
  details: [label: string, value: string][]
  notes: string[]
}

export type SummaryResult =
  'succeeded' | 'failed' | 'canceled' | 'timed-out' | 'started' | 'queued' | 'ready' | 'not-ready' | 'running' | 'none'

/** The runner drops a step summary over 1 MiB; ours stays well below, cut with a note when it must be. */
export const MAX_SUMMARY_BYTES = 900 * 1024

/** The first heading: the outcome at a glance. */
export function summaryHeading(
  view: Pick<SummaryView, 'result' | 'target' | 'failedStep' | 'dryRun' | 'stage' | 'cancelAccepted'>
): string {
  const target = summaryText(view.target, 300)
  if (view.dryRun && view.result === 'failed') return `❌ Dry run of ${target} failed`
  if (view.dryRun && view.result === undefined) return `⏹ Dry run of ${target} stopped: the workflow run was cancelled`
  switch (view.result) {
    case 'succeeded':
      return `✅ ${target} is live`
    case 'failed':
      if (view.failedStep) return `❌ Go-live of ${target} failed at step ${summaryText(view.failedStep, 200)}`
      if (view.stage === 'not-started') return `❌ Go-live of ${target} failed to start`
      if (view.stage === 'lost') return `❌ Following the go-live of ${target} failed; the go-live still runs`
      return `❌ Go-live of ${target} failed`
    case 'canceled': {
      if (!view.cancelAccepted) return `⏹ Go-live of ${target} canceled`
      const last = view.cancelAccepted.lastStatus
      return `⏹ Cancellation of the go-live of ${target} accepted${last ? `; it last reported '${summaryText(last, 100)}'` : ''}`
    }
    case 'timed-out':
    case 'running':
      return `⏳ Go-live of ${target} still running`
    case 'started':
      return `🚀 Go-live of ${target} started`
    case 'queued':
      return `🕓 Go-live of ${target} queued: waiting for the preview`
    case 'ready':
      return `✅ Dry run: ${target} is ready to go live`
    case 'not-ready':
      return `⛔ Dry run: ${target} is not ready to go live`
    case 'none':
      return `💤 No go-live of ${target} in flight`
    default:
      return `⏹ Go-live of ${target} stopped: the workflow run was cancelled`
  }
}

export function renderJobSummary(view: SummaryView): string {
  const lines = [`<h2>${summaryHeading(view)}</h2>`, `<p>${summaryText(view.reason, 3000)}</p>`]
  const time = timeLine(view)
  if (time) lines.push(`<p>${time}</p>`)
  const links = view.links.filter((link) => isHttps(link.url))
  if (links.length) {
    lines.push(
      `<p>${links.map((l) => `<a href="${summaryText(l.url, 2000)}">${summaryText(l.label, 100)}</a>`).join(' · ')}</p>`
    )
  }
  if (view.snippet) {
    lines.push(
      `<p>${summaryText(view.snippet.intro, 500)}</p>`,
      `<pre lang="yaml"><code>${escapeBlock(view.snippet.yaml)}</code></pre>`
    )
  }
  if (view.notes.length) {
    lines.push('<ul>', ...view.notes.slice(0, 20).map((n) => `<li>${summaryText(n, 1000)}</li>`), '</ul>')
  }
  lines.push(...stepTable(view.steps, Buffer.byteLength(lines.join('\n'))))
  if (view.details.length) {
    lines.push(
      // No blank line: the summary stays one HTML block, so no API text can start Markdown of its own.
      '<details><summary>Details</summary>',
      '<table>',
      ...view.details.map(
        ([label, value]) =>
          `<tr><th align="left">${summaryText(label, 100)}</th><td>${summaryText(value, 2000)}</td></tr>`
      ),
      '</table>',
      '</details>'
    )
  }
  return `${lines.join('\n')}\n`
}

/** "Went live after 3d 2h from the operation's start; this run: 2h 10m." */
function timeLine(view: SummaryView): string {
  const run = formatDuration(view.runMs)
  if (view.operationMs === undefined) return `This run: ${run}.`
  const verb = view.result === 'succeeded' ? 'Went live after' : 'The operation has run for'
  return `${verb} ${formatDuration(view.operationMs)} from its own start; this run: ${run}${
    view.followedExisting ? ' (it followed an operation already under way)' : ''
  }.`
}

/**
 * Table rows, rendered one by one while the summary stays under the runner's limit (with room left
 * for what follows the table); the rows that fit.
 */
export function rowsWithinBudget<T>(items: T[], sizeSoFar: number, render: (item: T) => string): string[] {
  const rows: string[] = []
  let size = sizeSoFar + 4096
  for (const item of items) {
    const row = render(item)
    size += Buffer.byteLength(row) + 1
    if (size > MAX_SUMMARY_BYTES) break
    rows.push(row)
  }
  return rows
}

/** The step table, cut with a note when it would take the summary past the runner's limit. */
function stepTable(steps: StepView[], sizeSoFar: number): string[] {
  if (!steps.length) return []
  const lines = [
    '<h3>Steps</h3>',
    '<table>',
    '<tr><th>Step</th><th>Status</th><th>Progress</th><th>Estimated time</th><th>Latest message</th></tr>'
  ]
  const rows = rowsWithinBudget(
    steps.slice(0, MAX_STEPS_SHOWN),
    sizeSoFar + Buffer.byteLength(lines.join('\n')),
    (step) =>
      `<tr><td>${summaryText(step.name, 200)}</td><td>${summaryText(step.status, 100)}</td>` +
      `<td>${step.progress !== undefined ? summaryText(formatProgress(step.progress), 20) : ''}</td>` +
      `<td>${summaryText(step.estimate ?? '', 100)}</td><td>${summaryText(step.message ?? '', 500)}</td></tr>`
  )
  const shown = rows.length
  lines.push(...rows, '</table>')
  if (shown < steps.length) {
    lines.push(
      `<p><i>${steps.length - shown} of ${steps.length} steps are not shown: ` +
        'the runner drops a job summary over 1 MiB. The operation output and the log have the rest.</i></p>'
    )
  }
  return lines
}

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

/** A block of our own text (several lines) for a `<pre>`: escaped, lines kept. */
function escapeBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => summaryText(line, 2000))
    .join('\n')
}

/**
 * The job summary of a follow run (`follow: true`): a heading naming what it found, the reason,
 * then one row per go-live checked, every field bounded and escaped.
 */
import { formatDuration } from '../base/duration.js'
import { summaryText } from '../base/text.js'
import type { FollowedResult, FollowReport, FollowRow } from '../model/follow-report.js'
import type { FollowOutcome, Result } from '../model/outcome.js'
import { goLives, outcomeWords, problemText } from './follow.js'
import { rowsWithinBudget } from './job-summary.js'
import type { Conclusion } from './conclusion.js'

/** When the operation began: its own start when the API gave it, else when the recording run started it. */
function startedText(row: FollowRow): string {
  return row.operationStartedAt !== undefined ? new Date(row.operationStartedAt).toISOString() : row.startedAt
}

const ICON: Record<FollowedResult, string> = {
  queued: '🕓',
  running: '⏳',
  succeeded: '✅',
  failed: '❌',
  canceled: '🛑'
}

/** The first heading of a follow run's summary: what it found, at a glance. */
const HEADING: Record<FollowReport['result'], [icon: string, words: string]> = {
  none: ['💤', 'no go-live in flight'],
  running: ['⏳', 'still running'],
  succeeded: ['✅', 'live'],
  failed: ['❌', 'a go-live failed']
}

/** Rows shown at the most: each is bounded, and the whole stays under the runner's 1 MiB. */
const MAX_ROWS = 150

/** A link to the offer's page; only an https URL becomes a link. */
function pageLink(url: string): string {
  const href = summaryText(url, 2000)
  // A short label, not the address: a long URL in a cell pushes the table past the page's edge.
  const label = /partner\.microsoft\.com/i.test(url) ? 'Partner Center' : 'Listing'
  return /^https:\/\//i.test(url) ? `<a href="${href}">${label}</a>` : href
}

/** The job summary of a follow run: a heading naming the outcome, the reason, then one row per go-live. */
export function renderFollowSummary(
  outcome: FollowOutcome,
  conclusion: Conclusion,
  result: Result | undefined
): string {
  const report = outcome.report
  const target = summaryText(outcome.target, 300)
  if (!report) {
    // The check itself went wrong (GitHub refused the deployments' reads, the run was cancelled).
    const heading = result === 'failed' ? `❌ Follow of ${target} failed` : `⏹ Follow of ${target} stopped`
    return `<h2>${heading}</h2>\n<p>${summaryText(conclusion.headline, 3000)}</p>\n`
  }
  const [icon, words] =
    result === 'failed' && report.result !== 'failed'
      ? ['❌', 'a go-live could not be checked']
      : HEADING[report.result]
  const heading = `${icon} Follow of ${target}: ${words}`
  const rows: FollowRow[] = report.rows
  const lines = [`<h2>${heading}</h2>`]
  if (conclusion.failure) lines.push(`<p>${summaryText(conclusion.failure, 3000)}</p>`)
  lines.push(
    `<p>Checked ${goLives(rows.length)} recorded as in-flight GitHub deployments (${summaryText(report.scope, 300)}) in ${formatDuration(report.elapsedMs)}.</p>`
  )
  if (rows.length) {
    lines.push(
      '<table>',
      '<tr><th>Target</th><th>Result</th><th>Operation status</th><th>Deployment</th><th>Started</th><th>Page</th></tr>'
    )
    // Every field as every summary field: secrets replaced, one line, bounded, escaped; and rows
    // only while the whole stays under the runner's limit.
    const shownRows = rowsWithinBudget(
      rows.slice(0, MAX_ROWS),
      Buffer.byteLength(lines.join('\n')),
      (r) =>
        `<tr><td>${summaryText(r.target, 300)}</td><td>${ICON[r.result]} ${summaryText(outcomeWords(r), 300)}</td>` +
        `<td><code>${summaryText(r.operationStatus, 100)}</code>${r.problem ? ` ${summaryText(problemText(r), 300)}` : ''}</td>` +
        `<td>${r['deployment-id']} (${summaryText(r.environment, 255)})</td><td>${summaryText(startedText(r), 100)}</td>` +
        `<td>${pageLink(r.url)}</td></tr>`
    )
    const shown = shownRows.length
    lines.push(...shownRows, '</table>')
    if (shown < rows.length) {
      lines.push(
        `<p><i>${rows.length - shown} more go-lives are not shown here (the runner drops a summary over 1 MiB); the log names each.</i></p>`
      )
    }
  }
  return `${lines.join('\n')}\n`
}

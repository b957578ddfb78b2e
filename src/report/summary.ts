/**
 * The job summary: offer, result, elapsed time, operation and a table of its steps, every text
 * one line, bounded and escaped (summaryText), the whole capped below what the runner accepts.
 */
import type { StepView } from '../backends/status.js'
import { formatDuration } from '../duration.js'
import type { Result } from '../outcome.js'
import { warning, writeJobSummary } from '../runner.js'
import { summaryText } from '../text.js'
import { formatProgress, MAX_STEPS_SHOWN } from './log.js'

export interface SummaryData {
  api: string
  target: string
  result?: Result
  /** Why the run ended as it did, in one sentence. */
  headline: string
  elapsedMs: number
  operationLocation?: string
  operationStatus?: string
  /** The offer's page (the `url` output). */
  url?: string
  /** The GitHub deployment recording the go-live. */
  deploymentId?: number
  notes: string[]
  steps: StepView[]
}

const RESULT_ICON: Record<Result, string> = {
  succeeded: '✅',
  started: '🚀',
  ready: '✅',
  'not-ready': '⛔',
  failed: '❌',
  canceled: '🛑',
  'timed-out': '⏱️',
  none: '💤',
  running: '⏳'
}

/** The runner drops a step summary over 1 MiB; ours stays well below, cut with a note when it must be. */
export const MAX_SUMMARY_BYTES = 900 * 1024

/**
 * The job summary: offer, result, elapsed time, operation and a table of its steps. Every text is
 * made one line, bounded and escaped the same way (summaryText); the whole is capped.
 */
export function renderSummary(data: SummaryData): string {
  const rows: [string, string][] = [
    ['Target', summaryText(data.target, 300)],
    ['API', summaryText(data.api, 100)],
    ['Result', data.result ? `${RESULT_ICON[data.result]} <b>${data.result}</b>` : 'unknown'],
    ['Elapsed', formatDuration(data.elapsedMs)]
  ]
  if (data.operationStatus !== undefined)
    rows.push(['Operation status', `<code>${summaryText(data.operationStatus, 200)}</code>`])
  if (data.operationLocation) rows.push(['Operation', `<code>${summaryText(data.operationLocation, 2000)}</code>`])
  if (data.url) rows.push(['Page', `<a href="${summaryText(data.url, 2000)}">${summaryText(data.url, 2000)}</a>`])
  if (data.deploymentId !== undefined) rows.push(['GitHub deployment', String(data.deploymentId)])
  const lines = [
    `<h2>Marketplace go-live: ${summaryText(data.target, 300)}</h2>`,
    `<p>${summaryText(data.headline, 3000)}</p>`,
    '<table>',
    ...rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`),
    '</table>'
  ]
  if (data.notes.length) {
    lines.push('<ul>', ...data.notes.slice(0, 20).map((n) => `<li>${summaryText(n, 1000)}</li>`), '</ul>')
  }
  if (data.steps.length) {
    lines.push(
      '<h3>Steps</h3>',
      '<table>',
      '<tr><th>Step</th><th>Status</th><th>Progress</th><th>Estimated time</th><th>Latest message</th></tr>'
    )
    // Room for the closing lines and the note saying what was left out.
    let size = Buffer.byteLength(lines.join('\n')) + 1024
    let shown = 0
    for (const s of data.steps.slice(0, MAX_STEPS_SHOWN)) {
      const row =
        `<tr><td>${summaryText(s.name, 200)}</td><td>${summaryText(s.status, 100)}</td>` +
        `<td>${s.progress !== undefined ? summaryText(formatProgress(s.progress), 20) : ''}</td>` +
        `<td>${summaryText(s.estimate ?? '', 100)}</td><td>${summaryText(s.message ?? '', 500)}</td></tr>`
      size += Buffer.byteLength(row) + 1
      if (size > MAX_SUMMARY_BYTES) break
      lines.push(row)
      shown++
    }
    lines.push('</table>')
    if (shown < data.steps.length) {
      lines.push(
        `<p><i>${data.steps.length - shown} of ${data.steps.length} steps are not shown: ` +
          'the runner drops a job summary over 1 MiB. The operation output and the log have the rest.</i></p>'
      )
    }
  }
  return `${lines.join('\n')}\n`
}

/** Writes the job summary; a failure is a warning, never an exception. */
export async function writeSummary(data: SummaryData): Promise<void> {
  await writeSummaryHtml(renderSummary(data))
}

/** Writes an already rendered summary (the follow run's has its own shape). */
export async function writeSummaryHtml(html: string): Promise<void> {
  try {
    await writeJobSummary(html)
  } catch (err) {
    warning(`Could not write the job summary: ${(err as Error).message}`)
  }
}

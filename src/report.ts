/**
 * What the step shows: log lines (API text fenced so it can never run as a workflow command),
 * outputs, and the job summary.
 */
import type { OperationSnapshot, StepView } from './backends/status.js'
import { formatDuration } from './duration.js'
import type { Logger } from './http.js'
import { defuseLegacyCommands, escapeHtml, stripControl, truncate } from './text.js'
import { debug, info, warning } from './workflow-commands.js'

/** @actions/core is loaded on first use, after the first request (see workflow-commands.ts). */
const loadCore = () => import('@actions/core')

export type Result =
  | 'succeeded'
  | 'failed'
  | 'canceled'
  | 'timed-out'
  | 'started'
  | 'ready'
  | 'not-ready'
  // follow: true
  | 'none'
  | 'running'

export const runnerLogger: Logger = { debug, info, warning }

/**
 * Logs lines that contain API text. The runner reads `::cmd::` at a line start and `##[cmd]`
 * anywhere in a line; `::stop-commands::<token>` turns both off until `::<token>::`, and the token
 * is random so the text cannot guess it to turn them back on.
 */
export function logUntrusted(lines: string[]): void {
  if (lines.length === 0) return
  const token = globalThis.crypto.randomUUID().replace(/-/g, '')
  info(`::stop-commands::${token}`)
  for (const line of lines) info(stripControl(line))
  info(`::${token}::`)
}

/** One line per step, for the log. */
export function describeStep(step: StepView): string {
  const progress = step.progress !== undefined ? ` ${step.progress}%` : ''
  const message = step.message ? ` - ${truncate(step.message, 300)}` : ''
  return `${step.name}: ${step.status || 'unknown'}${progress}${message}`
}

/** Remembers what was logged so each poll prints only what changed (not one line per poll). */
export class ProgressLog {
  private lastStatus?: string
  private readonly lastSteps = new Map<string, string>()

  constructor(private readonly startedAt: number) {}

  update(snapshot: OperationSnapshot, now: number): void {
    const lines: string[] = []
    const stamp = `[${formatDuration(now - this.startedAt)}]`
    if (snapshot.phase) lines.push(`${stamp} ${snapshot.phase}`)
    if (snapshot.rawStatus !== this.lastStatus) {
      lines.push(`${stamp} operation ${snapshot.rawStatus || '(no status)'}`)
      this.lastStatus = snapshot.rawStatus
    }
    snapshot.steps.forEach((step, index) => {
      const key = `${index}:${step.name}`
      const text = describeStep(step)
      if (this.lastSteps.get(key) !== text) {
        this.lastSteps.set(key, text)
        lines.push(`${stamp}   ${text}`)
      }
    })
    logUntrusted(lines)
  }
}

export interface Outputs {
  result?: Result
  operationLocation?: string
  operationId?: string
  operationStatus?: string
  operation?: unknown
  /** A page a person can open for the offer. */
  url?: string
  /** The GitHub deployment recording the go-live. */
  deploymentId?: number
  /** follow: true - one entry per go-live checked. */
  followed?: unknown[]
}

/** Writes every known output; called as soon as values are known and again at the end. */
export async function setOutputs(outputs: Outputs): Promise<void> {
  const core = await loadCore()
  if (outputs.result) core.setOutput('result', outputs.result)
  if (outputs.operationLocation) core.setOutput('operation-location', outputs.operationLocation)
  if (outputs.operationId) core.setOutput('operation-id', outputs.operationId)
  if (outputs.operationStatus !== undefined) core.setOutput('operation-status', outputs.operationStatus)
  if (outputs.operation !== undefined) core.setOutput('operation', JSON.stringify(outputs.operation))
  if (outputs.url) core.setOutput('url', outputs.url)
  if (outputs.deploymentId !== undefined) core.setOutput('deployment-id', String(outputs.deploymentId))
  if (outputs.followed !== undefined) core.setOutput('followed', JSON.stringify(outputs.followed))
}

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

/** The job summary: offer, result, elapsed time, operation and a table of its steps. */
export function renderSummary(data: SummaryData): string {
  const rows: [string, string][] = [
    ['Target', escapeHtml(data.target)],
    ['API', escapeHtml(data.api)],
    ['Result', data.result ? `${RESULT_ICON[data.result]} <b>${data.result}</b>` : 'unknown'],
    ['Elapsed', formatDuration(data.elapsedMs)]
  ]
  if (data.operationStatus !== undefined)
    rows.push(['Operation status', `<code>${escapeHtml(data.operationStatus)}</code>`])
  if (data.operationLocation) rows.push(['Operation', `<code>${escapeHtml(data.operationLocation)}</code>`])
  if (data.url) rows.push(['Page', `<a href="${escapeHtml(data.url)}">${escapeHtml(data.url)}</a>`])
  if (data.deploymentId !== undefined) rows.push(['GitHub deployment', String(data.deploymentId)])
  const lines = [
    `<h2>Marketplace go-live: ${escapeHtml(data.target)}</h2>`,
    `<p>${escapeHtml(data.headline)}</p>`,
    '<table>',
    ...rows.map(([k, v]) => `<tr><th align="left">${k}</th><td>${v}</td></tr>`),
    '</table>'
  ]
  if (data.notes.length) {
    lines.push('<ul>', ...data.notes.map((n) => `<li>${escapeHtml(n)}</li>`), '</ul>')
  }
  if (data.steps.length) {
    lines.push(
      '<h3>Steps</h3>',
      '<table>',
      '<tr><th>Step</th><th>Status</th><th>Progress</th><th>Estimated time</th><th>Latest message</th></tr>',
      ...data.steps.map(
        (s) =>
          `<tr><td>${escapeHtml(s.name)}</td><td>${escapeHtml(s.status)}</td>` +
          `<td>${s.progress !== undefined ? `${s.progress}%` : ''}</td>` +
          `<td>${escapeHtml(s.estimate ?? '')}</td><td>${escapeHtml(truncate(s.message ?? '', 500))}</td></tr>`
      ),
      '</table>'
    )
  }
  return `${lines.join('\n')}\n`
}

export async function writeSummary(data: SummaryData): Promise<void> {
  await writeSummaryHtml(renderSummary(data))
}

/** Writes an already rendered summary (the follow run's has its own shape). */
export async function writeSummaryHtml(html: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    const core = await loadCore()
    await core.summary.addRaw(html).write()
  } catch (err) {
    warning(`Could not write the job summary: ${(err as Error).message}`)
  }
}

/** Fails the step: an error annotation and exit code 1. `##[` is broken up since API text may be in it. */
export async function setFailed(message: string): Promise<void> {
  const core = await loadCore()
  core.setFailed(defuseLegacyCommands(message))
}

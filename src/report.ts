/**
 * What the step shows: log lines (API text fenced so it can never run as a workflow command),
 * outputs, the job summary and the step status. Each is written on its own and bounded: a failure
 * of one is reported and never stops the others, and nothing here throws.
 */
import type { OperationSnapshot, StepView } from './backends/status.js'
import { formatDuration } from './duration.js'
import type { Logger } from './logger.js'
import { boundedJson } from './json.js'
import { stripControl, summaryText, truncate } from './text.js'
import {
  debug,
  info,
  infoInsideFence,
  setFailed as failStep,
  warning,
  writeJobSummary,
  writeOutputs
} from './runner.js'

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

/** Steps shown per log update and in the summary; an operation has four. */
const MAX_STEPS_SHOWN = 100

/**
 * Logs lines that contain API text. The runner reads `::cmd::` at a line start and `##[cmd]`
 * anywhere in a line; `::stop-commands::<token>` turns both off until `::<token>::`, and the token
 * is random so the text cannot guess it to turn them back on.
 */
export function logUntrusted(lines: string[]): void {
  if (lines.length === 0) return
  const token = globalThis.crypto.randomUUID().replace(/-/g, '')
  info(`::stop-commands::${token}`)
  // Line breaks in API text stay line breaks, all inside the fence; info() keeps each part one line.
  for (const line of lines) for (const part of stripControl(line).split('\n')) infoInsideFence(part)
  info(`::${token}::`)
}

/** One line per step, for the log; every field bounded. */
export function describeStep(step: StepView): string {
  const progress = step.progress !== undefined ? ` ${formatProgress(step.progress)}` : ''
  const message = step.message ? ` - ${truncate(step.message, 300)}` : ''
  return `${truncate(step.name, 200)}: ${truncate(step.status, 100) || 'unknown'}${progress}${message}`
}

/** `40%` for a sensible percentage; anything else from the API shown as text, short. */
function formatProgress(progress: number): string {
  return Number.isFinite(progress) && progress >= 0 && progress <= 100
    ? `${Math.round(progress)}%`
    : truncate(String(progress), 20)
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
      lines.push(`${stamp} operation ${truncate(snapshot.rawStatus, 100) || '(no status)'}`)
      this.lastStatus = snapshot.rawStatus
    }
    snapshot.steps.slice(0, MAX_STEPS_SHOWN).forEach((step, index) => {
      const key = `${index}:${step.name}`
      const text = describeStep(step)
      if (this.lastSteps.get(key) !== text) {
        this.lastSteps.set(key, text)
        lines.push(`${stamp}   ${text}`)
      }
    })
    if (snapshot.steps.length > MAX_STEPS_SHOWN && !this.lastSteps.has('more')) {
      this.lastSteps.set('more', '')
      lines.push(`${stamp}   … and ${snapshot.steps.length - MAX_STEPS_SHOWN} more steps, not shown`)
    }
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

/**
 * What `operation-id` may hold: a GUID (CPP operations, Product Ingestion jobs and products), the
 * non-migrated CPP form `publisher$offer$N$preview`, or the digits of a Product Ingestion submission.
 */
const OPERATION_ID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\$[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\$\d{1,9}\$preview|\d{1,30})$/i

/** Characters left as they are in `operation-location`; any other is percent-encoded. */
const URL_SAFE = /[^A-Za-z0-9\-._~:/?#[\]@$&+,;=%]/gu

/** `%XX` for each UTF-8 byte; encodeURIComponent leaves `!'()*` as they are and throws on a lone surrogate. */
function percentEncode(char: string): string {
  return [...Buffer.from(char.length === 1 && /[\ud800-\udfff]/.test(char) ? '\ufffd' : char, 'utf8')]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('')
}

/** Longest `operation` output; the runner takes 1 MiB per output. */
const MAX_OPERATION_OUTPUT_CHARS = 512 * 1024
/** Deepest `operation` document written as an output (the real ones are four levels deep). */
const MAX_OPERATION_OUTPUT_DEPTH = 64
const MAX_STATUS_OUTPUT_CHARS = 1024

/** Warnings about an output's value, said once per run (outputs are written more than once). */
const warned = new Set<string>()

function warnOnce(message: string): void {
  if (warned.has(message)) return
  warned.add(message)
  warning(message)
}

/** The outputs' values as written: everything from the API checked or bounded. */
export function outputValues(outputs: Outputs): [name: string, value: string][] {
  const values: [string, string][] = []
  if (outputs.result) values.push(['result', outputs.result])
  if (outputs.operationLocation) {
    // Only the characters of a URL: an API-chosen location cannot smuggle quotes, spaces, `(` or backticks.
    const location = outputs.operationLocation.replace(URL_SAFE, percentEncode)
    values.push(['operation-location', location])
  }
  if (outputs.operationId !== undefined) {
    const valid = OPERATION_ID.test(outputs.operationId)
    if (!valid) {
      warnOnce(
        `The operation ID '${outputs.operationId}' (the last segment of the operation's URL) is not a GUID, ` +
          "a 'publisher$offer$N$preview' name or a submission number, so the 'operation-id' output is left empty. " +
          "'operation-location' still names the operation."
      )
    }
    values.push(['operation-id', valid ? outputs.operationId : ''])
  }
  if (outputs.operationStatus !== undefined) {
    values.push(['operation-status', truncate(outputs.operationStatus, MAX_STATUS_OUTPUT_CHARS)])
  }
  if (outputs.operation !== undefined) {
    const json = boundedJson(outputs.operation, MAX_OPERATION_OUTPUT_DEPTH, MAX_OPERATION_OUTPUT_CHARS)
    if (json === undefined) {
      warnOnce(
        `The operation document is nested deeper than ${MAX_OPERATION_OUTPUT_DEPTH} levels or is longer than ` +
          `${MAX_OPERATION_OUTPUT_CHARS / 1024} KiB, so the 'operation' output is left empty; the other outputs are written.`
      )
    }
    values.push(['operation', json ?? ''])
  }
  if (outputs.url) values.push(['url', outputs.url.replace(URL_SAFE, percentEncode)])
  if (outputs.deploymentId !== undefined) values.push(['deployment-id', String(outputs.deploymentId)])
  if (outputs.followed !== undefined) {
    values.push([
      'followed',
      boundedJson(outputs.followed, MAX_OPERATION_OUTPUT_DEPTH, MAX_OPERATION_OUTPUT_CHARS) ?? '[]'
    ])
  }
  return values
}

/**
 * Writes every known output; called as soon as values are known and again at the end. Each output
 * is written on its own; when some cannot be, one warning says which values were lost.
 */
export async function setOutputs(outputs: Outputs): Promise<void> {
  const values = outputValues(outputs)
  if (values.length === 0) return
  const { lost, reason } = writeOutputs(values)
  if (lost.length === 0) return
  const shown = lost.map(([name, value]) =>
    name === 'operation' ? `operation (the operation document, ${value.length} characters)` : `${name}=${value}`
  )
  warning(`Could not write the step outputs (${reason}). Lost: ${shown.join(', ')}.`)
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

/** Fails the step: an error annotation and exit code 1. */
export async function setFailed(message: string): Promise<void> {
  failStep(message)
}

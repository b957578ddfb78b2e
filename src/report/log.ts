/**
 * Log lines that hold API text: fenced with `::stop-commands::<random>` so none of it can run as
 * a workflow command, and the progress of a wait, one line per change.
 */
import type { OperationSnapshot, StepView } from '../backends/status.js'
import { formatDuration } from '../duration.js'
import { infoInsideFence, resumeCommands, stopCommands } from '../runner.js'
import { stripControl, truncate } from '../text.js'

/** Steps shown per log update and in the summary; an operation has four. */
export const MAX_STEPS_SHOWN = 100

/**
 * Logs lines that contain API text. The runner reads `::cmd::` at a line start and `##[cmd]`
 * anywhere in a line; `::stop-commands::<token>` turns both off until `::<token>::`, and the token
 * is random so the text cannot guess it to turn them back on.
 */
export function logUntrusted(lines: string[]): void {
  if (lines.length === 0) return
  const token = globalThis.crypto.randomUUID().replace(/-/g, '')
  stopCommands(token)
  // Line breaks in API text stay line breaks, all inside the fence; info() keeps each part one line.
  for (const line of lines) for (const part of stripControl(line).split('\n')) infoInsideFence(part)
  resumeCommands(token)
}

/** One line per step, for the log; every field bounded. */
export function describeStep(step: StepView): string {
  const progress = step.progress !== undefined ? ` ${formatProgress(step.progress)}` : ''
  const message = step.message ? ` - ${truncate(step.message, 300)}` : ''
  return `${truncate(step.name, 200)}: ${truncate(step.status, 100) || 'unknown'}${progress}${message}`
}

/** `40%` for a sensible percentage; anything else from the API shown as text, short. */
export function formatProgress(progress: number): string {
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

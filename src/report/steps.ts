/**
 * How a step of an operation is written, in the log and in the job summary, every field bounded.
 */
import type { StepView } from '../model/status.js'
import { truncate } from '../base/text.js'

/** Steps shown per log update and in the summary; an operation has four. */
export const MAX_STEPS_SHOWN = 100

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

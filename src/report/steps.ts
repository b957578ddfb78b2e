/**
 * How a step of an operation is written, in the log and in the job summary, every field bounded.
 */
import type { StepView } from '../model/status.js'
import { redactAndCut } from '../base/text.js'

/** Steps shown per log update and in the summary; an operation has four. */
export const MAX_STEPS_SHOWN = 100

/** One line per step, for the log; every field bounded. */
export function describeStep(step: StepView): string {
  const progress = step.progress !== undefined ? ` ${formatProgress(step.progress)}` : ''
  const message = step.message ? ` - ${redactAndCut(step.message, 300)}` : ''
  return `${redactAndCut(step.name, 200)}: ${redactAndCut(step.status, 100) || 'unknown'}${progress}${message}`
}

/** `40%` for a sensible percentage; anything else from the API shown as text, short. */
export function formatProgress(progress: number): string {
  return Number.isFinite(progress) && progress >= 0 && progress <= 100
    ? `${Math.round(progress)}%`
    : redactAndCut(String(progress), 20)
}

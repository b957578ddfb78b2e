/**
 * The one port to the GitHub Actions runner, over @actions/core: inputs, masks, log lines, debug
 * lines, warnings, notices, outputs, the job summary, the step status and the variables of the
 * OIDC token request. Nothing else in src/ imports @actions/core or writes to stdout.
 *
 * Every line goes through the one safe path in text.ts (secrets replaced, control characters
 * removed, `##[` broken up, length bounded): API text reaches debug lines, warnings and plain
 * lines through many callers, so the port is where it is enforced. @actions/core escapes `%`, CR
 * and LF in command data as the runner unescapes them.
 *
 * A run begins with beginRun(): nothing an earlier run in the same process told the runner
 * (its secrets) carries over, so run() can be called again in one process.
 */
import { constants, statSync } from 'node:fs'
import { access, appendFile } from 'node:fs/promises'
import * as core from '@actions/core'
import type { Logger } from '../base/logger.js'
import { forgetSecrets, MAX_LINE_CHARS, registerSecret, safeLine, safeText } from '../base/text.js'

/**
 * Starts a run: the secrets to replace are the run's, registered through this port (setSecret), so
 * their list starts afresh. In the action's process one run is all there is. A test that runs two
 * side by side gives both the same inputs, whose secrets the second registers again at once; a
 * token the first had already fetched is from then on masked by the runner alone.
 */
export function beginRun(): void {
  forgetSecrets()
}

/** `INPUT_<NAME>` as the runner sets it (spaces become `_`, dashes stay), trimmed; '' when absent. */
export function getInput(name: string): string {
  return core.getInput(name)
}

/**
 * Registers a value the runner must mask in every later log line. It goes verbatim (core escapes
 * it only as the runner unescapes it): a mask in any other form would not match the secret when it
 * is printed. Our own lines replace it too (see text.ts).
 */
export function setSecret(secret: string): void {
  registerSecret(secret)
  core.setSecret(secret)
}

/** A plain log line; whatever it holds, it stays one line, so it cannot start a command. */
export function info(message: string): void {
  core.info(safeLine(message))
}

/**
 * A line inside a stop-commands fence (report/log.ts logUntrusted): the runner reads no command
 * there, so API text is shown as it is (`##[` too), one line, secrets replaced, control characters
 * removed.
 */
export function infoInsideFence(message: string): void {
  core.info(safeLine(message, MAX_LINE_CHARS, false))
}

/**
 * The two lines of a stop-commands fence (report/log.ts logUntrusted). They are our own, a random
 * hex token, so they go out as they are: the safe path would replace a short registered secret
 * inside `stop-commands` and so never open the fence.
 */
export function stopCommands(token: string): void {
  core.info(`::stop-commands::${token}`)
}

export function resumeCommands(token: string): void {
  core.info(`::${token}::`)
}

export function debug(message: string): void {
  core.debug(safeText(message))
}

export function warning(message: string): void {
  core.warning(safeText(message))
}

/** A notice annotation: something a person should know that is neither a problem nor a failure. */
export function notice(message: string): void {
  core.notice(safeText(message))
}

/** Fails the step: an error annotation and exit code 1. API text may be in the message. */
export function setFailed(message: string): void {
  core.setFailed(safeText(message))
}

/** The runner's log as the Logger the lower layers take. */
export const runnerLog: Logger = { debug, info, warning }

/**
 * Writes outputs one by one; returns those that could not be written and why. A GITHUB_OUTPUT
 * that is not a regular file (a directory, a FIFO that would block forever) is refused whole.
 */
export function writeOutputs(values: [name: string, value: string][]): {
  lost: [string, string][]
  reason?: string
} {
  let reason = runnerFileProblem('GITHUB_OUTPUT')
  if (reason) return { lost: values, reason }
  const lost: [string, string][] = []
  for (const [name, value] of values) {
    try {
      core.setOutput(name, value)
    } catch (err) {
      reason ??= (err as Error).message
      lost.push([name, value])
    }
  }
  return { lost, reason }
}

/**
 * Appends to the job summary; false when the runner gives no summary file. Throws what went wrong.
 * The file is written here, as core.summary would write it, not through core.summary: that one
 * object per process keeps the first path it was given, so a second run would write into the
 * first run's summary.
 */
export async function writeJobSummary(html: string): Promise<boolean> {
  const path = process.env.GITHUB_STEP_SUMMARY
  if (!path) return false
  const problem = runnerFileProblem('GITHUB_STEP_SUMMARY')
  if (problem) throw new Error(problem)
  try {
    await access(path, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`)
  }
  await appendFile(path, html, { encoding: 'utf8' })
  return true
}

/** A runner file that is there but is not a regular file; a missing one core reports in its own words. */
function runnerFileProblem(variable: 'GITHUB_OUTPUT' | 'GITHUB_STEP_SUMMARY'): string | undefined {
  const path = process.env[variable]
  if (!path) return undefined
  try {
    if (!statSync(path).isFile()) return `${variable} (${path}) is not a regular file`
  } catch {
    // Missing: @actions/core says so in its own words.
  }
  return undefined
}

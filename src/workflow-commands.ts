/**
 * The few runner commands needed before the first request: read an input, mask a secret, write a
 * log line, a debug line or a warning. They follow @actions/core's wire format exactly, but do not
 * import it: @actions/core loads an HTTP stack (undici) and @actions/exec at start, which tripled
 * the action's start-up time. Files (outputs, job summary), the failure status and the OIDC token
 * still go through @actions/core, loaded when first needed (see report.ts and auth/github-oidc.ts).
 */
import { EOL } from 'node:os'
import { breakLegacyCommands } from './text.js'

/** `INPUT_<NAME>` as the runner sets it (spaces become `_`, dashes stay), trimmed; '' when absent. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/** Registers a value the runner must mask in every later log line. */
export function setSecret(secret: string): void {
  issue('add-mask', secret)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function debug(message: string): void {
  issue('debug', message)
}

export function warning(message: string): void {
  issue('warning', message)
}

/**
 * Escaping as @actions/core does, so a message can never end the command or start another line;
 * and the legacy `##[` form, which the runner reads anywhere in a line, broken up.
 */
function escapeData(text: string): string {
  return breakLegacyCommands(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function issue(command: string, message: string): void {
  process.stdout.write(`::${command}::${escapeData(message)}${EOL}`)
}

/**
 * The few runner commands needed before the first request: read an input, mask a secret, write a
 * log line, a debug line or a warning. They follow @actions/core's wire format exactly, but do not
 * import it: @actions/core loads an HTTP stack (undici) and @actions/exec at start, which tripled
 * the action's start-up time. Files (outputs, job summary), the failure status and the OIDC token
 * still go through @actions/core, loaded when first needed (see report.ts).
 *
 * Every line printed here goes through the one safe path in text.ts (secrets replaced, control
 * characters removed, `##[` broken up, length bounded): API text reaches debug lines, warnings and
 * plain lines through many callers, so the wire is where it is enforced. A port of this file onto
 * @actions/core must keep these calls.
 */
import { EOL } from 'node:os'
import { MAX_LINE_CHARS, registerSecret, safeLine, safeText } from './text.js'

/** `INPUT_<NAME>` as the runner sets it (spaces become `_`, dashes stay), trimmed; '' when absent. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

/**
 * Registers a value the runner must mask in every later log line. The value goes verbatim, escaped
 * only as the runner unescapes it (`%`, CR, LF): a mask in any other form would not match the
 * secret when it is printed. Our own lines replace it too (see text.ts).
 */
export function setSecret(secret: string): void {
  registerSecret(secret)
  process.stdout.write(`::add-mask::${escapeData(secret)}${EOL}`)
}

/** A plain log line; whatever it holds, it stays one line, so it cannot start a command. */
export function info(message: string): void {
  process.stdout.write(safeLine(message) + EOL)
}

/**
 * A line inside a stop-commands fence (report.ts logUntrusted): the runner reads no command there,
 * so API text is shown as it is (`##[` too), one line, secrets replaced, control characters removed.
 */
export function infoInsideFence(message: string): void {
  process.stdout.write(safeLine(message, MAX_LINE_CHARS, false) + EOL)
}

export function debug(message: string): void {
  issue('debug', safeText(message))
}

export function warning(message: string): void {
  issue('warning', safeText(message))
}

/** Escaping as @actions/core does, so a message can never end the command or start another line. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function issue(command: string, message: string): void {
  process.stdout.write(`::${command}::${escapeData(message)}${EOL}`)
}

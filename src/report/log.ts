/**
 * Log lines that hold API text: fenced with `::stop-commands::<random>` so none of it can run as
 * a workflow command.
 */
import { infoInsideFence, resumeCommands, stopCommands } from '../runner/port.js'
import { stripControl } from '../base/text.js'

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

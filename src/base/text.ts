/**
 * Turning untrusted text (from the API, from GitHub, from inputs) into something safe and readable.
 * Every line the action prints goes through `safeText`/`safeLine` (runner.ts calls them),
 * every summary field through `summaryText`: secrets are replaced first, then control characters
 * go, then the legacy `##[` command form is broken up, then the text is bounded.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

/** `messageHtml` to plain text for the log: tags dropped, common entities decoded, one line. */
export function htmlToText(html: string): string {
  return (
    html
      .replace(/<br\s*\/?>|<\/p>|<\/li>/gi, ' ')
      // `[^<>]`, not `[^>]`: a run of `<` without `>` must not make this quadratic.
      .replace(/<[^<>]*>/g, '')
      .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
        const lower = name.toLowerCase()
        if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), whole)
        if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10), whole)
        return ENTITIES[lower] ?? whole
      })
      .replace(/\s+/g, ' ')
      .trim()
  )
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 31 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback
}

/**
 * Escapes text for HTML inside Markdown (the job summary). Every line break (CR alone too) becomes
 * `<br>`, so no text can end the HTML block with a blank line and start Markdown of its own.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\|/g, '&#124;')
    .replace(/\r\n|\r|\n/g, '<br>')
}

// Terminal sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL` or `ESC \`), and any other `ESC x`.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]?/g
// C0 controls but tab and LF, DEL, C1 controls, and the bidirectional overrides that reorder text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * Removes terminal control sequences and control characters; keeps line breaks, each one (CRLF, CR
 * alone, LF, U+2028, U+2029) turned into a plain LF.
 */
export function stripControl(text: string): string {
  return text
    .replace(ANSI, '')
    .replace(/\r\n|[\r\u2028\u2029\u0085]/g, '\n')
    .replace(CONTROL, '')
}

/** Control characters removed and every line break (of any kind) and tab turned into a space. */
export function oneLine(text: string): string {
  return stripControl(text).replace(/[\n\t]/g, ' ')
}

/**
 * The secrets of the run in progress, longest first, so a secret that contains another is replaced
 * whole. The one registry every text path reads: handing it to each caller of `redactAndCut` would
 * thread it through every layer. Its lifetime is the run's, set by the runner port (beginRun).
 */
let secrets: string[] = []

/** Remembers a secret the runner was asked to mask, so our own output never shows it either. */
export function registerSecret(secret: string): void {
  if (!secret || secrets.includes(secret)) return
  secrets = [...secrets, secret].sort((a, b) => b.length - a.length)
}

/** Forgets every registered secret (runner/port.ts beginRun): a second run in one process starts with none of the first's. */
export function forgetSecrets(): void {
  secrets = []
}

/**
 * Every registered secret replaced by `***`. This runs before any other change to the text: once
 * text is altered (a `##[` broken up, a line cut), the runner's mask would no longer match it.
 */
export function redactSecrets(text: string): string {
  let out = text
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join('***')
  return out
}

/** Longest line the log gets from us; a runaway API text must not flood it. */
export const MAX_LINE_CHARS = 4000

/** Text for a log line or an annotation: secrets replaced, control characters gone, `##[` broken, bounded. Keeps LF. */
export function safeText(text: string, max = MAX_LINE_CHARS): string {
  return breakLegacyCommandMarker(redactAndCut(stripControl(redactSecrets(text)), max))
}

/**
 * `safeText` on one line: what a plain stdout line gets, so nothing can start a line of its own.
 * `breakLegacy: false` only for lines inside a stop-commands fence, where the runner reads no command.
 */
export function safeLine(text: string, max = MAX_LINE_CHARS, breakLegacy = true): string {
  const line = redactAndCut(oneLine(redactSecrets(text)), max)
  return breakLegacy ? breakLegacyCommandMarker(line) : line
}

/** One field of the job summary: secrets replaced, one line, bounded, HTML-escaped. */
export function summaryText(text: string, max: number): string {
  return escapeHtml(redactAndCut(oneLine(redactSecrets(text)), max))
}

/**
 * Breaks up `##[` (with an invisible space) and changes nothing else: the runner reads the legacy
 * `##[command]` form anywhere in a line, outside a stop-commands fence.
 */
function breakLegacyCommandMarker(text: string): string {
  return text.replace(/##\[/g, '#\u200b#[')
}

/** A remote sentence to embed in ours: trailing full stops and spaces removed (no `..`). */
export function withoutTrailingStop(text: string): string {
  // A loop, not /[.\s]+$/: that regex is quadratic on a long run of spaces that does not end the text.
  let end = text.length
  while (end > 0 && (text[end - 1] === '.' || /\s/.test(text[end - 1]))) end--
  return text.slice(0, end).trim()
}

/**
 * The one place that bounds text: secrets replaced first, then cut to `max` characters (never
 * splitting a surrogate pair), for a table cell, a log line or a deployment description.
 */
export function redactAndCut(text: string, max: number): string {
  // A secret cut in two no longer matches its mask, so secrets are replaced before anything is cut.
  text = redactSecrets(text)
  if (text.length <= max) return text
  let cut = Math.max(0, max - 1)
  const last = text.charCodeAt(cut - 1)
  if (last >= 0xd800 && last <= 0xdbff) cut--
  return `${text.slice(0, cut)}…`
}

/** A short, single-line look at a body, for messages about bodies we could not read. */
export function excerpt(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  if (!oneLine) return '(empty)'
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine
}

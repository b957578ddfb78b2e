/** Turning untrusted API text into something safe and readable. */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

/** `messageHtml` to plain text for the log: tags dropped, common entities decoded, one line. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>|<\/li>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      const lower = name.toLowerCase()
      if (lower.startsWith('#x')) return safeCodePoint(parseInt(lower.slice(2), 16), whole)
      if (lower.startsWith('#')) return safeCodePoint(parseInt(lower.slice(1), 10), whole)
      return ENTITIES[lower] ?? whole
    })
    .replace(/\s+/g, ' ')
    .trim()
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 31 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback
}

/** Escapes text for a cell of an HTML table inside Markdown (the job summary). */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\|/g, '&#124;')
    .replace(/\r?\n/g, '<br>')
}

/** Removes terminal control sequences and other control characters (but keeps newlines). */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
}

/**
 * Text for annotations (`::error::…` via @actions/core, which escapes newlines and `::`): the
 * legacy `##[` form is matched anywhere in a line, so break it up.
 */
export function defuseLegacyCommands(text: string): string {
  return breakLegacyCommands(stripControl(text))
}

/** Breaks up `##[` (with an invisible space) and changes nothing else. */
export function breakLegacyCommands(text: string): string {
  return text.replace(/##\[/g, '#\u200b#[')
}

/** A remote sentence to embed in ours: trailing full stops and spaces removed (no `..`). */
export function clause(text: string): string {
  return text.trim().replace(/[.\s]+$/, '')
}

/** Shortens for a table cell or a log line. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

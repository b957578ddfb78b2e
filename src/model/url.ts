/** URL rules: where the token may go and what an operation location may look like. */
import { OffOriginError, ProtocolError } from './errors.js'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** An address on this machine (the simulator, a local proxy). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname)
}

/** http is allowed only on this machine (the simulator, a local proxy); everything else is https. */
export function isAllowedScheme(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))
}

/**
 * A location and its fragment apart. The fragment is a backend's own part of a location (what a
 * Product Ingestion job hands over to); resolveLocation drops it, and no request ever carries it.
 */
export function splitFragment(location: string): { location: string; fragment: string } {
  const text = location.trim()
  const at = text.indexOf('#')
  return at >= 0 ? { location: text.slice(0, at), fragment: text.slice(at) } : { location: text, fragment: '' }
}

/**
 * Turns a location the API returned (or a user gave) into an absolute URL on the API origin.
 * Relative paths are relative to the base URL, so a proxy's path prefix is kept; an absolute URL
 * must share the base URL's origin, because the bearer token goes with every request to it.
 */
export function resolveLocation(baseUrl: string, location: string): string {
  const base = baseUrl.replace(/\/+$/, '')
  const origin = new URL(base).origin
  const text = location.trim()
  if (!text) throw new ProtocolError('the operation location is empty')
  if (/[\s\\]/.test(text)) throw new ProtocolError(`the operation location '${text}' contains spaces or backslashes`)
  // URL parsing would silently fold `..` away; refuse it instead of guessing what was meant.
  const rawPath = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split(/[?#]/)[0]
  if (/(^|\/)(\.|%2e){2}(\/|$)/i.test(rawPath)) {
    throw new ProtocolError(`the operation location '${text}' contains '..'`)
  }
  let url: URL
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) || text.startsWith('//')) {
    url = parseUrl(text, base)
    if (url.origin !== origin) {
      throw new OffOriginError(
        `the operation location ${url.origin}${url.pathname} is not on the API origin ${origin}; ` +
          'the token is only sent to the API origin, so it was not followed'
      )
    }
  } else {
    const prefix = new URL(base).pathname.replace(/\/+$/, '')
    // A path from the origin that already holds the base path (`/rp/product-ingestion/…`) is kept.
    const fromOrigin =
      prefix !== '' && (text === prefix || text.startsWith(`${prefix}/`) || text.startsWith(`${prefix}?`))
    url = parseUrl(fromOrigin ? origin + text : base + (text.startsWith('/') ? text : `/${text}`))
  }
  if (url.username || url.password) throw new ProtocolError('the operation location must not carry credentials')
  url.hash = ''
  return url.href
}

/** `new URL`, with a ProtocolError that says what was wrong instead of a bare "Invalid URL". */
function parseUrl(text: string, base?: string): URL {
  try {
    return new URL(text, base)
  } catch {
    throw new ProtocolError(`the operation location '${text.slice(0, 200)}' is not a valid URL`)
  }
}

/** The last path segment, decoded (`contoso$contoso-offer$2$preview`, or a GUID). */
export function lastPathSegment(url: string): string {
  const segment = new URL(url).pathname.split('/').filter(Boolean).pop() ?? ''
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * The next page of a paged list (`@nextLink`, `nextLink`): absolute (held to the API origin), a path,
 * or only a query string (`?continuationToken=…`, the same path as the page just read).
 *
 * `hostRoot`: the API's root as the service writes it in links relative to the host without a
 * leading slash (the ingestion API v1.0 answers `v1.0/ingestion/products/…?$skipToken=…`). Resolved
 * by URL rules against `base-url` that names the root twice, so the root is stripped and the rest
 * appended to `base-url` (which keeps a proxy's path prefix).
 */
export function resolveNextLink(baseUrl: string, currentUrl: string, link: string, hostRoot?: string): string {
  const text = link.trim()
  if (text.startsWith('?')) {
    const current = new URL(currentUrl)
    return resolveLocation(baseUrl, `${current.origin}${current.pathname}${text}`)
  }
  if (hostRoot && startsWithSegment(text, hostRoot)) return resolveLocation(baseUrl, text.slice(hostRoot.length) || '/')
  return resolveLocation(baseUrl, text)
}

/** `text` begins with `root` followed by the end, `/` or `?` (`v1.0/ingestion/…`, never `v1.0/ingestionX`). */
function startsWithSegment(text: string, root: string): boolean {
  return text === root || text.startsWith(`${root}/`) || text.startsWith(`${root}?`)
}

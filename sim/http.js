// @ts-check
// HTTP plumbing shared by every simulated API: the request record, JSON replies, body reading,
// path splitting and request matching.

import { randomUUID } from 'node:crypto'

/** Largest request body read; a bigger one is answered 413. */
const MAX_BODY = 1024 * 1024

/**
 * An answer as a handler returns it, before the server (or a fault) writes it.
 * @typedef {{ status: number, headers: Record<string, string>, body: string }} Reply
 */

/**
 * @typedef {object} RequestRecord
 * @property {string} method
 * @property {string} path pathname exactly as received (still percent-encoded)
 * @property {Record<string, string>} query decoded query parameters
 * @property {Record<string, string | string[] | undefined>} headers lower-cased names
 * @property {string} body
 * @property {number} at `options.now()` when the request arrived
 * @property {number} [status] status code answered, once answered (absent for resets and hangs)
 * @property {string} [fault] `status` | `reset` | `hang` | `redirect` | `body` | `modify` when a queued fault matched
 * @property {number} [bytesSent] body bytes written before the client went away (`bodyBytes` faults)
 */

/**
 * @typedef {{ method?: string, path?: string | RegExp }} RequestMatcher
 */

/**
 * @param {number} status
 * @param {unknown} value
 * @param {Record<string, string>} [headers]
 * @returns {Reply}
 */
export function json(status, value, headers = {}) {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value)
  }
}

/**
 * The Marketplace error shape `{"error":{"code","message"}}`.
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @returns {Reply}
 */
export function apiError(status, code, message) {
  return json(status, { error: { code, message } })
}

/**
 * @param {RequestRecord} rec
 * @returns {Reply}
 */
export function notFound(rec) {
  return apiError(404, 'NotFound', `No resource matches ${rec.method} ${rec.path}.`)
}

/** @returns {Reply} */
export function methodNotAllowed() {
  return apiError(405, 'MethodNotAllowed', 'The HTTP method is not supported on this resource.')
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {RequestRecord | undefined} rec
 * @param {Reply} reply
 */
export function writeReply(res, rec, reply) {
  if (res.destroyed || res.headersSent) return
  if (rec) rec.status = reply.status
  res.statusCode = reply.status
  for (const [k, v] of Object.entries(reply.headers)) res.setHeader(k, v)
  res.setHeader('x-ms-request-id', randomUUID())
  res.end(reply.body)
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<string | null>} null when the body is over the limit
 */
export function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = []
    let size = 0
    let over = false
    req.on('data', (/** @type {Buffer} */ chunk) => {
      size += chunk.length
      if (size > MAX_BODY) over = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/**
 * @param {RequestRecord} rec
 * @param {RequestMatcher} m
 */
export function matches(rec, m) {
  if (m.method && m.method.toUpperCase() !== rec.method.toUpperCase()) return false
  if (m.path === undefined) return true
  if (typeof m.path === 'string') return rec.path.includes(m.path)
  m.path.lastIndex = 0
  return m.path.test(rec.path)
}

/**
 * @param {string} rawPath
 * @returns {string[] | null} decoded segments, null when the encoding is broken
 */
export function splitPath(rawPath) {
  try {
    return rawPath
      .split('/')
      .filter((s, i) => !(i === 0 && s === ''))
      .map((s) => decodeURIComponent(s))
  } catch {
    return null
  }
}

/** @param {string | string[] | undefined} v */
export function headerValue(v) {
  return Array.isArray(v) ? v[0] : v
}

/**
 * The token of an `Authorization: Bearer …` header, if that is what the request carries.
 * @param {RequestRecord} rec
 * @returns {string | undefined}
 */
export function bearerToken(rec) {
  return /^Bearer\s+(\S+)\s*$/i.exec(headerValue(rec.headers.authorization) ?? '')?.[1]
}

/** @param {string} s */
export function lower(s) {
  return s.toLowerCase()
}

/** @param {string} s */
export function isJson(s) {
  try {
    JSON.parse(s)
    return true
  } catch {
    return false
  }
}

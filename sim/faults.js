// @ts-check
// Fault injection: a queue of faults that take over matching requests (a status with Retry-After,
// garbage bodies, hangs, resets, redirects, huge or endless bodies, deep documents, odd headers,
// or the real answer lost after the request was handled).

import http from 'node:http'
import { randomUUID } from 'node:crypto'
import { isJson, matches, writeReply } from './http.js'

/** @typedef {import('./http.js').Reply} Reply */
/** @typedef {import('./http.js').RequestRecord} RequestRecord */

/**
 * @typedef {object} FaultSpec
 * @property {string} [method]
 * @property {string | RegExp} [path] substring of, or pattern tested against, the raw pathname
 * @property {number} [times] how many matching requests it applies to (default 1; Infinity allowed)
 * @property {number} [status] answer this instead of the real handler
 * @property {string | number} [retryAfter] Retry-After header on the faulted answer
 * @property {string | object} [body] body of the faulted answer (default: a JSON error for the status)
 * @property {string} [contentType] Content-Type of the faulted answer
 * @property {Record<string, string | null>} [headers] extra headers on the answer (faulted or real); `null` removes one
 * @property {number} [hangMs] wait this long (real time) first; Infinity never answers
 * @property {(rec: RequestRecord) => unknown} [wait] called when the fault takes the request; the answer waits
 *   until what it returns settles (a promise the test resolves, or nothing), then is made: a test that advances
 *   its fake clock here makes the request take that long on the simulator clock
 * @property {boolean} [reset] destroy the socket without answering
 * @property {boolean} [handleFirst] run the real handler (its side effects happen) at once, before a hang, and before the status/reset replaces its answer
 * @property {number} [retryAfterDate] Retry-After as an HTTP date this many ms from `options.now()` (negative: in the past)
 * @property {string} [redirect] answer a redirect (`status`, default 307) to this Location, with an empty body
 * @property {number} [bodyBytes] answer (`status`, default 200) with a JSON-looking body this many bytes long, streamed; Infinity never ends
 * @property {number} [nest] the JSON object answered gets a `nested` member this many arrays deep
 */

// setTimeout treats anything above this as 1 ms, which would turn a "forever" hang into none.
const MAX_TIMER = 2 ** 31 - 1

/** @type {Record<number, [string, string]>} */
const FAULT_TEXT = {
  400: ['BadRequest', 'The request is not valid.'],
  401: ['Unauthorized', 'Authentication failed.'],
  403: ['Forbidden', 'The service principal has no access to this publisher account.'],
  404: ['NotFound', 'The resource was not found.'],
  409: ['Conflict', 'The request conflicts with the current state of the resource.'],
  429: ['TooManyRequests', 'Too many requests. Try again later.'],
  500: ['InternalServerError', 'We cannot complete the request now, please try again later.'],
  502: ['BadGateway', 'The gateway received an invalid response.'],
  503: ['ServiceUnavailable', 'The service is temporarily unavailable. Try again later.'],
  504: ['GatewayTimeout', 'The gateway timed out.']
}

/**
 * The fault queue of one simulator. Hangs are the only thing in the simulator on real time,
 * because they are about sockets; `close()` ends them.
 * @param {{ now: () => number }} deps
 */
export function createFaults({ now }) {
  /** @type {(FaultSpec & { remaining: number })[]} */
  const queue = []
  /** @type {Set<NodeJS.Timeout>} */
  const hangTimers = new Set()
  let closed = false

  /**
   * Headers and Retry-After of a fault, for a faulted answer or on top of the real one.
   * @param {FaultSpec} fault
   * @returns {Record<string, string | null>}
   */
  function faultHeaders(fault) {
    /** @type {Record<string, string | null>} */
    const headers = { ...(fault.headers ?? {}) }
    if (fault.retryAfter != null) headers['Retry-After'] = String(fault.retryAfter)
    if (fault.retryAfterDate != null) headers['Retry-After'] = new Date(now() + fault.retryAfterDate).toUTCString()
    return headers
  }

  /**
   * The answer with the fault's headers (a `null` value removes one) and its `nest` applied.
   * @param {Reply} reply
   * @param {FaultSpec} fault
   * @returns {Reply}
   */
  function modifyReply(reply, fault) {
    /** @type {Record<string, string>} */
    const headers = {}
    const extra = faultHeaders(fault)
    const replaced = new Set(Object.keys(extra).map((k) => k.toLowerCase()))
    for (const [k, v] of Object.entries(reply.headers)) if (!replaced.has(k.toLowerCase())) headers[k] = v
    for (const [k, v] of Object.entries(extra)) if (v != null) headers[k] = v
    let body = reply.body
    if (fault.nest != null && fault.nest > 0 && isJson(body)) {
      const value = JSON.parse(body)
      const target = Array.isArray(value) ? value[0] : value
      if (target && typeof target === 'object') {
        target.nested = '__SIM_NESTED__'
        // Written as text: JSON.stringify itself cannot write a document this deep.
        body = JSON.stringify(value).replace(
          '"__SIM_NESTED__"',
          `${'['.repeat(fault.nest)}"deep"${']'.repeat(fault.nest)}`
        )
      }
    }
    return { status: reply.status, headers, body }
  }

  /**
   * A huge (or, with Infinity, endless) body, streamed as the client reads it; stops when the
   * client goes away or the simulator closes. `rec.bytesSent` counts what was written.
   * @param {http.ServerResponse} res
   * @param {RequestRecord} rec
   * @param {FaultSpec} fault
   */
  function streamBody(res, rec, fault) {
    const total = /** @type {number} */ (fault.bodyBytes)
    rec.status = fault.status ?? 200
    let sent = 0
    rec.bytesSent = sent
    res.statusCode = rec.status
    for (const [k, v] of Object.entries(faultHeaders(fault))) if (v != null) res.setHeader(k, v)
    res.setHeader('Content-Type', fault.contentType ?? 'application/json; charset=utf-8')
    if (Number.isFinite(total)) res.setHeader('Content-Length', String(total))
    res.setHeader('x-ms-request-id', randomUUID())
    const opening = Buffer.from('{"padding":"')
    const chunk = Buffer.alloc(64 * 1024, 'x')
    const closing = Buffer.from('"}')
    const pump = () => {
      while (!closed && !res.destroyed) {
        const left = total - sent
        if (left <= 0) return res.end()
        let piece = sent === 0 ? opening : chunk
        if (Number.isFinite(total) && left <= closing.length + piece.length) {
          piece = Buffer.concat([chunk.subarray(0, Math.max(0, left - closing.length)), closing]).subarray(0, left)
        }
        sent += piece.length
        rec.bytesSent = sent
        if (!res.write(piece)) return res.once('drain', pump)
      }
    }
    res.on('close', () => res.removeAllListeners('drain'))
    pump()
  }

  /**
   * @param {number} ms
   * @returns {Promise<void>}
   */
  function hang(ms) {
    return new Promise((resolve) => {
      // Never resolved: close() destroys the socket, which is all a never-answered request needs.
      if (!Number.isFinite(ms) || ms > MAX_TIMER) return
      const timer = setTimeout(() => {
        hangTimers.delete(timer)
        resolve()
      }, ms)
      hangTimers.add(timer)
    })
  }

  return {
    /** @param {FaultSpec} spec */
    add(spec) {
      queue.push({ ...spec, remaining: spec.times ?? 1 })
    },

    /**
     * The first queued fault matching the request, which uses up one of its `times`.
     * @param {RequestRecord} rec
     * @returns {FaultSpec | null}
     */
    take(rec) {
      const i = queue.findIndex((f) => matches(rec, f))
      if (i < 0) return null
      const f = queue[i]
      f.remaining -= 1
      if (f.remaining <= 0) queue.splice(i, 1)
      return f
    },

    /**
     * Answers a request the way its fault says; `route` is the real handler.
     * @param {FaultSpec} fault
     * @param {{ req: http.IncomingMessage, res: http.ServerResponse, rec: RequestRecord, route: () => Reply }} exchange
     */
    async answer(fault, { req, res, rec, route }) {
      rec.fault = kindOf(fault)
      // handleFirst: the request takes effect at once, and its answer is what waits (or is lost).
      const handled = fault.handleFirst ? route() : undefined
      if (fault.wait) {
        await fault.wait(rec)
        if (closed || res.destroyed) return
      }
      if (fault.hangMs != null && fault.hangMs > 0) {
        await hang(fault.hangMs)
        if (closed || res.destroyed) return
      }
      if (fault.reset) {
        req.socket.destroy()
        return
      }
      if (fault.redirect != null) {
        return writeReply(res, rec, {
          status: fault.status ?? 307,
          headers: { ...faultHeaders(fault), Location: fault.redirect },
          body: ''
        })
      }
      if (fault.bodyBytes != null) return streamBody(res, rec, fault)
      if (fault.status != null) return writeReply(res, rec, modifyReply(faultReply(fault, rec), fault))
      return writeReply(res, rec, modifyReply(handled ?? route(), fault))
    },

    /** Ends every hang and stream at once. */
    close() {
      closed = true
      for (const timer of hangTimers) clearTimeout(timer)
      hangTimers.clear()
    }
  }
}

/** @typedef {ReturnType<typeof createFaults>} Faults */

/**
 * What a fault does, as recorded on the request.
 * @param {FaultSpec} fault
 */
function kindOf(fault) {
  if (fault.reset) return 'reset'
  if (fault.redirect != null) return 'redirect'
  if (fault.bodyBytes != null) return 'body'
  if (fault.status != null) return 'status'
  return (fault.hangMs != null || fault.wait != null) && !isModifying(fault) ? 'hang' : 'modify'
}

/**
 * Whether a fault changes the real answer (rather than only delaying it).
 * @param {FaultSpec} fault
 */
function isModifying(fault) {
  return fault.headers != null || fault.retryAfter != null || fault.retryAfterDate != null || fault.nest != null
}

/**
 * The answer of a `status` fault: its body, or a JSON error worded for the status, in GitHub's
 * shape (`{message, documentation_url, status}`) on GitHub's REST paths.
 * @param {FaultSpec} fault
 * @param {RequestRecord} rec
 * @returns {Reply}
 */
function faultReply(fault, rec) {
  const status = /** @type {number} */ (fault.status)
  /** @type {Record<string, string>} */
  const headers = {}
  let body
  let contentType = fault.contentType
  if (fault.body === undefined && rec.path.startsWith('/_github/api/')) {
    const message = status === 401 ? 'Bad credentials' : (http.STATUS_CODES[status] ?? 'Error')
    body = JSON.stringify({ message, documentation_url: 'https://docs.github.com/rest', status: String(status) })
    contentType ??= 'application/json; charset=utf-8'
  } else if (fault.body === undefined) {
    const [code, message] = FAULT_TEXT[status] ?? [
      (http.STATUS_CODES[status] ?? 'Error').replace(/[^A-Za-z]/g, ''),
      `Simulated ${status} response.`
    ]
    body = JSON.stringify({ error: { code, message } })
    contentType ??= 'application/json; charset=utf-8'
  } else if (typeof fault.body === 'string') {
    body = fault.body
    if (contentType === undefined && body !== '') {
      contentType = /^\s*</.test(body)
        ? 'text/html; charset=utf-8'
        : isJson(body)
          ? 'application/json; charset=utf-8'
          : 'text/plain; charset=utf-8'
    }
  } else {
    body = JSON.stringify(fault.body)
    contentType ??= 'application/json; charset=utf-8'
  }
  if (contentType !== undefined) headers['Content-Type'] = contentType
  return { status, headers, body }
}

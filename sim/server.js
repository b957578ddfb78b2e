// @ts-check
// The HTTP server under every simulated API: records each request, lets a queued fault take it
// over, hands the rest to the router, and closes with every connection at once.

import http from 'node:http'
import { json, readBody, writeReply } from './http.js'

/** @typedef {import('./http.js').Reply} Reply */
/** @typedef {import('./http.js').RequestRecord} RequestRecord */

/**
 * @typedef {object} ServerOptions
 * @property {number} port 0 = ephemeral
 * @property {((record: RequestRecord) => void) | null} onRequest called once per request when its connection is done with it
 */

/**
 * Starts listening on 127.0.0.1.
 * @param {object} deps
 * @param {ServerOptions} deps.options read live (`onRequest` may change after start)
 * @param {() => number} deps.now
 * @param {import('./faults.js').Faults} deps.faults
 * @param {(rec: RequestRecord) => Reply} deps.route the real handlers
 */
export async function startServer({ options, now, faults, route }) {
  /** @type {RequestRecord[]} */
  const requests = []
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()
  let closed = false

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent && !res.destroyed) {
        writeReply(
          res,
          undefined,
          json(500, {
            error: {
              code: 'InternalServerError',
              message: `Simulator error: ${err instanceof Error ? err.message : String(err)}`
            }
          })
        )
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handle(req, res) {
    const rawUrl = req.url ?? '/'
    const qi = rawUrl.indexOf('?')
    const rawPath = qi >= 0 ? rawUrl.slice(0, qi) : rawUrl
    const rawQuery = qi >= 0 ? rawUrl.slice(qi + 1) : ''
    const body = await readBody(req)
    /** @type {RequestRecord} */
    const rec = {
      method: req.method ?? 'GET',
      path: rawPath,
      query: Object.fromEntries(new URLSearchParams(rawQuery)),
      headers: { ...req.headers },
      body: body ?? '',
      at: now()
    }
    requests.push(rec)
    res.on('close', () => {
      try {
        options.onRequest?.(rec)
      } catch {
        // A logging hook must not take the server down.
      }
    })
    if (body === null)
      return writeReply(
        res,
        rec,
        json(413, { error: { code: 'RequestEntityTooLarge', message: 'The request body is too large.' } })
      )

    const fault = faults.take(rec)
    if (fault) return faults.answer(fault, { req, res, rec, route: () => route(rec) })
    writeReply(res, rec, route(rec))
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve(undefined)
    })
  })
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('simulator: server has no TCP address')

  return {
    /** `http://127.0.0.1:PORT`, no trailing slash */
    url: `http://127.0.0.1:${address.port}`,
    /** every request, in arrival order */
    requests,
    /** @returns {Promise<void>} */
    close() {
      if (closed) return Promise.resolve()
      closed = true
      faults.close()
      return new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      })
    }
  }
}

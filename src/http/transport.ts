/**
 * One request, one answer: proxy-aware through @actions/http-client's agents, bounded by a timeout,
 * an AbortSignal and a body cap, and never following a redirect. The lowest layer of the network
 * (net/transport ← net/retry ← auth/ ← api-client ← backends/).
 */
import * as http from 'node:http'
import { ApiError } from '../model/errors.js'

const USER_AGENT = 'marketplace-go-live'

/** Bodies past this size are cut: an operation document is a few KB; a runaway body must not grow memory. */
const MAX_BODY_BYTES = 2 * 1024 * 1024

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
}

export interface SendOptions {
  method: string
  url: string
  headers?: Record<string, string>
  body?: string
  timeoutMs: number
  signal?: AbortSignal
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

/**
 * With a proxy configured, @actions/http-client's agent routes through it (honouring NO_PROXY)
 * exactly like other toolkit-based actions. Without one, Node's default agent does, and the
 * client (which loads undici) is never loaded. A client per request, not one kept: it costs
 * nothing to make, reads the proxy variables as they are now, and a kept one would reuse the
 * agent it made for one URL (http or https) for the next URL outside the proxy. The module is
 * loaded once, like any import.
 */
async function agentFor(url: URL): Promise<http.Agent | undefined> {
  if (!PROXY_VARIABLES.some((name) => process.env[name])) return undefined
  const { HttpClient } = await import('@actions/http-client')
  return new HttpClient(USER_AGENT).getAgent(url.href)
}

/**
 * One request, one answer; redirects are never followed (a 3xx is an answer like any other), so
 * the credentials in `headers` go to `url`'s origin and nowhere else. Network failures become
 * transient ApiErrors with status 0. The whole exchange is bounded by `timeoutMs` and `signal`,
 * and the body by MAX_BODY_BYTES: past it, reading stops and the request is aborted.
 */
export async function sendRequest(options: SendOptions): Promise<RawResponse> {
  const url = new URL(options.url)
  const agent = await agentFor(url)
  // https (with tls and crypto) is loaded on first use: the simulator and local proxies speak http.
  const transport = url.protocol === 'https:' ? await import('node:https') : http
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept: 'application/json',
    ...options.headers
  }
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body))

  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false
    const failWith = (status: number, reason: string): void => {
      if (settled) return
      settled = true
      cleanUp()
      req.destroy()
      reject(new ApiError({ method: options.method, url: options.url, status, apiMessage: reason, transient: true }))
    }
    const fail = (reason: string): void => failWith(0, reason)
    if (options.signal?.aborted) {
      reject(
        new ApiError({
          method: options.method,
          url: options.url,
          status: 0,
          apiMessage: 'the request was aborted',
          transient: true
        })
      )
      return
    }
    const req = transport.request(url, { method: options.method, headers, agent })
    const timer = setTimeout(() => fail(`no answer within ${Math.round(options.timeoutMs / 1000)}s`), options.timeoutMs)
    const onAbort = (): void => fail('the request was aborted')
    options.signal?.addEventListener('abort', onAbort, { once: true })
    function cleanUp(): void {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
    }
    req.on('error', (err) => fail(describeNetworkError(err)))
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        if (settled) return
        chunks.push(chunk)
        size += chunk.length
        if (size > MAX_BODY_BYTES) {
          failWith(
            res.statusCode ?? 0,
            `the body passed ${MAX_BODY_BYTES / 1024 / 1024} MiB, so reading stopped and the request was aborted`
          )
        }
      })
      res.on('error', (err) => fail(describeNetworkError(err)))
      res.on('close', () => {
        if (!res.complete) fail('the connection closed before the answer was complete')
      })
      res.on('end', () => {
        if (settled) return
        settled = true
        cleanUp()
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') })
      })
    })
    req.end(options.body)
  })
}

function describeNetworkError(err: Error & { code?: string }): string {
  if (err.code === 'ECONNRESET') return 'the connection was reset'
  if (err.code === 'ECONNREFUSED') return 'the connection was refused'
  if (err.code === 'ENOTFOUND') return 'the host name could not be resolved'
  return err.message || String(err)
}

/**
 * The simulator's fault injection (sim/faults.js), over real sockets with fetch: statuses, garbage,
 * resets, hangs, redirects, odd headers, deep documents, huge and endless bodies.
 */
import type { SimOptionsPatch, Simulator } from '../sim/index.js'
import { useSimulators } from '../__fixtures__/simulators.js'
import { AUTH, V, OFFER, SIM_EPOCH, type Json, call, goLive, get } from '../__fixtures__/simulator-http.js'

let clock = 0
const startOnClock = useSimulators({ now: () => clock })

/** Starts a simulator on a fake clock (unless `now` is given); it is closed after the test. */
async function start(options: SimOptionsPatch = {}): Promise<Simulator> {
  clock = SIM_EPOCH
  return startOnClock(options)
}

describe('faults', () => {
  it('answers a queued status with Retry-After and a default JSON body, then recovers', async () => {
    const s = await start()
    s.fault({ method: 'POST', path: '/golive', status: 503, retryAfter: 2, times: 2 })
    for (let i = 0; i < 2; i++) {
      const res = await goLive(s)
      expect(res.status).toBe(503)
      expect(res.headers.get('retry-after')).toBe('2')
      expect(res.headers.get('content-type')).toMatch(/application\/json/)
      expect(res.json.error.code).toBe('ServiceUnavailable')
    }
    expect((await goLive(s)).status).toBe(202)
    expect(s.count({ method: 'POST', path: '/golive' })).toBe(3)
    expect(s.requests.map((r) => r.fault)).toEqual(['status', 'status', undefined])
    expect(s.operations).toHaveLength(1)
  })

  it('answers HTML and empty bodies, and matches paths by RegExp and method', async () => {
    const s = await start()
    s.fault({ path: /\/operations\//, status: 502, body: '<html><body>502 Bad Gateway</body></html>' })
    s.fault({ method: 'GET', path: '/status', status: 500, body: '' })
    const location = (await goLive(s)).headers.get('location') ?? ''
    const html = await get(s, location)
    expect(html.status).toBe(502)
    expect(html.headers.get('content-type')).toMatch(/text\/html/)
    expect(html.text).toBe('<html><body>502 Bad Gateway</body></html>')
    const empty = await get(s, `${OFFER}/status?${V}`)
    expect(empty.status).toBe(500)
    expect(empty.text).toBe('')
    expect((await get(s, location)).status).toBe(200)
  })

  it('resets the connection without answering', async () => {
    const s = await start()
    s.fault({ path: '/golive', reset: true })
    await expect(fetch(`${s.url}${OFFER}/golive?${V}`, { method: 'POST', headers: AUTH })).rejects.toThrow()
    expect(s.requests).toHaveLength(1)
    expect(s.operations).toHaveLength(0)
    expect((await goLive(s)).status).toBe(202)
  })

  it('can lose the answer after the go-live started (handleFirst), so a retry meets the conflict', async () => {
    const s = await start()
    s.fault({ path: '/golive', reset: true, handleFirst: true })
    await expect(fetch(`${s.url}${OFFER}/golive?${V}`, { method: 'POST', headers: AUTH })).rejects.toThrow()
    expect(s.operations).toHaveLength(1)
    expect((await goLive(s)).status).toBe(409)
  })

  it('delays an answer by hangMs', async () => {
    const s = await start()
    s.fault({ path: '/status', hangMs: 150 })
    const t0 = Date.now()
    const res = await get(s, `${OFFER}/status?${V}`)
    expect(res.status).toBe(200)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
  })

  it('never answers with hangMs Infinity, and close() still ends the socket at once', async () => {
    const s = await start()
    s.fault({ path: '/status', hangMs: Infinity })
    const pending = fetch(`${s.url}${OFFER}/status?${V}`, { headers: AUTH })
    const outcome = pending.then(
      () => 'answered',
      () => 'failed'
    )
    while (s.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    const t0 = Date.now()
    await s.close()
    expect(await outcome).toBe('failed')
    expect(Date.now() - t0).toBeLessThan(500)
  })

  it('answers a redirect, with no body, and records it', async () => {
    const s = await start()
    s.fault({ path: '/_github/oidc/token', redirect: 'http://127.0.0.1:9/elsewhere?x=1' })
    const res = await fetch(`${s.oidcRequestUrl}&audience=x`, { headers: AUTH, redirect: 'manual' })
    expect(res.status).toBe(307)
    expect(res.headers.get('location')).toBe('http://127.0.0.1:9/elsewhere?x=1')
    expect(await res.text()).toBe('')
    expect(s.requests[0].fault).toBe('redirect')
  })

  it('sends Retry-After as an HTTP date relative to its clock, in the past when asked', async () => {
    const s = await start()
    s.fault({ method: 'GET', path: '/status', status: 429, retryAfterDate: -60_000 })
    const res = await get(s, `${OFFER}/status?${V}`)
    expect(res.status).toBe(429)
    expect(Date.parse(res.headers.get('retry-after') ?? '')).toBe(clock - 60_000)
  })

  it('changes the headers of the real answer: an odd Location on a Go Live that did start', async () => {
    const s = await start()
    s.fault({ method: 'POST', path: '/golive', headers: { Location: 'http://[::1' }, retryAfterDate: 5000 })
    const res = await goLive(s)
    expect(res.status).toBe(202)
    expect(res.headers.get('location')).toBe('http://[::1')
    expect(Date.parse(res.headers.get('retry-after') ?? '')).toBe(clock + 5000)
    expect(s.operations).toHaveLength(1)
    expect(s.requests[0].fault).toBe('modify')
    s.fault({ method: 'POST', path: '/golive', headers: { Location: null } })
    s.set({ operationMs: 1 })
    clock += 10_000
    const bare = await goLive(s)
    expect(bare.status).toBe(202)
    expect(bare.headers.get('location')).toBeNull()
  })

  it('nests a member of the real document thousands of levels deep', async () => {
    const s = await start()
    const location = (await goLive(s)).headers.get('location') ?? ''
    s.fault({ method: 'GET', path: '/operations/', nest: 20_000 })
    const res = await get(s, location)
    expect(res.status).toBe(200)
    expect(res.json.status).toBe('running')
    let depth = 0
    for (let node = res.json.nested; Array.isArray(node); node = node[0]) depth++
    expect(depth).toBe(20_000)
  })

  it('streams a huge body of the size asked for', async () => {
    const s = await start()
    s.fault({ method: 'GET', path: '/status', bodyBytes: 3 * 1024 * 1024 + 5 })
    const res = await get(s, `${OFFER}/status?${V}`)
    expect(res.status).toBe(200)
    expect(Buffer.byteLength(res.text)).toBe(3 * 1024 * 1024 + 5)
    expect(res.text.startsWith('{"padding":"xxx')).toBe(true)
    expect(res.text.endsWith('xx"}')).toBe(true)
    expect(s.requests[0]).toEqual(expect.objectContaining({ fault: 'body', bytesSent: 3 * 1024 * 1024 + 5 }))
  })

  it('streams an endless body until the client goes away', async () => {
    const s = await start()
    s.fault({ method: 'GET', path: '/status', bodyBytes: Infinity })
    const controller = new AbortController()
    const res = await fetch(`${s.url}${OFFER}/status?${V}`, { headers: AUTH, signal: controller.signal })
    const reader = res.body!.getReader()
    let read = 0
    while (read < 4 * 1024 * 1024) read += (await reader.read()).value?.length ?? 0
    controller.abort()
    await new Promise((resolve) => setTimeout(resolve, 100))
    const sent = s.requests[0].bytesSent ?? 0
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(s.requests[0].bytesSent).toBe(sent)
    expect(sent).toBeGreaterThanOrEqual(read)
  })
})

describe('faults on GitHub deployments: what a follow run meets between two reads', () => {
  const GH = { authorization: 'token gh-token', 'content-type': 'application/json' }
  const REPO = '/_github/api/repos/contoso/offer-release'
  const GOOD = { ref: 'main', task: 'marketplace-go-live', auto_merge: false, required_contexts: [] }
  const gh = (s: Simulator, method: string, path: string, body?: unknown) =>
    call(s, method, `${REPO}${path}`, { headers: GH, body: body === undefined ? undefined : JSON.stringify(body) })

  it('lets a deployment vanish between the list and its status read, by handle or by a one-time 404', async () => {
    const s = await start()
    const a = s.github.plant({ payload: {}, statuses: ['in_progress'] })
    const b = s.github.plant({ payload: {}, statuses: ['in_progress'] })
    const listed = await gh(s, 'GET', '/deployments')
    expect(listed.json.map((d: Json) => d.id)).toEqual([b.id, a.id])

    expect(s.github.remove(a.id)).toBe(true)
    expect(s.github.remove(a.id)).toBe(false)
    const gone = await gh(s, 'GET', `/deployments/${a.id}/statuses`)
    expect(gone.status).toBe(404)
    expect(gone.json).toMatchObject({ message: 'Not Found' })

    // A status fault on a GitHub path answers in GitHub's shape, once; the deployment itself stays.
    s.fault({ method: 'GET', path: `/deployments/${b.id}/statuses`, status: 404 })
    const faulted = await gh(s, 'GET', `/deployments/${b.id}/statuses`)
    expect(faulted.status).toBe(404)
    expect(faulted.json).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404'
    })
    expect((await gh(s, 'GET', `/deployments/${b.id}/statuses`)).status).toBe(200)
  })

  it('makes a status write slow on the simulator clock (wait) or in real time (hangMs)', async () => {
    const s = await start()
    const d = s.github.plant({ payload: {} })
    s.fault({
      method: 'POST',
      path: /\/statuses$/,
      wait: () => {
        clock += 45_000
      }
    })
    const slow = await gh(s, 'POST', `/deployments/${d.id}/statuses`, { state: 'in_progress' })
    expect(slow.status).toBe(201)
    // Arrived at the start, answered 45 s later on the simulator clock: the status records that.
    expect(s.requests[0].at).toBe(SIM_EPOCH)
    expect(slow.json.created_at).toBe('2025-03-01T12:00:45Z')
    expect(s.requests[0].fault).toBe('hang')

    // A gate the test opens: the write is held until then.
    let open: () => void = () => undefined
    s.fault({ method: 'POST', path: /\/statuses$/, wait: () => new Promise<void>((resolve) => (open = resolve)) })
    const held = gh(s, 'POST', `/deployments/${d.id}/statuses`, { state: 'success' })
    while (s.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(d.statuses).toHaveLength(1)
    open()
    expect((await held).status).toBe(201)
    expect(d.statuses.map((x) => x.state)).toEqual(['in_progress', 'success'])

    s.fault({ method: 'POST', path: /\/statuses$/, hangMs: 50 })
    const t0 = Date.now()
    expect((await gh(s, 'POST', `/deployments/${d.id}/statuses`, { state: 'inactive' })).status).toBe(201)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45)
  })

  it('creates the deployment, then answers 502 instead (handleFirst)', async () => {
    const s = await start()
    s.fault({ method: 'POST', path: /\/deployments$/, status: 502, handleFirst: true })
    const lost = await gh(s, 'POST', '/deployments', GOOD)
    expect(lost.status).toBe(502)
    expect(lost.json).toMatchObject({ message: 'Bad Gateway', status: '502' })
    expect(s.github.deployments).toHaveLength(1)
    const listed = await gh(s, 'GET', '/deployments')
    expect(listed.json).toHaveLength(1)
    // An HTML gateway page, as a proxy in front of GitHub might answer, is one body away.
    s.fault({ method: 'POST', path: /\/deployments$/, status: 502, handleFirst: true, body: '<html>502</html>' })
    expect((await gh(s, 'POST', '/deployments', GOOD)).text).toBe('<html>502</html>')
    expect(s.github.deployments).toHaveLength(2)
  })
})

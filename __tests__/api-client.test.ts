/**
 * The request function and the API client against the simulator over real sockets: bodies past the
 * cap, Retry-After on the injected clock, redirects.
 */
import { describe, expect, it, jest } from '@jest/globals'
import { FakeClock } from '../__fixtures__/clock.js'
import { useSimulators } from '../__fixtures__/simulators.js'
import { StaticTokenProvider } from '../src/auth/static-token.js'
import { ApiError } from '../src/model/errors.js'
import { ApiClient } from '../src/marketplace/api-client.js'
import { sendRequest } from '../src/http/transport.js'

const simulator = useSimulators()
const silent = { debug: jest.fn(), info: jest.fn(), warning: jest.fn() }
/** The error a promise rejects with; a promise that resolves fails the test. */
const rejection = (promise: Promise<unknown>): Promise<ApiError> =>
  promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (err: unknown) => err as ApiError
  )
const STATUS = '/api/publishers/contoso/offers/contoso-offer/status?api-version=2017-10-31'

describe('sendRequest', () => {
  it('stops reading an endless body at the cap and aborts the request', async () => {
    let connectionDone!: () => void
    const done = new Promise<void>((resolve) => (connectionDone = resolve))
    const sim = await simulator({ onRequest: () => connectionDone() })
    sim.fault({ method: 'GET', path: '/status', bodyBytes: Infinity })
    const started = Date.now()
    const failure = await rejection(sendRequest({ method: 'GET', url: `${sim.url}${STATUS}`, timeoutMs: 10_000 }))
    expect(Date.now() - started).toBeLessThan(3000)
    expect(failure).toBeInstanceOf(ApiError)
    expect((failure as ApiError).message).toMatch(/answered 200: the body passed 2 MiB, so reading stopped/)
    expect((failure as ApiError).transient).toBe(true)
    // The server stops writing soon after: the connection is gone, not drained.
    await done
    const sent = sim.requests[0].bytesSent ?? 0
    await new Promise((resolve) => setImmediate(resolve))
    expect(sim.requests[0].bytesSent).toBe(sent)
    expect(sent).toBeLessThan(32 * 1024 * 1024)
  })

  it('reads a body under the cap whole', async () => {
    const sim = await simulator()
    sim.fault({ method: 'GET', path: '/status', bodyBytes: 1024 * 1024 })
    const res = await sendRequest({ method: 'GET', url: `${sim.url}${STATUS}`, timeoutMs: 10_000 })
    expect(res.status).toBe(200)
    expect(res.text.length).toBe(1024 * 1024)
  })

  it('never follows a redirect, so credentials stay with the origin they were meant for', async () => {
    const other = await simulator()
    const sim = await simulator()
    sim.fault({ method: 'GET', path: '/status', redirect: `${other.url}${STATUS}`, status: 302 })
    const res = await sendRequest({
      method: 'GET',
      url: `${sim.url}${STATUS}`,
      headers: { authorization: 'Bearer sim-token' },
      timeoutMs: 5000
    })
    expect(res.status).toBe(302)
    expect(other.requests).toHaveLength(0)
  })
})

describe('ApiClient', () => {
  const client = (url: string, clock: FakeClock) =>
    new ApiClient(url, new StaticTokenProvider('sim-token'), clock, silent, {
      maxAttempts: 5,
      baseDelayMs: 1000,
      maxDelayMs: 30_000,
      random: () => 0
    })

  it('gives retries the polls floor when Retry-After is a date in the past (clock skew)', async () => {
    const clock = new FakeClock()
    const sim = await simulator({ now: () => clock.now() })
    sim.fault({ method: 'GET', path: '/status', status: 429, retryAfterDate: -60_000, times: 3 })
    const res = await client(sim.url, clock).request({
      method: 'GET',
      url: `${sim.url}${STATUS}`,
      deadline: clock.now() + 600_000,
      label: 'Offer status'
    })
    expect(res.status).toBe(200)
    expect(sim.count({ path: '/status' })).toBe(4)
    expect(clock.sleeps).toEqual([1000, 1000, 1000])
  })

  it('reads a Retry-After date on the injected clock, not the machine time', async () => {
    const clock = new FakeClock()
    const sim = await simulator({ now: () => clock.now() })
    sim.fault({ method: 'GET', path: '/status', status: 503, retryAfterDate: 7000 })
    await client(sim.url, clock).request({
      method: 'GET',
      url: `${sim.url}${STATUS}`,
      deadline: clock.now() + 600_000,
      label: 'Offer status'
    })
    expect(clock.sleeps).toEqual([7000])
  })

  it('follows a redirect of a read that stays on the API origin, a few times at the most', async () => {
    const clock = new FakeClock()
    const sim = await simulator()
    sim.fault({ method: 'GET', path: '/status', redirect: `${STATUS}&moved=1`, times: 1 })
    const res = await client(sim.url, clock).request({
      method: 'GET',
      url: `${sim.url}${STATUS}`,
      deadline: clock.now() + 60_000,
      label: 'Offer status'
    })
    expect(res.status).toBe(200)
    expect(sim.requests.map((r) => r.query.moved)).toEqual([undefined, '1'])
    expect(sim.requests.every((r) => r.headers.authorization === 'Bearer sim-token')).toBe(true)

    sim.fault({ method: 'GET', path: '/status', redirect: STATUS, times: 10 })
    const loop = await rejection(
      client(sim.url, clock).request({
        method: 'GET',
        url: `${sim.url}${STATUS}`,
        deadline: clock.now() + 60_000,
        label: 'Offer status'
      })
    )
    expect(loop.message).toMatch(/which is not followed \(a GET, or more than 3 redirects in a row\)/)
    expect(sim.requests).toHaveLength(2 + 4)
  })

  it('reports a redirect as one, and sends nothing to where it points', async () => {
    const clock = new FakeClock()
    const other = await simulator()
    const sim = await simulator()
    sim.fault({ method: 'GET', path: '/status', redirect: `${other.url}/steal?x=1` })
    const failure = await rejection(
      client(sim.url, clock).request({
        method: 'GET',
        url: `${sim.url}${STATUS}`,
        deadline: clock.now() + 60_000,
        label: 'Offer status'
      })
    )
    expect(failure).toBeInstanceOf(ApiError)
    expect(failure.message).toContain(
      `answered 307: a redirect to ${other.url}/steal, which is not followed: the token is only sent to the API origin`
    )
    expect(other.requests).toHaveLength(0)
    expect(sim.requests).toHaveLength(1)
  })
})

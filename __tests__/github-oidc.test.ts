/**
 * The GitHub OIDC token request against the simulator's token service over real sockets: bounded by
 * the deadline and the abort signal, and never carrying the request token to another origin.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { FakeClock } from '../__fixtures__/clock.js'
import { untilRequest, useSimulators, type Sim } from '../__fixtures__/simulators.js'
import { gitHubAssertionSource } from '../src/auth/github-oidc.js'
import { jwtExpiry } from '../src/auth/token-provider.js'
import { AuthError } from '../src/model/errors.js'
import { setSecret } from '../src/runner/port.js'

const simulator = useSimulators()
const silent = { debug: jest.fn(), info: jest.fn(), warning: jest.fn() }
const env = (sim: Sim) => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: sim.oidcRequestUrl,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-request-token'
})
/** The error a promise rejects with; a promise that resolves fails the test. */
const rejection = (promise: Promise<unknown>): Promise<AuthError> =>
  promise.then(
    () => {
      throw new Error('expected a failure')
    },
    (err: unknown) => err as AuthError
  )
/** Fake timers for setTimeout alone: what bounds a request in real time. */
const TIMEOUTS_ONLY: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: [
    'Date',
    'hrtime',
    'nextTick',
    'performance',
    'queueMicrotask',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval'
  ]
}
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))

describe('GitHub OIDC token request', () => {
  let written: string[]
  // Deadlines are on a fake clock: no test waits for one in real time.
  let clock: FakeClock
  const source = (sim: Sim, extra: Record<string, string> = {}) =>
    gitHubAssertionSource(clock, silent, setSecret, { ...env(sim), ...extra })
  beforeEach(() => {
    clock = new FakeClock()
    written = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
  })
  afterEach(() => {
    jest.useRealTimers()
    jest.restoreAllMocks()
  })

  it('asks for the Entra audience with the request token, and masks what it gets', async () => {
    const sim = await simulator()
    const jwt = await source(sim)(undefined, clock.now() + 10_000)
    expect(claims(jwt).aud).toBe('api://AzureADTokenExchange')
    const [request] = sim.requests
    expect(request.query).toEqual({ 'api-version': '2.0', audience: 'api://AzureADTokenExchange' })
    expect(request.headers.authorization).toBe('Bearer gh-request-token')
    expect(written).toContain(`::add-mask::${jwt}\n`)
  })

  it('does not follow a redirect to another origin, so the request token stays where it belongs', async () => {
    const other = await simulator()
    const sim = await simulator()
    sim.fault({ path: '/_github/oidc/token', redirect: `${other.oidcRequestUrl}&audience=x`, status: 302 })
    const failure = await rejection(source(sim)(undefined, clock.now() + 10_000))
    expect(failure).toBeInstanceOf(AuthError)
    expect(failure.message).toMatch(/answered 302, a redirect; it is not followed/)
    expect(other.requests).toHaveLength(0)
  })

  it('gives up at the deadline when the service never answers', async () => {
    const sim = await simulator()
    sim.fault({ path: '/_github/oidc/token', hangMs: Infinity, times: Infinity })
    // A request waits for its answer in real time (setTimeout, 2 s at the least): with fake timers,
    // those 2 s pass at once when the request hangs. The sockets and the simulator stay real.
    jest.useFakeTimers(TIMEOUTS_ONLY)
    const started = Date.now()
    const failing = rejection(source(sim)(undefined, clock.now() + 500))
    await untilRequest(sim, (request) => request.fault === 'hang')
    await jest.advanceTimersByTimeAsync(2000)
    const failure = await failing
    expect(Date.now() - started).toBeLessThan(4000)
    expect(failure).toBeInstanceOf(AuthError)
    expect(failure.transient).toBe(true)
    expect(failure.message).toMatch(/GitHub's OIDC token service \(http:\/\/127\.0\.0\.1:\d+\) did not answer/)
  })

  it('stops at once when the run is cancelled', async () => {
    const sim = await simulator()
    sim.fault({ path: '/_github/oidc/token', hangMs: Infinity })
    const controller = new AbortController()
    // Cancelled while the request hangs.
    void untilRequest(sim, (request) => request.fault === 'hang').then(
      () => controller.abort(),
      () => undefined
    )
    const started = Date.now()
    await expect(source(sim)(controller.signal, clock.now() + 60_000)).rejects.toThrow(/aborted/)
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('says what the service answered when it refuses', async () => {
    const sim = await simulator()
    const failure = await rejection(
      source(sim, { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong' })(undefined, clock.now() + 10_000)
    )
    expect(failure.message).toMatch(/refused the token request \(HTTP 401\): Unauthorized: .*id-token: write/)
    expect(failure.transient).toBe(false)
  })
})

describe('jwtExpiry', () => {
  const jwt = (payload: unknown) => `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`
  it('reads exp in ms', () => {
    expect(jwtExpiry(jwt({ exp: 1_700_000_000 }))).toBe(1_700_000_000_000)
  })
  it.each([[1e20], [-1e20], ['soon'], [null]])('ignores an exp that is not a usable time: %j', (exp) => {
    expect(jwtExpiry(jwt({ exp }))).toBeUndefined()
  })
  it('ignores an exp that JSON reads as Infinity', () => {
    const token = `e30.${Buffer.from('{"exp":1e400}').toString('base64url')}.sig`
    expect(jwtExpiry(token)).toBeUndefined()
  })
})

/**
 * The GitHub OIDC token request against the simulator's token service over real sockets: bounded by
 * the deadline and the abort signal, and never carrying the request token to another origin.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { useSimulators, type Sim } from '../__fixtures__/simulators.js'
import { gitHubAssertionSource } from '../src/auth/github-oidc.js'
import { jwtExpiry } from '../src/auth/token-provider.js'
import { systemClock } from '../src/base/clock.js'
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
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))

describe('GitHub OIDC token request', () => {
  let written: string[]
  beforeEach(() => {
    written = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk))
      return true
    })
  })
  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('asks for the Entra audience with the request token, and masks what it gets', async () => {
    const sim = await simulator()
    const jwt = await gitHubAssertionSource(systemClock, silent, setSecret, env(sim))(undefined, Date.now() + 10_000)
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
    const failure = await rejection(
      gitHubAssertionSource(systemClock, silent, setSecret, env(sim))(undefined, Date.now() + 10_000)
    )
    expect(failure).toBeInstanceOf(AuthError)
    expect(failure.message).toMatch(/answered 302, a redirect; it is not followed/)
    expect(other.requests).toHaveLength(0)
  })

  it('gives up at the deadline when the service never answers', async () => {
    const sim = await simulator()
    sim.fault({ path: '/_github/oidc/token', hangMs: Infinity, times: Infinity })
    const started = Date.now()
    const failure = await rejection(
      gitHubAssertionSource(systemClock, silent, setSecret, env(sim))(undefined, Date.now() + 500)
    )
    expect(Date.now() - started).toBeLessThan(4000)
    expect(failure).toBeInstanceOf(AuthError)
    expect(failure.transient).toBe(true)
    expect(failure.message).toMatch(/GitHub's OIDC token service \(http:\/\/127\.0\.0\.1:\d+\) did not answer/)
  })

  it('stops at once when the run is cancelled', async () => {
    const sim = await simulator()
    sim.fault({ path: '/_github/oidc/token', hangMs: Infinity })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 200)
    const started = Date.now()
    await expect(
      gitHubAssertionSource(systemClock, silent, setSecret, env(sim))(controller.signal, Date.now() + 60_000)
    ).rejects.toThrow(/aborted/)
    expect(Date.now() - started).toBeLessThan(1500)
  })

  it('says what the service answered when it refuses', async () => {
    const sim = await simulator()
    const failure = await rejection(
      gitHubAssertionSource(systemClock, silent, setSecret, {
        ...env(sim),
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong'
      })(undefined, Date.now() + 10_000)
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

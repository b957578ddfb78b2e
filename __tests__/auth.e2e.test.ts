/**
 * End to end, authentication: client credentials, GitHub OIDC federation and static tokens,
 * against the simulator's Entra and GitHub OIDC endpoints; run() in process on a fake clock shared
 * with the simulator, so token lifetimes and renewals play out in virtual time.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import { failureOf, useSimulators, workflowCommands, type Sim } from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ operationMs: 1500 }, { clock })

const TENANT = '00000000-0000-0000-0000-000000000001'
const CLIENT = '11111111-1111-1111-1111-111111111111'

const common = (sim: Sim): Record<string, string> => ({
  'publisher-id': 'contoso',
  'offer-id': 'contoso-offer',
  'base-url': sim.url,
  'authority-host': sim.url,
  timeout: '20s',
  'poll-interval': '1s'
})
const withSecret = (sim: Sim, extra: Record<string, string> = {}): Record<string, string> => ({
  ...common(sim),
  'tenant-id': TENANT,
  'client-id': CLIENT,
  'client-secret': 'sim-secret',
  ...extra
})
const withOidc = (sim: Sim, extra: Record<string, string> = {}): Record<string, string> => ({
  ...common(sim),
  'tenant-id': TENANT,
  'client-id': CLIENT,
  ...extra
})
const oidcEnv = (sim: Sim): Record<string, string> => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: sim.oidcRequestUrl,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-request-token'
})

const tokenRequests = (sim: Sim) => sim.requests.filter((r) => r.path.endsWith('/oauth2/v2.0/token'))
const apiRequests = (sim: Sim) => sim.requests.filter((r) => r.path.startsWith('/api/'))
const bearer = (r: { headers: Record<string, unknown> }): string =>
  String(r.headers.authorization ?? '').replace(/^Bearer /, '')

describe('client credentials', () => {
  it('gets a token for the CPP scope and goes live', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: withSecret(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    const [request] = tokenRequests(sim)
    const form = new URLSearchParams(request.body)
    expect(request.path).toBe(`/${TENANT}/oauth2/v2.0/token`)
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'client_credentials',
      client_id: CLIENT,
      scope: 'https://cloudpartner.azure.com/.default',
      client_secret: 'sim-secret'
    })
    expect(tokenRequests(sim)).toHaveLength(1)
  })

  it('renews tokens ahead of expiry during a wait several token lives long', async () => {
    const sim = await simulator({ tokenLifetimeSec: 2, operationMs: 6500 })
    const run = await runAction({ inputs: withSecret(sim), env: { RUNNER_DEBUG: '1' } })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(tokenRequests(sim).length).toBeGreaterThanOrEqual(3)
    expect(sim.requests.filter((r) => r.status === 401)).toHaveLength(0)
    const used = new Set(apiRequests(sim).map(bearer))
    expect(used.size).toBeGreaterThanOrEqual(3)
    // Every acquired token was masked before use, and none was printed.
    const masked = workflowCommands(run.stdout)
      .filter((c) => c.name === 'add-mask')
      .map((c) => c.data)
    for (const token of used) expect(masked).toContain(token)
    const printed = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n')
    for (const token of used) expect(printed).not.toContain(token)
    expect(printed).not.toContain('sim-secret')
  })

  it('gets a new token once when the API answers 401 mid-wait', async () => {
    const sim = await simulator({ operationMs: 2500 })
    sim.fault({ method: 'GET', path: '/operations/', status: 401, times: 1 })
    const run = await runAction({ inputs: withSecret(sim) })
    expect(run.code).toBe(0)
    expect(tokenRequests(sim)).toHaveLength(2)
    expect(run.stdout).toContain('answered 401; getting a new token and trying once more')
  })

  it('shows the AADSTS error for a wrong secret and makes no API call', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: withSecret(sim, { 'client-secret': 'wrong-secret' }) })
    expect(run.code).toBe(1)
    const message = failureOf(run.stdout)
    expect(message).toMatch(/invalid_client: AADSTS7000215: Invalid client secret provided/)
    expect(message).toMatch(/HTTP 401/)
    expect(message).toMatch(/store its Value \(not its Secret ID\)/)
    expect(message).not.toContain('wrong-secret')
    expect(apiRequests(sim)).toHaveLength(0)
  })

  it('explains an unknown app (AADSTS700016)', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: withSecret(sim, { 'client-id': '99999999-9999-9999-9999-999999999999' }) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /AADSTS700016.*No app with client ID 99999999-9999-9999-9999-999999999999 exists in tenant/
    )
    expect(apiRequests(sim)).toHaveLength(0)
  })

  it('explains an unknown tenant (AADSTS90002)', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: withSecret(sim, { 'tenant-id': 'fabrikam.onmicrosoft.com' }) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(/AADSTS90002.*check 'tenant-id'/)
  })

  it('says a 403 after a good token means the app is not in the Partner Center account', async () => {
    const sim = await simulator()
    sim.fault({
      method: 'POST',
      path: '/golive',
      status: 403,
      body: { error: { code: 'Forbidden', message: 'The caller does not have access.' } }
    })
    const run = await runAction({ inputs: withSecret(sim) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(/403.*In Partner Center add the app/)
  })
})

describe('GitHub OIDC federation', () => {
  it('exchanges the GitHub token (audience api://AzureADTokenExchange) and goes live', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: withOidc(sim), env: { ...oidcEnv(sim), RUNNER_DEBUG: '1' } })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    const oidc = sim.requests.filter((r) => r.path === '/_github/oidc/token')
    expect(oidc).toHaveLength(1)
    expect(oidc[0].query.audience).toBe('api://AzureADTokenExchange')
    expect(oidc[0].headers.authorization).toBe('Bearer gh-request-token')
    const form = new URLSearchParams(tokenRequests(sim)[0].body)
    expect(form.get('client_assertion_type')).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
    expect(form.has('client_secret')).toBe(false)
    const jwt = form.get('client_assertion')!
    expect(jwt.split('.')).toHaveLength(3)
    const masked = workflowCommands(run.stdout)
      .filter((c) => c.name === 'add-mask')
      .map((c) => c.data)
    expect(masked).toContain(jwt)
    expect(
      run.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
    ).not.toContain(jwt)
  })

  it('asks GitHub for a fresh token whenever a new Entra token is needed', async () => {
    const sim = await simulator({ tokenLifetimeSec: 2, operationMs: 4500 })
    const run = await runAction({ inputs: withOidc(sim), env: oidcEnv(sim) })
    expect(run.code).toBe(0)
    const oidc = sim.count({ path: '/_github/oidc/token' })
    expect(oidc).toBeGreaterThanOrEqual(2)
    expect(oidc).toBe(tokenRequests(sim).length)
  })

  it('shows the subject GitHub sent when no federated credential matches (AADSTS70021)', async () => {
    const sim = await simulator({
      oidc: { requestToken: 'gh-request-token', subject: 'repo:contoso/offer-release:ref:refs/heads/main' }
    })
    const run = await runAction({ inputs: withOidc(sim), env: oidcEnv(sim) })
    expect(run.code).toBe(1)
    const message = failureOf(run.stdout)
    expect(message).toMatch(/AADSTS70021/)
    expect(message).toContain("subject GitHub sent ('repo:contoso/offer-release:ref:refs/heads/main')")
    expect(message).toContain('repo:OWNER/REPO:environment:NAME')
    expect(apiRequests(sim)).toHaveLength(0)
  })

  it('says the job needs id-token: write when the OIDC variables are missing', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: withOidc(sim) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toContain('permissions: id-token: write')
    expect(sim.requests).toHaveLength(0)
  })
})

describe('token input', () => {
  it('warns at the start when a JWT token expires before the deadline, then fails at once on 401', async () => {
    const sim = await simulator({ operationMs: 10_000 })
    const token = sim.issueToken({ lifetimeSec: 3 })
    const run = await runAction({ inputs: { ...common(sim), token } })
    expect(run.code).toBe(1)
    const warning = workflowCommands(run.stdout).find((c) => c.name === 'warning')
    expect(warning?.data).toMatch(/The 'token' input expires at .* before the 20s timeout/)
    const message = failureOf(run.stdout)
    expect(message).toMatch(/answered 401/)
    expect(message).toMatch(/'token' input is missing, invalid or expired/)
    expect(message).toMatch(/operation-location: http/)
    // No retry loop on a token that cannot be renewed.
    expect(sim.requests.filter((r) => r.status === 401)).toHaveLength(1)
    expect(run.outputs['operation-location']).toBeTruthy()
  })

  it('fails at once when a static token stops working mid-wait', async () => {
    const sim = await simulator({ operationMs: 10_000, staticTokenValidForMs: 1500 })
    const run = await runAction({ inputs: { ...common(sim), token: 'sim-token' } })
    expect(run.code).toBe(1)
    expect(run.durationMs).toBeLessThan(8000)
    expect(sim.requests.filter((r) => r.status === 401)).toHaveLength(1)
  })
})

describe('ambiguous credentials', () => {
  it.each([
    [{ token: 'sim-token', 'client-secret': 'sim-secret' }, 'token'],
    [{ token: 'sim-token', 'tenant-id': TENANT, 'client-id': CLIENT }, 'token'],
    [{ 'client-secret': 'sim-secret' }, 'client-secret'],
    [{ 'tenant-id': TENANT }, 'client-id'],
    [{ 'client-id': CLIENT, 'client-secret': 'sim-secret' }, 'tenant-id']
  ])('%j is an input error naming %s, before any request', async (auth, name) => {
    const sim = await simulator()
    const run = await runAction({ inputs: { ...common(sim), ...auth }, env: oidcEnv(sim) })
    expect(run.code).toBe(1)
    const message = failureOf(run.stdout)
    expect(message).toContain(`Input '${name}'`)
    expect(message).toContain('exactly one of')
    expect(message).not.toContain('sim-secret')
    expect(sim.requests).toHaveLength(0)
  })
})

describe('Entra outages during a wait', () => {
  it('polls on through a token endpoint that fails for a while, then renews', async () => {
    const sim = await simulator({ tokenLifetimeSec: 2, operationMs: 5000 })
    let outage = false
    const run = await runAction({
      inputs: withSecret(sim),
      onStdout: (stdout) => {
        // Once the wait has begun, the next renewals meet an Entra outage (5 answers of 503).
        if (stdout.includes('operation running') && !outage) {
          outage = true
          sim.fault({ method: 'POST', path: '/oauth2/v2.0/token', status: 503, retryAfter: '0', times: 5 })
        }
      }
    })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(sim.requests.filter((r) => r.fault === 'status')).toHaveLength(5)
    expect(run.stdout).toMatch(
      /A status check failed and will be retried at the next poll: Entra refused the token request .*HTTP 503/
    )
  })
})

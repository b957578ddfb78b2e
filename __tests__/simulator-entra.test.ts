/**
 * The simulator's Entra token endpoint (sim/entra/) and GitHub OIDC token service
 * (sim/github-oidc/), over real sockets with fetch on a fake clock: secrets, federated credentials, errors.
 */
import type { SimOptionsPatch, Simulator } from '../sim/index.js'
import { useSimulators } from '../__fixtures__/simulators.js'
import {
  V,
  OFFER,
  PRODUCT,
  PI,
  PIV,
  TENANT,
  CLIENT,
  CPP_SCOPE,
  GRAPH_SCOPE,
  JWT_BEARER,
  SIM_EPOCH,
  get,
  token,
  jwtPayload,
  oidcAssertion
} from '../__fixtures__/simulator-http.js'

let clock = 0
const startOnClock = useSimulators({ now: () => clock })

/** Starts a simulator on a fake clock (unless `now` is given); it is closed after the test. */
async function start(options: SimOptionsPatch = {}): Promise<Simulator> {
  clock = SIM_EPOCH
  return startOnClock(options)
}

describe('Entra token endpoint', () => {
  const secretForm = {
    grant_type: 'client_credentials',
    client_id: CLIENT,
    client_secret: 'sim-secret',
    scope: CPP_SCOPE
  }

  it('issues v2 tokens whose audience follows the scope', async () => {
    const s = await start({ tokenLifetimeSec: 120 })
    const cpp = await token(s, TENANT, secretForm)
    expect(cpp.status).toBe(200)
    expect(cpp.json).toMatchObject({ token_type: 'Bearer', expires_in: 120, ext_expires_in: 120 })
    expect(jwtPayload(cpp.json.access_token)).toMatchObject({
      aud: 'https://cloudpartner.azure.com',
      tid: TENANT,
      appid: CLIENT
    })
    const bearer = { authorization: `Bearer ${cpp.json.access_token}` }
    expect((await get(s, `${OFFER}/status?${V}`, bearer)).status).toBe(200)
    expect((await get(s, `${PI}/submission/${PRODUCT}?${PIV}`, bearer)).status).toBe(401)
    clock += 120_000
    expect((await get(s, `${OFFER}/status?${V}`, bearer)).status).toBe(401)

    const graph = await token(s, 'contoso.onmicrosoft.com', { ...secretForm, scope: GRAPH_SCOPE })
    expect(graph.status).toBe(200)
    expect(jwtPayload(graph.json.access_token).tid).toBe(TENANT)
    expect(
      (await get(s, `${PI}/submission/${PRODUCT}?${PIV}`, { authorization: `Bearer ${graph.json.access_token}` }))
        .status
    ).toBe(200)
    expect(s.count({ method: 'POST', path: /\/oauth2\/v2\.0\/token$/ })).toBe(2)
  })

  it.each([
    ['unknown tenant', 'nobody.onmicrosoft.com', {}, 400, 'invalid_request', 90002],
    [
      'unknown client',
      TENANT,
      { client_id: '22222222-2222-2222-2222-222222222222' },
      400,
      'unauthorized_client',
      700016
    ],
    ['wrong secret', TENANT, { client_secret: 'wrong' }, 401, 'invalid_client', 7000215],
    ['bad scope', TENANT, { scope: 'https://management.azure.com/.default' }, 400, 'invalid_scope', 70011],
    ['no credential', TENANT, { client_secret: '' }, 401, 'invalid_client', 7000215]
  ] as const)('answers %s in Entra error shape', async (_name, tenant, patch, status, error, code) => {
    const s = await start()
    const res = await token(s, tenant, { ...secretForm, ...patch })
    expect(res.status).toBe(status)
    expect(res.json).toMatchObject({
      error,
      error_codes: [code],
      trace_id: expect.any(String),
      correlation_id: expect.any(String)
    })
    expect(res.json.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/)
    expect(res.json.error_description).toMatch(new RegExp(`^AADSTS${code}: `))
  })

  it('words the client and secret errors like Entra', async () => {
    const s = await start()
    const client = await token(s, TENANT, { ...secretForm, client_id: '22222222-2222-2222-2222-222222222222' })
    expect(client.json.error_description).toContain(
      `Application with identifier '22222222-2222-2222-2222-222222222222' was not found in the directory '${TENANT}'`
    )
    const secret = await token(s, TENANT, { ...secretForm, client_secret: 'wrong' })
    expect(secret.json.error_description).toContain(
      'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID'
    )
    const none = await token(s, TENANT, { grant_type: 'client_credentials', client_id: CLIENT, scope: CPP_SCOPE })
    expect(none.status).toBe(400)
    expect(none.json.error_codes).toEqual([7000218])
    expect(s.requests.filter((r) => r.path.endsWith('/token')).map((r) => r.body)).toHaveLength(3)
  })
})

describe('GitHub OIDC and federated credentials', () => {
  const federated = (assertion: string) => ({
    grant_type: 'client_credentials',
    client_id: CLIENT,
    scope: CPP_SCOPE,
    client_assertion_type: JWT_BEARER,
    client_assertion: assertion
  })

  it('issues a GitHub ID token that Entra exchanges for an access token', async () => {
    const s = await start()
    expect(s.oidcRequestUrl).toBe(`${s.url}/_github/oidc/token?api-version=2.0`)
    const assertion = await oidcAssertion(s)
    expect(jwtPayload(assertion)).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:contoso/offer-release:environment:production',
      aud: 'api://AzureADTokenExchange'
    })
    const res = await token(s, TENANT, federated(assertion))
    expect(res.status).toBe(200)
    expect((await get(s, `${OFFER}/status?${V}`, { authorization: `Bearer ${res.json.access_token}` })).status).toBe(
      200
    )
    expect(s.requests[0].query).toEqual({ 'api-version': '2.0', audience: 'api://AzureADTokenExchange' })
  })

  it('answers 401 to a wrong or missing request token', async () => {
    const s = await start()
    expect((await fetch(`${s.oidcRequestUrl}&audience=x`)).status).toBe(401)
    expect((await fetch(`${s.oidcRequestUrl}&audience=x`, { headers: { authorization: 'Bearer other' } })).status).toBe(
      401
    )
  })

  it('rejects an assertion with the wrong audience, subject or age', async () => {
    const s = await start()
    const wrongAud = await token(s, TENANT, federated(await oidcAssertion(s, 'https://github.com/contoso')))
    expect(wrongAud.status).toBe(400)
    expect(wrongAud.json.error_codes).toEqual([700212])

    s.set({ oidc: { subject: 'repo:contoso/offer-release:ref:refs/heads/main' } })
    expect(s.options.oidc.requestToken).toBe('gh-request-token')
    const wrongSub = await token(s, TENANT, federated(await oidcAssertion(s)))
    expect(wrongSub.status).toBe(400)
    expect(wrongSub.json.error).toBe('invalid_request')
    expect(wrongSub.json.error_codes).toEqual([70021])
    expect(wrongSub.json.error_description).toContain(
      "No matching federated identity record found for presented assertion. Assertion Issuer: 'https://token.actions.githubusercontent.com'. Assertion Subject: 'repo:contoso/offer-release:ref:refs/heads/main'. Assertion Audience: 'api://AzureADTokenExchange'"
    )

    s.set({ oidc: { subject: 'repo:contoso/offer-release:environment:production' } })
    const old = await oidcAssertion(s)
    clock += 300_000
    const stale = await token(s, TENANT, federated(old))
    expect(stale.status).toBe(400)
    expect(stale.json.error_codes).toEqual([700024])
  })
})

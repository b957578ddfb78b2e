/**
 * The Marketplace simulator, exercised over real sockets with fetch. Most tests drive a fake clock
 * through `now`, so operations that take seconds in the simulator's terms finish without waiting.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { startSimulator } from '../sim/index.js'
import type { SimOptionsPatch, Simulator } from '../sim/index.js'

const AUTH = { authorization: 'Bearer sim-token' }
const V = 'api-version=2017-10-31'
const OFFER = '/api/publishers/contoso/offers/contoso-offer'
const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
const PI = '/rp/product-ingestion'
const PIV = '$version=2022-03-01-preview2'
const TENANT = '00000000-0000-0000-0000-000000000001'
const CLIENT = '11111111-1111-1111-1111-111111111111'
const CPP_SCOPE = 'https://cloudpartner.azure.com/.default'
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default'
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'

let sim: Simulator | undefined
let clock = 0

/** Starts a simulator on a fake clock (unless `now` is given) and remembers it for afterEach. */
async function start(options: SimOptionsPatch = {}): Promise<Simulator> {
  clock = Date.parse('2025-03-01T12:00:00Z')
  sim = await startSimulator({ now: () => clock, ...options })
  return sim
}

afterEach(async () => {
  await sim?.close()
  sim = undefined
})

// Response bodies are checked field by field; a precise type per endpoint would add nothing here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any

async function call(
  s: Simulator,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | URLSearchParams } = {}
): Promise<{ status: number; headers: Headers; text: string; json: Json }> {
  const res = await fetch(`${s.url}${path}`, { method, headers: options.headers ?? AUTH, body: options.body })
  const text = await res.text()
  let json: Json
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}

const goLive = (s: Simulator, headers: Record<string, string> = AUTH) =>
  call(s, 'POST', `${OFFER}/golive?${V}`, { headers })
const get = (s: Simulator, path: string, headers: Record<string, string> = AUTH) => call(s, 'GET', path, { headers })

function token(s: Simulator, tenant: string, form: Record<string, string>) {
  return call(s, 'POST', `/${tenant}/oauth2/v2.0/token`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form)
  })
}

function jwtPayload(jwt: string): Json {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))
}

async function oidcAssertion(s: Simulator, audience = 'api://AzureADTokenExchange'): Promise<string> {
  const res = await fetch(`${s.oidcRequestUrl}&audience=${encodeURIComponent(audience)}`, {
    headers: { authorization: 'Bearer gh-request-token' }
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { value: string }).value
}

describe('CPP Go Live and operation locations', () => {
  it('answers 202 with a relative migrated Location and serves the documented operation shape', async () => {
    const s = await start({ notStartedMs: 500 })
    const started = await goLive(s)
    expect(started.status).toBe(202)
    const location = started.headers.get('location') ?? ''
    expect(location).toMatch(
      /^\/api\/publishers\/contoso\/offers\/contoso-offer\/operations\/[0-9a-f-]{36}\?api-version=2017-10-31$/
    )
    expect(started.headers.get('operation-location')).toBeNull()
    expect(started.headers.get('retry-after')).toBeNull()

    const first = await get(s, location)
    expect(first.status).toBe(200)
    const doc = first.json
    expect(Object.keys(doc)).toEqual([
      'id',
      'submissionType',
      'createdDateTime',
      'lastActionDateTime',
      'status',
      'error',
      'publishingVersion',
      'offerVersion',
      'cancellationRequestState',
      'steps',
      'previewLinks',
      'liveLinks'
    ])
    expect(doc.id).toBe(location.split('/').pop()?.split('?')[0])
    expect(doc.submissionType).toBe('GoLive')
    expect(doc.createdDateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/)
    expect(doc.status).toBe('notStarted')
    expect(doc.error).toEqual({ code: '', message: '' })
    expect(doc.cancellationRequestState).toBe('canCancel')
    expect(doc.steps.map((st: Json) => st.stepName)).toEqual([
      'Validate Pre-Requisites',
      'Certification',
      'Packaging',
      'Live'
    ])
    expect(doc.steps.map((st: Json) => st.estimatedTimeFrame)).toEqual(['< 15 min', '< 5 day', '< 1 day', '~2-5 days'])
    expect(doc.steps.every((st: Json) => st.status === 'notStarted' && st.progressPercentage === 0)).toBe(true)

    clock += 500 + 1125 // running, halfway through Certification (each of 4 steps takes 750 ms)
    const mid = (await get(s, location)).json
    expect(mid.status).toBe('running')
    expect(mid.steps.map((st: Json) => st.status)).toEqual(['complete', 'inProgress', 'notStarted', 'notStarted'])
    expect(mid.steps[1].progressPercentage).toBe(50)
    expect(mid.steps[0].messages.at(-1)).toEqual({
      messageHtml: 'Step completed.',
      level: 'information',
      timestamp: expect.any(String)
    })

    clock += 3000
    const done = (await get(s, location)).json
    expect(done.status).toBe('succeeded')
    expect(done.steps.every((st: Json) => st.status === 'complete' && st.progressPercentage === 100)).toBe(true)
    expect(done.cancellationRequestState).toBe('cannotCancel')
    expect(Date.parse(done.lastActionDateTime) - Date.parse(done.createdDateTime)).toBe(3500)
    expect(s.operations[0]).toMatchObject({
      kind: 'golive',
      status: 'succeeded',
      publisherId: 'contoso',
      offerId: 'contoso-offer'
    })
  })

  it('names a non-migrated operation with literal $ and serves it raw and percent-encoded', async () => {
    const s = await start({ locationStyle: 'non-migrated' })
    const started = await goLive(s)
    expect(started.status).toBe(202)
    const location = started.headers.get('location')
    expect(location).toBe('/api/operations/contoso$contoso-offer$2$preview?api-version=2017-10-31')

    const raw = await get(s, location ?? '')
    const encoded = await get(s, '/api/operations/contoso%24contoso-offer%242%24preview?api-version=2017-10-31')
    expect(raw.status).toBe(200)
    expect(encoded.status).toBe(200)
    expect(raw.json.id).toBe('contoso$contoso-offer$2$preview')
    expect(encoded.json.id).toBe('contoso$contoso-offer$2$preview')
    expect(s.requests.map((r) => r.path)).toContain('/api/operations/contoso%24contoso-offer%242%24preview')
    expect(s.requests.map((r) => r.path)).toContain('/api/operations/contoso$contoso-offer$2$preview')
  })

  it('uses the non-migrated form for an offer marked migrated: false', async () => {
    const s = await start({
      offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: false, ready: true }]
    })
    expect((await goLive(s)).headers.get('location')).toBe(
      '/api/operations/contoso$contoso-offer$2$preview?api-version=2017-10-31'
    )
  })

  it('answers the legacy form with an absolute Operation-Location and no api-version', async () => {
    const s = await start({ locationStyle: 'legacy' })
    const started = await goLive(s)
    expect(started.status).toBe(202)
    expect(started.headers.get('location')).toBeNull()
    const opLocation = started.headers.get('operation-location') ?? ''
    expect(opLocation).toMatch(
      new RegExp(`^${s.url}/api/publishers/contoso/offers/contoso-offer/operations/[0-9a-f-]{36}$`)
    )
    const res = await fetch(opLocation, { headers: AUTH })
    expect(res.status).toBe(200)
    expect(((await res.json()) as Json).status).toBe('running')

    s.set({ legacyOrigin: 'https://cloudpartner.azure.com' })
    clock += 5000
    const again = await goLive(s)
    expect(again.headers.get('operation-location')).toMatch(
      /^https:\/\/cloudpartner\.azure\.com\/api\/publishers\/contoso\/offers\/contoso-offer\/operations\//
    )
  })

  it('refuses Go Live while the offer has no preview waiting, and accepts it once ready', async () => {
    const s = await start({
      offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: true, ready: false }]
    })
    const refused = await goLive(s)
    expect(refused.status).toBe(400)
    expect(refused.json).toEqual({
      error: {
        code: 'BadRequest',
        message: 'The offer has no approved preview waiting for publisher sign-off. Publish the offer to preview first.'
      }
    })
    s.set({ offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: true, ready: true }] })
    expect((await goLive(s)).status).toBe(202)
  })

  it('answers 409 Conflict while a go-live runs, and 400 "operation is in progress" when asked', async () => {
    const s = await start()
    expect((await goLive(s)).status).toBe(202)
    const conflict = await goLive(s)
    expect(conflict.status).toBe(409)
    expect(conflict.json).toEqual({
      error: { code: 'Conflict', message: 'An operation is already in progress on offer contoso-offer.' }
    })

    s.set({ inFlightAnswer: 400 })
    const bad = await goLive(s)
    expect(bad.status).toBe(400)
    expect(bad.json.error.code).toBe('BadRequest')
    expect(bad.json.error.message).toContain('operation is in progress')

    clock += 3000
    expect((await goLive(s)).status).toBe(202)
    expect(s.operations.filter((o) => o.kind === 'golive')).toHaveLength(2)
  })

  it('starts with a go-live already running when preexistingOperation is set', async () => {
    const s = await start({ preexistingOperation: true })
    expect(s.operations).toHaveLength(1)
    expect((await goLive(s)).status).toBe(409)
  })

  it('lists submissions, including an old staging publish, and filters on running', async () => {
    const s = await start()
    await goLive(s)
    const all = await get(s, `${OFFER}/submissions?${V}`)
    expect(all.status).toBe(200)
    expect(all.json).toHaveLength(2)
    expect(all.json[0]).toMatchObject({
      slot: 'staging',
      submissionState: 'completed',
      offerId: 'contoso-offer',
      publisherId: 'contoso'
    })
    const running = (await get(s, `${OFFER}/submissions?${V}&status=running`)).json
    const byState = (await get(s, `${OFFER}/submissions?${V}&submissionState=running`)).json
    expect(byState).toEqual(running)
    expect(running).toHaveLength(1)
    expect(running[0]).toMatchObject({ submissionType: 'goLive', submissionState: 'running', slot: 'production' })
    expect(Object.keys(running[0])).toEqual([
      'id',
      'offerId',
      'publisherId',
      'submissionType',
      'submissionState',
      'slot',
      'changedTime'
    ])
    const op = await get(s, `${OFFER}/operations/${running[0].id}?${V}`)
    expect(op.status).toBe(200)
    expect(op.json.id).toBe(running[0].id)

    clock += 3000
    expect((await get(s, `${OFFER}/submissions?${V}&status=running`)).json).toEqual([])
  })

  it('reports the offer status: ready, running, never published', async () => {
    const s = await start()
    const ready = (await get(s, `${OFFER}/status?${V}`)).json
    expect(ready.status).toBe('waitingForPublisherReview')
    expect(ready).toMatchObject({ messages: [], previewLinks: [], liveLinks: [] })
    expect(ready.steps.find((st: Json) => st.id === 'publisher-signoff')).toMatchObject({
      stepName: 'Publisher signoff',
      status: 'waitingForPublisherReview'
    })

    await goLive(s)
    const running = (await get(s, `${OFFER}/status?${V}`)).json
    expect(running.status).toBe('running')
    expect(running.steps.some((st: Json) => st.status === 'waitingForPublisherReview')).toBe(false)

    clock += 3000
    s.set({ offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', ready: false }] })
    const never = (await get(s, `${OFFER}/status?${V}`)).json
    expect(never.status).toBe('neverPublished')
    expect(never.steps.some((st: Json) => st.status === 'waitingForPublisherReview')).toBe(false)
  })
})

describe('CPP operation outcomes and variants', () => {
  async function runToEnd(s: Simulator): Promise<Json> {
    const location = (await goLive(s)).headers.get('location') ?? ''
    clock += 10_000
    return (await get(s, location)).json
  }

  it.each(['succeeded', 'complete', 'completed'] as const)('spells success as %s', async (spelling) => {
    const s = await start({ successSpelling: spelling })
    expect((await runToEnd(s)).status).toBe(spelling)
  })

  it('fails at Certification with CertificationFailed', async () => {
    const s = await start({ finalStatus: 'failed' })
    const location = (await goLive(s)).headers.get('location') ?? ''
    clock += 2000 // a failing run spreads over the first two steps, 1500 ms each
    expect((await get(s, location)).json.steps.map((st: Json) => st.status)).toEqual([
      'complete',
      'inProgress',
      'notStarted',
      'notStarted'
    ])
    clock += 1000
    const doc = (await get(s, location)).json
    expect(doc.status).toBe('failed')
    expect(doc.error.code).toBe('CertificationFailed')
    expect(doc.error.message).not.toBe('')
    expect(doc.steps.map((st: Json) => st.status)).toEqual(['complete', 'failed', 'notStarted', 'notStarted'])
    // As in the docs' example: an error and an information message at one instant, the error first.
    const [, error, info] = doc.steps[1].messages
    expect(error).toMatchObject({ level: 'error', messageHtml: expect.stringContaining('Certification failed') })
    expect(info).toMatchObject({ level: 'information', timestamp: error.timestamp })
    expect(doc).toMatchObject({ previewLinks: [], liveLinks: [] })
  })

  it.each(['blocked', 'rejected'] as const)(
    'stops a failed go-live at a %s step when asked',
    async (failedStepStatus) => {
      const s = await start({ finalStatus: 'failed', failedStepStatus, statusCase: 'pascal' })
      const doc = await runToEnd(s)
      expect(doc.status).toBe('Failed')
      expect(doc.steps[1].status).toBe(failedStepStatus.charAt(0).toUpperCase() + failedStepStatus.slice(1))
    }
  )

  it('fills previewLinks and liveLinks as objects or strings when asked', async () => {
    const s = await start({ links: 'objects' })
    const doc = await runToEnd(s)
    expect(doc.previewLinks[0]).toMatchObject({ displayText: 'Preview', uri: expect.stringMatching(/^https:\/\//) })
    expect(doc.liveLinks[0]).toEqual({
      displayText: 'Marketplace listing',
      uri: 'https://azuremarketplace.microsoft.com/marketplace/apps/contoso.contoso-offer'
    })
    s.set({ links: 'strings' })
    const again = (
      await get(
        s,
        `/api/publishers/contoso/offers/contoso-offer/operations/${s.operations[0].id}?api-version=2017-10-31`
      )
    ).json
    expect(again.liveLinks).toEqual(['https://azuremarketplace.microsoft.com/marketplace/apps/contoso.contoso-offer'])
  })

  it.each(['canceled', 'cancelled'] as const)('ends %s when finalStatus is canceled', async (spelling) => {
    const s = await start({ finalStatus: 'canceled', canceledSpelling: spelling })
    const doc = await runToEnd(s)
    expect(doc.status).toBe(spelling)
    expect(doc.steps[3].status).toBe(spelling)
  })

  it('spells notStarted as "not started" and applies statusCase', async () => {
    const s = await start({ notStartedMs: 1000, notStartedSpelling: 'not started', statusCase: 'title' })
    const location = (await goLive(s)).headers.get('location') ?? ''
    expect((await get(s, location)).json.status).toBe('Not Started')
    clock += 1500
    const running = (await get(s, location)).json
    expect(running.status).toBe('Running')
    expect(running.steps[0].status).toBe('InProgress')
    s.set({ statusCase: 'upper' })
    clock += 5000
    expect((await get(s, location)).json.status).toBe('SUCCEEDED')
  })

  it('wraps the operation in an array and uses plain string messages when asked', async () => {
    const s = await start({ wrapOperationInArray: true, messageStyle: 'string' })
    const location = (await goLive(s)).headers.get('location') ?? ''
    clock += 1000
    const body = (await get(s, location)).json
    expect(Array.isArray(body)).toBe(true)
    expect(body).toHaveLength(1)
    expect(body[0].submissionType).toBe('GoLive')
    expect(body[0].steps[0].messages).toEqual(['Validating the offer settings.', 'Step completed.'])
  })

  it('injects untrusted text into messages, a step name and the error message', async () => {
    const inject = '::error::pwned\nx ##[set-output name=result]pwned'
    const s = await start({ injectMessage: inject, finalStatus: 'failed' })
    const location = (await goLive(s)).headers.get('location') ?? ''
    clock += 100
    const running = (await get(s, location)).json
    expect(running.steps[0].messages.map((m: Json) => m.messageHtml)).toContain(inject)
    expect(running.steps[1].stepName).toBe(`Certification ${inject}`)
    clock += 5000
    const failed = (await get(s, location)).json
    expect(failed.steps[1].messages.map((m: Json) => m.messageHtml)).toContain(inject)
    expect(failed.error.message).toContain(inject)
  })

  it('sends Retry-After on the 202 and on operation reads when configured', async () => {
    const s = await start({ retryAfter: 7 })
    const started = await goLive(s)
    expect(started.headers.get('retry-after')).toBe('7')
    expect((await get(s, started.headers.get('location') ?? '')).headers.get('retry-after')).toBe('7')
    const date = 'Wed, 21 Oct 2026 07:28:00 GMT'
    s.set({ retryAfter: date })
    expect((await get(s, started.headers.get('location') ?? '')).headers.get('retry-after')).toBe(date)
  })

  it('follows progress on the real clock by default', async () => {
    sim = await startSimulator({ operationMs: 200 })
    const s = sim
    const location = (await goLive(s)).headers.get('location') ?? ''
    expect((await get(s, location)).json.status).toBe('running')
    await new Promise((resolve) => setTimeout(resolve, 250))
    expect((await get(s, location)).json.status).toBe('succeeded')
  })
})

describe('CPP cancel', () => {
  it('answers 202 with a Location whose operation reports the cancellation, and cancels the go-live', async () => {
    const s = await start({ cancelMs: 1000 })
    const goLiveLocation = (await goLive(s)).headers.get('location') ?? ''
    clock += 1000
    const cancel = await call(s, 'POST', `${OFFER}/cancel?${V}`, {
      headers: { ...AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ metadata: { 'notification-emails': 'ops@contoso.com' } })
    })
    expect(cancel.status).toBe(202)
    const cancelLocation = cancel.headers.get('location') ?? ''
    expect(cancelLocation).toMatch(
      /^\/api\/publishers\/contoso\/offers\/contoso-offer\/operations\/[0-9a-f-]{36}\?api-version=2017-10-31$/
    )
    expect(cancelLocation).not.toBe(goLiveLocation)

    expect((await get(s, cancelLocation)).json.status).toBe('running')
    expect((await get(s, goLiveLocation)).json).toMatchObject({
      status: 'running',
      cancellationRequestState: 'cancelRequested'
    })
    clock += 5000 // past the natural end: a requested cancel still wins
    expect((await get(s, cancelLocation)).json.status).toBe('canceled')
    const canceled = (await get(s, goLiveLocation)).json
    expect(canceled.status).toBe('canceled')
    expect(canceled.steps.map((st: Json) => st.status)).toEqual(['complete', 'canceled', 'notStarted', 'notStarted'])
    expect(s.operations.map((o) => [o.kind, o.status])).toEqual([
      ['golive', 'canceled'],
      ['cancel', 'canceled']
    ])
  })

  it('answers 200 and cancels at once when cancelAnswer is 200', async () => {
    const s = await start({ cancelAnswer: 200, canceledSpelling: 'cancelled' })
    const goLiveLocation = (await goLive(s)).headers.get('location') ?? ''
    const cancel = await call(s, 'POST', `${OFFER}/cancel?${V}`)
    expect(cancel.status).toBe(200)
    expect(cancel.headers.get('location')).toBeNull()
    expect((await get(s, goLiveLocation)).json.status).toBe('cancelled')
  })

  it('answers 202 even when nothing runs, in the non-migrated form too', async () => {
    const s = await start({ locationStyle: 'non-migrated', cancelMs: 0 })
    const cancel = await call(s, 'POST', `${OFFER}/cancel?${V}`)
    expect(cancel.status).toBe(202)
    expect(cancel.headers.get('location')).toBe(
      '/api/operations/contoso$contoso-offer$2$preview?api-version=2017-10-31'
    )
    const doc = (await get(s, cancel.headers.get('location') ?? '')).json
    expect(doc.status).toBe('canceled')
    expect(s.operations[0].targetId).toBeNull()
  })
})

describe('CPP errors', () => {
  it('answers 401 for a missing, unknown, expired or wrong-audience token', async () => {
    const s = await start()
    const missing = await goLive(s, {})
    expect(missing.status).toBe(401)
    expect(missing.json.error.code).toBe('Unauthorized')
    expect((await goLive(s, { authorization: 'Bearer nope' })).status).toBe(401)

    const shortLived = s.issueToken({ lifetimeSec: 60 })
    expect(jwtPayload(shortLived)).toMatchObject({ aud: 'https://cloudpartner.azure.com', tid: TENANT, appid: CLIENT })
    expect((await get(s, `${OFFER}/status?${V}`, { authorization: `Bearer ${shortLived}` })).status).toBe(200)
    clock += 60_000
    const expired = await get(s, `${OFFER}/status?${V}`, { authorization: `Bearer ${shortLived}` })
    expect(expired.status).toBe(401)
    expect(expired.json.error.message).toMatch(/expired/)

    const graph = s.issueToken({ audience: 'https://graph.microsoft.com' })
    expect((await get(s, `${OFFER}/status?${V}`, { authorization: `Bearer ${graph}` })).status).toBe(401)
  })

  it('lets static tokens stop working after staticTokenValidForMs', async () => {
    const s = await start({ staticTokenValidForMs: 1000 })
    expect((await get(s, `${OFFER}/status?${V}`)).status).toBe(200)
    clock += 999
    expect((await get(s, `${OFFER}/status?${V}`)).status).toBe(200)
    clock += 1
    const res = await get(s, `${OFFER}/status?${V}`)
    expect(res.status).toBe(401)
    expect(res.json.error.message).toMatch(/expired/)
  })

  it('answers 404 NotFound for an unknown publisher, offer or operation', async () => {
    const s = await start()
    for (const path of [
      `/api/publishers/nobody/offers/contoso-offer/golive?${V}`,
      `/api/publishers/contoso/offers/nothing/golive?${V}`
    ]) {
      const res = await call(s, 'POST', path)
      expect(res.status).toBe(404)
      expect(res.json.error.code).toBe('NotFound')
    }
    expect((await get(s, `${OFFER}/operations/00000000-0000-0000-0000-00000000dead?${V}`)).status).toBe(404)
    expect((await get(s, `/api/operations/contoso$contoso-offer$2$preview?${V}`)).status).toBe(404)
  })

  it('answers InvalidAPIVersion for a wrong or missing api-version', async () => {
    const s = await start()
    const body = {
      error: { code: 'InvalidAPIVersion', message: 'Invalid api version. Allowed values are [2017-10-31]' }
    }
    const wrong = await call(s, 'POST', `${OFFER}/golive?api-version=2016-08-01`)
    expect(wrong.status).toBe(400)
    expect(wrong.json).toEqual(body)
    const missing = await get(s, `${OFFER}/status`)
    expect(missing.status).toBe(400)
    expect(missing.json).toEqual(body)
    expect(s.operations).toHaveLength(0)
  })
})

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

describe('Product Ingestion', () => {
  const graphAuth = { authorization: 'Bearer sim-token', 'content-type': 'application/json' }
  const configureBody = (id: string, overrides: Record<string, unknown> = {}, host = 'schema.mp.microsoft.com') =>
    JSON.stringify({
      $schema: `https://${host}/schema/configure/2022-03-01-preview2`,
      resources: [
        {
          $schema: `https://${host}/schema/submission/2022-03-01-preview2`,
          id,
          product: `product/${PRODUCT}`,
          target: { targetType: 'live' },
          ...overrides
        }
      ]
    })
  const configure = (s: Simulator, body: string) =>
    call(s, 'POST', `${PI}/configure?${PIV}`, { headers: graphAuth, body })

  async function newestPreview(s: Simulator): Promise<string> {
    const list = await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)
    expect(list.status).toBe(200)
    const previews = (list.json.value as Json[])
      .filter((x) => x.target.targetType === 'preview' && x.status === 'completed' && x.result === 'succeeded')
      .sort((a, b) => Date.parse(b.created) - Date.parse(a.created))
    return previews[0].id
  }

  it('goes live end to end: list, configure, job status, new live submission completes', async () => {
    const s = await start({ jobMs: 1000, liveMs: 3000 })
    const list = (await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json.value as Json[]
    expect(list).toHaveLength(4)
    // The draft entry carries no status, result or created.
    expect(list[3]).toEqual({
      $schema: expect.any(String),
      id: expect.any(String),
      product: `product/${PRODUCT}`,
      target: { targetType: 'draft' }
    })
    expect(list[0]).toMatchObject({
      product: `product/${PRODUCT}`,
      target: { targetType: 'live' },
      status: 'completed',
      result: 'succeeded'
    })
    const previewId = await newestPreview(s)
    expect(previewId).toBe(`submission/${PRODUCT}/1152921505697139456`)
    expect((await get(s, `${PI}/submission/${PRODUCT}/1152921505697139456?${PIV}`)).json.id).toBe(previewId)

    const accepted = await configure(s, configureBody(previewId))
    expect(accepted.status).toBe(202)
    expect(accepted.json).toMatchObject({
      jobStatus: 'notStarted',
      jobResult: 'pending',
      jobEnd: '0001-01-01T00:00:00',
      errors: []
    })
    expect(accepted.json.jobId).toMatch(/^[0-9a-f-]{36}$/)
    const statusPath = `${PI}/configure/${accepted.json.jobId}/status?${PIV}`
    expect(accepted.headers.get('location')).toBe(statusPath)

    clock += 500
    expect((await get(s, statusPath)).json).toMatchObject({ jobStatus: 'running', jobResult: 'pending' })
    clock += 500
    const done = (await get(s, statusPath)).json
    expect(done).toMatchObject({ jobStatus: 'completed', jobResult: 'succeeded', errors: [] })
    expect(Date.parse(done.jobEnd) - Date.parse(done.jobStart)).toBe(1000)

    // The pushed preview keeps its ID: its live entry replaces the previous live entry, in its place.
    const afterJob = (await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json.value as Json[]
    expect(afterJob).toHaveLength(4)
    const entries = afterJob.filter((x) => x.id === previewId)
    expect(entries.map((x) => x.target.targetType)).toEqual(['live', 'preview'])
    expect(afterJob[0]).toMatchObject({
      id: previewId,
      target: { targetType: 'live' },
      status: 'running',
      result: 'pending'
    })
    expect(entries[1]).toMatchObject({ status: 'completed', result: 'succeeded' })
    expect(afterJob.filter((x) => x.target.targetType === 'live')).toHaveLength(1)
    expect(s.jobs[0].liveSubmissionIds).toEqual([previewId])
    const withResources = (await get(s, `${PI}/configure/${accepted.json.jobId}?${PIV}`)).json
    expect(withResources.resources[0]).toMatchObject({ id: previewId, target: { targetType: 'live' } })

    clock += 3000
    const final = (await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json.value[0]
    expect(final).toMatchObject({
      id: previewId,
      target: { targetType: 'live' },
      status: 'completed',
      result: 'succeeded'
    })
  })

  it('reports a failed job and a failed live submission', async () => {
    const s = await start({ jobResult: 'failed' })
    const job = (await configure(s, configureBody(await newestPreview(s)))).json
    clock += 1000
    const failed = (await get(s, `${PI}/configure/${job.jobId}/status?${PIV}`)).json
    expect(failed).toMatchObject({ jobStatus: 'completed', jobResult: 'failed' })
    expect(failed.errors[0]).toMatchObject({
      resourceId: expect.stringMatching(/^submission\//),
      code: 'internalServerError',
      message: 'Operation failed',
      details: [
        { code: 'invalidState', message: 'Certification', details: [{ message: 'Issues found during Certification.' }] }
      ]
    })
    expect(s.products[0].submissions).toHaveLength(4)

    s.set({ jobResult: 'succeeded', liveResult: 'failed', piJobIdKey: 'jobID' })
    const second = (await configure(s, configureBody(await newestPreview(s)))).json
    expect(second.jobID).toMatch(/^[0-9a-f-]{36}$/)
    expect(second.jobId).toBeUndefined()
    clock += 5000
    const live = s.products[0].submissions.find((x) => x.target.targetType === 'live')
    expect(live).toMatchObject({ status: 'completed', result: 'failed' })
  })

  it('accepts the older $schema host and validates the resource', async () => {
    const s = await start()
    const preview = await newestPreview(s)
    const bad = async (body: string, text: RegExp) => {
      const res = await configure(s, body)
      expect(res.status).toBe(400)
      expect(res.json.error.code).toBe('badRequest')
      expect(`${res.json.error.message} ${res.json.error.details.map((d: Json) => d.message).join(' ')}`).toMatch(text)
    }
    await bad(configureBody(preview, { target: { targetType: 'preview' } }), /live/)
    await bad(configureBody(`submission/${PRODUCT}/123`), /not found/)
    await bad(configureBody(`submission/${PRODUCT}/1152921505694070016`), /preview/)
    await bad(configureBody(preview, {}, 'example.com'), /\$schema/)
    // The submission resource schema stays preview2 whatever $version is.
    const v7 = configureBody(preview, { $schema: 'https://schema.mp.microsoft.com/schema/submission/2022-07-01' })
    await bad(v7, /schema validation failed submission\/2022-03-01-preview2|submission\/2022-03-01-preview2/)
    await bad('{not json', /JSON/)
    expect((await configure(s, configureBody(preview, {}, 'product-ingestion.azureedge.net'))).status).toBe(202)
  })

  it('refuses a second go-live while one is in progress, with 409', async () => {
    const s = await start({ preexistingLiveRunning: true })
    const running = (s.products[0].submissions as Json[]).filter((x) => x.status === 'running')
    expect(running).toHaveLength(1)
    const conflict = await configure(s, configureBody(await newestPreview(s)))
    expect(conflict.status).toBe(409)
    expect(conflict.json.error.message).toMatch(/in progress/)
    clock += 3000
    expect((await configure(s, configureBody(await newestPreview(s)))).status).toBe(202)
  })

  it('cancels a running job, and refuses to cancel a finished one', async () => {
    const s = await start()
    const preview = await newestPreview(s)
    const job = (await configure(s, configureBody(preview))).json
    const cancel = await call(s, 'POST', `${PI}/configure/${job.jobId}/cancel?${PIV}`, { headers: graphAuth })
    expect(cancel.status).toBe(200)
    expect((await get(s, `${PI}/configure/${job.jobId}/status?${PIV}`)).json).toMatchObject({
      jobStatus: 'completed',
      jobResult: 'cancelled'
    })
    clock += 5000
    expect(s.products[0].submissions).toHaveLength(4)

    const second = (await configure(s, configureBody(preview))).json
    clock += 1000
    const late = await call(s, 'POST', `${PI}/configure/${second.jobId}/cancel?${PIV}`, { headers: graphAuth })
    expect(late.status).toBe(400)
    expect(late.json).toEqual({
      error: { code: 'badRequest', message: 'Cannot cancel job, job has already completed.', details: [] }
    })
  })

  it('requires $version, a graph-audience token and a known product', async () => {
    const s = await start()
    const missing = await get(s, `${PI}/submission/${PRODUCT}`)
    expect(missing.status).toBe(400)
    expect(missing.json.error).toMatchObject({
      code: 'badRequest',
      message: expect.stringContaining('$version'),
      details: []
    })
    expect((await get(s, `${PI}/submission/${PRODUCT}?$version=2022-07-01`)).status).toBe(200)
    const retired = await get(s, `${PI}/submission/${PRODUCT}?$version=2022-03-01-preview3`)
    expect(retired.status).toBe(400)
    expect(retired.json).toEqual({
      error: { code: 'badRequest', message: '"2022-03-01-preview3 is a deprecated schema"', details: [] }
    })
    expect((await get(s, `${PI}/submission/${PRODUCT}?$version=2021-01-01`)).status).toBe(400)
    expect((await get(s, `${PI}/submission/${PRODUCT}?%24version=2022-03-01-preview2`)).status).toBe(200)
    const cppToken = s.issueToken()
    expect((await get(s, `${PI}/submission/${PRODUCT}?${PIV}`, { authorization: `Bearer ${cppToken}` })).status).toBe(
      401
    )
    const unknown = await get(s, `${PI}/submission/00000000-0000-0000-0000-000000000000?${PIV}`)
    expect(unknown.status).toBe(404)
    expect(unknown.json.error.code).toBe('notFound')
    expect((await get(s, `${PI}/submission/product%2F${PRODUCT}?${PIV}`)).status).toBe(404)
  })
})

describe('bookkeeping', () => {
  it('records every request with raw path, decoded query, lower-cased headers, body and clock time', async () => {
    const s = await start()
    await call(s, 'POST', `${OFFER}/cancel?${V}&note=a%20b`, {
      headers: { ...AUTH, 'X-Trace': 'T1' },
      body: '{"metadata":{}}'
    })
    clock += 42
    await get(s, '/nowhere')
    expect(s.requests[0]).toMatchObject({
      method: 'POST',
      path: `${OFFER}/cancel`,
      query: { 'api-version': '2017-10-31', note: 'a b' },
      body: '{"metadata":{}}',
      at: Date.parse('2025-03-01T12:00:00Z'),
      status: 202
    })
    expect(s.requests[0].headers['x-trace']).toBe('T1')
    expect(s.requests[1]).toMatchObject({
      method: 'GET',
      path: '/nowhere',
      at: Date.parse('2025-03-01T12:00:00Z') + 42,
      status: 404
    })
    expect(s.count()).toBe(2)
    expect(s.count((r) => r.method === 'GET')).toBe(1)
    expect(s.count({ path: /cancel$/ })).toBe(1)
  })

  it('binds to 127.0.0.1 on an ephemeral port and closes with open keep-alive connections', async () => {
    const s = await start()
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await get(s, '/_sim/health')).json).toEqual({ ok: true })
    const t0 = Date.now()
    await s.close()
    expect(Date.now() - t0).toBeLessThan(500)
    await expect(fetch(`${s.url}/_sim/health`)).rejects.toThrow()
  })

  it('runs from the CLI, prints its URL and stops cleanly on SIGTERM', async () => {
    const cli = fileURLToPath(new URL('../sim/cli.js', import.meta.url))
    const child = spawn(process.execPath, [cli, '--options', '{"operationMs":100}'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve))
    const match = /^simulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first)
    expect(match).not.toBeNull()
    const res = await fetch(`${match?.[1]}${OFFER}/golive?${V}`, { method: 'POST', headers: AUTH })
    expect(res.status).toBe(202)
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })
})

describe('Product Ingestion lists, versions and joins', () => {
  const ids = (page: Json) => (page.value as Json[]).map((x) => `${x.target.targetType}:${x.id.split('/').pop()}`)

  it('pages with $maxpagesize or piPageSize, continuationToken and @nextLink in every form', async () => {
    const s = await start({ piPageSize: 3 })
    const whole = s.products[0].submissions.map((x) => `${x.target.targetType}:${x.id.split('/').pop()}`)
    const first = (await get(s, `${PI}/submission/${PRODUCT}?${PIV}&$maxpagesize=2`)).json
    expect(ids(first)).toEqual(whole.slice(0, 2))
    const next = new URL(first['@nextLink'])
    expect(next.origin).toBe(s.url)
    expect(next.searchParams.get('$maxpagesize')).toBe('2')
    const second = (await get(s, next.pathname + next.search)).json
    expect(ids(second)).toEqual(whole.slice(2, 4))
    expect(second['@nextLink']).toBeUndefined()

    const byKnob = (await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json
    expect(byKnob.value).toHaveLength(3)
    s.set({ piNextLink: 'relative' })
    expect((await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json['@nextLink']).toMatch(
      new RegExp(`^submission/${PRODUCT}\\?\\$version=2022-03-01-preview2&continuationToken=`)
    )
    s.set({ piNextLink: 'path' })
    expect((await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json['@nextLink']).toMatch(
      /^\/rp\/product-ingestion\/submission\//
    )
    s.set({ piNextLink: 'query' })
    expect((await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json['@nextLink']).toMatch(
      /^\?\$version=.*&continuationToken=/
    )
    expect((await get(s, `${PI}/submission/${PRODUCT}?${PIV}&continuationToken=nonsense`)).status).toBe(400)
  })

  it('changes the list order when asked: reversed, or rotating with every first page', async () => {
    const s = await start({ piListOrder: 'reversed' })
    const stored = s.products[0].submissions.map((x) => `${x.target.targetType}:${x.id.split('/').pop()}`)
    expect(ids((await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json)).toEqual(stored.slice().reverse())
    s.set({ piListOrder: 'rotate' })
    const a = ids((await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json)
    const b = ids((await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json)
    expect(a).not.toEqual(b)
    expect(a.slice().sort()).toEqual(b.slice().sort())
  })

  it('starts with the newest preview running as the live entry when preexistingLiveRunning is set', async () => {
    const s = await start({ preexistingLiveRunning: true })
    const live = s.products[0].submissions.filter((x) => x.target.targetType === 'live')
    expect(live).toEqual([
      expect.objectContaining({ id: `submission/${PRODUCT}/1152921505697139456`, status: 'running', result: 'pending' })
    ])
  })

  it('accepts a configure envelope that follows $version, with the preview2 submission schema', async () => {
    const s = await start()
    const body = JSON.stringify({
      $schema: 'https://schema.mp.microsoft.com/schema/configure/2022-07-01',
      resources: [
        {
          $schema: 'https://schema.mp.microsoft.com/schema/submission/2022-03-01-preview2',
          id: `submission/${PRODUCT}/1152921505697139456`,
          product: `product/${PRODUCT}`,
          target: { targetType: 'live' }
        }
      ]
    })
    const headers = { authorization: 'Bearer sim-token', 'content-type': 'application/json' }
    const accepted = await call(s, 'POST', `${PI}/configure?$version=2022-07-01`, { headers, body })
    expect(accepted.status).toBe(202)
    expect(accepted.headers.get('location')).toMatch(/\/status\?\$version=2022-07-01$/)
  })
})

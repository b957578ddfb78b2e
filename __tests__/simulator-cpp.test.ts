/**
 * The simulator's Cloud Partner Portal API (sim/cpp/), over real sockets with fetch on a fake clock:
 * Go Live and the three location forms, operation outcomes and wire variants, cancel, errors.
 */
import type { SimOptionsPatch, Simulator } from '../sim/index.js'
import { useSimulators } from '../__fixtures__/simulators.js'
import {
  AUTH,
  V,
  OFFER,
  TENANT,
  CLIENT,
  SIM_EPOCH,
  type Json,
  call,
  goLive,
  get,
  jwtPayload
} from '../__fixtures__/simulator-http.js'

let clock = 0
const startOnClock = useSimulators({ now: () => clock })
const startOnRealClock = useSimulators()

/** Starts a simulator on a fake clock (unless `now` is given); it is closed after the test. */
async function start(options: SimOptionsPatch = {}): Promise<Simulator> {
  clock = SIM_EPOCH
  return startOnClock(options)
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

describe('CPP previews over time', () => {
  const offer = (extra: Record<string, unknown>) => ({
    publisherId: 'contoso',
    offerId: 'contoso-offer',
    migrated: true,
    ...extra
  })
  const status = async (s: Simulator): Promise<Json> => (await get(s, `${OFFER}/status?${V}`)).json
  const stepStatuses = (doc: Json) => Object.fromEntries(doc.steps.map((st: Json) => [st.id, st.status]))

  it('runs a preview through validation and certification, then waits for sign-off (readyAfterMs)', async () => {
    const s = await start({ offers: [offer({ readyAfterMs: 4000 })] })
    const early = await status(s)
    expect(early.status).toBe('running')
    expect(stepStatuses(early)).toEqual({
      displaydummycertify: 'inProgress',
      certification: 'notStarted',
      packaging: 'notStarted',
      'preview-creation': 'notStarted',
      'publisher-signoff': 'notStarted',
      live: 'notStarted'
    })
    const refused = await goLive(s)
    expect(refused.status).toBe(400)
    expect(refused.json.error.code).toBe('BadRequest')
    expect(refused.json.error.message).toMatch(/not ready for publisher sign-off/)
    // Nothing runs: the refusal must not read as "an operation is in progress".
    expect(refused.json.error.message).not.toMatch(/in ?progress|already|currently running|conflict/i)
    expect(s.operations).toHaveLength(0)

    clock += 1500 // a quarter of the time per step: Certification now
    const certifying = await status(s)
    expect(certifying.status).toBe('running')
    expect(stepStatuses(certifying)).toMatchObject({
      displaydummycertify: 'complete',
      certification: 'inProgress',
      'publisher-signoff': 'notStarted'
    })
    expect(certifying.steps[1].progressPercentage).toBe(50)
    expect(certifying.steps[1].messages[0]).toMatchObject({ level: 'information' })

    clock += 2500
    const ready = await status(s)
    expect(ready.status).toBe('waitingForPublisherReview')
    const signoff = ready.steps.find((st: Json) => st.id === 'publisher-signoff')
    expect(signoff.status).toBe('waitingForPublisherReview')
    expect(signoff.messages[0].timestamp).toBe('2025-03-01T12:00:04.0000000Z')
    expect((await goLive(s)).status).toBe(202)
  })

  it('fails a preview at Certification with an error message naming the failing check', async () => {
    const s = await start({
      offers: [offer({ readyAfterMs: 2000, previewResult: 'failed', previewFailure: 'Check <b>X-1</b> failed.' })]
    })
    clock += 1999
    expect((await status(s)).status).toBe('running')
    clock += 1
    const failed = await status(s)
    expect(failed.status).toBe('failed')
    expect(stepStatuses(failed)).toEqual({
      displaydummycertify: 'complete',
      certification: 'failed',
      packaging: 'notStarted',
      'preview-creation': 'notStarted',
      'publisher-signoff': 'notStarted',
      live: 'notStarted'
    })
    const [, error, info] = failed.steps[1].messages
    expect(error).toEqual({ messageHtml: 'Check <b>X-1</b> failed.', level: 'error', timestamp: expect.any(String) })
    expect(info).toMatchObject({ level: 'information', timestamp: error.timestamp })
    const refused = await goLive(s)
    expect(refused.status).toBe(400)
    expect(refused.json.error.message).toMatch(/preview failed certification/)
  })

  it('fails a preview at once with a rejected step and the default check when asked', async () => {
    const s = await start({ offers: [offer({ previewResult: 'failed' })], failedStepStatus: 'rejected' })
    const failed = await status(s)
    expect(failed.status).toBe('failed')
    expect(failed.steps[1].status).toBe('rejected')
    expect(failed.steps[1].messages.find((m: Json) => m.level === 'error').messageHtml).toMatch(
      /^Certification failed: check "Offer listing: description"/
    )
  })

  it('starts the preview clock when an offer is given by set(), and keeps ready: true and ready: false', async () => {
    const s = await start({ offers: [offer({ ready: false })] })
    expect((await status(s)).status).toBe('neverPublished')
    clock += 60_000
    s.set({ offers: [offer({ readyAfterMs: 1000 })] })
    expect((await status(s)).status).toBe('running')
    clock += 1000
    expect((await status(s)).status).toBe('waitingForPublisherReview')
    s.set({ offers: [offer({ ready: true })] })
    expect((await status(s)).status).toBe('waitingForPublisherReview')
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
    const s = await startOnRealClock({ operationMs: 200 })
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

/**
 * The simulator's Partner Center ingestion API v1.0 (sim/ingestion-v1/), over real sockets with fetch
 * on a fake clock: products, paged submission lists, promotion and what follows it, validation and
 * certification failures, the seller-ID requirement, tokens.
 */
import type { SimOptionsPatch, Simulator } from '../sim/index.js'
import { V1_PRODUCT_ID, V1_SUBMISSION_IDS } from '../sim/ingestion-v1/options.js'
import { useSimulators } from '../__fixtures__/simulators.js'
import {
  V1,
  TENANT,
  CLIENT,
  GRAPH_SCOPE,
  PARTNER_SCOPE,
  SIM_EPOCH,
  type Json,
  call,
  get,
  jwtPayload,
  token
} from '../__fixtures__/simulator-http.js'

let clock = 0
const startOnClock = useSimulators({ now: () => clock })

/** Starts a simulator on a fake clock (unless `now` is given); it is closed after the test. */
async function start(options: SimOptionsPatch = {}): Promise<Simulator> {
  clock = SIM_EPOCH
  return startOnClock(options)
}

const P = V1_PRODUCT_ID
const { inStore: IN_STORE, ready: READY, draft: DRAFT } = V1_SUBMISSION_IDS
const SUBS = `${V1}/products/${P}/submissions`

/** Seven fractional digits and no zone, as the service writes workflow times. */
const WORKFLOW_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/
const NOT_YET = '0001-01-01T00:00:00'

const promote = (s: Simulator, id: string, body?: string, headers: Record<string, string> = {}) =>
  call(s, 'POST', `${SUBS}/${id}/promote`, {
    headers: { authorization: 'Bearer sim-token', 'content-type': 'application/json; charset=utf-8', ...headers },
    body
  })
const submission = async (s: Simulator, id: string) => (await get(s, `${SUBS}/${id}`)).json
const workflow = async (s: Simulator, id: string) =>
  (await get(s, `${SUBS}/${id}/workflowdetails`)).json.value as Json[]
const steps = (detail: Json) => Object.fromEntries((detail.workflowSteps as Json[]).map((x) => [x.name, x.state]))

/** The first product with the given submissions (oldest first). */
const product = (submissions: Json[], extra: Json = {}) => [{ productId: P, submissions, ...extra }]

describe('Ingestion API v1.0', () => {
  it('serves the product and its submissions, oldest first, with IDs as strings', async () => {
    const s = await start()
    const prod = await get(s, `${V1}/products/${P}`)
    expect(prod.status).toBe(200)
    expect(prod.json).toEqual({
      resourceType: 'AzureDynamics365BusinessCentral',
      name: 'Contoso.Analytics.AppSource',
      externalIDs: [{ type: 'AzureOfferId', value: 'contoso-analytics' }],
      isModularPublishing: true,
      id: P
    })

    const list = await get(s, SUBS)
    expect(list.status).toBe(200)
    expect(list.json.nextLink).toBeUndefined()
    const value = list.json.value as Json[]
    expect(value.map((x) => [x.id, x.state, x.substate, x.releaseNumber])).toEqual([
      [IN_STORE, 'Published', 'InStore', 4],
      [READY, 'Published', 'ReadyToPublish', 5],
      [DRAFT, 'InProgress', 'InDraft', 6]
    ])
    // Beyond 2^53: as numbers they would lose their last digits, so the wire has strings only.
    for (const id of [IN_STORE, READY, DRAFT]) {
      expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)
      expect(list.text).toContain(`"id":"${id}"`)
    }
    expect(list.text).not.toMatch(/[:[,]\s*\d{16,}/)

    expect(value[1]).toEqual({
      resourceType: 'Submission',
      state: 'Published',
      substate: 'ReadyToPublish',
      targets: [{ type: 'Scope', value: 'Preview' }],
      resources: ['Availability', 'Listing', 'Package', 'Property'].map((type) => ({
        type,
        value: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      })),
      publishedTimeInUtc: '1601-01-01T00:00:00Z',
      pendingUpdateInfo: { updateType: 'Create', status: 'Completed' },
      releaseNumber: 5,
      friendlyName: 'Submission 5',
      areResourcesReady: true,
      id: READY
    })
    expect(value[0].publishedTimeInUtc).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/)
    expect(Date.parse(value[0].publishedTimeInUtc)).toBeLessThan(SIM_EPOCH)
    expect(value[2].publishedTimeInUtc).toBe('1601-01-01T00:00:00Z')

    const one = await get(s, `${SUBS}/${READY}`)
    expect(one.json).toEqual(value[1])
    expect(one.text).toContain(`"id":"${READY}"`)
    expect((await get(s, `${SUBS}?state=published`)).json.value.map((x: Json) => x.id)).toEqual([IN_STORE, READY])
    expect((await get(s, `${SUBS}?state=InProgress`)).json.value.map((x: Json) => x.id)).toEqual([DRAFT])
  })

  it('pages with $skipToken, the next link relative (as the service writes it), @odata.nextLink or absolute', async () => {
    const s = await start({ v1PageSize: 2 })
    const first = await get(s, SUBS)
    expect(first.json.value.map((x: Json) => x.id)).toEqual([IN_STORE, READY])
    const next = first.json.nextLink as string
    expect(next).toMatch(new RegExp(`^v1\\.0/ingestion/products/${P}/submissions\\?\\$skipToken=[\\w-]+$`))
    // Relative to the host, no leading slash: resolved against base-url it would say v1.0/ingestion twice.
    const second = await get(s, `/${next}`)
    expect(second.json.value.map((x: Json) => x.id)).toEqual([DRAFT])
    expect(second.json).not.toHaveProperty('nextLink')
    expect(second.json).not.toHaveProperty('@odata.nextLink')

    s.set({ v1NextLink: 'odata' })
    const odata = (await get(s, SUBS)).json
    expect(odata).not.toHaveProperty('nextLink')
    expect(odata['@odata.nextLink']).toMatch(/^v1\.0\/ingestion\/products\/.+\/submissions\?\$skipToken=/)

    s.set({ v1NextLink: 'absolute' })
    const absolute = (await get(s, SUBS)).json.nextLink as string
    expect(absolute.startsWith(`${s.url}/v1.0/ingestion/products/${P}/submissions?$skipToken=`)).toBe(true)
    const url = new URL(absolute)
    expect((await get(s, url.pathname + url.search)).json.value.map((x: Json) => x.id)).toEqual([DRAFT])

    s.set({ v1NextLinkOrigin: 'https://elsewhere.example' })
    expect((await get(s, SUBS)).json.nextLink).toMatch(/^https:\/\/elsewhere\.example\/v1\.0\/ingestion\/products\//)

    // The filter travels with the link.
    s.set({ v1PageSize: 1, v1NextLink: 'relative', v1NextLinkOrigin: null })
    const filtered = (await get(s, `${SUBS}?state=Published`)).json
    expect(filtered.value.map((x: Json) => x.id)).toEqual([IN_STORE])
    expect(filtered.nextLink).toMatch(/\?state=Published&\$skipToken=/)
    const rest = (await get(s, `/${filtered.nextLink}`)).json
    expect(rest.value.map((x: Json) => x.id)).toEqual([READY])
    expect(rest).not.toHaveProperty('nextLink')

    const bad = await get(s, `${SUBS}?$skipToken=nonsense`)
    expect(bad.status).toBe(400)
    expect(bad.json).toMatchObject({ code: 'BadRequest', message: expect.stringContaining('$skipToken') })
    // As the service once did: an empty skip token answers an empty list.
    expect((await get(s, `${SUBS}?$skipToken=`)).json).toEqual({ value: [] })
  })

  it('promotes only a Published/ReadyToPublish submission, and answers 409 InvalidState otherwise', async () => {
    const s = await start()
    for (const id of [DRAFT, IN_STORE]) {
      const refused = await promote(s, id, '{}')
      expect(refused.status).toBe(409)
      expect(refused.json).toEqual({
        code: 'InvalidState',
        data: [],
        details: [],
        message: expect.stringMatching(new RegExp(`^Submission ${id} is .*ReadyToPublish`)),
        source: 'Ingestion Api',
        target: 'submission'
      })
    }
    expect((await promote(s, READY, '{not json')).status).toBe(400)

    const promoted = await promote(s, READY, '{}')
    expect(promoted.status).toBe(200)
    expect(promoted.json).toEqual({
      type: 'Push',
      state: 'InProgress',
      targetEnvironment: 'Live',
      workflowSteps: [
        {
          name: 'Publisher Signoff',
          state: 'Success',
          startDateTimeInUtc: '2025-03-01T12:00:00.0000000',
          completeDateTimeInUtc: '2025-03-01T12:00:00.0000000'
        },
        {
          name: 'Certification',
          state: 'InProgress',
          startDateTimeInUtc: '2025-03-01T12:00:00.0000000',
          completeDateTimeInUtc: NOT_YET
        },
        { name: 'Publish', state: 'NotStarted', startDateTimeInUtc: NOT_YET, completeDateTimeInUtc: NOT_YET }
      ],
      startDateTimeInUtc: '2025-03-01T12:00:00.0000000',
      completeDateTimeInUtc: NOT_YET
    })
    expect(await submission(s, READY)).toMatchObject({ state: 'Published', substate: 'Publishing' })
    // Promoted is promoted: a second promotion is refused, it is joined instead.
    const again = await promote(s, READY)
    expect(again.status).toBe(409)
    expect(again.json.message).toMatch(/Published\/Publishing/)
  })

  it('takes a promoted submission through Publishing and Published to InStore over simulated time', async () => {
    const s = await start({ v1PublishMs: 4000 })
    // Promotion with no body, as some clients send it.
    expect((await promote(s, READY)).status).toBe(200)
    expect(s.v1Products[0].submissions[1]).toMatchObject({
      id: READY,
      substate: 'Publishing',
      promotedAt: SIM_EPOCH,
      publishMs: 4000
    })
    let [preview, live] = await workflow(s, READY)
    expect(preview).toMatchObject({ type: 'Push', state: 'Success', targetEnvironment: 'Preview' })
    expect(steps(preview)).toEqual({ 'Automated validation': 'Success', 'Preview Creation': 'Success' })
    expect(steps(live)).toEqual({ 'Publisher Signoff': 'Success', Certification: 'InProgress', Publish: 'NotStarted' })
    expect((await get(s, `${SUBS}/${READY}/reports`)).json).toEqual({ value: [] })

    clock += 2000
    expect(await submission(s, READY)).toMatchObject({
      state: 'Published',
      substate: 'Published',
      publishedTimeInUtc: '1601-01-01T00:00:00Z'
    })
    ;[, live] = await workflow(s, READY)
    expect(live.state).toBe('InProgress')
    expect(steps(live)).toEqual({ 'Publisher Signoff': 'Success', Certification: 'Success', Publish: 'InProgress' })
    expect((await get(s, `${SUBS}/${READY}/reports`)).json.value).toEqual([
      { reportTimeInUtc: '2025-03-01T12:00:02.0000000Z', status: 'Passed', fileUri: expect.stringMatching(/^https:/) }
    ])

    clock += 1999
    expect((await submission(s, READY)).substate).toBe('Published')
    clock += 1
    const done = await submission(s, READY)
    expect(done).toMatchObject({ state: 'Published', substate: 'InStore' })
    expect(done.publishedTimeInUtc).toBe('2025-03-01T12:00:04.0000000Z')
    // It still reads Scope/Preview: the target does not tell a live submission from a preview.
    expect(done.targets).toEqual([{ type: 'Scope', value: 'Preview' }])
    ;[preview, live] = await workflow(s, READY)
    expect(live).toMatchObject({
      state: 'Success',
      startDateTimeInUtc: '2025-03-01T12:00:00.0000000',
      completeDateTimeInUtc: '2025-03-01T12:00:04.0000000'
    })
    for (const detail of [preview, live]) {
      for (const time of [detail, ...detail.workflowSteps].flatMap((x: Json) => [
        x.startDateTimeInUtc,
        x.completeDateTimeInUtc
      ])) {
        expect(time).toMatch(WORKFLOW_TIME)
      }
    }
    expect(s.v1Products[0].submissions.map((x) => x.substate)).toEqual(['InStore', 'InStore', 'InDraft'])
  })

  it('validates a submitted preview into ReadyToPublish, or fails it with validation errors', async () => {
    const seeds = [
      { id: '1152921505700000001', substate: 'Submitted' },
      { id: '1152921505700000003', substate: 'Submitted', result: 'failed-validation' }
    ]
    const s = await start({ v1ValidationMs: 2000, v1Products: product(seeds) })
    const [passing, failing] = seeds.map((x) => x.id)
    expect(await submission(s, passing)).toMatchObject({ state: 'InProgress', substate: 'Submitted', releaseNumber: 1 })
    expect((await submission(s, failing)).releaseNumber).toBe(2)
    let [preview, live] = await workflow(s, passing)
    expect(preview.state).toBe('InProgress')
    expect(steps(preview)).toEqual({ 'Automated validation': 'InProgress', 'Preview Creation': 'NotStarted' })
    expect(live.state).toBe('NotStarted')
    expect((await promote(s, passing)).status).toBe(409)

    clock += 1000
    ;[preview] = await workflow(s, passing)
    expect(steps(preview)).toEqual({ 'Automated validation': 'Success', 'Preview Creation': 'InProgress' })
    // A failing validation fails when its step ends.
    expect(await submission(s, failing)).toMatchObject({ state: 'InProgress', substate: 'Failed' })
    ;[preview, live] = await workflow(s, failing)
    expect(preview).toMatchObject({ state: 'Failed', completeDateTimeInUtc: '2025-03-01T12:00:01.0000000' })
    expect(steps(preview)).toEqual({ 'Automated validation': 'Failed', 'Preview Creation': 'NotStarted' })
    expect(live.state).toBe('NotStarted')
    const validations = await get(s, `${SUBS}/${failing}/validations`, {
      authorization: 'Bearer sim-token',
      'client-request-id': 'req-42'
    })
    expect(validations.status).toBe(200)
    expect(validations.headers.get('request-id')).toBe('req-42')
    expect(validations.json.value).toEqual(
      expect.arrayContaining([
        {
          errorCode: expect.any(String),
          severity: 'Error',
          message: expect.stringMatching(/\S/),
          resource: expect.any(String)
        }
      ])
    )
    expect((await get(s, `${SUBS}/${failing}/reports`)).json).toEqual({ value: [] })
    expect((await promote(s, failing)).status).toBe(409)

    clock += 1000
    expect(await submission(s, passing)).toMatchObject({ state: 'Published', substate: 'ReadyToPublish' })
    ;[preview] = await workflow(s, passing)
    expect(preview.state).toBe('Success')
    const ok = await get(s, `${SUBS}/${passing}/validations`)
    expect(ok.json).toEqual({ value: [] })
    expect(ok.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect((await promote(s, passing)).status).toBe(200)
  })

  it('fails certification after promotion when v1Result says so, with a Failed report', async () => {
    const s = await start({ v1Result: 'failed-certification', v1PublishMs: 3000 })
    expect((await promote(s, READY, '{}')).status).toBe(200)
    clock += 1499
    expect((await submission(s, READY)).substate).toBe('Publishing')
    clock += 1
    const failed = await submission(s, READY)
    expect(failed).toMatchObject({
      state: 'Published',
      substate: 'FailedInCertification',
      publishedTimeInUtc: '1601-01-01T00:00:00Z'
    })
    const [, live] = await workflow(s, READY)
    expect(live.state).toBe('Failed')
    expect(steps(live)).toEqual({ 'Publisher Signoff': 'Success', Certification: 'Failed', Publish: 'NotStarted' })
    const reports = (await get(s, `${SUBS}/${READY}/reports`)).json.value as Json[]
    expect(reports).toEqual([
      { reportTimeInUtc: '2025-03-01T12:00:01.5000000Z', status: 'Failed', fileUri: expect.any(String) }
    ])
    expect(new URL(reports[0].fileUri).protocol).toBe('https:')
    clock += 60_000
    expect((await submission(s, READY)).substate).toBe('FailedInCertification')
  })

  it('starts with a promotion under way when v1PreexistingPublishing is set, and refuses another', async () => {
    const other = '1152921505699200001'
    const s = await start({
      v1PreexistingPublishing: true,
      v1PublishMs: 1000,
      v1Products: product([
        { id: IN_STORE, substate: 'InStore' },
        { id: READY, substate: 'ReadyToPublish' },
        { id: other, substate: 'ReadyToPublish' }
      ])
    })
    expect((await get(s, SUBS)).json.value.map((x: Json) => x.substate)).toEqual([
      'InStore',
      'ReadyToPublish',
      'Publishing'
    ])
    const refused = await promote(s, READY)
    expect(refused.status).toBe(409)
    expect(refused.json).toMatchObject({ code: 'InvalidState', message: expect.stringContaining(other) })
    clock += 1000
    expect((await submission(s, other)).substate).toBe('InStore')
    expect((await promote(s, READY)).status).toBe(200)
  })

  it('seeds any state, an AzureApplication product, and a draft whose creation failed; set() re-seeds', async () => {
    const s = await start()
    s.set({
      v1Products: product(
        [
          { id: '1152921505700000101', substate: 'InDraft', createFailed: true },
          { id: '1152921505700000102', state: 'InProgress', substate: 'Failed' },
          { id: '1152921505700000103', substate: 'Published', releaseNumber: 9, friendlyName: 'Spring release' },
          { id: '1152921505700000104', substate: 'FailedInCertification' }
        ],
        { resourceType: 'AzureApplication', name: 'Contoso Managed App', offerId: 'contoso-managed' }
      )
    })
    expect((await get(s, `${V1}/products/${P}`)).json).toMatchObject({
      resourceType: 'AzureApplication',
      name: 'Contoso Managed App',
      externalIDs: [{ type: 'AzureOfferId', value: 'contoso-managed' }]
    })
    const value = (await get(s, SUBS)).json.value as Json[]
    expect(value.map((x) => [x.state, x.substate, x.releaseNumber, x.friendlyName])).toEqual([
      ['InProgress', 'InDraft', 1, 'Submission 1'],
      ['InProgress', 'Failed', 2, 'Submission 2'],
      ['Published', 'Published', 9, 'Spring release'],
      ['Published', 'FailedInCertification', 10, 'Submission 10']
    ])
    expect(value[0].pendingUpdateInfo).toEqual({
      updateType: 'Create',
      status: 'Failed',
      href: `v1.0/ingestion/products/${P}/submissions/1152921505700000101/validations`,
      failureReason: 'Active validation errors'
    })
    expect(await workflow(s, '1152921505700000101')).toEqual([])
    expect((await get(s, `${SUBS}/1152921505700000101/validations`)).json.value).toHaveLength(1)
    expect((await get(s, `${SUBS}/1152921505700000102/validations`)).json.value.length).toBeGreaterThan(0)
    expect((await get(s, `${SUBS}/1152921505700000104/reports`)).json.value[0].status).toBe('Failed')
    // The one publishing reaches the store after the rest of v1PublishMs.
    clock += 1500
    expect((await submission(s, '1152921505700000103')).substate).toBe('InStore')

    await expect(start({ v1Products: product([{ id: Number(DRAFT), substate: 'InDraft' }]) })).rejects.toThrow(
      /string of digits/
    )
    await expect(start({ v1Products: product([{ id: '1', state: 'Published', substate: 'Failed' }]) })).rejects.toThrow(
      /goes with InProgress/
    )
  })

  it('requires x-ms-publisherId with a positive number only when v1RequireSellerId is set', async () => {
    const s = await start()
    expect((await get(s, `${V1}/products/${P}`)).status).toBe(200)
    s.set({ v1RequireSellerId: true })
    const missing = await get(s, `${V1}/products/${P}`)
    expect(missing.status).toBe(400)
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/)
    // A JSON string: a .NET exception text around a ProblemDetails document that names the header.
    expect(typeof missing.json).toBe('string')
    const m =
      /^Microsoft\.Ingestion\.Shared\.WebApi\.Client\.ErrorHandler\.RestClientException: Product request failed, API=GetProduct, HttpStatusCode=BadRequest, ResponseContent=(\{.*\})$/.exec(
        missing.json
      )
    expect(m).not.toBeNull()
    expect(missing.text).toContain(
      '{\\"errors\\":{\\"x-ms-publisherId\\":[\\"PublisherId is a required header, and must be a positive number.\\"]},\\"type\\":\\"https://tools.ietf.org/html/rfc9110#section-15.5.1\\",\\"title\\":\\"One or more validation errors occurred.\\",\\"status\\":400,\\"traceId\\":\\"00-'
    )
    expect(JSON.parse(m![1])).toEqual({
      errors: { 'x-ms-publisherId': ['PublisherId is a required header, and must be a positive number.'] },
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      traceId: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/)
    })

    const list = await get(s, SUBS)
    expect(list.status).toBe(400)
    expect(list.json).toMatch(/^Microsoft\.Ingestion\.\S+ Submission request failed, API=GetSubmissions,/)
    expect((await promote(s, READY)).json).toMatch(/API=PromoteSubmission,/)
    expect(s.v1Products[0].submissions[1].substate).toBe('ReadyToPublish')
    for (const bad of ['0', '-5', 'abc', '12a', '']) {
      expect((await get(s, SUBS, { authorization: 'Bearer sim-token', 'x-ms-publisherId': bad })).status).toBe(400)
    }
    const seller = { authorization: 'Bearer sim-token', 'x-ms-publisherId': '12345678' }
    expect((await get(s, SUBS, seller)).status).toBe(200)
    expect((await promote(s, READY, '{}', { 'x-ms-publisherId': '12345678' })).status).toBe(200)
    // The token is checked first.
    expect((await get(s, SUBS, {})).status).toBe(401)
  })

  it('wants a token for https://api.partner.microsoft.com, which Entra issues for its .default scope', async () => {
    const s = await start({ tokenLifetimeSec: 600 })
    const issued = await token(s, TENANT, {
      grant_type: 'client_credentials',
      client_id: CLIENT,
      client_secret: 'sim-secret',
      scope: PARTNER_SCOPE
    })
    expect(issued.status).toBe(200)
    expect(jwtPayload(issued.json.access_token)).toMatchObject({
      aud: 'https://api.partner.microsoft.com',
      tid: TENANT
    })
    const partner = { authorization: `Bearer ${issued.json.access_token}` }
    expect((await get(s, SUBS, partner)).status).toBe(200)
    // That token is for this API only.
    expect(
      (
        await get(
          s,
          '/rp/product-ingestion/submission/a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d?$version=2022-07-01',
          partner
        )
      ).status
    ).toBe(401)

    const missing = await get(s, SUBS, {})
    expect(missing.status).toBe(401)
    expect(missing.json.error.code).toBe('Unauthorized')
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_request"/)
    expect(missing.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/)
    expect((await get(s, SUBS, { authorization: 'Bearer not-a-token' })).status).toBe(401)
    for (const audience of ['https://cloudpartner.azure.com', 'https://graph.microsoft.com']) {
      const wrong = await get(s, SUBS, { authorization: `Bearer ${s.issueToken({ audience })}` })
      expect(wrong.status).toBe(401)
      expect(wrong.json.error.message).toMatch(/audience .* expected 'https:\/\/api\.partner\.microsoft\.com'/)
    }
    const graph = await token(s, TENANT, {
      grant_type: 'client_credentials',
      client_id: CLIENT,
      client_secret: 'sim-secret',
      scope: GRAPH_SCOPE
    })
    expect((await get(s, SUBS, { authorization: `Bearer ${graph.json.access_token}` })).status).toBe(401)
    expect(
      (
        await get(s, SUBS, {
          authorization: `Bearer ${s.issueToken({ audience: 'https://api.partner.microsoft.com/' })}`
        })
      ).status
    ).toBe(200)
    clock += 600_000
    const expired = await get(s, SUBS, partner)
    expect(expired.status).toBe(401)
    expect(expired.json.error.message).toMatch(/expired/)
  })

  it('answers 404 with no body for routes it does not have, 405 for a wrong method, 404 for unknown IDs', async () => {
    const s = await start()
    for (const path of [
      `${SUBS}/${READY}/cancel`,
      `${SUBS}/${READY}/publish`,
      `${SUBS}/${READY}/validation`,
      `${V1}/products/${P}/packages`,
      `${V1}/products`,
      V1
    ]) {
      for (const method of ['GET', 'POST']) {
        const res = await call(s, method, path)
        expect([path, method, res.status, res.text]).toEqual([path, method, 404, ''])
      }
    }
    const del = await call(s, 'DELETE', `${SUBS}/${DRAFT}`)
    expect([del.status, del.text, del.headers.get('allow')]).toEqual([405, '', 'GET'])
    expect((await get(s, `${SUBS}/${READY}/promote`)).status).toBe(405)

    const noProduct = await get(s, `${V1}/products/00000000-0000-0000-0000-000000000000/submissions`)
    expect(noProduct.status).toBe(404)
    expect(noProduct.json).toMatchObject({ code: 'ResourceNotFound', source: 'Ingestion Api', target: 'product' })
    const noSubmission = await get(s, `${SUBS}/1152921505699999999`)
    expect(noSubmission.status).toBe(404)
    expect(noSubmission.json).toMatchObject({ code: 'ResourceNotFound', target: 'submission' })
    // The ID as a JavaScript number would print it: not the submission.
    expect((await get(s, `${SUBS}/${String(Number(READY))}`)).status).toBe(404)
    expect((await get(s, `${V1}/products/${P.toUpperCase()}`)).status).toBe(200)
  })
})

/**
 * The simulator's Product Ingestion API (sim/product-ingestion/), over real sockets with fetch on a
 * fake clock: lists and paging, configure, jobs, live entries, versions.
 */
import type { SimOptionsPatch, Simulator } from '../sim/index.js'
import { defaultProductIngestionOptions } from '../sim/product-ingestion/options.js'
import { useSimulators } from '../__fixtures__/simulators.js'
import { PRODUCT, PI, PIV, SIM_EPOCH, type Json, call, get } from '../__fixtures__/simulator-http.js'

let clock = 0
const startOnClock = useSimulators({ now: () => clock })

/** Starts a simulator on a fake clock (unless `now` is given); it is closed after the test. */
async function start(options: SimOptionsPatch = {}): Promise<Simulator> {
  clock = SIM_EPOCH
  return startOnClock(options)
}

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
    expect(conflict.json.error.message).toBe('An In Progress submission already exists.')
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

  it('answers GET /product/{id} with the product, its alias only when the knob sets one', async () => {
    const s = await start()
    const plain = await get(s, `${PI}/product/${PRODUCT}?${PIV}`)
    expect(plain.status).toBe(200)
    expect(plain.json).toMatchObject({
      $schema: 'https://schema.mp.microsoft.com/schema/product/2022-03-01-preview2',
      id: `product/${PRODUCT}`,
      type: 'azureContainer',
      identity: { externalId: expect.any(String) }
    })
    expect(plain.json).not.toHaveProperty('alias')
    s.set({ alias: 'Contoso Analytics' })
    expect((await get(s, `${PI}/product/${PRODUCT}?${PIV}`)).json.alias).toBe('Contoso Analytics')
    expect((await get(s, `${PI}/product/00000000-0000-0000-0000-000000000000?${PIV}`)).status).toBe(404)
    expect((await get(s, `${PI}/product/${PRODUCT}`)).status).toBe(400)
  })
})

describe('Product Ingestion previews over time and configure conflicts', () => {
  const graphAuth = { authorization: 'Bearer sim-token', 'content-type': 'application/json' }
  const push = (s: Simulator, submissionId: string) =>
    call(s, 'POST', `${PI}/configure?${PIV}`, {
      headers: graphAuth,
      body: JSON.stringify({
        $schema: 'https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2',
        resources: [
          {
            $schema: 'https://schema.mp.microsoft.com/schema/submission/2022-03-01-preview2',
            id: `submission/${PRODUCT}/${submissionId}`,
            product: `product/${PRODUCT}`,
            target: { targetType: 'live' }
          }
        ]
      })
    })
  const list = async (s: Simulator): Promise<Json[]> => (await get(s, `${PI}/submission/${PRODUCT}?${PIV}`)).json.value
  // The default product, with what a test adds to it.
  const withDefaults = (extra: Record<string, unknown>): SimOptionsPatch => ({
    products: [{ ...defaultProductIngestionOptions().products[0], ...extra }]
  })

  it('adds a running preview that completes succeeded after previewReadyAfterMs, and refuses configure meanwhile', async () => {
    const s = await start(withDefaults({ previewReadyAfterMs: 60_000 }))
    const newest = '1152921505698000001' // one above the highest listed ID (the draft's)
    const entry = (await list(s)).find((x) => x.id.endsWith(`/${newest}`))
    expect(entry).toEqual({
      $schema: 'https://schema.mp.microsoft.com/schema/submission/2022-03-01-preview2',
      id: `submission/${PRODUCT}/${newest}`,
      product: `product/${PRODUCT}`,
      target: { targetType: 'preview' },
      status: 'running',
      result: 'pending',
      created: '2025-03-01T12:00:00.000Z'
    })
    // Configure while the preview runs (no live entry runs): a refusal naming what is in progress.
    const refused = await push(s, '1152921505697139456')
    expect(refused.status).toBe(409)
    expect(refused.json).toEqual({
      error: {
        code: 'conflict',
        message: 'An In Progress submission already exists.',
        details: [{ code: 'conflict', message: `Submission submission/${PRODUCT}/${newest} (preview) is running.` }]
      }
    })
    expect((await push(s, newest)).status).toBe(409)
    expect(s.jobs).toHaveLength(0)

    clock += 60_000
    expect((await list(s)).find((x) => x.id.endsWith(`/${newest}`))).toMatchObject({
      status: 'completed',
      result: 'succeeded'
    })
    // The older preview is no longer the latest; the new one goes live.
    const older = await push(s, '1152921505697139456')
    expect(older.status).toBe(409)
    expect(older.json.error).toEqual({
      code: 'conflict',
      message: 'The submission cannot be pushed to as its not the latest',
      details: [
        {
          code: 'conflict',
          message: `The latest preview submission of product '${PRODUCT}' is submission/${PRODUCT}/${newest}.`
        }
      ]
    })
    expect((await push(s, newest)).status).toBe(202)
  })

  it('fails a preview with errors naming the failing checks, discoverable by GET /submission/{p}/{s}', async () => {
    const s = await start(
      withDefaults({
        previewReadyAfterMs: 1000,
        previewResult: 'failed',
        previewErrors: ['Check A failed.', 'Check B failed.']
      })
    )
    const newest = '1152921505698000001'
    clock += 1000
    const listed = (await list(s)).find((x) => x.id.endsWith(`/${newest}`))
    // The list shows the documented fields only.
    expect(listed).toEqual(expect.objectContaining({ status: 'completed', result: 'failed' }))
    expect(listed).not.toHaveProperty('errors')
    const one = await get(s, `${PI}/submission/${PRODUCT}/${newest}?${PIV}`)
    expect(one.status).toBe(200)
    expect(one.json).toMatchObject({ target: { targetType: 'preview' }, status: 'completed', result: 'failed' })
    expect(one.json.errors).toEqual([
      {
        resourceId: `submission/${PRODUCT}/${newest}`,
        code: 'internalServerError',
        message: 'Operation failed',
        details: [
          {
            code: 'invalidState',
            message: 'Certification',
            details: [
              { code: 'invalidState', message: 'Issues found during Certification.' },
              { code: 'invalidState', message: 'Check A failed.' },
              { code: 'invalidState', message: 'Check B failed.' }
            ]
          }
        ]
      }
    ])
    // The failed preview is the latest: neither it nor an older one can be pushed.
    expect((await push(s, newest)).status).toBe(400)
    expect((await push(s, '1152921505697139456')).json.error.message).toBe(
      'The submission cannot be pushed to as its not the latest'
    )
  })

  it('completes preview entries seeded running, from when the products were set', async () => {
    const s = await start()
    clock += 5000
    const seeded = (id: string, status: string) => ({
      $schema: 'https://schema.mp.microsoft.com/schema/submission/2022-03-01-preview2',
      id: `submission/${PRODUCT}/${id}`,
      product: `product/${PRODUCT}`,
      target: { targetType: 'preview' },
      status,
      result: status === 'completed' ? 'succeeded' : 'pending',
      created: '2025-03-01T11:00:00.000Z'
    })
    s.set({
      products: [
        {
          productId: PRODUCT,
          previewReadyAfterMs: 2000,
          submissions: [seeded('7', 'notStarted'), seeded('3', 'completed')]
        }
      ]
    })
    expect((await list(s)).map((x) => `${x.id.split('/').pop()}:${x.status}/${x.result}`)).toEqual([
      '7:running/pending',
      '3:completed/succeeded'
    ])
    clock += 2000
    expect((await list(s))[0]).toMatchObject({ status: 'completed', result: 'succeeded' })
    expect((await get(s, `${PI}/submission/${PRODUCT}/7?${PIV}`)).json).not.toHaveProperty('errors')
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

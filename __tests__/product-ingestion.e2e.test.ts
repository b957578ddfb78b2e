/**
 * End to end, Product Ingestion API: submit the newest succeeded preview to live, follow the
 * configure job, then the live submission it creates; with every auth form, joins and cancel.
 * run() in process on a fake clock shared with the simulator.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import {
  failureOf,
  summaryHeading,
  useSimulators,
  visibleLog,
  workflowCommands,
  type Sim
} from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ jobMs: 1000, liveMs: 1500 }, { clock })

const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
const NEWEST_PREVIEW = `submission/${PRODUCT}/1152921505697139456`
const TENANT = '00000000-0000-0000-0000-000000000001'
const CLIENT = '11111111-1111-1111-1111-111111111111'

/** A product holding just these submissions (number, target, status, result, created). */
const productWith = (...submissions: [number, string, string, string, string][]) => ({
  products: [
    {
      productId: PRODUCT,
      submissions: submissions.map(([n, targetType, status, result, created]) => ({
        id: `submission/${PRODUCT}/${n}`,
        product: `product/${PRODUCT}`,
        target: { targetType },
        status,
        result,
        created
      }))
    }
  ]
})

const inputs = (sim: Sim, extra: Record<string, string> = {}): Record<string, string> => ({
  api: 'product-ingestion',
  'product-id': PRODUCT,
  token: 'sim-token',
  'base-url': `${sim.url}/rp/product-ingestion`,
  timeout: '20s',
  'poll-interval': '1s',
  ...extra
})

const piRequests = (sim: Sim) => sim.requests.filter((r) => r.path.startsWith('/rp/product-ingestion/'))
const configurePosts = (sim: Sim) =>
  sim.requests.filter((r) => r.method === 'POST' && r.path === '/rp/product-ingestion/configure')

describe('go live through the Product Ingestion API', () => {
  it('submits the newest succeeded preview, follows the job and the live submission to success', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    const [configure] = configurePosts(sim)
    expect(JSON.parse(configure.body)).toEqual({
      $schema: 'https://schema.mp.microsoft.com/schema/configure/2022-03-01-preview2',
      resources: [
        {
          $schema: 'https://schema.mp.microsoft.com/schema/submission/2022-03-01-preview2',
          id: NEWEST_PREVIEW,
          product: `product/${PRODUCT}`,
          target: { targetType: 'live' }
        }
      ]
    })
    expect(configurePosts(sim)).toHaveLength(1)
    for (const r of piRequests(sim)) expect(r.query.$version).toBe('2022-03-01-preview2')
    const [job] = sim.jobs
    const base = `${sim.url}/rp/product-ingestion`
    // The job's location carries what it pushed; once the job succeeds the live entry of it is followed.
    const jobLocation = `${base}/configure/${job.jobId}/status?$version=2022-03-01-preview2#live=${NEWEST_PREVIEW}`
    const liveLocation = `${base}/submission/${PRODUCT}/1152921505697139456?$version=2022-03-01-preview2`
    expect(run.outputs['operation-location']).toBe(liveLocation)
    expect(run.outputs['operation-id']).toBe('1152921505697139456')
    // Succeeded means the live entry of the pushed submission finished, not merely that the job was accepted.
    const live = JSON.parse(run.outputs.operation)
    expect(live).toMatchObject({ id: NEWEST_PREVIEW, target: { targetType: 'live' }, status: 'completed' })
    expect(live.result).toBe('succeeded')
    expect(job.liveSubmissionIds).toEqual([NEWEST_PREVIEW])
    expect(run.outputs['operation-status']).toBe('completed')
    const log = visibleLog(run.stdout)
    expect(log).toContain(`Submitted preview ${NEWEST_PREVIEW}`)
    expect(log).toContain(`Operation: ${jobLocation}`)
    expect(log).toContain('following the live entry of submission 1152921505697139456')
    // The new location is said once: as the operation followed from now on.
    expect(log.split(liveLocation)).toHaveLength(2)
    expect(log).toContain(`Operation: ${liveLocation}`)
    // Nothing of ours reaches the API: no fragment, no marker, only $version.
    for (const r of piRequests(sim)) expect(Object.keys(r.query)).toEqual(['$version'])
    expect(summaryHeading(run.summary)).toBe(`✅ product ${PRODUCT} is live`)
    expect(run.summary).toContain('Live submission')
  })

  it('accepts the product/ prefix on product-id', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'product-id': `product/${PRODUCT}` }) })
    expect(run.code).toBe(0)
    // The bare GUID in every path: the product (its alias), then its submissions.
    expect(piRequests(sim)[0].path).toBe(`/rp/product-ingestion/product/${PRODUCT}`)
    expect(piRequests(sim)[1].path).toBe(`/rp/product-ingestion/submission/${PRODUCT}`)
  })

  it('works with client credentials, asking for the Graph scope', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: inputs(sim, {
        token: '',
        'tenant-id': TENANT,
        'client-id': CLIENT,
        'client-secret': 'sim-secret',
        'authority-host': sim.url
      })
    })
    expect(run.code).toBe(0)
    const form = new URLSearchParams(sim.requests.find((r) => r.path.endsWith('/oauth2/v2.0/token'))!.body)
    expect(form.get('scope')).toBe('https://graph.microsoft.com/.default')
  })

  it('works with GitHub OIDC', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: inputs(sim, { token: '', 'tenant-id': TENANT, 'client-id': CLIENT, 'authority-host': sim.url }),
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: sim.oidcRequestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-request-token' }
    })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(sim.count({ path: '/_github/oidc/token' })).toBe(1)
  })

  it('reports a failed configure job with its errors', async () => {
    const sim = await simulator({ jobResult: 'failed' })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    // The nested details carry the line a person needs.
    expect(failureOf(run.stdout)).toMatch(
      /failed at step Configure job [0-9a-f-]+ after .*: internalServerError: Operation failed > invalidState: Certification > invalidState: Issues found during Certification/
    )
    expect(run.summary).toMatch(/Configure job .*completed \/ failed/)
    expect(run.summary).toContain('Issues found during Certification')
    expect(visibleLog(run.stdout)).toContain('Issues found during Certification')
  })

  it('reports a live submission that completes with result failed', async () => {
    const sim = await simulator({ liveResult: 'failed' })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(failureOf(run.stdout)).toMatch(/completed with result 'failed'/)
  })

  it('fails before any POST when no preview submission succeeded', async () => {
    const sim = await simulator(productWith([1, 'preview', 'completed', 'failed', '2024-01-01T00:00:00Z']))
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /No preview submission .* has completed successfully.*publish the offer to preview first/
    )
    expect(sim.count({ method: 'POST' })).toBe(0)
  })

  it('joins a live submission already running instead of submitting again', async () => {
    const sim = await simulator({ preexistingLiveRunning: true, liveMs: 2500 })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(configurePosts(sim)).toHaveLength(0)
    expect(visibleLog(run.stdout)).toContain('Joined the live submission already running')
    expect(run.outputs['operation-location']).toMatch(
      /\/rp\/product-ingestion\/submission\/[0-9a-f-]{36}\/[^/?]+\?\$version=/
    )
  })

  it('resumes from the job status URL given as operation-location', async () => {
    const sim = await simulator({ jobMs: 800, liveMs: 2500 })
    const first = await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    expect(first.outputs.result).toBe('started')
    const second = await runAction({
      inputs: inputs(sim, { 'operation-location': first.outputs['operation-location'] })
    })
    expect(second.code).toBe(0)
    expect(second.outputs.result).toBe('succeeded')
    expect(configurePosts(sim)).toHaveLength(1)
  })
})

describe('operation control with the Product Ingestion API', () => {
  it('cancels the configure job on timeout', async () => {
    const sim = await simulator({ jobMs: 60_000 })
    const run = await runAction({ inputs: inputs(sim, { timeout: '2s', 'on-timeout': 'cancel' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('canceled')
    const [job] = sim.jobs
    expect(sim.count({ method: 'POST', path: `/rp/product-ingestion/configure/${job.jobId}/cancel` })).toBe(1)
    expect(job.jobResult).toBe('cancelled')
  })

  it('says plainly when the live submission can no longer be cancelled', async () => {
    const sim = await simulator({ jobMs: 400, liveMs: 60_000 })
    const run = await runAction({ inputs: inputs(sim, { timeout: '3s', 'on-timeout': 'cancel' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('timed-out')
    expect(failureOf(run.stdout)).toMatch(/can no longer be cancelled through the API/)
    expect(sim.count({ method: 'POST', path: /\/cancel$/ })).toBe(0)
  })

  it('dry run: ready with a succeeded preview and nothing running', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('ready')
    expect(sim.count({ method: 'POST' })).toBe(0)
  })

  it('dry run: ready while a live submission runs, since a go-live now would join it', async () => {
    const sim = await simulator({ preexistingLiveRunning: true, liveMs: 60_000 })
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('ready')
    expect(visibleLog(run.stdout)).toMatch(/a live submission .* is already running .*: a go-live now would join it/)
    expect(sim.count({ method: 'POST' })).toBe(0)
  })

  it('dry run: not-ready without a succeeded preview', async () => {
    const sim = await simulator(productWith([1, 'preview', 'running', 'pending', '2024-01-01T00:00:00Z']))
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('not-ready')
    // Where the preview is: being published (in validation and certification), said as configure would refuse it.
    expect(failureOf(run.stdout)).toContain(`preview submission submission/${PRODUCT}/1 is being published`)
  })
})

describe('Product Ingestion edge cases', () => {
  it('logs submission fields from the API without letting them issue workflow commands', async () => {
    const sim = await simulator(
      productWith([
        7,
        'preview',
        'completed',
        'succeeded',
        '2023-06-12 ##[error]legacy\n::set-output name=result::pwned\n::error::modern'
      ])
    )
    const run = await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    expect(run.stdout).toContain('::error::modern')
    const commands = workflowCommands(run.stdout).map((c) => c.name)
    expect(commands).not.toContain('error')
    expect(commands).not.toContain('set-output')
  })

  // The configure answer is lost after the job was created; the retry comes 1 s later (the backoff's floor).
  it('joins the live submission when configure, retried after the job ended, says one is in progress', async () => {
    const sim = await simulator({ jobMs: 800, liveMs: 4000 })
    sim.fault({ method: 'POST', path: '/configure', reset: true, handleFirst: true })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(sim.jobs).toHaveLength(1)
    expect(configurePosts(sim)).toHaveLength(2)
    expect(visibleLog(run.stdout)).toContain('Joined the live submission already running')
  })

  it('follows the live submission to come when configure, retried while the job runs, says one is in progress', async () => {
    const sim = await simulator({ jobMs: 5000, liveMs: 4000 })
    sim.fault({ method: 'POST', path: '/configure', reset: true, handleFirst: true })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(sim.jobs).toHaveLength(1)
    expect(configurePosts(sim)).toHaveLength(2)
    expect(visibleLog(run.stdout)).toContain('following the live submission that submission creates')
  })

  it('follows the live submission this job created, not a recent one that failed before it', async () => {
    const recent = new Date(clock().now() - 60_000).toISOString()
    const sim = await simulator(
      productWith(
        [1, 'preview', 'completed', 'succeeded', '2024-01-01T00:00:00Z'],
        [2, 'live', 'completed', 'failed', recent]
      )
    )
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(JSON.parse(run.outputs.operation).id).not.toBe(`submission/${PRODUCT}/2`)
  })

  it('names operation-location when it is not a Product Ingestion operation, before any request', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'operation-location': '/api/operations/x' }) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toContain("Input 'operation-location' is not usable")
    expect(sim.requests).toHaveLength(0)
  })
})

describe('following a submission someone else started', () => {
  it('resuming the list form never takes a live submission completed before the join', async () => {
    const sim = await simulator()
    const since = new Date(clock().now()).toISOString()
    const run = await runAction({
      inputs: inputs(sim, { timeout: '3s', 'operation-location': `/submission/${PRODUCT}?since=${since}` })
    })
    expect(run.outputs.result).toBe('timed-out')
    expect(run.outputs['operation-location']).toContain(`since=${encodeURIComponent(since)}`)
  })

  it('a run that joined, resumed later by another, reports how the new live submission ended', async () => {
    const sim = await simulator({ jobMs: 1500, liveMs: 1500, liveResult: 'failed' })
    const first = await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    expect(first.outputs.result).toBe('started')
    const joined = await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    expect(joined.outputs['operation-location']).toMatch(/\/submission\/[0-9a-f-]+\?\$version=[^&#]+#since=/)
    const resumed = await runAction({
      inputs: inputs(sim, { 'operation-location': joined.outputs['operation-location'] })
    })
    expect(resumed.outputs.result).toBe('failed')
    expect(sim.jobs).toHaveLength(1)
  })

  it('follows the live submission when the configure answer carries no job (a gateway page)', async () => {
    const sim = await simulator({ jobMs: 500, liveMs: 1500 })
    sim.fault({ method: 'POST', path: '/configure', status: 202, body: '<html>Accepted</html>', handleFirst: true })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(sim.jobs).toHaveLength(1)
  })

  it('names operation-location when it has a malformed %-escape', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'operation-location': '/configure/%E0%A4%A/status' }) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toContain("Input 'operation-location' is not usable")
    expect(sim.requests).toHaveLength(0)
  })
})

describe('a submission is identified by ID and target', () => {
  it('reports a preview that is already the live submission as live, pushing nothing and waiting for nothing', async () => {
    const sim = await simulator(
      productWith(
        [5, 'preview', 'completed', 'succeeded', '2024-03-01T00:00:00Z'],
        [5, 'live', 'completed', 'succeeded', '2024-03-01T00:00:00Z'],
        [4, 'preview', 'completed', 'succeeded', '2024-02-01T00:00:00Z']
      )
    )
    const run = await runAction({ inputs: inputs(sim, { timeout: '10m', 'poll-interval': '5m' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(configurePosts(sim)).toHaveLength(0)
    expect(run.durationMs).toBeLessThan(5000)
    expect(JSON.parse(run.outputs.operation)).toMatchObject({
      id: `submission/${PRODUCT}/5`,
      target: { targetType: 'live' }
    })
    expect(visibleLog(run.stdout)).toContain(
      `Preview submission submission/${PRODUCT}/5 is already the live submission`
    )
    expect(run.summary).toContain('Already live')
  })

  it('dry run: ready when the newest preview is already live, saying a go-live would push nothing', async () => {
    const sim = await simulator(
      productWith(
        [5, 'live', 'completed', 'succeeded', '2024-03-01T00:00:00Z'],
        [5, 'preview', 'completed', 'succeeded', '2024-03-01T00:00:00Z']
      )
    )
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.outputs.result).toBe('ready')
    expect(visibleLog(run.stdout)).toMatch(/already live: a go-live now would push nothing/)
  })

  it('joins the running live entry of the pushed preview and succeeds only when that entry completes', async () => {
    const sim = await simulator({ preexistingLiveRunning: true, liveMs: 2500 })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.outputs.result).toBe('succeeded')
    expect(configurePosts(sim)).toHaveLength(0)
    // The preview entry of the same ID said completed/succeeded all along; only the live entry counts.
    const listReads = piRequests(sim).filter((r) => r.path === `/rp/product-ingestion/submission/${PRODUCT}`)
    expect(listReads.length).toBeGreaterThanOrEqual(3)
    expect(run.durationMs).toBeGreaterThanOrEqual(2000)
    expect(run.outputs['operation-location']).toMatch(/\/submission\/[0-9a-f-]{36}\/1152921505697139456\?\$version=/)
  })

  it('never takes the still-succeeded preview entry of X for the live go-live of X', async () => {
    const sim = await simulator({ jobMs: 400, liveMs: 60_000 })
    const run = await runAction({ inputs: inputs(sim, { timeout: '3s', 'on-timeout': 'warn' }) })
    expect(run.outputs.result).toBe('timed-out')
    expect(run.outputs['operation-status']).toBe('running')
    expect(JSON.parse(run.outputs.operation)).toMatchObject({ target: { targetType: 'live' }, status: 'running' })
  })
})

describe('paged lists, spellings and versions', () => {
  it.each(['absolute', 'path', 'relative', 'query'] as const)(
    'follows @nextLink (%s) to the last page and finds the newest preview there',
    async (piNextLink) => {
      const sim = await simulator({ piPageSize: 1, piNextLink, piListOrder: 'reversed' })
      const run = await runAction({ inputs: inputs(sim) })
      expect(run.code).toBe(0)
      expect(JSON.parse(configurePosts(sim)[0].body).resources[0].id).toBe(NEWEST_PREVIEW)
      const pages = piRequests(sim).filter((r) => r.query.continuationToken !== undefined)
      expect(pages.length).toBeGreaterThanOrEqual(3)
      for (const r of piRequests(sim)) {
        expect(r.path.startsWith('/rp/product-ingestion/')).toBe(true)
        for (const key of Object.keys(r.query)) expect(['$version', 'continuationToken']).toContain(key)
      }
    }
  )

  it('refuses a @nextLink on another origin and never sends the token there', async () => {
    const other = await simulator()
    const sim = await simulator(productWith([1, 'preview', 'completed', 'succeeded', '2024-01-01T00:00:00Z']))
    sim.fault({
      method: 'GET',
      path: `/submission/${PRODUCT}`,
      status: 200,
      body: { value: [], '@nextLink': `${other.url}/rp/product-ingestion/submission/${PRODUCT}?$version=x` }
    })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/is not on the API origin/)
    expect(other.requests).toHaveLength(0)
  })

  it('reads a job named jobID and shows its failure instead of timing out', async () => {
    const sim = await simulator({ piJobIdKey: 'jobID', jobResult: 'failed' })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.outputs.result).toBe('failed')
    expect(failureOf(run.stdout)).toContain('Issues found during Certification')
  })

  it('works with $version 2022-07-01, keeping the preview2 submission schema', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'api-version': '2022-07-01' }) })
    expect(run.code).toBe(0)
    const body = JSON.parse(configurePosts(sim)[0].body)
    expect(body.$schema).toBe('https://schema.mp.microsoft.com/schema/configure/2022-07-01')
    expect(body.resources[0].$schema).toBe('https://schema.mp.microsoft.com/schema/submission/2022-03-01-preview2')
    for (const r of piRequests(sim)) expect(r.query.$version).toBe('2022-07-01')
  })

  it('shows a retired version\'s "deprecated schema" 400 as is, and how to set api-version', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'api-version': '2022-03-01-preview3' }) })
    expect(run.code).toBe(1)
    const failure = failureOf(run.stdout)
    expect(failure).toContain('answered 400: badRequest "2022-03-01-preview3 is a deprecated schema"')
    expect(failure).toMatch(/Set the 'api-version' input to a version the API accepts \(for example 2022-07-01\)/)
    expect(sim.count({ method: 'POST' })).toBe(0)
  })

  it('shows the nested details of a configure error', async () => {
    const sim = await simulator()
    sim.fault({
      method: 'POST',
      path: '/configure',
      status: 400,
      body: {
        error: {
          code: 'badRequest',
          message: 'Invalid configuration: schema validation failed',
          details: [{ code: 'schemaValidationError', message: 'Property target.targetType has an invalid value.' }]
        }
      }
    })
    const run = await runAction({ inputs: inputs(sim) })
    expect(failureOf(run.stdout)).toContain(
      'schema validation failed (details: schemaValidationError: Property target.targetType has an invalid value)'
    )
  })
})

describe('resuming what the location says', () => {
  it('resumes a job location after the job ended and continues with the live entry it pushed', async () => {
    const sim = await simulator({ jobMs: 400, liveMs: 2500 })
    const first = await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    expect(first.outputs['operation-location']).toContain(`#live=${NEWEST_PREVIEW}`)
    clock().advance(600)
    const second = await runAction({
      inputs: inputs(sim, { 'operation-location': first.outputs['operation-location'] })
    })
    expect(second.outputs.result).toBe('succeeded')
    expect(second.outputs['operation-location']).toMatch(/\/submission\/[0-9a-f-]{36}\/1152921505697139456\?/)
    expect(visibleLog(second.stdout)).toContain(`Operation: ${second.outputs['operation-location']}`)
    expect(configurePosts(sim)).toHaveLength(1)
  })

  it('resumes a bare job location by reading what the job pushed', async () => {
    const sim = await simulator({ jobMs: 400, liveMs: 1500 })
    const first = await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    const bare = first.outputs['operation-location'].split('#')[0]
    const second = await runAction({ inputs: inputs(sim, { 'operation-location': bare }) })
    expect(second.outputs.result).toBe('succeeded')
    expect(JSON.parse(second.outputs.operation)).toMatchObject({ id: NEWEST_PREVIEW, target: { targetType: 'live' } })
    expect(sim.count({ method: 'GET', path: `/configure/${sim.jobs[0].jobId}` })).toBeGreaterThanOrEqual(1)
  })

  it.each([
    [`/submission/00000000-0000-0000-0000-000000000009/5`],
    [`/configure/abc/status#live=submission/00000000-0000-0000-0000-000000000009/5`]
  ])('refuses a location of another product (%s), naming both, before any request', async (location) => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'operation-location': location }) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toContain(
      `Input 'operation-location' names product 00000000-0000-0000-0000-000000000009, but 'product-id' names product ${PRODUCT}`
    )
    expect(sim.requests).toHaveLength(0)
  })

  it('says an unknown job was not found, and does not suggest resuming with it', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: inputs(sim, { 'operation-location': '/configure/0b7a0a35-0000-4000-8000-000000000000/status' })
    })
    expect(run.code).toBe(1)
    const failure = failureOf(run.stdout)
    expect(failure).toMatch(/answered 404.*The operation .* was not found by the API/)
    expect(failure).not.toMatch(/resum|follow it later/i)
  })
})

/**
 * End to end, Product Ingestion API: submit the newest succeeded preview to live, follow the
 * configure job, then the live submission it creates; with every auth form, joins and cancel.
 */
import { describe, expect, it } from '@jest/globals'
import { failureOf, useSimulators, type Sim } from '../__fixtures__/simulators.js'
import { runAction, visibleLog, workflowCommands } from '../sim/runner.js'

const simulator = useSimulators({ jobMs: 1000, liveMs: 1500 })

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
    expect(run.outputs['operation-id']).toBe(job.jobId)
    expect(run.outputs['operation-location']).toBe(
      `${sim.url}/rp/product-ingestion/configure/${job.jobId}/status?$version=2022-03-01-preview2`
    )
    // Succeeded means the live submission finished, not merely that the job was accepted.
    const live = JSON.parse(run.outputs.operation)
    expect(live.target.targetType).toBe('live')
    expect(live).toMatchObject({ status: 'completed', result: 'succeeded' })
    expect(job.liveSubmissionIds).toContain(live.id)
    expect(run.outputs['operation-status']).toBe('completed')
    const log = visibleLog(run.stdout)
    expect(log).toContain(`Submitted preview ${NEWEST_PREVIEW}`)
    expect(log).toMatch(/Following live submission submission\//)
    expect(run.summary).toContain(`Marketplace go-live: product ${PRODUCT}`)
    expect(run.summary).toContain('Live submission')
  })

  it('accepts the product/ prefix on product-id', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'product-id': `product/${PRODUCT}` }) })
    expect(run.code).toBe(0)
    expect(piRequests(sim)[0].path).toBe(`/rp/product-ingestion/submission/${PRODUCT}`)
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
    expect(failureOf(run.stdout)).toMatch(/failed after .*\(status 'completed'\): invalidResource [A-Z]/)
    expect(run.summary).toMatch(/Configure job .*completed \/ failed/)
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

  it('dry run: not-ready while a live submission runs', async () => {
    const sim = await simulator({ preexistingLiveRunning: true, liveMs: 60_000 })
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('not-ready')
    expect(failureOf(run.stdout)).toMatch(/a live submission .* is already running/)
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

  it('joins when configure says a submission is in progress (its first answer was lost)', async () => {
    // The live submission runs long enough that the retried configure always meets it in progress.
    const sim = await simulator({ jobMs: 800, liveMs: 4000 })
    sim.fault({ method: 'POST', path: '/configure', reset: true, handleFirst: true })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(sim.jobs).toHaveLength(1)
    expect(configurePosts(sim)).toHaveLength(2)
    // Whether the retry met the job still pending or its live submission already running, it joined.
    expect(visibleLog(run.stdout)).toMatch(
      /following the live submission that submission creates|Joined the live submission already running/
    )
  })

  it('follows the live submission this job created, not a recent one that failed before it', async () => {
    const recent = new Date(Date.now() - 60_000).toISOString()
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
    const since = new Date().toISOString()
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
    expect(joined.outputs['operation-location']).toMatch(/\/submission\/[0-9a-f-]+\?\$version=[^&]+&since=/)
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

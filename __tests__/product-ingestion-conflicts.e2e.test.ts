/**
 * End to end, Product Ingestion conflicts told apart: configure's 409 is a go-live to join only
 * when the submission list shows a `live` entry running. A preview being published, or a preview
 * that is not the latest, is a refusal said with the API's own words and what the list shows; a
 * list whose newest submission is already live is "already live", with nothing pushed.
 * run() in process on a fake clock shared with the simulator.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import { failureOf, summaryHeading, useSimulators, visibleLog, type Sim } from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ jobMs: 1000, liveMs: 1500 }, { clock })

const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
const DAY = 24 * 3_600_000

type Entry = [n: number, targetType: string, status: string, result: string, created: string]

/** A product holding just these submissions, and the product knobs given (a preview in progress). */
const productWith = (entries: Entry[], knobs: Record<string, unknown> = {}) => ({
  products: [
    {
      productId: PRODUCT,
      ...knobs,
      submissions: entries.map(([n, targetType, status, result, created]) => ({
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
  timeout: '30s',
  'poll-interval': '1s',
  ...extra
})

const configurePosts = (sim: Sim) =>
  sim.requests.filter((r) => r.method === 'POST' && r.path === '/rp/product-ingestion/configure')

/** Live 1, preview 2 succeeded; a preview 3 in validation and certification for a week. */
const previewBeingPublished = () =>
  productWith(
    [
      [1, 'live', 'completed', 'succeeded', '2023-02-03T00:00:00Z'],
      [2, 'preview', 'completed', 'succeeded', '2023-06-12T00:00:00Z']
    ],
    { previewReadyAfterMs: 7 * DAY }
  )

/** Preview 5 succeeded, then preview 6, the latest, failed. */
const latestPreviewFailed = () =>
  productWith([
    [5, 'preview', 'completed', 'succeeded', '2024-01-01T00:00:00Z'],
    [6, 'preview', 'completed', 'failed', '2024-02-01T00:00:00Z']
  ])

describe('configure answers 409 while no live submission runs', () => {
  it('is a refusal when a preview is being published: the API words and what is in progress, no wait', async () => {
    const sim = await simulator(previewBeingPublished())
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(configurePosts(sim)).toHaveLength(1)
    const failure = failureOf(run.stdout)
    expect(failure).toContain('An In Progress submission already exists')
    expect(failure).toContain(`preview submission submission/${PRODUCT}/3 is being published`)
    expect(failure).toMatch(/no live submission is running/i)
    // Nothing is joined: no live submission will come of it.
    expect(visibleLog(run.stdout)).not.toContain('following the live submission that submission creates')
    expect(run.outputs['operation-location']).toBeUndefined()
    expect(run.durationMs).toBeLessThan(5000)
    expect(summaryHeading(run.summary)).toMatch(/failed to start/)
    expect(run.summary).toContain('is being published')
  })

  it('is a refusal when the preview pushed is not the latest, naming the latest preview', async () => {
    const sim = await simulator(latestPreviewFailed())
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(configurePosts(sim)).toHaveLength(1)
    const failure = failureOf(run.stdout)
    expect(failure).toContain('The submission cannot be pushed to as its not the latest')
    expect(failure).toContain(`The latest preview submission is submission/${PRODUCT}/6 (completed / failed`)
    expect(failure).toMatch(/publish to preview again/)
    expect(run.durationMs).toBeLessThan(5000)
  })

  it('still follows the live submission to come when nothing else is in progress (its own lost answer)', async () => {
    const sim = await simulator({ jobMs: 5000, liveMs: 4000 })
    sim.fault({ method: 'POST', path: '/configure', reset: true, handleFirst: true })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(sim.jobs).toHaveLength(1)
  })
})

describe('a newest submission that is already live', () => {
  it('with no preview entry of its own, is already live: nothing pushed', async () => {
    const sim = await simulator(productWith([[5, 'live', 'completed', 'succeeded', '2024-03-01T00:00:00Z']]))
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(configurePosts(sim)).toHaveLength(0)
    expect(JSON.parse(run.outputs.operation)).toMatchObject({ id: `submission/${PRODUCT}/5` })
    expect(visibleLog(run.stdout)).toContain(`Submission submission/${PRODUCT}/5 is already live`)
    expect(run.summary).toContain('Already live')
  })

  it('newer than the newest succeeded preview, is already live: the older preview is not pushed', async () => {
    const sim = await simulator(
      productWith([
        [6, 'live', 'completed', 'succeeded', '2024-03-01T00:00:00Z'],
        [5, 'preview', 'completed', 'succeeded', '2024-01-01T00:00:00Z']
      ])
    )
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(configurePosts(sim)).toHaveLength(0)
    expect(JSON.parse(run.outputs.operation)).toMatchObject({
      id: `submission/${PRODUCT}/6`,
      target: { targetType: 'live' }
    })
  })
})

describe('the dry run says the same', () => {
  it('not-ready while a preview is being published, saying so', async () => {
    const sim = await simulator(previewBeingPublished())
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('not-ready')
    expect(failureOf(run.stdout)).toContain(`preview submission submission/${PRODUCT}/3 is being published`)
    expect(sim.count({ method: 'POST' })).toBe(0)
  })

  it('not-ready when the latest preview failed, naming it', async () => {
    const sim = await simulator(latestPreviewFailed())
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('not-ready')
    expect(failureOf(run.stdout)).toContain(
      `the latest preview submission submission/${PRODUCT}/6 is completed / failed`
    )
  })

  it('ready when only a live entry is listed: a go-live would push nothing', async () => {
    const sim = await simulator(productWith([[5, 'live', 'completed', 'succeeded', '2024-03-01T00:00:00Z']]))
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('ready')
    expect(visibleLog(run.stdout)).toMatch(/already live: a go-live now would push nothing/)
  })
})

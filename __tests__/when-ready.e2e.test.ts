/**
 * End to end, `when-ready`: go live the moment the preview is ready, in the run or across runs.
 * A release run behind an approved environment queues the go-live; follow runs start it once the
 * preview is ready (never before, never twice, never for a record no person approved) and finish
 * it. run() in process against the simulator, on a fake clock of simulated days.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import {
  cppInputs,
  failureOf,
  useSimulators,
  visibleLog,
  workflowCommands,
  type Sim,
  githubEnv,
  SHA,
  followInputs
} from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({}, { clock })

const RUN_ID = 7000000042
const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
const HOUR = 3600_000
const DAY = 24 * HOUR

const offer = (extra: Record<string, unknown>) => [
  { publisherId: 'contoso', offerId: 'contoso-offer', migrated: true, ...extra }
]

/** The release run, approved in its environment (required reviewers) unless told otherwise. */
async function approvedRun(sim: Sim, state: 'approved' | 'rejected' = 'approved') {
  sim.github.addRun({ id: RUN_ID, headSha: SHA, approvals: [{ environment: 'marketplace', state }] })
}

const release = (sim: Sim, extra: Record<string, string> = {}) =>
  runAction({
    inputs: cppInputs(sim, {
      'when-ready': 'true',
      'github-deployment': 'true',
      'github-token': 'gh-token',
      timeout: '5m',
      'poll-interval': '60s',
      ...extra
    }),
    env: githubEnv(sim, RUN_ID)
  })

const follow = (sim: Sim, extra: Record<string, string> = {}) =>
  runAction({
    inputs: followInputs(sim, extra),
    env: githubEnv(sim, 9000000001)
  })

const goLivePosts = (sim: Sim) => sim.count({ method: 'POST', path: /\/golive$/ })
const states = (sim: Sim, index = 0) => sim.github.deployments[index].statuses.map((s) => s.state)
const lastStatus = (sim: Sim, index = 0) => sim.github.deployments[index].statuses.at(-1)
const wait = (ms: number): void => clock().advance(ms)
const followed = (run: { outputs: Record<string, string> }) => JSON.parse(run.outputs.followed)

describe('CPP: across runs', () => {
  it('pending → queued → ready → live: Go Live only once the preview is ready, by a follow run', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: 3 * DAY }), operationMs: DAY })
    await approvedRun(sim)
    const queued = await release(sim)
    expect(queued.code).toBe(0)
    expect(queued.outputs.result).toBe('queued')
    expect(goLivePosts(sim)).toBe(0)
    expect(states(sim)).toEqual(['queued'])
    expect(workflowCommands(queued.stdout).some((c) => c.name === 'notice' && /queued/.test(c.data))).toBe(true)
    expect(failureOf(queued.stdout)).toBe('')

    wait(DAY)
    const pending = await follow(sim)
    expect(pending.code).toBe(0)
    expect(pending.outputs.result).toBe('running')
    expect(followed(pending)[0]).toMatchObject({ result: 'queued', 'operation-location': '' })
    expect(states(sim)).toEqual(['queued'])
    expect(goLivePosts(sim)).toBe(0)

    wait(2 * DAY)
    const started = await follow(sim)
    expect(started.code).toBe(0)
    expect(goLivePosts(sim)).toBe(1)
    expect(followed(started)[0].result).toBe('running')
    expect(followed(started)[0]['operation-location']).toContain('/operations/')
    expect(lastStatus(sim)?.state).toBe('in_progress')
    expect(lastStatus(sim)?.description).toMatch(/ · op cpp:/)

    wait(DAY + HOUR)
    const live = await follow(sim)
    expect(live.outputs.result).toBe('succeeded')
    expect(lastStatus(sim)?.state).toBe('success')
    expect(goLivePosts(sim)).toBe(1)
  })

  it('pending → failed certification: the record says why, the follow run fails naming the check', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: 2 * HOUR, previewResult: 'failed' }) })
    await approvedRun(sim)
    expect((await release(sim)).outputs.result).toBe('queued')
    wait(3 * HOUR)
    const run = await follow(sim)
    expect(run.code).toBe(1)
    expect(goLivePosts(sim)).toBe(0)
    expect(lastStatus(sim)?.state).toBe('failure')
    expect(lastStatus(sim)?.description).toMatch(/preview failed/)
    expect(followed(run)[0].result).toBe('failed')
  })

  it('two follow runs at once start one go-live', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: HOUR }), operationMs: DAY })
    await approvedRun(sim)
    await release(sim)
    wait(2 * HOUR)
    const [a, b] = await Promise.all([follow(sim), follow(sim)])
    expect(goLivePosts(sim)).toBe(1)
    expect([followed(a)[0].result, followed(b)[0].result]).toEqual(['running', 'running'])
  })

  it('a queued record no person approved is reported and never started', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: HOUR }) })
    // A branch workflow's token can plant a record that looks queued.
    const planted = sim.github.plant({
      ref: SHA,
      environment: 'marketplace-contoso-offer',
      payload: {
        'marketplace-go-live': 1,
        api: 'cpp',
        publisherId: 'contoso',
        offerId: 'contoso-offer',
        startedAt: new Date(clock().now()).toISOString(),
        runId: String(RUN_ID)
      },
      statuses: ['queued']
    })
    sim.github.addRun({ id: RUN_ID, headSha: SHA, approvals: [] })
    wait(2 * HOUR)
    const run = await follow(sim)
    expect(goLivePosts(sim)).toBe(0)
    expect(visibleLog(run.stdout)).toMatch(new RegExp(`deployment ${planted.id} is queued, but it is left alone`))
    expect(states(sim)).toEqual(['queued'])
  })

  it('a record naming a run of another commit is left alone too', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: HOUR }) })
    sim.github.addRun({
      id: RUN_ID,
      headSha: 'a'.repeat(40),
      approvals: [{ environment: 'marketplace', state: 'approved' }]
    })
    await release(sim)
    wait(2 * HOUR)
    const run = await follow(sim)
    expect(goLivePosts(sim)).toBe(0)
    expect(visibleLog(run.stdout)).toMatch(/of another commit/)
  })

  it('warns a release job that passed no approval that follow runs will not start its go-live', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: DAY }) })
    sim.github.addRun({ id: RUN_ID, headSha: SHA })
    const run = await release(sim)
    expect(run.outputs.result).toBe('queued')
    expect(
      workflowCommands(run.stdout).some((c) => c.name === 'warning' && /passed no environment approval/.test(c.data))
    ).toBe(true)
  })
})

describe('CPP: within the run', () => {
  it('waits for the preview within the timeout and goes live at the first check that finds it ready', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: 10 * 60_000 }), operationMs: 60_000 })
    const run = await runAction({
      inputs: cppInputs(sim, { 'when-ready': 'true', timeout: '1h', 'poll-interval': '60s' })
    })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    const goLive = sim.requests.find((r) => r.method === 'POST' && r.path.endsWith('/golive'))!
    expect(goLive.at - sim.requests[0].at).toBeGreaterThanOrEqual(10 * 60_000)
    expect(goLive.at - sim.requests[0].at).toBeLessThan(12 * 60_000)
    expect(visibleLog(run.stdout)).toMatch(/Preview: in validation or certification/)
  })

  it('without a deployment, a preview not ready within the timeout is a time-out; Go Live is never called', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: DAY }) })
    const run = await runAction({
      inputs: cppInputs(sim, { 'when-ready': 'true', timeout: '5m', 'poll-interval': '60s' })
    })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('timed-out')
    expect(goLivePosts(sim)).toBe(0)
    expect(failureOf(run.stdout)).toMatch(/not ready within 5m/)
  })

  it('a preview that fails certification fails the run with the check that failed', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: 5 * 60_000, previewResult: 'failed' }) })
    const run = await runAction({
      inputs: cppInputs(sim, { 'when-ready': 'true', timeout: '1h', 'poll-interval': '60s' })
    })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(goLivePosts(sim)).toBe(0)
    expect(failureOf(run.stdout)).toMatch(/Certification/)
    expect(failureOf(run.stdout)).toMatch(/Failing checks: .*description/)
  })

  it('a go-live already running is joined', async () => {
    const sim = await simulator({ preexistingOperation: true, operationMs: 60_000 })
    const run = await runAction({
      inputs: cppInputs(sim, { 'when-ready': 'true', timeout: '1h', 'poll-interval': '10s' })
    })
    expect(run.outputs.result).toBe('succeeded')
    expect(sim.operations.filter((op) => op.kind === 'golive')).toHaveLength(1)
  })

  it('a dry run says where the preview is', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: DAY }) })
    const run = await runAction({ inputs: cppInputs(sim, { 'dry-run': 'true' }) })
    expect(run.outputs.result).toBe('not-ready')
    expect(failureOf(run.stdout)).toMatch(/in validation or certification/)
  })
})

describe('Product Ingestion', () => {
  const piInputs = (sim: Sim, extra: Record<string, string> = {}) => ({
    api: 'product-ingestion',
    'product-id': PRODUCT,
    token: 'sim-token',
    'base-url': `${sim.url}/rp/product-ingestion`,
    'when-ready': 'true',
    'github-deployment': 'true',
    'github-token': 'gh-token',
    timeout: '5m',
    'poll-interval': '60s',
    ...extra
  })
  const product = (extra: Record<string, unknown>) => ({ products: [{ ...defaults(), ...extra }] })
  // The simulator's own default product (its submissions), with the preview knobs of a test.
  let defaults: () => Sim['options']['products'][number] = () => ({ productId: PRODUCT })
  const configures = (sim: Sim) => sim.count({ method: 'POST', path: /\/configure$/ })

  it('pending → queued → ready → live', async () => {
    const base = await simulator()
    defaults = () => ({ ...base.options.products[0] })
    const sim = await simulator({ ...product({ previewReadyAfterMs: 2 * DAY }), jobMs: 1000, liveMs: HOUR })
    await approvedRun(sim)
    const run = await runAction({ inputs: piInputs(sim), env: githubEnv(sim, RUN_ID) })
    expect(run.outputs.result).toBe('queued')
    expect(configures(sim)).toBe(0)
    const piFollow = () =>
      runAction({
        inputs: followInputs(sim, { api: 'product-ingestion', 'base-url': `${sim.url}/rp/product-ingestion` }),
        env: githubEnv(sim, 9000000001)
      })
    wait(DAY)
    expect(followed(await piFollow())[0].result).toBe('queued')
    expect(configures(sim)).toBe(0)
    wait(DAY + HOUR)
    const started = await piFollow()
    expect(followed(started)[0].result).toBe('running')
    expect(configures(sim)).toBe(1)
    wait(2 * HOUR)
    const live = await piFollow()
    expect(live.outputs.result).toBe('succeeded')
    expect(lastStatus(sim)?.state).toBe('success')
  })

  it('pending → failed: the run fails with the failing checks, nothing pushed', async () => {
    const base = await simulator()
    defaults = () => ({ ...base.options.products[0] })
    const sim = await simulator(
      product({
        previewReadyAfterMs: 10 * 60_000,
        previewResult: 'failed',
        previewErrors: ['Listing: the logo is missing']
      })
    )
    const run = await runAction({
      inputs: piInputs(sim, { 'github-deployment': 'false', timeout: '1h' })
    })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(configures(sim)).toBe(0)
    expect(failureOf(run.stdout)).toMatch(/the logo is missing/)
  })
})

describe('ingestion API v1.0', () => {
  const V1_PRODUCT = 'e2b5c6d7-3f41-4a8b-9c0d-1e2f3a4b5c6d'
  const SUBMITTED = '1152921505699437585'
  /** The default product, with a newer submission still in automated validation. */
  const validating = (sim: Sim, extra: Record<string, unknown> = {}) => {
    const [product] = sim.options.v1Products
    return {
      v1Products: [
        {
          ...product,
          submissions: [
            ...(product.submissions ?? []),
            { id: SUBMITTED, substate: 'Submitted' as const, releaseNumber: 7 }
          ]
        }
      ],
      v1ValidationMs: 2 * DAY,
      v1PublishMs: 3 * HOUR,
      ...extra
    }
  }
  const v1Inputs = (sim: Sim, extra: Record<string, string> = {}) => ({
    api: 'ingestion-v1',
    'product-id': V1_PRODUCT,
    'submission-id': SUBMITTED,
    token: 'sim-token',
    'base-url': `${sim.url}/v1.0/ingestion`,
    'when-ready': 'true',
    'github-deployment': 'true',
    'github-token': 'gh-token',
    timeout: '5m',
    'poll-interval': '60s',
    ...extra
  })
  const promotes = (sim: Sim) => sim.count({ method: 'POST', path: /\/promote$/ })

  it('pending → queued → ready → promoted by a follow run → in the store', async () => {
    const base = await simulator()
    const sim = await simulator(validating(base))
    await approvedRun(sim)
    const run = await runAction({ inputs: v1Inputs(sim), env: githubEnv(sim, RUN_ID) })
    expect(run.outputs.result).toBe('queued')
    expect(promotes(sim)).toBe(0)
    const v1Follow = () =>
      runAction({
        inputs: followInputs(sim, { api: 'ingestion-v1', 'base-url': `${sim.url}/v1.0/ingestion` }),
        env: githubEnv(sim, 9000000001)
      })
    wait(DAY)
    expect(followed(await v1Follow())[0].result).toBe('queued')
    expect(promotes(sim)).toBe(0)
    wait(DAY + HOUR)
    const started = await v1Follow()
    expect(followed(started)[0].result).toBe('running')
    expect(promotes(sim)).toBe(1)
    expect(lastStatus(sim)?.description).toContain(`op submission:${SUBMITTED}`)
    wait(4 * HOUR)
    const live = await v1Follow()
    expect(live.outputs.result).toBe('succeeded')
    expect(lastStatus(sim)?.state).toBe('success')
    expect(promotes(sim)).toBe(1)
  })

  it('a follow run promotes the submission the release named, not a newer one', async () => {
    const base = await simulator()
    const NEWER = '1152921505699569681'
    const [product] = base.options.v1Products
    const sim = await simulator({
      v1Products: [
        {
          ...product,
          submissions: [
            ...(product.submissions ?? []),
            { id: SUBMITTED, substate: 'Submitted' as const, releaseNumber: 7 },
            { id: NEWER, substate: 'Submitted' as const, releaseNumber: 8 }
          ]
        }
      ],
      v1ValidationMs: DAY,
      v1PublishMs: HOUR
    })
    await approvedRun(sim)
    const run = await runAction({ inputs: v1Inputs(sim), env: githubEnv(sim, RUN_ID) })
    expect(run.outputs.result).toBe('queued')
    expect(sim.github.deployments[0].payload).toMatchObject({ submissionId: SUBMITTED })
    wait(2 * DAY)
    await runAction({
      inputs: {
        api: 'ingestion-v1',
        token: 'sim-token',
        'base-url': `${sim.url}/v1.0/ingestion`,
        follow: 'true',
        'github-token': 'gh-token'
      },
      env: githubEnv(sim, 9000000001)
    })
    const promoted = sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/promote'))
    expect(promoted.map((r) => r.path)).toEqual([expect.stringContaining(`/submissions/${SUBMITTED}/promote`)])
  })

  it('pending → failed validation: the run fails with the validation messages, nothing promoted', async () => {
    const base = await simulator()
    const sim = await simulator(validating(base, { v1ValidationMs: 10 * 60_000, v1Result: 'failed-validation' }))
    const run = await runAction({ inputs: v1Inputs(sim, { 'github-deployment': 'false', timeout: '1h' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(promotes(sim)).toBe(0)
    expect(failureOf(run.stdout)).toMatch(/validation/i)
  })
})

describe('what an independent review tried', () => {
  it('a record planted after an old approved run ended, naming that run, is left alone', async () => {
    const sim = await simulator({
      offers: [
        ...offer({ readyAfterMs: HOUR }),
        { publisherId: 'contoso', offerId: 'secret-offer', migrated: true, ready: true }
      ]
    })
    sim.github.addRun({ id: RUN_ID, headSha: SHA, approvals: [{ environment: 'marketplace', state: 'approved' }] })
    wait(30 * DAY)
    const planted = sim.github.plant({
      ref: SHA,
      environment: 'marketplace-secret-offer',
      payload: {
        'marketplace-go-live': 1,
        api: 'cpp',
        publisherId: 'contoso',
        offerId: 'secret-offer',
        startedAt: new Date(clock().now()).toISOString(),
        runId: String(RUN_ID)
      },
      statuses: ['queued']
    })
    const run = await follow(sim)
    expect(goLivePosts(sim)).toBe(0)
    expect(visibleLog(run.stdout)).toMatch(
      new RegExp(`deployment ${planted.id} is queued, but it is left alone: it was not created while`)
    )
  })

  it('a failed preview of a queued go-live is explained in the follow run, with no duration', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: 2 * HOUR, previewResult: 'failed' }) })
    await approvedRun(sim)
    await release(sim)
    wait(3 * HOUR)
    const run = await follow(sim)
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /preview of offer contoso\/contoso-offer failed, so its queued go-live was not started/
    )
    expect(failureOf(run.stdout)).toMatch(/Failing checks: .*description/)
  })

  it('a claimed go-live whose Go Live failed goes back to queued, and the next follow run starts it', async () => {
    const sim = await simulator({ offers: offer({ readyAfterMs: HOUR }), operationMs: DAY })
    await approvedRun(sim)
    await release(sim)
    wait(2 * HOUR)
    sim.fault({ method: 'POST', path: /\/golive$/, status: 503, times: 5 })
    const failed = await follow(sim)
    expect(failed.code).toBe(0)
    expect(lastStatus(sim)?.state).toBe('queued')
    wait(HOUR)
    const started = await follow(sim)
    expect(followed(started)[0].result).toBe('running')
    expect(sim.operations.filter((op) => op.kind === 'golive')).toHaveLength(1)
  })
})

/**
 * End to end, the record of a go-live: a GitHub deployment that never lies, vanishes or sticks,
 * whatever happens around it (a release after an unrecorded end, a run cancelled at the worst
 * moment, two releases at once, GitHub failing or throttling, an operation the API forgot).
 * run() in process against the simulator's Marketplace and GitHub APIs, on a shared fake clock.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import {
  cppInputs,
  failureOf,
  useSimulators,
  visibleLog,
  type Sim,
  githubEnv,
  SHA,
  followInputs
} from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ operationMs: 4000 }, { clock })

const release = (sim: Sim, extra: Record<string, string> = {}) =>
  runAction({
    inputs: cppInputs(sim, { 'github-deployment': 'true', 'github-token': 'gh-token', ...extra }),
    env: githubEnv(sim)
  })

const follow = (sim: Sim, extra: Record<string, string> = {}) =>
  runAction({
    inputs: followInputs(sim, extra),
    env: githubEnv(sim)
  })

const deployments = (sim: Sim) => sim.github.deployments
const lastStatus = (sim: Sim, index = 0) => deployments(sim)[index].statuses.at(-1)
const states = (sim: Sim, index = 0) => deployments(sim)[index].statuses.map((status) => status.state)
const goLivePosts = (sim: Sim) => sim.count({ method: 'POST', path: /\/golive$/ })
const wait = (ms: number): void => clock().advance(ms)

/** Real time passing until `condition` holds (a request reached the simulator), at most 5 s. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10))
  if (!condition()) throw new Error('the condition never held')
}

describe('a release after a go-live that ended unrecorded', () => {
  it('records the old end on its own deployment and starts its own go-live', async () => {
    const sim = await simulator({ operationMs: 3000 })
    const first = await release(sim, { wait: 'false' })
    expect(first.outputs.result).toBe('started')
    wait(10_000) // the go-live ended; no follow run saw it

    const second = await release(sim)
    expect(second.code).toBe(0)
    expect(goLivePosts(sim)).toBe(2)
    expect(second.outputs['operation-location']).not.toBe(first.outputs['operation-location'])
    expect(deployments(sim)).toHaveLength(2)
    // GitHub marks the older deployment inactive once the newer succeeds: after its own success.
    expect(states(sim, 0)).toContain('success')
    expect(lastStatus(sim, 1)).toMatchObject({ state: 'success' })
    expect(second.outputs['deployment-id']).toBe(String(deployments(sim)[1].id))
  })

  it('records an old failure as a failure with its reason, never as this release’s', async () => {
    const sim = await simulator({ operationMs: 3000, finalStatus: 'failed' })
    await release(sim, { wait: 'false' })
    wait(10_000)
    sim.set({ finalStatus: 'succeeded' })
    const second = await release(sim)
    expect(second.outputs.result).toBe('succeeded')
    expect(states(sim, 0)).toContain('failure')
    expect(deployments(sim)[0].statuses.find((status) => status.state === 'failure')?.description).toMatch(
      /^Go-live failed/
    )
    expect(lastStatus(sim, 1)).toMatchObject({ state: 'success' })
  })
})

describe('a run cancelled at the wrong moment', () => {
  it('while Go Live answers: the deployment stays in flight, outcome unknown, and a follow run finds the go-live', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    sim.fault({ method: 'POST', path: /\/golive$/, handleFirst: true, hangMs: 2_000 })
    const running = release(sim)
    await until(() => sim.operations.length === 1)
    process.emit('SIGINT', 'SIGINT')
    const cancelled = await running
    expect(cancelled.outputs.result).toBeUndefined()
    expect(lastStatus(sim)).toMatchObject({ state: 'in_progress' })
    expect(lastStatus(sim)?.description).toMatch(/^Outcome unknown/)

    const found = await follow(sim)
    expect(found.code).toBe(0)
    expect(found.outputs.result).toBe('running')
    const [row] = JSON.parse(found.outputs.followed)
    expect(row['operation-location']).toContain(`/operations/${sim.operations[0].id}`)
    expect(lastStatus(sim)?.description).toContain(`op cpp:${sim.operations[0].id}`)

    wait(61_000)
    const ended = await follow(sim)
    expect(ended.outputs.result).toBe('succeeded')
    expect(lastStatus(sim)).toMatchObject({ state: 'success' })
  })

  it('while GitHub is slow to record the operation: the record is written in the settling time', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    sim.fault({ method: 'POST', path: /\/statuses$/, hangMs: 2_000 })
    const running = release(sim)
    await until(() => sim.requests.some((r) => r.method === 'POST' && r.path.endsWith('/statuses')))
    process.emit('SIGINT', 'SIGINT')
    const cancelled = await running
    expect(cancelled.outputs['operation-location']).toBeTruthy()
    expect(lastStatus(sim)).toMatchObject({ state: 'in_progress' })
    expect(lastStatus(sim)?.description).toContain(`op cpp:${sim.operations[0].id}`)
    const found = await follow(sim)
    expect(JSON.parse(found.outputs.followed)[0]['operation-location']).toBe(cancelled.outputs['operation-location'])
  })
  it('mid-wait with on-cancel: leave: the follow workflow takes over, no location to paste', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    const running = release(sim, { timeout: '10m' })
    await until(() => sim.count({ method: 'GET', path: /\/operations\// }) > 0)
    process.emit('SIGINT', 'SIGINT')
    const cancelled = await running
    expect(cancelled.code).toBe(1)
    expect(failureOf(cancelled.stdout)).toMatch(/follow workflow \(follow: true\) takes over/)
    expect(failureOf(cancelled.stdout)).not.toMatch(/operation-location:/)
    expect(lastStatus(sim)).toMatchObject({ state: 'in_progress' })
    expect(lastStatus(sim)?.description).toContain(`op cpp:${sim.operations[0].id}`)
  })
})

describe('every record of a go-live is settled', () => {
  it('two release runs at once: both records end with the go-live', async () => {
    const sim = await simulator({ operationMs: 3000 })
    const [a, b] = await Promise.all([release(sim, { wait: 'false' }), release(sim, { wait: 'false' })])
    expect([a.outputs.result, b.outputs.result]).toEqual(['started', 'started'])
    expect(sim.operations.filter((op) => op.kind === 'golive')).toHaveLength(1)
    wait(5000)
    const ended = await follow(sim)
    expect(ended.outputs.result).toBe('succeeded')
    for (const deployment of deployments(sim)) {
      expect(deployment.statuses.map((status) => status.state)).toContain('success')
      expect(deployment.statuses.at(-1)?.state).not.toBe('in_progress')
    }
  })

  it('a release after deployment-environment was renamed joins the go-live and its record', async () => {
    const sim = await simulator({ operationMs: 30_000 })
    await release(sim, { wait: 'false', 'deployment-environment': 'marketplace' })
    const renamed = await release(sim, { wait: 'false', 'deployment-environment': 'appsource' })
    expect(goLivePosts(sim)).toBe(1)
    expect(deployments(sim)).toHaveLength(1)
    expect(renamed.outputs['deployment-id']).toBe(String(deployments(sim)[0].id))
  })

  it('a create that GitHub made but answered 502 is found, not made twice', async () => {
    const sim = await simulator({ operationMs: 1000 })
    sim.fault({ method: 'POST', path: /\/deployments$/, handleFirst: true, status: 502 })
    const run = await release(sim)
    expect(run.outputs.result).toBe('succeeded')
    expect(deployments(sim)).toHaveLength(1)
    expect(lastStatus(sim)).toMatchObject({ state: 'success' })
  })
})

describe('a follow run', () => {
  it('skips a deployment that vanished between the list and its statuses, and finishes the others', async () => {
    const sim = await simulator({ operationMs: 3000 })
    await release(sim, { wait: 'false' })
    const gone = sim.github.plant({
      ref: SHA,
      environment: 'marketplace-contoso-offer',
      payload: {
        'marketplace-go-live': 1,
        api: 'cpp',
        publisherId: 'contoso',
        offerId: 'other',
        startedAt: '2026-01-01T00:00:00Z'
      }
    })
    sim.fault({ method: 'GET', path: new RegExp(`/deployments/${gone.id}/statuses$`), status: 404 })
    wait(5000)
    const run = await follow(sim)
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(visibleLog(run.stdout)).toMatch(new RegExp(`Deployment ${gone.id} .*GitHub no longer has it \\(404\\)`))
    expect(failureOf(run.stdout)).toBe('')
  })

  it('gives a throttled target one short check: checked again next run, never a stall', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    await release(sim, { wait: 'false' })
    sim.fault({ method: 'GET', path: /\/operations\//, status: 503, retryAfter: 30, times: Infinity })
    const run = await follow(sim, { timeout: '60m' })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('running')
    expect(run.durationMs).toBeLessThan(25_000)
    expect(visibleLog(run.stdout)).toMatch(/offer contoso\/contoso-offer/)
  })

  it('settles an operation the API no longer knows once, as an error with advice', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    await release(sim, { wait: 'false' })
    sim.fault({ method: 'GET', path: /\/operations\//, status: 404 })
    const run = await follow(sim)
    expect(run.code).toBe(1)
    expect(lastStatus(sim)).toMatchObject({ state: 'error' })
    expect(lastStatus(sim)?.description).toMatch(/no longer knows this operation/)
    const again = await follow(sim)
    expect(again.outputs.result).toBe('none')
    expect(again.code).toBe(0)
  })

  it('corrects a cancellation that did not take: the go-live went on and went live', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    // CPP answers 202 whether or not anything was cancelled.
    sim.fault({ method: 'POST', path: /\/cancel$/, status: 202, body: '' })
    const run = await release(sim, { timeout: '2s', 'on-timeout': 'cancel' })
    expect(run.outputs.result).toBe('canceled')
    expect(lastStatus(sim)).toMatchObject({ state: 'in_progress' })
    expect(lastStatus(sim)?.description).toMatch(/^Cancellation requested/)
    wait(70_000)
    const ended = await follow(sim)
    expect(ended.outputs.result).toBe('succeeded')
    expect(lastStatus(sim)).toMatchObject({ state: 'success' })
  })
})

describe("GitHub's rate limits", () => {
  it('a primary limit on creating the deployment fails before Go Live, saying it is a rate limit', async () => {
    const sim = await simulator()
    const reset = Math.floor(clock().now() / 1000) + 3600
    sim.fault({
      method: 'POST',
      path: /\/deployments$/,
      status: 403,
      times: Infinity,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded for installation ID 1.' }
    })
    const run = await release(sim)
    expect(run.code).toBe(1)
    expect(goLivePosts(sim)).toBe(0)
    expect(failureOf(run.stdout)).toMatch(/rate limit/i)
    expect(failureOf(run.stdout)).not.toMatch(/deployments: write/)
  })

  it('a secondary limit with Retry-After is waited for as asked, then the release goes on', async () => {
    const sim = await simulator({ operationMs: 1000 })
    sim.fault({
      method: 'GET',
      path: /\/deployments$/,
      status: 429,
      retryAfter: 5,
      body: { message: 'You have exceeded a secondary rate limit.' }
    })
    const run = await release(sim)
    expect(run.outputs.result).toBe('succeeded')
    expect(visibleLog(run.stdout)).toMatch(/retrying in 5\.0s \(as Retry-After asks\)/)
  })
})

/**
 * End to end, operation control: cancel on timeout, joining a go-live already in flight, dry runs,
 * and 400s explained; run() in process on a fake clock shared with the simulator. Workflow
 * cancellation (signals) needs a real process: see dist.e2e.test.ts.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction, type ActionRun } from '../__fixtures__/action-in-process.js'
import {
  cppInputs,
  failureOf,
  summaryHeading,
  useSimulators,
  visibleLog,
  type Sim
} from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ operationMs: 1500 }, { clock })

const inputs = cppInputs

const count = (sim: Sim, method: string, path: RegExp): number => sim.count({ method, path })

describe('on-timeout: cancel', () => {
  it('cancels at the deadline, follows the 202 and reports canceled', async () => {
    const sim = await simulator({ operationMs: 60_000, cancelAnswer: 202, cancelMs: 1000 })
    const run = await runAction({ inputs: inputs(sim, { timeout: '2s', 'on-timeout': 'cancel' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('canceled')
    expect(count(sim, 'POST', /\/cancel$/)).toBe(1)
    const message = failureOf(run.stdout)
    expect(message).toMatch(/did not finish within 2s/)
    expect(message).toMatch(
      /on-timeout: cancel - the API accepted the cancellation \(HTTP 202\); the operation now reports 'canceled'/
    )
    expect(sim.operations.find((o) => o.kind === 'golive')?.status).toBe('canceled')
  })

  it('reports canceled when the API cancels at once (200)', async () => {
    const sim = await simulator({ operationMs: 60_000, cancelAnswer: 200 })
    const run = await runAction({ inputs: inputs(sim, { timeout: '2s', 'on-timeout': 'cancel' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('canceled')
    expect(failureOf(run.stdout)).toMatch(/the API cancelled the operation \(HTTP 200\)/)
  })

  it('stays timed-out and says so when the cancellation is refused', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    sim.fault({
      method: 'POST',
      path: '/cancel',
      status: 403,
      body: { error: { code: 'Forbidden', message: 'Not allowed.' } }
    })
    const run = await runAction({ inputs: inputs(sim, { timeout: '2s', 'on-timeout': 'cancel' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('timed-out')
    expect(failureOf(run.stdout)).toMatch(
      /the cancellation did not go through: .*403: Forbidden Not allowed \(request ID [0-9a-f-]+\)\. Resume with operation-location/
    )
  })
})

describe('join instead of duplicate', () => {
  it.each([409, 400] as const)('joins the go-live in flight when Go Live answers %d', async (inFlightAnswer) => {
    const sim = await simulator({ preexistingOperation: true, inFlightAnswer, operationMs: 2000 })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(count(sim, 'POST', /\/golive$/)).toBe(1)
    expect(count(sim, 'GET', /\/submissions$/)).toBe(1)
    const preexisting = sim.operations[0]
    expect(run.outputs['operation-id']).toBe(preexisting.id)
    expect(sim.operations.filter((o) => o.kind === 'golive')).toHaveLength(1)
    expect(visibleLog(run.stdout)).toContain('Joined the go-live already running on offer contoso/contoso-offer')
    expect(run.summary).toContain('Joined the go-live already running')
  })

  it('a re-run while the first run waits joins the same operation', async () => {
    const sim = await simulator({ operationMs: 3000 })
    // The first run's waits are held until the re-run has joined (or ended), so the re-run surely
    // meets the go-live in flight.
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const shared = clock()
    const held = {
      now: () => shared.now(),
      sleep: async (ms: number, signal?: AbortSignal) => {
        await released
        return shared.sleep(ms, signal)
      }
    }
    let rerun: Promise<ActionRun> | undefined
    const first = await runAction({
      inputs: inputs(sim),
      clock: held,
      onStdout: (stdout) => {
        if (rerun || !stdout.includes('Waiting up to')) return
        rerun = runAction({
          inputs: inputs(sim),
          onStdout: (own) => (own.includes('Joined the go-live already running') ? release() : undefined)
        })
        void rerun.finally(release)
      }
    })
    const second = await rerun!
    expect(first.outputs.result).toBe('succeeded')
    expect(second.outputs.result).toBe('succeeded')
    expect(visibleLog(second.stdout)).toContain('Joined the go-live already running on offer contoso/contoso-offer')
    expect(second.outputs['operation-id']).toBe(first.outputs['operation-id'])
    expect(sim.operations.filter((o) => o.kind === 'golive')).toHaveLength(1)
  })

  it('retries a Go Live whose answer was lost and joins the operation it started', async () => {
    const sim = await simulator({ operationMs: 2000 })
    sim.fault({ method: 'POST', path: '/golive', reset: true, handleFirst: true })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(count(sim, 'POST', /\/golive$/)).toBe(2)
    expect(sim.operations.filter((o) => o.kind === 'golive')).toHaveLength(1)
    expect(run.outputs['operation-id']).toBe(sim.operations[0].id)
  })

  it('fails with the API message when nothing running is found', async () => {
    const sim = await simulator()
    sim.fault({ method: 'POST', path: '/golive', status: 409, body: { error: { code: 'Conflict', message: 'Busy.' } } })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /409: Conflict Busy\. \(and no running go-live was found among the offer's submissions\)/
    )
    expect(count(sim, 'POST', /\/golive$/)).toBe(1)
  })
})

describe('dry run', () => {
  it('reports ready when the preview waits for publisher sign-off, and starts nothing', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('ready')
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/publishers/contoso/offers/contoso-offer/status'
    ])
    expect(visibleLog(run.stdout)).toContain('ready to go live')
    expect(summaryHeading(run.summary)).toMatch(/^✅ Dry run: .* is ready to go live$/)
  })

  it('reports not-ready with the offer status explained, and fails the step', async () => {
    const sim = await simulator({
      offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: true, ready: false }]
    })
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('not-ready')
    expect(failureOf(run.stdout)).toMatch(
      /not waiting for publisher sign-off \(offer status 'neverPublished'.*publish the offer to preview/
    )
    expect(sim.count({ method: 'POST' })).toBe(0)
    expect(summaryHeading(run.summary)).toMatch(/^⛔ Dry run: .* is not ready to go live$/)
  })

  it('gets a token in a dry run (client credentials)', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: {
        ...inputs(sim, { token: '', 'dry-run': 'true' }),
        'tenant-id': '00000000-0000-0000-0000-000000000001',
        'client-id': '11111111-1111-1111-1111-111111111111',
        'client-secret': 'sim-secret',
        'authority-host': sim.url
      }
    })
    expect(run.code).toBe(0)
    expect(sim.requests.map((r) => r.method)).toEqual(['POST', 'GET'])
  })
})

describe('400 from Go Live', () => {
  it('adds what the offer status says', async () => {
    const sim = await simulator({
      offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: true, ready: false }]
    })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    const message = failureOf(run.stdout)
    expect(message).toMatch(/answered 400: BadRequest/)
    expect(message).toMatch(/not waiting for publisher sign-off/)
    expect(count(sim, 'GET', /\/status$/)).toBe(1)
  })
})

describe('cancellation details', () => {
  it('counts a cancel answered 202 with a text body as accepted', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    sim.fault({
      method: 'POST',
      path: '/cancel',
      status: 202,
      body: 'Accepted',
      contentType: 'text/plain',
      handleFirst: true
    })
    const run = await runAction({ inputs: inputs(sim, { timeout: '2s', 'on-timeout': 'cancel' }) })
    expect(run.outputs.result).toBe('canceled')
  })

  it('after on-timeout: cancel, the outputs describe the go-live, not the cancel operation', async () => {
    const sim = await simulator({ operationMs: 60_000, cancelMs: 500 })
    const run = await runAction({ inputs: inputs(sim, { timeout: '2s', 'on-timeout': 'cancel' }) })
    expect(run.outputs.result).toBe('canceled')
    expect(JSON.parse(run.outputs.operation).id).toBe(run.outputs['operation-id'])
    expect(run.outputs['operation-status']).toBe('canceled')
  })
})

describe('cancellation that comes too late', () => {
  it('reports succeeded when the go-live ends well while being cancelled (a 202 that cancelled nothing)', async () => {
    const sim = await simulator({ operationMs: 4000 })
    sim.fault({ method: 'POST', path: '/cancel', status: 202, body: '' })
    const run = await runAction({ inputs: inputs(sim, { timeout: '3s', 'on-timeout': 'cancel' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(run.outputs['operation-status']).toBe('succeeded')
  })
})

describe('a cancellation with its own operation', () => {
  it('follows the location a 202 cancel names, then reads the go-live once more', async () => {
    const sim = await simulator({ operationMs: 60_000, cancelAnswer: 202, cancelMs: 1000 })
    const run = await runAction({ inputs: inputs(sim, { timeout: '2s', 'on-timeout': 'cancel' }) })
    expect(run.outputs.result).toBe('canceled')
    const cancelOp = sim.operations.find((o) => o.kind === 'cancel')!
    const goLive = sim.operations.find((o) => o.kind === 'golive')!
    const cancelPolls = sim.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/operations/${cancelOp.id}`))
    expect(cancelPolls.length).toBeGreaterThanOrEqual(1)
    expect(visibleLog(run.stdout)).toContain(`Following the cancellation operation: ${sim.url}${cancelOp.locationPath}`)
    // The outputs describe the go-live, read after the cancellation landed.
    expect(JSON.parse(run.outputs.operation).id).toBe(goLive.id)
    expect(run.outputs['operation-status']).toBe('canceled')
  })
})

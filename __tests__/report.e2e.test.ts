/**
 * End to end, what a release engineer reads: a log with a pulse (and no line said twice), time
 * counted from the operation's own start, and a job summary whose first heading names the outcome.
 * run() in process on a fake clock shared with the simulator.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
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

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'

/** The lines of the wait, without their `[elapsed]` stamp. */
const waitLines = (log: string): string[] =>
  log
    .split('\n')
    .filter((line) => /^\[[^\]]+\] /.test(line))
    .map((line) => line.replace(/^\[[^\]]+\] /, ''))

const piInputs = (sim: Sim, extra: Record<string, string> = {}): Record<string, string> => ({
  api: 'product-ingestion',
  'product-id': PRODUCT,
  token: 'sim-token',
  'base-url': `${sim.url}/rp/product-ingestion`,
  timeout: '20s',
  'poll-interval': '1s',
  ...extra
})

describe('the log of a long wait', () => {
  it('says an outage once a while, not at every poll and every retry', async () => {
    // An hour of 503s at one-minute polls: each poll retries four times, then fails.
    const sim = await simulator({ operationMs: 3 * DAY })
    sim.fault({ method: 'GET', path: '/operations/', status: 503, times: Infinity })
    const run = await runAction({
      inputs: cppInputs(sim, { timeout: '60m', 'poll-interval': '1m', 'on-timeout': 'warn' })
    })
    expect(run.outputs.result).toBe('timed-out')
    const log = visibleLog(run.stdout)
    const retries = log.split('\n').filter((line) => /answered 503; retrying/.test(line))
    const failures = log.split('\n').filter((line) => /A status check failed/.test(line))
    expect(sim.count({ method: 'GET', path: /\/operations\// })).toBeGreaterThan(100)
    // Once at the start, then once per ten minutes at the most.
    expect(retries.length).toBeGreaterThanOrEqual(1)
    expect(retries.length).toBeLessThanOrEqual(7)
    expect(failures.length).toBeGreaterThanOrEqual(1)
    expect(failures.length).toBeLessThanOrEqual(7)
    // The time-out still names the last failure.
    expect(log).toMatch(/did not finish within 1h 00m .*503/)
  })

  it('gives a sign of life when nothing changes, with the next check the loop really takes, and repeats no line', async () => {
    // Three days of go-live: in 35 one-minute polls no step crosses a quarter.
    const sim = await simulator({ operationMs: 3 * DAY })
    const run = await runAction({
      inputs: cppInputs(sim, { timeout: '35m', 'poll-interval': '1m', 'on-timeout': 'warn' })
    })
    expect(run.outputs.result).toBe('timed-out')
    const lines = waitLines(visibleLog(run.stdout))
    const signs = lines.filter((line) => line.startsWith('still running'))
    expect(signs.length).toBeGreaterThanOrEqual(3)
    expect(signs[0]).toMatch(
      /^still running: Validate Pre-Requisites inProgress \d+%; waited 10m 0\ds, 2[45]m \d+s left, next check in 1m 00s$/
    )
    // Every line but the signs of life is said once.
    const said = lines.filter((line) => !line.startsWith('still running'))
    expect(new Set(said).size).toBe(said.length)
    // Polls: 36; lines: far fewer.
    expect(lines.length).toBeLessThan(12)
  })

  it('says nothing twice across the Product Ingestion handover from the configure job to the live submission', async () => {
    const sim = await simulator({ jobMs: 2000, liveMs: 6000 })
    const run = await runAction({ inputs: piInputs(sim) })
    expect(run.outputs.result).toBe('succeeded')
    const lines = waitLines(visibleLog(run.stdout))
    expect(lines.filter((line) => /^ +Live submission \d+: running/.test(line))).toHaveLength(1)
    expect(new Set(lines).size).toBe(lines.length)
  })
})

describe('a run that follows an existing go-live', () => {
  it('does not announce a new go-live, and counts time from the operation start beside its own', async () => {
    const sim = await simulator({ operationMs: 3 * DAY })
    const first = await runAction({ inputs: cppInputs(sim, { timeout: '5s', 'on-timeout': 'warn' }) })
    expect(first.outputs.result).toBe('timed-out')
    expect(visibleLog(first.stdout)).toMatch(/^Going live: offer contoso\/contoso-offer/m)

    clock().advance(3 * DAY - 2 * MINUTE)
    const resumed = await runAction({
      inputs: cppInputs(sim, { 'operation-location': first.outputs['operation-location'], timeout: '10m' })
    })
    expect(resumed.outputs.result).toBe('succeeded')
    const log = visibleLog(resumed.stdout)
    expect(log).not.toMatch(/going live/i)
    expect(log).toMatch(/Following an existing go-live of offer contoso\/contoso-offer/)
    // Three days from the operation's createdDateTime; about two minutes of it in this run.
    expect(log).toMatch(/went live after 3d 0h \(this run: [12]m \d\ds\)/)
    expect(resumed.summary).toMatch(/Went live after 3d 0h from its own start; this run: [12]m \d\ds/)
    expect(summaryHeading(resumed.summary)).toBe('✅ offer contoso/contoso-offer is live')
  })

  it('says a joined go-live is followed, not started', async () => {
    const sim = await simulator({ operationMs: 4000 })
    const first = await runAction({ inputs: cppInputs(sim, { wait: 'false' }) })
    expect(first.outputs.result).toBe('started')
    const joined = await runAction({ inputs: cppInputs(sim) })
    expect(joined.outputs.result).toBe('succeeded')
    expect(visibleLog(joined.stdout)).not.toMatch(/going live/i)
    expect(visibleLog(joined.stdout)).toMatch(/Following an existing go-live: Joined the go-live already running/)
  })
})

describe('the job summary names the outcome in its first heading', () => {
  it('live, with the listing and preview links of the operation', async () => {
    const sim = await simulator({ links: 'objects' })
    const run = await runAction({ inputs: cppInputs(sim) })
    expect(run.summary.startsWith('<h2>')).toBe(true)
    expect(summaryHeading(run.summary)).toMatch(/^✅ .*\blive$/)
    const document = JSON.parse(run.outputs.operation)
    for (const link of [...document.liveLinks, ...document.previewLinks])
      expect(run.summary).toContain(`<a href="${link.uri}">`)
  })

  it('failed, at the step that failed, the error said once', async () => {
    const sim = await simulator({ finalStatus: 'failed' })
    const run = await runAction({ inputs: cppInputs(sim) })
    expect(run.outputs.result).toBe('failed')
    expect(summaryHeading(run.summary)).toBe('❌ Go-live of offer contoso/contoso-offer failed at step Certification')
    const error = 'Certification failed: the offer does not meet the marketplace certification policies'
    expect(run.summary.split(error)).toHaveLength(2)
  })

  it('failed Product Ingestion live submission: the failure once, no raw status beside it', async () => {
    const sim = await simulator({ liveResult: 'failed' })
    const run = await runAction({ inputs: piInputs(sim) })
    expect(run.outputs.result).toBe('failed')
    expect(summaryHeading(run.summary)).toMatch(/^❌ Go-live of product .* failed at step Live submission \d+$/)
    expect(run.summary.split('completed with result &#39;failed&#39;')).toHaveLength(2)
    expect(run.summary).not.toMatch(/status &#39;completed&#39;/)
  })

  it('failed to start: nothing was started when Go Live was refused', async () => {
    const sim = await simulator({
      offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: true, ready: false }]
    })
    const run = await runAction({ inputs: cppInputs(sim) })
    expect(run.outputs.result).toBe('failed')
    expect(run.outputs['operation-location']).toBeUndefined()
    expect(summaryHeading(run.summary)).toBe('❌ Go-live of offer contoso/contoso-offer failed to start')
    expect(run.summary).not.toContain('<pre')
  })

  it('failed while the go-live still runs: says so, with a step to paste that resumes it', async () => {
    // The static token expires in the middle of the wait: the run ends, the go-live goes on.
    const sim = await simulator({ operationMs: DAY, staticTokenValidForMs: 5_000 })
    const run = await runAction({ inputs: cppInputs(sim, { timeout: '1m' }) })
    expect(run.outputs.result).toBe('failed')
    expect(run.outputs['operation-status']).toBe('running')
    expect(summaryHeading(run.summary)).toBe(
      '❌ Following the go-live of offer contoso/contoso-offer failed; the go-live still runs'
    )
    const yaml = /<pre lang="yaml"><code>([\s\S]*?)<\/code><\/pre>/.exec(run.summary)?.[1] ?? ''
    expect(yaml.replace(/&#39;/g, "'").replace(/&amp;/g, '&')).toContain(
      `operation-location: '${run.outputs['operation-location']}'`
    )
  })

  it('timed out: still running, with a step to paste that resumes it', async () => {
    const sim = await simulator({ operationMs: DAY })
    const run = await runAction({ inputs: cppInputs(sim, { timeout: '3s', 'on-timeout': 'warn' }) })
    expect(run.outputs.result).toBe('timed-out')
    expect(summaryHeading(run.summary)).toMatch(/^⏳ .*still running$/)
    const yaml = /<pre lang="yaml"><code>([\s\S]*?)<\/code><\/pre>/.exec(run.summary)?.[1] ?? ''
    const text = yaml.replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    expect(text).toContain(`operation-location: '${run.outputs['operation-location']}'`)
    expect(text).toMatch(/^ {4}publisher-id: contoso$/m)
    expect(text).toMatch(/^ {4}offer-id: contoso-offer$/m)
  })

  it('timed out with github-deployment: true: the follow step to paste', async () => {
    const sim = await simulator({ operationMs: DAY })
    const run = await runAction({
      inputs: cppInputs(sim, {
        timeout: '3s',
        'on-timeout': 'warn',
        'github-deployment': 'true',
        'github-token': 'gh-token'
      }),
      env: {
        GITHUB_API_URL: sim.githubApiUrl,
        GITHUB_REPOSITORY: 'contoso/offer-release',
        GITHUB_SHA: '4f1c2b8e9d0a7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
        GITHUB_RUN_ID: '1'
      }
    })
    expect(run.outputs.result).toBe('timed-out')
    expect(summaryHeading(run.summary)).toMatch(/^⏳ .*still running$/)
    const yaml = /<pre lang="yaml"><code>([\s\S]*?)<\/code><\/pre>/.exec(run.summary)?.[1] ?? ''
    expect(yaml).toMatch(/^ {4}follow: true$/m)
    expect(yaml).toMatch(/^ {4}offer-id: contoso-offer$/m)
    expect(yaml).not.toContain('operation-location')
  })

  it('canceled: no running status beside it, and no suggestion to resume', async () => {
    const sim = await simulator({ operationMs: DAY })
    const run = await runAction({ inputs: cppInputs(sim, { timeout: '2s', 'on-timeout': 'cancel' }) })
    expect(run.outputs.result).toBe('canceled')
    expect(summaryHeading(run.summary)).toMatch(/^⏹ .*canceled$/)
    expect(run.summary).not.toMatch(/<td>running<\/td>|operation-location|[Rr]esume/)
  })

  it('dry run: ready, then not ready', async () => {
    const ready = await runAction({ inputs: cppInputs(await simulator(), { 'dry-run': 'true' }) })
    expect(summaryHeading(ready.summary)).toMatch(/^✅ Dry run: .* is ready/)
    const sim = await simulator({
      offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', ready: false }]
    })
    const notReady = await runAction({ inputs: cppInputs(sim, { 'dry-run': 'true' }) })
    expect(notReady.outputs.result).toBe('not-ready')
    expect(summaryHeading(notReady.summary)).toMatch(/is not ready/)
  })

  it('dry run: the preview link the offer status names', async () => {
    const sim = await simulator({ links: 'objects' })
    const run = await runAction({ inputs: cppInputs(sim, { 'dry-run': 'true' }) })
    expect(run.outputs.result).toBe('ready')
    const preview = 'https://azuremarketplace.microsoft.com/marketplace/apps/contoso.contoso-offer-preview'
    expect(run.summary).toContain(`<a href="${preview}">Preview</a>`)
    // Product Ingestion's readiness names no links: its summary still links Partner Center.
    const pi = await runAction({ inputs: piInputs(await simulator({ links: 'objects' }), { 'dry-run': 'true' }) })
    expect(pi.outputs.result).toBe('ready')
    expect(pi.summary).toMatch(/<a href="https:[^"]+">Partner Center<\/a>/)
  })

  it('failed Product Ingestion configure job: no live submission is promised', async () => {
    const sim = await simulator({ jobResult: 'failed' })
    const run = await runAction({ inputs: piInputs(sim) })
    expect(run.outputs.result).toBe('failed')
    expect(run.summary).toMatch(/<tr><td>Live submission \d+<\/td><td>not created<\/td><td><\/td><td><\/td>/)
    expect(run.summary).not.toMatch(/created once the configure job succeeds|hours to days/)
  })

  it('on-cancel: cancel of a running Product Ingestion live submission: not cancelled, a step to paste that follows it', async () => {
    const sim = await simulator({ jobMs: 2000, liveMs: DAY })
    let signalled = false
    const run = await runAction({
      inputs: piInputs(sim, { timeout: '1h', 'poll-interval': '1m', 'on-cancel': 'cancel' }),
      onStdout: (stdout) => {
        if (signalled || !/Live submission \d+: running/.test(stdout)) return
        signalled = true
        setImmediate(() => process.emit('SIGINT'))
      }
    })
    expect(signalled).toBe(true)
    expect(run.outputs.result).toBeUndefined()
    expect(failureOf(run.stdout)).toMatch(/can no longer be cancelled through the API/)
    const yaml = /<pre lang="yaml"><code>([\s\S]*?)<\/code><\/pre>/.exec(run.summary)?.[1] ?? ''
    const text = yaml.replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    expect(text).toContain(`operation-location: '${run.outputs['operation-location']}'`)
    expect(text).toMatch(/^ {4}product-id: a8a1f1b4/m)
  })

  it('follow: none in flight', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: { token: 'sim-token', 'base-url': sim.url, follow: 'true', 'github-token': 'gh-token' },
      env: { GITHUB_API_URL: sim.githubApiUrl, GITHUB_REPOSITORY: 'contoso/offer-release' }
    })
    expect(run.outputs.result).toBe('none')
    expect(summaryHeading(run.summary)).toMatch(/^💤 .*no go-live in flight$/)
  })
})

describe('a Product Ingestion product is named by its alias', () => {
  const productReads = (sim: Sim) => sim.count({ method: 'GET', path: `/rp/product-ingestion/product/${PRODUCT}` })

  it('in the log from the first line, in the summary heading and in the failure, with one request', async () => {
    const sim = await simulator({ alias: 'Contoso Analytics', liveResult: 'failed' })
    const run = await runAction({ inputs: piInputs(sim) })
    expect(run.outputs.result).toBe('failed')
    const named = `product Contoso Analytics (${PRODUCT})`
    expect(visibleLog(run.stdout).split('\n')[0]).toContain(named)
    expect(summaryHeading(run.summary)).toContain(named)
    expect(failureOf(run.stdout)).toContain(named)
    expect(productReads(sim)).toBe(1)
  })

  it('by its ID when the API gives no alias or fails, and the run goes on', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: piInputs(sim), env: { RUNNER_DEBUG: '1' } })
    expect(run.outputs.result).toBe('succeeded')
    expect(summaryHeading(run.summary)).toBe(`✅ product ${PRODUCT} is live`)

    const failing = await simulator({ alias: 'Contoso Analytics' })
    failing.fault({ method: 'GET', path: '/rp/product-ingestion/product/', status: 500, times: Infinity })
    const again = await runAction({ inputs: piInputs(failing), env: { RUNNER_DEBUG: '1' } })
    expect(again.outputs.result).toBe('succeeded')
    expect(summaryHeading(again.summary)).toBe(`✅ product ${PRODUCT} is live`)
    expect(again.stdout).toMatch(/::debug::The product's alias could not be read/)
    // One attempt, not retried.
    expect(productReads(failing)).toBe(1)
  })

  it('keeps a hostile alias as one line of text', async () => {
    const sim = await simulator({ alias: 'Evil\n::error::pwned <img src=x>' })
    const run = await runAction({ inputs: piInputs(sim) })
    expect(run.outputs.result).toBe('succeeded')
    expect(run.stdout).not.toMatch(/^::error::pwned/m)
    expect(run.summary).not.toContain('<img')
    expect(summaryHeading(run.summary)).toContain('Evil ::error::pwned &lt;img src=x&gt;')
  })

  it('is not looked up in follow mode', async () => {
    const sim = await simulator({ alias: 'Contoso Analytics' })
    await runAction({
      inputs: { token: 'sim-token', 'base-url': sim.url, follow: 'true', 'github-token': 'gh-token' },
      env: { GITHUB_API_URL: sim.githubApiUrl, GITHUB_REPOSITORY: 'contoso/offer-release' }
    })
    expect(sim.count({ method: 'GET', path: /\/product\// })).toBe(0)
  })
})

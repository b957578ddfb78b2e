/**
 * End to end, GitHub deployments and follow mode: run() in process against the simulator's
 * Marketplace and GitHub APIs over real HTTP (GITHUB_API_URL points Octokit at it), on a fake clock
 * shared with the simulator: the days between follow runs are clock advances.
 */
import { describe, expect, it, jest } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import { manyOffers, recordGoLivesInFlight } from '../__fixtures__/go-lives.js'
import {
  cppInputs,
  failureOf,
  summaryHeading,
  untilRequest,
  useSimulators,
  visibleLog,
  workflowCommands,
  type Sim,
  githubEnv,
  SHA,
  followInputs
} from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ operationMs: 4000 }, { clock })

const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
const LISTING = 'https://azuremarketplace.microsoft.com/marketplace/apps/contoso.contoso-offer'

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

const states = (sim: Sim, index = 0) => sim.github.deployments[index].statuses.map((s) => s.state)
const goLivePosts = (sim: Sim) => sim.count({ method: 'POST', path: /\/golive$/ })
const operationReads = (sim: Sim) => sim.count({ method: 'GET', path: /\/operations\// })
/** Time passing between two runs (a scheduled follow run comes later). */
const wait = (ms: number): void => clock().advance(ms)

describe('github-deployment: true', () => {
  it('creates the deployment before Go Live and ends it with success and the url', async () => {
    const sim = await simulator({ operationMs: 1500 })
    const run = await release(sim)
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(run.outputs.url).toBe(LISTING)

    const created = sim.requests.findIndex((r) => r.method === 'POST' && r.path.endsWith('/deployments'))
    const goLive = sim.requests.findIndex((r) => r.method === 'POST' && r.path.endsWith('/golive'))
    expect(created).toBeGreaterThanOrEqual(0)
    expect(created).toBeLessThan(goLive)

    // One deployment remains: the one that records the operation (the placeholder is gone).
    expect(sim.github.deployments).toHaveLength(1)
    const deployment = sim.github.deployments[0]
    expect(run.outputs['deployment-id']).toBe(String(deployment.id))
    expect(deployment).toMatchObject({
      task: 'marketplace-go-live',
      environment: 'marketplace-contoso-offer',
      ref: SHA,
      sha: SHA,
      request: { auto_merge: false, required_contexts: [] }
    })
    expect(deployment.payload).toEqual({
      'marketplace-go-live': 1,
      api: 'cpp',
      publisherId: 'contoso',
      offerId: 'contoso-offer',
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      runId: '777'
    })
    // One deployment per go-live: the operation, known only after it was created, is in its statuses.
    expect(sim.github.deployments).toHaveLength(1)
    const operationId = run.outputs['operation-location'].split('/operations/')[1].split('?')[0]
    expect(deployment.statuses[0].description).toContain(`op cpp:${operationId}`)
    expect(deployment.statuses.map((s) => [s.state, s.log_url])).toEqual([
      ['in_progress', 'https://github.com/contoso/offer-release/actions/runs/777'],
      ['success', 'https://github.com/contoso/offer-release/actions/runs/777']
    ])
    expect(deployment.statuses[1].environment_url).toBe(LISTING)
    expect(run.summary).toContain(`<a href="${LISTING}">`)
  })

  it('fails before anything starts without deployments: write', async () => {
    const sim = await simulator({ githubPermission: 'read' })
    const run = await release(sim)
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(/Resource not accessible by integration/)
    expect(failureOf(run.stdout)).toMatch(/permissions: deployments: write/)
    expect(goLivePosts(sim)).toBe(0)
    expect(sim.operations).toHaveLength(0)
  })

  it('leaves the deployment in progress on on-timeout: warn, and a re-run follows the same go-live and deployment', async () => {
    const sim = await simulator({ operationMs: 5000 })
    const first = await release(sim, { timeout: '2s', 'on-timeout': 'warn' })
    expect(first.code).toBe(0)
    expect(first.outputs.result).toBe('timed-out')
    expect(states(sim)).toEqual(['in_progress'])

    const again = await release(sim)
    expect(again.code).toBe(0)
    expect(again.outputs.result).toBe('succeeded')
    expect(again.outputs['deployment-id']).toBe(first.outputs['deployment-id'])
    expect(again.outputs['operation-location']).toBe(first.outputs['operation-location'])
    expect(goLivePosts(sim)).toBe(1)
    expect(sim.github.deployments).toHaveLength(1)
    expect(states(sim)).toEqual(['in_progress', 'success'])
    expect(visibleLog(again.stdout)).toMatch(
      /Following an existing go-live of offer contoso\/contoso-offer: the one recorded in GitHub deployment \d+/
    )
  })

  it('records a failed go-live as failure', async () => {
    const sim = await simulator({ operationMs: 1000, finalStatus: 'failed' })
    const run = await release(sim)
    expect(run.code).toBe(1)
    expect(states(sim)).toEqual(['in_progress', 'failure'])
  })

  it('records a Go Live that could not start as error on the deployment', async () => {
    const sim = await simulator({ offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', ready: false }] })
    const run = await release(sim)
    expect(run.code).toBe(1)
    expect(sim.github.deployments).toHaveLength(1)
    expect(states(sim)).toEqual(['error'])
    expect(sim.github.deployments[0].statuses[0].description.length).toBeLessThanOrEqual(140)
  })

  it('records a Product Ingestion go-live with its Partner Center page', async () => {
    const sim = await simulator({ jobMs: 300, liveMs: 800 })
    const run = await runAction({
      inputs: {
        api: 'product-ingestion',
        'product-id': PRODUCT,
        token: 'sim-token',
        'base-url': `${sim.url}/rp/product-ingestion`,
        'poll-interval': '1s',
        timeout: '20s',
        'github-deployment': 'true',
        'github-token': 'gh-token'
      },
      env: githubEnv(sim)
    })
    expect(run.code).toBe(0)
    const page = `https://partner.microsoft.com/dashboard/commercial-marketplace/offers/${PRODUCT}/overview`
    expect(run.outputs.url).toBe(page)
    expect(sim.github.deployments[0].environment).toBe(`marketplace-${PRODUCT}`)
    expect(sim.github.deployments[0].payload).toMatchObject({ api: 'product-ingestion', productId: PRODUCT })
    expect(sim.github.deployments[0].statuses.at(-1)).toMatchObject({ state: 'success', environment_url: page })
  })
})

describe('follow: true', () => {
  it('checks a go-live in flight once, in seconds, then sees it live', async () => {
    const sim = await simulator({ operationMs: 5000 })
    const started = await release(sim, { wait: 'false' })
    expect(started.outputs.result).toBe('started')
    expect(states(sim)).toEqual(['in_progress'])

    const readsBefore = operationReads(sim)
    const first = await follow(sim)
    expect(first.code).toBe(0)
    expect(first.durationMs).toBeLessThan(5000)
    expect(operationReads(sim) - readsBefore).toBe(1)
    expect(goLivePosts(sim)).toBe(1)
    expect(first.outputs.result).toBe('running')
    expect(JSON.parse(first.outputs.followed)).toEqual([
      {
        target: 'offer contoso/contoso-offer',
        'deployment-id': Number(started.outputs['deployment-id']),
        'operation-location': started.outputs['operation-location'],
        result: 'running',
        url: LISTING
      }
    ])
    // The state did not change; the description now says where the go-live is, with its operation.
    expect(states(sim)).toEqual(['in_progress', 'in_progress'])
    expect(sim.github.deployments[0].statuses[1].description).toMatch(/^Going live \(running\): .+ · op cpp:/)
    const again = await follow(sim)
    expect(again.outputs.result).toBe('running')
    // Nothing changed, so nothing was posted.
    expect(states(sim)).toEqual(['in_progress', 'in_progress'])
    expect(summaryHeading(first.summary)).toMatch(/^⏳ .*still running/)
    expect(first.summary).toContain('offer contoso/contoso-offer')

    wait(5000)
    const second = await follow(sim)
    expect(second.code).toBe(0)
    expect(second.outputs.result).toBe('succeeded')
    expect(states(sim)).toEqual(['in_progress', 'in_progress', 'success'])
    expect(sim.github.deployments[0].statuses[2].environment_url).toBe(LISTING)

    const third = await follow(sim)
    expect(third.code).toBe(0)
    expect(third.outputs.result).toBe('none')
    expect(JSON.parse(third.outputs.followed)).toEqual([])
  }, 30_000)

  it('fails the step when a go-live ended failed', async () => {
    const sim = await simulator({ operationMs: 1000, finalStatus: 'failed' })
    await release(sim, { wait: 'false' })
    wait(1200)
    const run = await follow(sim)
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    // As a run that waited would say it: the step, the time from the operation's start, the API's error.
    const error = 'Certification failed: the offer does not meet the marketplace certification policies'
    expect(failureOf(run.stdout)).toMatch(
      /^The go-live of offer contoso\/contoso-offer failed at step Certification after 1s: .*Certification failed: the offer does not meet/
    )
    expect(failureOf(run.stdout)).not.toMatch(/status '/)
    expect(visibleLog(run.stdout)).toMatch(
      /offer contoso\/contoso-offer: failed at step Certification after 1s \(status 'failed'\)/
    )
    expect(run.summary).toContain('❌ failed at step Certification after 1s')
    expect(run.summary.split(error)).toHaveLength(2)
    expect(states(sim)).toEqual(['in_progress', 'failure'])
  })

  it("counts a go-live's time from the operation's own start, not from when its deployment was recorded", async () => {
    const DAY = 24 * 3_600_000
    const sim = await simulator({ operationMs: 3 * DAY })
    // Started by a run without a deployment; a day later a release run joins it and records it.
    const first = await runAction({ inputs: cppInputs(sim, { wait: 'false' }) })
    const createdAt = sim.operations[0].createdAt
    wait(DAY)
    const joined = await release(sim, { wait: 'false' })
    expect(joined.outputs['operation-location']).toBe(first.outputs['operation-location'])

    wait(DAY)
    const running = await follow(sim)
    expect(running.outputs.result).toBe('running')
    expect(visibleLog(running.stdout)).toMatch(
      /offer contoso\/contoso-offer: running for 2d 0h, at step .+ \(status 'running'\)/
    )

    wait(DAY + 5000)
    const live = await follow(sim)
    expect(live.outputs.result).toBe('succeeded')
    expect(visibleLog(live.stdout)).toMatch(
      /offer contoso\/contoso-offer: succeeded after 3d 0h \(status 'succeeded'\)/
    )
    expect(live.summary).toContain('✅ succeeded after 3d 0h')
    // The Started column is the operation's createdDateTime, not the payload's startedAt a day later.
    expect(live.summary).toContain(`<td>${new Date(createdAt).toISOString()}</td>`)
    expect(live.summary).not.toContain((sim.github.deployments[0].payload as { startedAt: string }).startedAt)
  })

  it('fails on untrusted records, naming each, follows the good one, and never sends the token elsewhere', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    await release(sim, { wait: 'false' })
    const offOrigin = sim.github.plant({
      environment: 'marketplace-contoso-offer',
      payload: {
        'marketplace-go-live': 1,
        api: 'cpp',
        publisherId: 'contoso',
        offerId: 'other-offer',
        operationLocation: 'https://attacker.example/api/publishers/contoso/offers/other-offer/operations/1',
        startedAt: '2025-03-01T12:00:00Z'
      }
    })
    const badId = sim.github.plant({
      payload: {
        'marketplace-go-live': 1,
        api: 'cpp',
        publisherId: 'contoso',
        offerId: '../../x',
        operationLocation: '/api/x',
        startedAt: '2025-03-01T12:00:00Z'
      }
    })
    const notJson = sim.github.plant({ payload: 'not json at all' })
    // Newest for this offer, but its location names another offer: following it would report
    // that offer's go-live as this one's.
    const borrowed = sim.github.plant({
      environment: 'marketplace-contoso-offer',
      payload: {
        'marketplace-go-live': 1,
        api: 'cpp',
        publisherId: 'contoso',
        offerId: 'contoso-offer',
        operationLocation: '/api/publishers/contoso/offers/other-offer/operations/1?api-version=2017-10-31',
        startedAt: '2025-03-01T12:00:00Z'
      }
    })
    const run = await follow(sim)
    // A record it cannot read is a failure of the follow run, each named with the fix (the good one is still followed).
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(failureOf(run.stdout)).toMatch(/mark that deployment inactive, or delete it/)
    expect(JSON.parse(run.outputs.followed)).toHaveLength(1)
    const warnings = workflowCommands(run.stdout)
      .filter((c) => c.name === 'warning')
      .map((c) => c.data)
      .join('\n')
    expect(warnings).toMatch(new RegExp(`Deployment ${offOrigin.id} .*not on the API origin`))
    expect(warnings).toMatch(new RegExp(`Deployment ${badId.id} .*offerId is not a valid ID`))
    expect(warnings).toMatch(new RegExp(`Deployment ${notJson.id} .*not JSON`))
    expect(warnings).toMatch(new RegExp(`Deployment ${borrowed.id} .*belongs to another target`))
    expect(JSON.parse(run.outputs.followed)[0]['operation-location']).toMatch(/offers\/contoso-offer\/operations\//)
    expect(sim.requests.every((r) => !r.path.includes('other-offer'))).toBe(true)
  })

  it('is bounded by its timeout when GitHub never answers, and says so', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    sim.fault({ method: 'GET', path: /\/deployments$/, hangMs: Infinity, times: Infinity })
    // A GitHub request waits for its answer in real time (AbortSignal.timeout, 2 s at the least).
    // The test does not wait those 2 s out: the request's time-out fires once the request hangs.
    const hung = untilRequest(sim, (request) => request.fault === 'hang')
    const timeout = jest.spyOn(AbortSignal, 'timeout').mockImplementation(() => {
      const controller = new AbortController()
      hung.then(
        () => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')),
        () => undefined
      )
      return controller.signal
    })
    try {
      const started = Date.now()
      const run = await follow(sim, { timeout: '2s' })
      expect(Date.now() - started).toBeLessThan(6000)
      expect(run.outputs.result).toBe('failed')
      expect(failureOf(run.stdout)).toMatch(/no answer within 2s/)
    } finally {
      timeout.mockRestore()
    }
  })

  it('keeps its requests with GitHub: no redirect to another origin, no endless body', async () => {
    const other = await simulator()
    const sim = await simulator({ operationMs: 60_000 })
    await release(sim, { wait: 'false' })
    sim.fault({ method: 'GET', path: /\/deployments$/, redirect: `${other.url}/steal`, status: 307 })
    const redirected = await follow(sim)
    expect(redirected.outputs.result).toBe('failed')
    expect(failureOf(redirected.stdout)).toMatch(/redirect \(307\) to http:\/\/127\.0\.0\.1:\d+, which is not followed/)
    expect(other.requests).toHaveLength(0)

    sim.fault({ method: 'GET', path: /\/deployments$/, bodyBytes: Infinity })
    const endless = await follow(sim)
    expect(endless.outputs.result).toBe('failed')
    expect(failureOf(endless.stdout)).toMatch(/over 2 MiB/)
  })

  it('fails on a list GitHub did not answer as a list, never reads it as nothing in flight', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    await release(sim, { wait: 'false' })
    sim.fault({ method: 'GET', path: /\/deployments$/, status: 200, body: '{"message":"maintenance"}' })
    const run = await follow(sim)
    expect(run.outputs.result).toBe('failed')
    expect(failureOf(run.stdout)).toMatch(/not a list/)
  })

  it('keeps text from GitHub and the API as text in the follow summary', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    const first = await release(sim, { wait: 'false' })
    // GitHub's text, an echo of the API token and a control character in it.
    const hostile = '<img src="https://attacker.example/i.png">\u0007 echo sim-token [x](https://attacker.example)'
    sim.github.plant({
      environment: hostile,
      payload: {
        'marketplace-go-live': 1,
        api: 'cpp',
        publisherId: 'contoso',
        offerId: 'contoso-offer',
        operationLocation: first.outputs['operation-location'],
        startedAt: new Date(clock().now()).toISOString()
      },
      statuses: ['in_progress']
    })
    const run = await follow(sim)
    expect(run.outputs.result).toBe('running')
    expect(run.summary).toContain('&lt;img src=&quot;https://attacker.example/i.png&quot;&gt;')
    expect(run.summary).not.toMatch(/<img|sim-token|<a href="https:\/\/attacker/)
    expect(run.summary).not.toContain('\u0007')
  })

  it('fails, saying so once, when a go-live cannot be checked for a reason retrying will not fix', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    await release(sim, { wait: 'false' })
    const run = await follow(sim, { token: 'refused-token' })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    const log = visibleLog(run.stdout)
    expect(log).toMatch(/^Follow: failed \(1 go-live checked\)$/m)
    expect(log).not.toMatch(/^Follow: running/m)
    expect(failureOf(run.stdout)).toMatch(/could not be checked/)
    expect(summaryHeading(run.summary)).toMatch(/^❌ .*could not be checked$/)
  })

  it('follows only the target given, and needs authentication as any run', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    await release(sim, { wait: 'false' })
    const run = await follow(sim, { api: 'product-ingestion', 'base-url': `${sim.url}/rp/product-ingestion` })
    expect(run.outputs.result).toBe('none')
    const narrowed = await follow(sim, { 'publisher-id': 'contoso', 'offer-id': 'contoso-offer' })
    expect(narrowed.outputs.result).toBe('running')
    const other = await follow(sim, { 'publisher-id': 'contoso', 'offer-id': 'another-offer' })
    expect(other.outputs.result).toBe('none')

    const requestsBefore = sim.requests.length
    const unauthenticated = await follow(sim, { token: '' })
    expect(unauthenticated.code).toBe(1)
    expect(failureOf(unauthenticated.stdout)).toMatch(/Input 'token' is missing/)
    const resume = await follow(sim, { 'operation-location': '/api/x' })
    expect(failureOf(resume.stdout)).toMatch(/Input 'operation-location' cannot be combined with follow/)
    const noToken = await follow(sim, { 'github-token': '' })
    expect(failureOf(noToken.stdout)).toMatch(/Input 'github-token' is required with follow/)
    // None of these input errors reached the network.
    expect(sim.requests.length).toBe(requestsBefore)
  })

  it('finds a go-live recorded in a custom environment by its IDs', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    const started = await release(sim, { wait: 'false', 'deployment-environment': 'store-listing' })
    expect(sim.github.deployments[0].environment).toBe('store-listing')
    const run = await follow(sim, { 'publisher-id': 'contoso', 'offer-id': 'contoso-offer' })
    expect(run.outputs.result).toBe('running')
    expect(run.outputs['deployment-id']).toBe(started.outputs['deployment-id'])
  })

  it('follows a Product Ingestion go-live from its configure job to the live submission', async () => {
    const sim = await simulator({ jobMs: 300, liveMs: 2000 })
    const piInputs = { api: 'product-ingestion', 'base-url': `${sim.url}/rp/product-ingestion` }
    const started = await runAction({
      inputs: {
        ...piInputs,
        'product-id': PRODUCT,
        token: 'sim-token',
        wait: 'false',
        'github-deployment': 'true',
        'github-token': 'gh-token'
      },
      env: githubEnv(sim)
    })
    expect(started.outputs.result).toBe('started')
    const first = await follow(sim, piInputs)
    expect(first.outputs.result).toBe('running')
    wait(2500)
    const second = await follow(sim, piInputs)
    expect(second.outputs.result).toBe('succeeded')
    expect(JSON.parse(second.outputs.followed)[0]).toMatchObject({
      target: `product ${PRODUCT}`,
      result: 'succeeded',
      url: `https://partner.microsoft.com/dashboard/commercial-marketplace/offers/${PRODUCT}/overview`
    })
    expect(states(sim)).toEqual(['in_progress', 'in_progress', 'success'])
  })

  it('checks many go-lives in flight concurrently, each with one poll', async () => {
    const offers = manyOffers(12)
    const sim = await simulator({ offers, operationMs: 600_000 })
    await recordGoLivesInFlight(sim, offers, new Date(clock().now()).toISOString())
    const before = operationReads(sim)
    const run = await follow(sim)
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('running')
    expect(JSON.parse(run.outputs.followed)).toHaveLength(12)
    expect(operationReads(sim) - before).toBe(12)
    expect(run.durationMs).toBeLessThan(5000)

    // With acquired tokens, the concurrent checks share one token request.
    const tokenRequests = () => sim.count({ method: 'POST', path: /\/oauth2\/v2\.0\/token$/ })
    const withCredentials = await follow(sim, {
      token: '',
      'tenant-id': '00000000-0000-0000-0000-000000000001',
      'client-id': '11111111-1111-1111-1111-111111111111',
      'client-secret': 'sim-secret',
      'authority-host': sim.url
    })
    expect(withCredentials.outputs.result).toBe('running')
    expect(tokenRequests()).toBe(1)
  })
})

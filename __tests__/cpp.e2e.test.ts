/**
 * End to end, Cloud Partner Portal API: run() in process against the simulator over real HTTP on
 * 127.0.0.1, both on one fake clock.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import {
  cppInputs,
  failureOf,
  summaryHeading,
  useSimulators,
  visibleLog,
  workflowCommands,
  type Sim
} from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ operationMs: 1500 }, { clock })

const inputs = cppInputs

const goLivePosts = (sim: Sim): number => sim.count({ method: 'POST', path: /\/golive$/ })

describe('go live and follow (CPP)', () => {
  it('takes a migrated offer live and reports succeeded', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(run.outputs['operation-location']).toMatch(
      new RegExp(
        `^${sim.url}/api/publishers/contoso/offers/contoso-offer/operations/[0-9a-f-]{36}\\?api-version=2017-10-31$`
      )
    )
    expect(run.outputs['operation-id']).toBe(sim.operations[0].id)
    expect(run.outputs['operation-status']).toBe('succeeded')
    expect(JSON.parse(run.outputs.operation)).toMatchObject({ id: sim.operations[0].id, status: 'succeeded' })
    expect(goLivePosts(sim)).toBe(1)
    // Every call carried the token and the api-version.
    for (const r of sim.requests) {
      expect(r.headers.authorization).toBe('Bearer sim-token')
      expect(r.query['api-version']).toBe('2017-10-31')
    }
    const log = visibleLog(run.stdout)
    expect(log).toContain('Going live: offer contoso/contoso-offer')
    expect(log).toContain('Succeeded')
  })

  it('follows the non-migrated $ operation path and outputs its id', async () => {
    const sim = await simulator({
      offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: false, ready: true }],
      locationStyle: 'non-migrated'
    })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs['operation-id']).toBe('contoso$contoso-offer$2$preview')
    expect(run.outputs['operation-location']).toBe(
      `${sim.url}/api/operations/contoso$contoso-offer$2$preview?api-version=2017-10-31`
    )
    const polls = sim.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/operations/'))
    expect(polls.length).toBeGreaterThan(0)
    expect(polls.every((r) => r.path === '/api/operations/contoso$contoso-offer$2$preview')).toBe(true)
  })

  it('falls back to the legacy absolute Operation-Location and adds the api-version', async () => {
    const sim = await simulator({ locationStyle: 'legacy' })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    const polls = sim.requests.filter((r) => r.method === 'GET' && r.path.includes('/operations/'))
    expect(polls.every((r) => r.query['api-version'] === '2017-10-31')).toBe(true)
  })

  it('refuses an operation URL on another origin and never sends the token there', async () => {
    const other = await simulator()
    const sim = await simulator({ locationStyle: 'legacy', legacyOrigin: other.url })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/is not on the API origin/)
    expect(other.requests).toHaveLength(0)
    expect(sim.count({ method: 'GET' })).toBe(0)
  })

  it.each([
    ['complete', 'as-is'],
    ['completed', 'title'],
    ['succeeded', 'upper']
  ] as const)(
    'accepts the success spelling %s (%s case), array-wrapped documents and string messages',
    async (successSpelling, statusCase) => {
      const sim = await simulator({
        successSpelling,
        statusCase,
        wrapOperationInArray: true,
        messageStyle: 'string',
        notStartedMs: 500,
        notStartedSpelling: 'not started'
      })
      const run = await runAction({ inputs: inputs(sim) })
      expect(run.code).toBe(0)
      expect(run.outputs.result).toBe('succeeded')
      expect(run.outputs['operation-status'].toLowerCase()).toBe(successSpelling)
      expect(run.summary).toContain('Validate Pre-Requisites')
    }
  )

  it('reports a failed operation with its error and the failed step', async () => {
    const sim = await simulator({ finalStatus: 'failed' })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(run.outputs['operation-status']).toBe('failed')
    const error = workflowCommands(run.stdout).find((c) => c.name === 'error')
    expect(error?.data).toMatch(/The go-live of offer contoso\/contoso-offer failed/)
    expect(error?.data).toMatch(/CertificationFailed/)
    expect(error?.data).toMatch(/failed at step Certification after/)
  })

  it.each([
    ['canceled', 'canceled'],
    ['cancelled', 'cancelled']
  ] as const)('reports a remotely cancelled operation (%s) as canceled', async (_, canceledSpelling) => {
    const sim = await simulator({ finalStatus: 'canceled', canceledSpelling })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('canceled')
    expect(run.outputs['operation-status']).toBe(canceledSpelling)
  })

  it('writes the job summary with the outcome first, the time, a link, the operation and steps', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim) })
    expect(summaryHeading(run.summary)).toBe('✅ offer contoso/contoso-offer is live')
    expect(run.summary.startsWith('<h2>')).toBe(true)
    expect(run.summary).toMatch(/This run: \d/)
    expect(run.summary).toContain(`<a href="${run.outputs.url}">`)
    expect(run.summary).toContain(run.outputs['operation-location'])
    for (const column of ['Step', 'Status', 'Progress', 'Estimated time', 'Latest message'])
      expect(run.summary).toContain(`<th>${column}</th>`)
    expect(run.summary).toMatch(/<td>Live<\/td><td>[a-z]+<\/td><td>100%<\/td><td>~2-5 days<\/td>/i)
  })

  it('logs a line when the operation or a step changes, not one per poll', async () => {
    const sim = await simulator({ operationMs: 3000 })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    const polls = sim.count({ method: 'GET', path: /\/operations\// })
    expect(polls).toBeGreaterThanOrEqual(3)
    const statusLines = visibleLog(run.stdout)
      .split('\n')
      .filter((l) => /\] operation /.test(l))
    expect(statusLines.length).toBeLessThan(polls)
    expect(statusLines.map((l) => l.replace(/^.*operation /, ''))).toEqual(['running', 'succeeded'])
  })
})

describe('wait, timeout and resume', () => {
  it('returns started as soon as the go-live is accepted with wait: false', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    const run = await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('started')
    expect(run.outputs['operation-location']).toContain('/operations/')
    expect(sim.requests.map((r) => r.method)).toEqual(['POST'])
  })

  it('fails with timed-out at the deadline and says how to resume', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    const run = await runAction({ inputs: inputs(sim, { timeout: '3s' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('timed-out')
    expect(run.outputs['operation-status']).toBe('running')
    expect(run.durationMs).toBeLessThan(3000 + 3000)
    const error = workflowCommands(run.stdout).find((c) => c.name === 'error')
    expect(error?.data).toContain('did not finish within 3s')
    expect(error?.data).toContain(`operation-location: ${run.outputs['operation-location']}`)
  })

  it('passes with a warning on timeout when on-timeout is warn', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    const run = await runAction({ inputs: inputs(sim, { timeout: '2s', 'on-timeout': 'warn' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('timed-out')
    const warning = workflowCommands(run.stdout).find((c) => c.name === 'warning')
    expect(warning?.data).toContain('Resume with operation-location')
  })

  it('resumes an operation from operation-location without a new Go Live', async () => {
    const sim = await simulator({ operationMs: 2500 })
    const first = await runAction({ inputs: inputs(sim, { timeout: '1s', 'on-timeout': 'warn' }) })
    expect(first.outputs.result).toBe('timed-out')
    const relative = first.outputs['operation-location'].slice(sim.url.length)
    const second = await runAction({ inputs: inputs(sim, { 'operation-location': relative }) })
    expect(second.code).toBe(0)
    expect(second.outputs.result).toBe('succeeded')
    expect(second.outputs['operation-location']).toBe(first.outputs['operation-location'])
    expect(goLivePosts(sim)).toBe(1)
  })

  it('resumes a non-migrated operation given as an absolute URL with %24 in it', async () => {
    const sim = await simulator({
      offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: false, ready: true }],
      locationStyle: 'non-migrated',
      operationMs: 2500
    })
    await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    const run = await runAction({
      inputs: inputs(sim, {
        'operation-location': `${sim.url}/api/operations/contoso%24contoso-offer%242%24preview?api-version=2017-10-31`
      })
    })
    expect(run.code).toBe(0)
    expect(run.outputs['operation-id']).toBe('contoso$contoso-offer$2$preview')
  })
})

describe('HTTP resilience', () => {
  it('retries a 429 after the Retry-After the server asked for', async () => {
    const sim = await simulator()
    sim.fault({ method: 'POST', path: '/golive', status: 429, retryAfter: '2' })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    const posts = sim.requests.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(2)
    expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(1900)
    expect(run.stdout).toMatch(/Go Live answered 429; retrying in 2\.0s \(as Retry-After asks\)/)
    expect(sim.operations).toHaveLength(1)
  })

  it('rides out a burst of 5xx answers and connection resets while polling', async () => {
    const sim = await simulator({ operationMs: 2000 })
    sim.fault({ method: 'GET', path: '/operations/', status: 503, times: 1 })
    sim.fault({ method: 'GET', path: '/operations/', status: 500, times: 1 })
    sim.fault({ method: 'GET', path: '/operations/', reset: true, times: 1 })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
  })

  it('treats an HTML gateway page while polling as transient and says what it got', async () => {
    const sim = await simulator({ operationMs: 1500 })
    sim.fault({
      method: 'GET',
      path: '/operations/',
      status: 200,
      body: '<html><body>Gateway says hi</body></html>',
      contentType: 'text/html',
      times: 2
    })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(visibleLog(run.stdout)).toContain('unexpected body: <html><body>Gateway says hi</body></html>')
  })

  it('gives up on Go Live after the retries with the status and advice', async () => {
    const sim = await simulator()
    sim.fault({ method: 'POST', path: '/golive', status: 503, retryAfter: '0', times: Infinity })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(sim.count({ method: 'POST' })).toBe(5)
    const error = workflowCommands(run.stdout).find((c) => c.name === 'error')
    expect(error?.data).toMatch(/answered 503/)
    expect(error?.data).toMatch(/unavailable right now/)
  })
})

describe('errors people can act on', () => {
  it('400 shows the API error code and message', async () => {
    const sim = await simulator({ apiVersion: '2017-10-31' })
    const run = await runAction({ inputs: inputs(sim, { 'api-version': '2016-01-01' }) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(/answered 400: InvalidAPIVersion Invalid api version/)
    expect(sim.count({ method: 'POST' })).toBe(1)
  })

  it('401 says the token is missing, invalid or expired and how to get one that lasts', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { token: 'not-a-valid-token' }) })
    expect(run.code).toBe(1)
    const message = failureOf(run.stdout)
    expect(message).toMatch(/answered 401/)
    expect(message).toMatch(/'token' input is missing, invalid or expired/)
    expect(message).toMatch(/client-secret/)
    expect(sim.count({ method: 'POST' })).toBe(1)
  })

  it('403 says the principal lacks access to the publisher account', async () => {
    const sim = await simulator()
    sim.fault({
      method: 'POST',
      path: '/golive',
      status: 403,
      body: { error: { code: 'Forbidden', message: 'Access denied.' } }
    })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /answered 403: Forbidden Access denied \(request ID [0-9a-f-]+\)\. The token is valid but .*no access to offer contoso\/contoso-offer.*Partner Center/
    )
  })

  it('404 names the publisher and offer', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'offer-id': 'missing-offer' }) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /answered 404.*offer contoso\/missing-offer was not found: check 'publisher-id' and 'offer-id'/
    )
  })
})

describe('bad inputs fail before any request', () => {
  it.each([
    [{ 'offer-id': 'a/../b' }, 'offer-id'],
    [{ 'publisher-id': '' }, 'publisher-id'],
    [{ timeout: 'forever' }, 'timeout'],
    [{ 'poll-interval': '0s' }, 'poll-interval'],
    [{ wait: 'maybe' }, 'wait'],
    [{ 'on-timeout': 'explode' }, 'on-timeout'],
    [{ token: '' }, 'token'],
    [{ 'operation-location': 'https://elsewhere.example.com/api/operations/1' }, 'operation-location']
  ])('%j fails naming %s', async (bad, name) => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, bad) })
    expect(run.code).toBe(1)
    const error = workflowCommands(run.stdout).find((c) => c.name === 'error')
    expect(error?.data).toContain(`Input '${name}'`)
    expect(sim.requests).toHaveLength(0)
  })

  it('reports every bad input at once, one line each, in the failure and the log', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: inputs(sim, { 'offer-id': 'a/b', timeout: 'forever', 'on-timeout': 'explode', token: 'Bearer sim-token' })
    })
    expect(run.code).toBe(1)
    expect(sim.requests).toHaveLength(0)
    // One annotation; the runner shows each %0A as a line break.
    const lines = failureOf(run.stdout).split('%0A')
    expect(lines[0]).toMatch(/^4 inputs are not valid/)
    for (const [name, value] of [
      ['offer-id', "got 'a/b'"],
      ['token', "without 'Bearer '"],
      ['timeout', "got 'forever'"],
      ['on-timeout', "got 'explode'"]
    ]) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^- Input '${name}' .*${value}`)))
    }
    expect(visibleLog(run.stdout)).toContain("- Input 'on-timeout' must be one of 'fail', 'warn', 'cancel'")
    expect(run.stdout.replace(/^::add-mask::.*$/m, '')).not.toContain('sim-token')
  })

  it('a product-id with api left at cpp says to set api: product-ingestion', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: inputs(sim, { 'publisher-id': '', 'offer-id': '', 'product-id': 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d' })
    })
    expect(run.code).toBe(1)
    expect(sim.requests).toHaveLength(0)
    const failure = failureOf(run.stdout)
    expect(failure).toContain("Input 'publisher-id' is required")
    expect(failure).toMatch(/Likely fix: .*set 'api: product-ingestion'/)
  })
})

describe('safety', () => {
  it('never prints the token, even with step debug on, and masks it first', async () => {
    const sim = await simulator()
    const token = sim.issueToken({ lifetimeSec: 3600 })
    const run = await runAction({ inputs: inputs(sim, { token }), env: { RUNNER_DEBUG: '1' } })
    expect(run.code).toBe(0)
    const commands = workflowCommands(run.stdout)
    expect(commands[0]).toEqual(expect.objectContaining({ name: 'add-mask', data: token }))
    const rest = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::'))
    expect(rest.join('\n')).not.toContain(token)
    expect(run.stdout).toMatch(/::debug::GET /)
    expect(run.stdout.toLowerCase()).not.toContain('authorization')
    expect(run.stderr).not.toContain(token)
    expect(Object.values(run.outputs).join('\n')).not.toContain(token)
    expect(run.summary).not.toContain(token)
  })

  it('keeps the fence when a registered secret is short enough to stand inside its words', async () => {
    // Our own copy of a secret is replaced in every line; a secret 't' must not turn the fence's
    // `::stop-commands::` into something the runner does not read.
    const sim = await simulator({
      staticTokens: ['t'],
      injectMessage: 'first line\n::error::pwned on a line of its own'
    })
    const run = await runAction({ inputs: { ...inputs(sim), token: 't' } })
    expect(run.code).toBe(0)
    expect(workflowCommands(run.stdout).map((c) => c.name)).not.toContain('error')
    expect(run.stdout).toMatch(/^::stop-commands::[0-9a-f]{32}$/m)
  })

  it.each([
    '::error::pwned',
    '  ::set-output name=result::pwned',
    'see ##[error]pwned in the middle',
    '::add-mask::hide-everything',
    'first line\n::error::pwned on a line of its own',
    '<script>alert(1)</script> | broken | table'
  ])('does not let step text issue workflow commands: %j', async (injectMessage) => {
    const sim = await simulator({ injectMessage })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    // The text reached the log, but only inside a stop-commands fence.
    expect(run.stdout).toContain(injectMessage.trim().replace(/<[^>]*>/g, ''))
    const commands = workflowCommands(run.stdout).map((c) => c.name)
    expect(commands).not.toContain('error')
    expect(commands).not.toContain('set-output')
    expect(commands.filter((c) => c === 'add-mask')).toHaveLength(1)
    expect(run.outputs.result).toBe('succeeded')
    expect(run.summary).not.toContain('<script>')
    expect(run.summary).not.toMatch(/\| broken \|/)
  })
})

describe('wire details', () => {
  it('sends Go Live as a JSON POST with the api-version and no body', async () => {
    const sim = await simulator()
    await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    const [post] = sim.requests
    expect(post.method).toBe('POST')
    expect(post.path).toBe('/api/publishers/contoso/offers/contoso-offer/golive')
    expect(post.query['api-version']).toBe('2017-10-31')
    expect(post.headers['content-type']).toBe('application/json')
    expect(post.body).toBe('')
  })
})

describe('unexpected but plausible answers', () => {
  it('never polls faster than once a second, even when Retry-After says 0', async () => {
    const sim = await simulator({ operationMs: 3000, retryAfter: '0' })
    const run = await runAction({ inputs: inputs(sim, { 'poll-interval': '60s' }) })
    expect(run.code).toBe(0)
    expect(sim.count({ method: 'GET', path: /\/operations\// })).toBeLessThanOrEqual(5)
  })

  it("waits for the Retry-After of Go Live's answer before the first poll", async () => {
    const sim = await simulator({ operationMs: 3000, retryAfter: '2' })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    const [post, firstPoll] = sim.requests
    expect(firstPoll.at - post.at).toBeGreaterThanOrEqual(1900)
  })

  it('finds the go-live through the submissions list when the 202 names no operation', async () => {
    const sim = await simulator({ operationMs: 2000 })
    sim.fault({ method: 'POST', path: '/golive', status: 202, body: '', handleFirst: true })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(run.outputs['operation-id']).toBe(sim.operations[0].id)
    expect(sim.count({ method: 'POST' })).toBe(1)
  })

  it('outputs the operation itself, not the array a document came wrapped in', async () => {
    const sim = await simulator({ wrapOperationInArray: true })
    const run = await runAction({ inputs: inputs(sim) })
    const operation = JSON.parse(run.outputs.operation)
    expect(Array.isArray(operation)).toBe(false)
    expect(operation.id).toBe(run.outputs['operation-id'])
  })

  it.each([
    [{ 'offer-id': 'missing-offer' }, 'a 404 from Go Live'],
    [{ timeout: 'soon' }, 'an input error']
  ] as [Record<string, string>, string][])('sets result failed on %j (%s)', async (extra) => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, extra) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
  })
})

describe('what the CPP API really sends', () => {
  it.each(['failed', 'blocked', 'rejected'] as const)(
    'shows the error of a %s step (an information message at the same instant does not hide it)',
    async (failedStepStatus) => {
      const sim = await simulator({ finalStatus: 'failed', failedStepStatus, statusCase: 'pascal' })
      const run = await runAction({ inputs: inputs(sim) })
      expect(run.outputs.result).toBe('failed')
      const error = 'Certification failed: the offer does not meet the marketplace certification policies'
      const stepStatus = failedStepStatus.charAt(0).toUpperCase() + failedStepStatus.slice(1)
      expect(failureOf(run.stdout)).toMatch(/failed at step Certification after/)
      expect(failureOf(run.stdout)).toContain(error)
      expect(visibleLog(run.stdout)).toContain(`Certification: ${stepStatus} 100% - ${error}`)
      expect(run.summary).toContain(error)
      expect(visibleLog(run.stdout)).not.toContain('Step processing finished')
    }
  )

  it('follows PascalCase statuses to success, and a dry run reads them too', async () => {
    const sim = await simulator({ statusCase: 'pascal' })
    const dry = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(dry.outputs.result).toBe('ready')
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.outputs.result).toBe('succeeded')
    expect(run.outputs['operation-status']).toBe('Succeeded')
  })

  it('dry run while a go-live runs: ready, saying a go-live now would join it', async () => {
    const sim = await simulator({ preexistingOperation: true, operationMs: 60_000 })
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('ready')
    expect(visibleLog(run.stdout)).toContain(
      'a go-live is already running on offer contoso/contoso-offer: a go-live now would join it'
    )
    expect(sim.count({ method: 'POST' })).toBe(0)
  })

  it('accepts filled previewLinks and liveLinks', async () => {
    const sim = await simulator({ links: 'objects' })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.outputs.result).toBe('succeeded')
    expect(JSON.parse(run.outputs.operation).liveLinks[0]).toMatchObject({ uri: expect.stringContaining('https://') })
  })
})

describe('resuming safely (CPP)', () => {
  it.each([
    [
      '/api/publishers/contoso/offers/other-offer/operations/56615b67-2185-49fe-80d2-c4ddf77bb2e8',
      'contoso/other-offer'
    ],
    ['/api/operations/fabrikam$contoso-offer$2$preview', 'fabrikam/contoso-offer']
  ])('refuses a location of another offer (%s), naming both, before any request', async (location, named) => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'operation-location': location }) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toContain(
      `Input 'operation-location' names offer ${named}, but 'publisher-id' and 'offer-id' name offer contoso/contoso-offer`
    )
    expect(sim.requests).toHaveLength(0)
  })

  it('refuses the operation-id pasted in as a location, before any request', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: inputs(sim, { 'operation-location': '56615b67-2185-49fe-80d2-c4ddf77bb2e8' })
    })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /Input 'operation-location' is not usable: .*not a CPP operation.*not 'operation-id'/
    )
    expect(sim.requests).toHaveLength(0)
  })

  it('says an unknown operation was not found (not the offer), without suggesting to resume with it', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: inputs(sim, {
        'operation-location':
          '/api/publishers/contoso/offers/contoso-offer/operations/56615b67-2185-49fe-80d2-c4ddf77bb2e8'
      })
    })
    expect(run.code).toBe(1)
    const failure = failureOf(run.stdout)
    expect(failure).toMatch(
      /answered 404.*The operation .*56615b67-2185-49fe-80d2-c4ddf77bb2e8.* was not found by the API/
    )
    expect(failure).not.toContain('offer contoso/contoso-offer was not found')
    expect(failure).not.toMatch(/resume|follow it later/i)
  })

  it.each([
    ['Go Live', {}],
    ['the dry run', { 'dry-run': 'true' }]
  ])(
    'a 404 for the offer on %s mentions api: product-ingestion for offers created in Partner Center',
    async (_name, extra) => {
      const sim = await simulator()
      const run = await runAction({ inputs: inputs(sim, { 'offer-id': 'missing-offer', ...extra }) })
      expect(run.code).toBe(1)
      const failure = failureOf(run.stdout)
      expect(failure).toMatch(/answered 404.*offer contoso\/missing-offer was not found/)
      expect(failure).toContain("Offers created in Partner Center are not in the CPP API: use 'api: product-ingestion'")
    }
  )
})

describe('long waits on GitHub-hosted runners', () => {
  it('warns at start when a timeout beyond 6 hours meets a GitHub-hosted runner', async () => {
    const sim = await simulator({ operationMs: 300 })
    const run = await runAction({
      inputs: inputs(sim, { timeout: '3d' }),
      env: { RUNNER_ENVIRONMENT: 'github-hosted' }
    })
    expect(run.code).toBe(0)
    const log = visibleLog(run.stdout)
    const warning = log.indexOf("Warning: Input 'timeout' is 3d, not under the 6-hour limit")
    expect(warning).toBeGreaterThanOrEqual(0)
    expect(warning).toBeLessThan(log.indexOf('Going live'))
    expect(log).toMatch(/the result .* is lost/)
    expect(log).toMatch(/scheduled workflow with 'follow: true'.*self-hosted runner/)
  })
})

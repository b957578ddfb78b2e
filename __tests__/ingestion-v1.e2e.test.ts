/**
 * End to end, Partner Center ingestion API v1.0: promote the preview submission and follow it to
 * `InStore`; the submission chosen, joins, not-ready answers, failures with their validations and
 * reports, a promotion that cannot be cancelled, the seller ID header, paging in every link form.
 * run() in process on a fake clock shared with the simulator, over real sockets.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import {
  failureOf,
  summaryHeading,
  useSimulators,
  visibleLog,
  workflowCommands,
  type Sim,
  type SimOptions,
  githubEnv
} from '../__fixtures__/simulators.js'
import { V1_PRODUCT_ID as PRODUCT, V1_SUBMISSION_IDS as IDS } from '../sim/ingestion-v1/options.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ v1PublishMs: 3000 }, { clock })

const NAMED = `product Contoso.Analytics.AppSource (${PRODUCT})`
const TENANT = '00000000-0000-0000-0000-000000000001'
const CLIENT = '11111111-1111-1111-1111-111111111111'
const HOUR = 3_600_000

const base = (sim: Sim) => `${sim.url}/v1.0/ingestion`
const inputs = (sim: Sim, extra: Record<string, string> = {}): Record<string, string> => ({
  api: 'ingestion-v1',
  'product-id': PRODUCT,
  token: 'sim-token',
  'base-url': base(sim),
  timeout: '20s',
  'poll-interval': '1s',
  ...extra
})

const v1Requests = (sim: Sim) => sim.requests.filter((r) => r.path.startsWith('/v1.0/ingestion/'))
const promotes = (sim: Sim) => sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/promote'))
const promoted = (sim: Sim) => promotes(sim).map((r) => r.path.split('/').at(-2))
const location = (sim: Sim, id: string) => `${base(sim)}/products/${PRODUCT}/submissions/${id}`

type Substate = import('../sim/ingestion-v1/submissions.js').V1Substate

/** One product holding these submissions (oldest first), each `[id, substate, extra]`. */
const productWith = (...submissions: [string, Substate, Record<string, unknown>?][]): SimOptions => ({
  v1Products: [
    {
      productId: PRODUCT,
      name: 'Contoso.Analytics.AppSource',
      submissions: submissions.map(([id, substate, extra]) => ({ id, substate, ...extra }))
    }
  ]
})

describe('go live through the ingestion API v1.0', () => {
  it('promotes the ready preview, never the newer draft, and follows it to InStore', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(promoted(sim)).toEqual([IDS.ready])
    expect(promotes(sim)[0].body).toBe('{}')
    expect(promotes(sim)[0].headers['content-type']).toBe('application/json')
    expect(run.outputs['operation-location']).toBe(location(sim, IDS.ready))
    expect(run.outputs['operation-id']).toBe(IDS.ready)
    expect(run.outputs['operation-status']).toBe('InStore')
    expect(JSON.parse(run.outputs.operation)).toMatchObject({ id: IDS.ready, state: 'Published', substate: 'InStore' })
    expect(run.outputs.url).toBe(
      `https://partner.microsoft.com/dashboard/commercial-marketplace/offers/${PRODUCT}/overview`
    )
    const sub = sim.v1Products[0].submissions.find((s) => s.id === IDS.draft)
    expect(sub?.substate).toBe('InDraft')
    // No version parameter: v1.0 is in the path.
    for (const r of v1Requests(sim)) expect(r.query).toEqual({})
    const log = visibleLog(run.stdout)
    expect(log.split('\n')[0]).toContain(NAMED)
    expect(log).toContain(
      `Promoted submission ${IDS.ready} (Submission 5) to live (HTTP 200); it was Published/ReadyToPublish`
    )
    expect(log).toMatch(/Live: Certification: InProgress/)
    expect(log).toMatch(/Live: Publish: Success/)
    expect(summaryHeading(run.summary)).toBe(`✅ ${NAMED} is live`)
    expect(run.summary).toContain('<td>Preview: Automated validation</td><td>Success</td>')
    expect(run.summary).toContain('<td>Live: Certification</td><td>Success</td>')
  })

  it('takes the newest preview by its ID as digits, whatever the order of the list', async () => {
    // As JavaScript numbers these two IDs are equal; only their digits tell them apart.
    const older = '1152921505699173393'
    const newer = '1152921505699173395'
    expect(Number(older)).toBe(Number(newer))
    const sim = await simulator(
      productWith(
        [newer, 'ReadyToPublish', { releaseNumber: 7 }],
        [older, 'ReadyToPublish', { releaseNumber: 6 }],
        ['1152921505699173399', 'InDraft', { releaseNumber: 8 }]
      )
    )
    const run = await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('started')
    expect(promoted(sim)).toEqual([newer])
    expect(run.outputs['operation-id']).toBe(newer)
  })

  it('promotes the submission submission-id names', async () => {
    const older = '1152921505699173393'
    const sim = await simulator(productWith([older, 'ReadyToPublish'], ['1152921505699173395', 'ReadyToPublish']))
    const run = await runAction({ inputs: inputs(sim, { 'submission-id': older }) })
    expect(run.code).toBe(0)
    expect(promoted(sim)).toEqual([older])
    expect(run.outputs['operation-location']).toBe(location(sim, older))
  })

  it('works with client credentials, asking for the Partner Center scope', async () => {
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
    const token = sim.requests.find((r) => r.path.endsWith('/oauth2/v2.0/token'))
    expect(new URLSearchParams(token?.body).get('scope')).toBe('https://api.partner.microsoft.com/.default')
  })

  it('joins a promotion already publishing: nothing is promoted', async () => {
    const sim = await simulator({ v1PreexistingPublishing: true })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(promotes(sim)).toHaveLength(0)
    expect(visibleLog(run.stdout)).toContain(
      `Following an existing go-live: submission ${IDS.ready} (Submission 5) is already being published (Published/Publishing)`
    )
  })

  it('joins the promotion whose answer was lost, instead of promoting twice', async () => {
    const sim = await simulator()
    sim.fault({ method: 'POST', path: '/promote', reset: true, handleFirst: true })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(sim.v1Products[0].submissions.find((s) => s.id === IDS.ready)?.substate).toBe('InStore')
  })

  it('reads the submission from the list when it answers 404 but is listed, as the service has done', async () => {
    const sim = await simulator()
    sim.fault({ method: 'GET', path: new RegExp(`/submissions/${IDS.ready}$`), status: 404, body: '', times: 2 })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(sim.requests.filter((r) => r.fault === 'status')).toHaveLength(2)
  })

  it('reports a submission already in the store as live: nothing promoted, nothing waited for', async () => {
    const sim = await simulator(productWith(['1152921505699041297', 'InStore'], ['1152921505699305489', 'InDraft']))
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(promotes(sim)).toHaveLength(0)
    expect(visibleLog(run.stdout)).toContain(`${NAMED} is already live; nothing was pushed`)
    expect(run.outputs['operation-status']).toBe('InStore')
  })

  it('resumes the submission given as operation-location', async () => {
    const sim = await simulator({ v1PublishMs: 60_000 })
    const first = await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    expect(first.outputs.result).toBe('started')
    clock().advance(30_000)
    const resumed = await runAction({
      inputs: inputs(sim, { 'operation-location': first.outputs['operation-location'], timeout: '2m' })
    })
    expect(resumed.code).toBe(0)
    expect(resumed.outputs.result).toBe('succeeded')
    expect(promotes(sim)).toHaveLength(1)
    expect(visibleLog(resumed.stdout)).toContain("the operation given in 'operation-location'")
  })
})

describe('not ready: said in the API terms, nothing promoted', () => {
  it('a submission still in automated validation', async () => {
    const sim = await simulator(
      productWith(['1152921505699041297', 'InStore'], ['1152921505699173393', 'Submitted', { validationMs: HOUR }])
    )
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(failureOf(run.stdout)).toBe(
      `Not ready to go live: submission 1152921505699173393 (Submission 2) of ${NAMED} is InProgress/Submitted: ` +
        'it is still in automated validation; it can be promoted once it is Published/ReadyToPublish.'
    )
    expect(promotes(sim)).toHaveLength(0)
  })

  it('only a draft: nothing submitted', async () => {
    const sim = await simulator(productWith(['1152921505699305489', 'InDraft']))
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /^Not ready to go live: .* has nothing submitted: its newest submission 1152921505699305489 \(Submission 1\) is InProgress\/InDraft, a draft/
    )
    expect(promotes(sim)).toHaveLength(0)
  })

  it('a failed validation, with its messages, and the older preview that could go live instead', async () => {
    const sim = await simulator(
      productWith(['1152921505699173393', 'ReadyToPublish'], ['1152921505699305489', 'Failed'])
    )
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    const failure = failureOf(run.stdout)
    expect(failure).toContain('is InProgress/Failed: it failed automated validation')
    expect(failure).toContain(
      'validation Package-10003 (Error, Package): Automated validation failed: the app manifest does not name a privacy statement'
    )
    expect(failure).toContain("give 'submission-id: 1152921505699173393' to promote that one")
    expect(promotes(sim)).toHaveLength(0)
  })

  it('a draft whose creation failed: why, with its validation', async () => {
    const sim = await simulator(productWith(['1152921505699305489', 'InDraft', { createFailed: true }]))
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /a draft; publish it to preview first .* \(Active validation errors\): validation Package-10001 \(Error, Package\): The app package could not be read/
    )
  })

  it('a submission-id the product does not have', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { 'submission-id': '42' }) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(/^Submission 42 \('submission-id'\) is not a submission of /)
  })
})

describe('a failed certification', () => {
  it('is reported with each validation message and report link, in the log, the summary and the failure', async () => {
    const sim = await simulator({ v1Result: 'failed-certification' })
    sim.fault({
      method: 'GET',
      path: /\/validations$/,
      times: Infinity,
      status: 200,
      body: {
        value: [
          { errorCode: 'Cert-300', severity: 'Error', message: 'The app <b>crashes</b> on start.', resource: 'Package' }
        ]
      }
    })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(run.outputs['operation-status']).toBe('FailedInCertification')
    const report = `https://certification-reports.example.com/${PRODUCT}/${IDS.ready}/report.pdf`
    const failure = failureOf(run.stdout)
    expect(failure).toMatch(
      new RegExp(
        `^The go-live of product .* failed at step Live: Certification after \\d+s: submission ${IDS.ready} \\(Submission 5\\) is Published/FailedInCertification: `
      )
    )
    expect(failure).toContain('validation Cert-300 (Error, Package): The app <b>crashes</b> on start')
    expect(failure).toContain(`certification report Failed (`)
    expect(failure).toContain(report)
    const log = visibleLog(run.stdout)
    expect(log).toContain(`Certification report: Failed - ${report}`)
    expect(log).toContain('Validation Cert-300: Error - The app <b>crashes</b> on start')
    expect(summaryHeading(run.summary)).toBe(`❌ Go-live of ${NAMED} failed at step Live: Certification`)
    expect(run.summary).toContain(`<a href="${report}">Certification report (Failed)</a>`)
    expect(run.summary).toContain('The app &lt;b&gt;crashes&lt;/b&gt; on start')
    expect(run.summary).not.toContain('<b>crashes')
  })

  it('links only https reports', async () => {
    const sim = await simulator({ v1Result: 'failed-certification' })
    sim.fault({
      method: 'GET',
      path: /\/reports$/,
      times: Infinity,
      status: 200,
      body: { value: [{ reportTimeInUtc: '2025-03-01T12:00:00Z', status: 'Failed', fileUri: 'javascript:alert(1)' }] }
    })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.outputs.result).toBe('failed')
    expect(failureOf(run.stdout)).not.toContain('javascript:')
    expect(run.summary).not.toContain('javascript:')
  })
})

describe('a promotion cannot be cancelled', () => {
  it('on-timeout: cancel sends no request, says so, and leaves it running', async () => {
    const sim = await simulator({ v1PublishMs: HOUR })
    const run = await runAction({ inputs: inputs(sim, { timeout: '3s', 'on-timeout': 'cancel' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('timed-out')
    expect(sim.count({ method: 'POST' })).toBe(1)
    expect(sim.count({ method: 'DELETE' })).toBe(0)
    const log = visibleLog(run.stdout)
    expect(log).not.toContain('asking the API to cancel')
    expect(log).toContain('Cancellation: a promotion cannot be cancelled')
    expect(failureOf(run.stdout)).toMatch(/on-timeout: cancel - a promotion cannot be cancelled: .*no request was sent/)
    expect(failureOf(run.stdout)).toContain(`Resume with operation-location: ${location(sim, IDS.ready)}`)
    expect(sim.v1Products[0].submissions.find((s) => s.id === IDS.ready)?.substate).toBe('Publishing')
  })

  it('on-cancel: cancel sends no request either: the result is as for leave', async () => {
    const sim = await simulator({ v1PublishMs: HOUR })
    let signalled = false
    const run = await runAction({
      inputs: inputs(sim, { timeout: '1h', 'poll-interval': '1m', 'on-cancel': 'cancel' }),
      onStdout: (stdout) => {
        if (signalled || !/Live: Certification: InProgress/.test(stdout)) return
        signalled = true
        setImmediate(() => process.emit('SIGINT'))
      }
    })
    expect(signalled).toBe(true)
    expect(run.outputs.result).toBeUndefined()
    expect(sim.count({ method: 'POST' })).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /^The workflow run was cancelled; on-cancel: cancel - a promotion cannot be cancelled/
    )
    expect(run.summary).toContain(`operation-location: &#39;${location(sim, IDS.ready)}&#39;`)
  })
})

describe('the seller ID', () => {
  it('goes as x-ms-publisherId with every call of this API, and never to Entra', async () => {
    const sim = await simulator({ v1RequireSellerId: true })
    const run = await runAction({
      inputs: inputs(sim, {
        'seller-id': '12345678',
        token: '',
        'tenant-id': TENANT,
        'client-id': CLIENT,
        'client-secret': 'sim-secret',
        'authority-host': sim.url
      })
    })
    expect(run.code).toBe(0)
    expect(v1Requests(sim).length).toBeGreaterThan(3)
    for (const r of v1Requests(sim)) expect(r.headers['x-ms-publisherid']).toBe('12345678')
    const others = sim.requests.filter((r) => !r.path.startsWith('/v1.0/ingestion/'))
    expect(others.length).toBeGreaterThan(0)
    for (const r of others) expect(r.headers['x-ms-publisherid']).toBeUndefined()
  })

  it('is not sent when not given', async () => {
    const sim = await simulator()
    await runAction({ inputs: inputs(sim) })
    for (const r of v1Requests(sim)) expect(r.headers['x-ms-publisherid']).toBeUndefined()
  })

  it('a 400 that asks for x-ms-publisherId is shown readably, with the advice to set seller-id', async () => {
    const sim = await simulator({ v1RequireSellerId: true })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    const failure = failureOf(run.stdout)
    expect(failure).toContain(
      'answered 400: Submission request failed, API=GetSubmissions, HttpStatusCode=BadRequest: One or more validation ' +
        'errors occurred (x-ms-publisherId: PublisherId is a required header, and must be a positive number)'
    )
    expect(failure).not.toContain('RestClientException')
    expect(failure).toContain("set the 'seller-id' input")
    expect(failure).toContain('Account settings > Legal info > Seller ID')
    expect(promotes(sim)).toHaveLength(0)
  })
})

describe('paging as the service does it', () => {
  it.each(['relative', 'odata', 'absolute'] as const)('follows a %s next link to every page', async (v1NextLink) => {
    const sim = await simulator({ v1PageSize: 1, v1NextLink })
    const run = await runAction({ inputs: inputs(sim, { wait: 'false' }) })
    expect(run.code).toBe(0)
    expect(promoted(sim)).toEqual([IDS.ready])
    const pages = v1Requests(sim).filter((r) => r.query.$skipToken !== undefined)
    expect(pages).toHaveLength(2)
    for (const r of v1Requests(sim)) expect(r.path).toMatch(new RegExp(`^/v1\\.0/ingestion/products/${PRODUCT}(/|$)`))
  })

  it('refuses a next link on another origin and never sends the token there', async () => {
    const other = await simulator()
    const sim = await simulator({ v1PageSize: 1, v1NextLink: 'absolute', v1NextLinkOrigin: other.url })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(/the submission list's next page was not read: .* is not on the API origin/)
    expect(other.requests).toHaveLength(0)
    expect(promotes(sim)).toHaveLength(0)
  })
})

describe('dry run', () => {
  const dryRun = async (options: SimOptions) => {
    const sim = await simulator(options)
    const run = await runAction({ inputs: inputs(sim, { 'dry-run': 'true' }) })
    expect(sim.count({ method: 'POST' })).toBe(0)
    return run
  }

  it('ready: a preview waits to be promoted', async () => {
    const run = await dryRun({})
    expect(run.outputs.result).toBe('ready')
    expect(visibleLog(run.stdout)).toContain(
      `Dry run (preview: ready): submission ${IDS.ready} (Submission 5) of ${NAMED} is Published/ReadyToPublish: ready to go live`
    )
    expect(run.summary).toContain(`<td>Submission ${IDS.draft} (Submission 6)</td><td>InProgress/InDraft</td>`)
  })

  it('ready while a promotion publishes: a go-live now would join it', async () => {
    const run = await dryRun({ v1PreexistingPublishing: true })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('ready')
    expect(visibleLog(run.stdout)).toMatch(/is already being published .*: a go-live now would join it/)
  })

  it.each([
    ['in validation', 'Submitted', /is InProgress\/Submitted: it is still in automated validation/],
    ['failed', 'Failed', /is InProgress\/Failed: it failed automated validation: validation Package-10003/],
    ['only a draft', 'InDraft', /has nothing submitted/]
  ] as [string, Substate, RegExp][])('not ready: %s', async (_, substate, said) => {
    const run = await dryRun(productWith(['1152921505699305489', substate, { validationMs: HOUR }]))
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('not-ready')
    expect(failureOf(run.stdout)).toMatch(said)
  })
})

describe('github-deployment and follow runs', () => {
  it('a follow run finishes a promotion recorded as a GitHub deployment', async () => {
    const sim = await simulator({ v1PublishMs: 3 * HOUR })
    const release = await runAction({
      inputs: inputs(sim, {
        wait: 'false',
        'github-deployment': 'true',
        'github-token': 'gh-token',
        'seller-id': '42'
      }),
      env: githubEnv(sim)
    })
    expect(release.outputs.result).toBe('started')
    const [deployment] = sim.github.deployments
    expect(deployment.environment).toBe(`marketplace-${PRODUCT}`)
    expect(deployment.payload).toMatchObject({ api: 'ingestion-v1', productId: PRODUCT })
    // One deployment per go-live: the promoted submission is recorded in its status.
    expect(deployment.statuses.at(-1)?.description).toContain(`op submission:${IDS.ready}`)
    expect(release.outputs['operation-location']).toBe(location(sim, IDS.ready))
    const follow = (extra: Record<string, string> = {}) =>
      runAction({
        inputs: {
          api: 'ingestion-v1',
          token: 'sim-token',
          'base-url': base(sim),
          follow: 'true',
          'github-token': 'gh-token',
          'seller-id': '42',
          ...extra
        },
        env: githubEnv(sim)
      })
    clock().advance(HOUR)
    const running = await follow()
    expect(running.outputs.result).toBe('running')
    clock().advance(3 * HOUR)
    const live = await follow({ 'product-id': PRODUCT })
    expect(live.code).toBe(0)
    expect(live.outputs.result).toBe('succeeded')
    expect(JSON.parse(live.outputs.followed)).toEqual([
      expect.objectContaining({ result: 'succeeded', 'operation-location': location(sim, IDS.ready) })
    ])
    // The follow runs say where the promotion is (a new step), then that it is in the store.
    expect(sim.github.deployments[0].statuses.map((s) => s.state)).toEqual(['in_progress', 'in_progress', 'success'])
    expect(promotes(sim)).toHaveLength(1)
    for (const r of v1Requests(sim)) expect(r.headers['x-ms-publisherid']).toBe('42')
  })
})

describe('inputs', () => {
  it('reports every bad input at once, before any request', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: {
        'publisher-id': 'contoso',
        'offer-id': 'contoso-offer',
        token: 'sim-token',
        'base-url': sim.url,
        'submission-id': '1152921505699173393'
      }
    })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toContain(
      "Input 'submission-id' belongs to api: ingestion-v1, but 'api' is 'cpp' (the default)"
    )
    expect(failureOf(run.stdout)).toContain("Likely fix: 'submission-id' is given: for Dynamics 365 apps")
    const bad = await runAction({
      inputs: inputs(sim, { 'seller-id': 'contoso', 'submission-id': '11529215056991733x3' })
    })
    expect(bad.code).toBe(1)
    const failure = failureOf(bad.stdout)
    expect(failure).toMatch(/^2 inputs are not valid; nothing was started:/)
    expect(failure).toContain("Input 'seller-id' must be the Partner Center seller ID, a positive number")
    expect(failure).toContain("Input 'submission-id' must be the submission's ID as the API gives it, digits only")
    expect(sim.requests).toHaveLength(0)
  })

  it('an operation-location of another product is an input error', async () => {
    const sim = await simulator()
    const other = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
    const run = await runAction({
      inputs: inputs(sim, { 'operation-location': `${base(sim)}/products/${other}/submissions/1` })
    })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /Input 'operation-location' names product a8a1f1b4-.*, but 'product-id' names product/
    )
    expect(sim.requests).toHaveLength(0)
  })

  it('keeps workflow commands in API text inert', async () => {
    const sim = await simulator({ v1Result: 'failed-certification' })
    sim.fault({
      method: 'GET',
      path: /\/validations$/,
      times: Infinity,
      status: 200,
      body: {
        value: [{ errorCode: 'X', severity: 'Error', message: '::set-output name=result::succeeded ##[error]x' }]
      }
    })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.outputs.result).toBe('failed')
    expect(workflowCommands(run.stdout).filter((c) => c.name === 'set-output')).toHaveLength(0)
    expect(workflowCommands(run.stdout).filter((c) => c.name === 'error')).toHaveLength(1)
  })
})

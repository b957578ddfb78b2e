/**
 * End to end, hostile answers: the outcome is never lost, every wait is bounded, and no hostile
 * text gets through (to the log, the summary or the outputs); run() in process on a fake clock
 * shared with the simulator. What needs a real process (an unwritable GITHUB_OUTPUT, a document
 * nested deep enough to test the real stack, masks as the runner applies them, sockets that never
 * answer) is in dist.e2e.test.ts.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import {
  cppInputs,
  failureOf,
  summaryHeading,
  useSimulators,
  visibleLog,
  workflowCommands
} from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ operationMs: 400 }, { clock })

const warnings = (stdout: string): string[] =>
  workflowCommands(stdout)
    .filter((c) => c.name === 'warning')
    .map((c) => c.data.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'))

/** An operation document the API could send: a status and steps of our choosing. */
const operation = (status: string, steps: { stepName: string; status: string }[] = []) => ({
  id: '56615b67-2185-49fe-80d2-c4ddf77bb2e8',
  status,
  steps: steps.map((s) => ({ ...s, progressPercentage: 50, messages: [] }))
})

describe('the outcome is never lost', () => {
  // dist.e2e.test.ts runs this in a real process too, where a stack overflow would show on stderr.
  it('reports a go-live whose operation document is nested thousands of levels deep', async () => {
    const sim = await simulator()
    sim.fault({ method: 'GET', path: '/operations/', nest: 20_000, times: Infinity })
    const run = await runAction({ inputs: cppInputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(run.outputs['operation-status']).toBe('succeeded')
    expect(run.outputs.operation).toBe('')
    expect(warnings(run.stdout).join('\n')).toMatch(/nested deeper than 64 levels .* 'operation' output is left empty/)
    expect(summaryHeading(run.summary)).toMatch(/^✅ .* is live$/)
  })
})

describe('no hostile text gets through', () => {
  it('keeps a summary of API text one HTML block: a lone CR cannot start Markdown of its own', async () => {
    const sim = await simulator({
      injectMessage: 'x\r\r![pwned](https://evil.example/i.png)\r[click](https://evil.example)\u2028</td>'
    })
    const run = await runAction({ inputs: cppInputs(sim) })
    expect(run.code).toBe(0)
    const lines = run.summary.trimEnd().split('\n')
    expect(run.summary).not.toMatch(/[\r\u2028]/)
    expect(lines.every((line) => line.startsWith('<'))).toBe(true)
    expect(run.summary).not.toContain('</td>![')
  })

  it('caps the summary below the 1 MiB the runner accepts, saying so', async () => {
    const sim = await simulator()
    const huge = (n: number) => ({ stepName: `${n}${'&'.repeat(400_000)}`, status: 'complete' })
    sim.fault({
      method: 'GET',
      path: '/operations/',
      status: 200,
      body: operation('succeeded', [huge(1), huge(2), huge(3)]),
      times: Infinity
    })
    const run = await runAction({ inputs: cppInputs(sim) })
    expect(run.code).toBe(0)
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024)
    expect(summaryHeading(run.summary)).toMatch(/^✅ .* is live$/)
    const manySteps = await simulator()
    manySteps.fault({
      method: 'GET',
      path: '/operations/',
      status: 200,
      body: operation(
        'succeeded',
        Array.from({ length: 300 }, (_, i) => ({ stepName: `step ${i}`, status: 'complete' }))
      ),
      times: Infinity
    })
    const many = await runAction({ inputs: cppInputs(manySteps) })
    expect(many.summary).toMatch(/200 of 300 steps are not shown/)
    expect(visibleLog(many.stdout)).toContain('… and 200 more steps, not shown')
  })

  it('prints no control character from API text, in debug lines or the final line', async () => {
    const sim = await simulator()
    sim.fault({ method: 'GET', path: '/operations/', status: 200, body: operation('\u001b[2J\u001b]0;x\u0007weird') })
    sim.fault({ method: 'GET', path: '/operations/', status: 200, body: operation('\nsucceeded\r') })
    const run = await runAction({ inputs: cppInputs(sim), env: { RUNNER_DEBUG: '1' } })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(run.stdout).toMatch(/::debug::unknown operation status 'weird'/)
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/[\u001b\u0007\r]/)
    expect(run.stdout).toContain("operation status ' succeeded '.")
  })

  it('leaves operation-id empty, with a warning, when the Location holds what no ID holds', async () => {
    const sim = await simulator()
    const hostile = 'x%0A%60id%60%24(touch%20pwned)'
    sim.fault({
      method: 'POST',
      path: '/golive',
      headers: { Location: `/api/publishers/contoso/offers/contoso-offer/operations/${hostile}?api-version=2017-10-31` }
    })
    const run = await runAction({ inputs: cppInputs(sim, { wait: 'false' }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('started')
    expect(run.outputs['operation-id']).toBe('')
    expect(run.outputs['operation-location']).toMatch(/\/operations\/x%0A%60id%60%24%28touch%20pwned%29\?/)
    expect(warnings(run.stdout).join('\n')).toMatch(/'operation-id' output is left empty/)
  })
})

describe('odd answers, clear words', () => {
  it('joins the go-live through the submissions when the 202 Location does not parse, and says why', async () => {
    const sim = await simulator()
    sim.fault({ method: 'POST', path: '/golive', headers: { Location: 'http://[::1' } })
    const run = await runAction({ inputs: cppInputs(sim) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(run.outputs['operation-id']).toBe(sim.operations[0].id)
    expect(warnings(run.stdout).join('\n')).toContain(
      "Go Live was accepted (HTTP 202), but the operation location 'http://[::1' is not a valid URL; looking for the go-live"
    )
  })

  it('says the go-live was accepted and what to do when it cannot be found either', async () => {
    const sim = await simulator()
    sim.fault({ method: 'POST', path: '/golive', headers: { Location: 'http://[::1' } })
    sim.fault({ method: 'GET', path: '/submissions', status: 200, body: [] })
    const run = await runAction({ inputs: cppInputs(sim) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(
      /^Stopped: Go Live was accepted \(HTTP 202\), but the operation location 'http:\/\/\[::1' is not a valid URL \(and no running go-live was found among the offer's submissions\)\. The go-live may be running: re-run the action to join it/
    )
    expect(failureOf(run.stdout)).not.toContain('Unexpected failure')
  })

  it('ignores a token whose exp is out of range instead of crashing', async () => {
    const token = `e30.${Buffer.from('{"exp":-1e20}').toString('base64url')}.sig`
    const sim = await simulator({ staticTokens: [token] })
    const run = await runAction({ inputs: cppInputs(sim, { token }) })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
  })
})

describe('every wait is bounded', () => {
  const oidc = (sim: Awaited<ReturnType<typeof simulator>>) => ({
    inputs: {
      ...cppInputs(sim, { token: '' }),
      'tenant-id': '00000000-0000-0000-0000-000000000001',
      'client-id': '11111111-1111-1111-1111-111111111111',
      'authority-host': sim.url,
      timeout: '3s'
    },
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: sim.oidcRequestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-request-token' }
  })

  it('never sends the runner request token to another origin on a redirect', async () => {
    const other = await simulator()
    const sim = await simulator()
    sim.fault({ path: '/_github/oidc/token', redirect: `${other.oidcRequestUrl}&audience=api://AzureADTokenExchange` })
    const run = await runAction(oidc(sim))
    expect(run.code).toBe(1)
    expect(other.requests).toHaveLength(0)
    expect(failureOf(run.stdout)).toMatch(/answered 307, a redirect; it is not followed/)
  })

  it('on-timeout: cancel ends within seconds once the cancellation is accepted, however slow it is', async () => {
    const sim = await simulator({ operationMs: 60_000, cancelMs: 60_000 })
    const run = await runAction({
      inputs: cppInputs(sim, { timeout: '2s', 'poll-interval': '30s', 'on-timeout': 'cancel' })
    })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('canceled')
    expect(run.durationMs).toBeLessThan(11_000)
    expect(failureOf(run.stdout)).toMatch(
      /the API accepted the cancellation \(HTTP 202\); the operation now reports 'running'/
    )
  })
})

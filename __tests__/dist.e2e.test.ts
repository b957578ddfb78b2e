/**
 * End to end, the bundle as the runner runs it: dist/index.js as a child process against the
 * simulator over real HTTP, on the real clock. Only what a real process shows is tested here:
 * start-up, signals (workflow cancellation), exit codes, stderr, masking and commands as the runner
 * reads them from stdout, runner files, and waits bounded by real sockets that never answer.
 * Everything else runs in process (see __fixtures__/action-in-process.ts).
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import {
  cppInputs,
  failureOf,
  summaryHeading,
  runAction,
  useSimulators,
  visibleLog,
  workflowCommands,
  type Sim
} from '../__fixtures__/simulators.js'

// Each test waits on a child process, mostly idle: they run side by side.
const simulator = useSimulators({ operationMs: 300 }, { concurrent: true })

const inputs = cppInputs

const count = (sim: Sim, method: string, path: RegExp): number => sim.count({ method, path })

const warnings = (stdout: string): string[] =>
  workflowCommands(stdout)
    .filter((c) => c.name === 'warning')
    .map((c) => c.data.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'))

describe('the bundle as the runner runs it', () => {
  it.concurrent('starts, takes a migrated offer live, writes the runner files and exits 0', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.outputs.result).toBe('succeeded')
    expect(run.outputs['operation-id']).toBe(sim.operations[0].id)
    expect(JSON.parse(run.outputs.operation)).toMatchObject({ id: sim.operations[0].id, status: 'succeeded' })
    expect(summaryHeading(run.summary)).toMatch(/^✅ .* is live$/)
    const log = visibleLog(run.stdout)
    expect(log).toContain('Going live: offer contoso/contoso-offer')
    expect(log).toContain('Succeeded')
  })

  it.concurrent('exits 1 with the failure as an error annotation and never prints a stack trace', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: inputs(sim, { token: 'bad' }) })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toMatch(/answered 401/)
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/)
  })

  it.concurrent('never prints the token, even with step debug on, and masks it first', async () => {
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

  it.concurrent('registers a token holding ##[ as a mask verbatim, so its echo is masked', async () => {
    const token = 'sim##[error]token'
    const sim = await simulator({ staticTokens: [token], injectMessage: `echo of ${token}` })
    const run = await runAction({ inputs: inputs(sim, { token }) })
    expect(run.code).toBe(0)
    const masks = workflowCommands(run.stdout)
      .filter((c) => c.name === 'add-mask')
      .map((c) => c.data)
    expect(masks).toContain(token)
    // What the runner shows once it has replaced every registered mask.
    let shown = run.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n')
    for (const mask of masks) shown = shown.split(mask).join('***')
    expect(shown).not.toContain('sim##')
    expect(shown).not.toContain('error]token')
    expect(run.summary).not.toContain('error]token')
  })

  it.concurrent('does not let step text on a line of its own issue workflow commands', async () => {
    const injectMessage = 'first line\n::error::pwned on a line of its own'
    const sim = await simulator({ injectMessage })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.code).toBe(0)
    // The text reached the log, but only inside a stop-commands fence.
    expect(run.stdout).toContain(injectMessage)
    const commands = workflowCommands(run.stdout).map((c) => c.name)
    expect(commands).not.toContain('error')
    expect(commands.filter((c) => c === 'add-mask')).toHaveLength(1)
    expect(run.outputs.result).toBe('succeeded')
  })

  it.concurrent('reports a go-live whose operation document is nested thousands of levels deep', async () => {
    const sim = await simulator()
    sim.fault({ method: 'GET', path: '/operations/', nest: 20_000, times: Infinity })
    const run = await runAction({ inputs: inputs(sim) })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
    expect(run.outputs['operation-status']).toBe('succeeded')
    expect(run.outputs.operation).toBe('')
    expect(warnings(run.stdout).join('\n')).toMatch(/nested deeper than 64 levels .* 'operation' output is left empty/)
    expect(summaryHeading(run.summary)).toMatch(/^✅ .* is live$/)
  })

  it.concurrent(
    'with GITHUB_OUTPUT unwritable, logs the operation first, writes the summary, then fails naming what was lost',
    async () => {
      const sim = await simulator()
      const directory = mkdtempSync(join(tmpdir(), 'go-live-output-'))
      const run = await runAction({ inputs: inputs(sim), env: { GITHUB_OUTPUT: directory } })
      expect(run.code).toBe(1)
      const location = sim.operations[0].locationPath
      const log = visibleLog(run.stdout)
      const operationLine = log.indexOf('Operation: http')
      const lost = log.indexOf('Error: Could not write the step outputs')
      expect(operationLine).toBeGreaterThanOrEqual(0)
      expect(lost).toBeGreaterThan(operationLine)
      expect(log).toContain(location.split('?')[0])
      expect(failureOf(run.stdout)).toMatch(
        new RegExp(
          `is not a regular file\\), so later steps do not get them\\. Lost: result=succeeded, operation-location=http[^,]+${sim.operations[0].id}`
        )
      )
      expect(summaryHeading(run.summary)).toMatch(/^✅ .* is live$/)
    }
  )
})

describe('waits bounded by sockets that never answer', () => {
  it.concurrent('bounds a hung request by the deadline', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    sim.fault({ method: 'GET', path: '/operations/', hangMs: Infinity, times: Infinity })
    const run = await runAction({ inputs: inputs(sim, { timeout: '2s' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('timed-out')
    expect(run.durationMs).toBeLessThan(2000 + 2000 + 2000)
  })

  it.concurrent('ends by the timeout when the GitHub OIDC service never answers', async () => {
    const sim = await simulator()
    sim.fault({ path: '/_github/oidc/token', hangMs: Infinity, times: Infinity })
    const run = await runAction({
      inputs: {
        ...inputs(sim, { token: '' }),
        'tenant-id': '00000000-0000-0000-0000-000000000001',
        'client-id': '11111111-1111-1111-1111-111111111111',
        'authority-host': sim.url,
        timeout: '2s'
      },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: sim.oidcRequestUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-request-token' },
      killAfterMs: 20_000
    })
    expect(run.code).toBe(1)
    expect(run.durationMs).toBeLessThan(10_000)
    expect(failureOf(run.stdout)).toMatch(/GitHub's OIDC token service \(http:\/\/127\.0\.0\.1:\d+\) did not answer/)
  })
})

describe('workflow cancellation (signals)', () => {
  const interruptOnceWaiting =
    (signal: NodeJS.Signals) =>
    (stdout: string, child: { kill(signal: NodeJS.Signals): void }): void => {
      if (stdout.includes('operation running') && !stdout.includes('Received ')) child.kill(signal)
    }

  it.concurrent(
    'on SIGINT with on-cancel: cancel, cancels remotely, writes outputs and summary, exits non-zero',
    async () => {
      const sim = await simulator({ operationMs: 60_000 })
      const run = await runAction({
        inputs: inputs(sim, { 'on-cancel': 'cancel' }),
        onStdout: interruptOnceWaiting('SIGINT')
      })
      expect(run.code).toBe(1)
      expect(run.durationMs).toBeLessThan(7500)
      expect(run.outputs.result).toBe('canceled')
      expect(run.outputs['operation-location']).toContain('/operations/')
      expect(count(sim, 'POST', /\/cancel$/)).toBe(1)
      // Accepted, not seen to land: the heading says so, with the status the operation last reported.
      expect(summaryHeading(run.summary)).toBe(
        "⏹ Cancellation of the go-live of offer contoso/contoso-offer accepted; it last reported 'running'"
      )
      const log = visibleLog(run.stdout)
      expect(log).toContain('Received SIGINT')
      // The location was logged as soon as it was known; a cancelled go-live is not suggested for resuming.
      expect(log).toContain(`Operation: ${run.outputs['operation-location']}`)
      expect(log).not.toMatch(/resume/i)
    }
  )

  it.concurrent('on SIGTERM with on-cancel: leave, leaves the operation running and says how to resume', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    const run = await runAction({ inputs: inputs(sim), onStdout: interruptOnceWaiting('SIGTERM') })
    expect(run.code).toBe(1)
    expect(count(sim, 'POST', /\/cancel$/)).toBe(0)
    expect(run.outputs['operation-location']).toContain('/operations/')
    expect(run.outputs.result).toBeUndefined()
    expect(failureOf(run.stdout)).toMatch(/left running \(on-cancel: leave\)\. Resume with operation-location: http/)
    expect(sim.operations[0].status).toBe('running')
    expect(run.summary).toContain('left running')
  })

  it.concurrent('a second signal does not start a second cancellation', async () => {
    const sim = await simulator({ operationMs: 60_000 })
    // The cancel answers slowly, so SIGTERM surely lands while the first cancellation runs.
    sim.fault({ method: 'POST', path: '/cancel', hangMs: 1000 })
    let sent = 0
    const run = await runAction({
      inputs: inputs(sim, { 'on-cancel': 'cancel' }),
      onStdout: (stdout, child) => {
        if (stdout.includes('operation running') && sent === 0) {
          sent++
          child.kill('SIGINT')
          setTimeout(() => child.kill('SIGTERM'), 300)
        }
      }
    })
    expect(run.code).toBe(1)
    expect(count(sim, 'POST', /\/cancel$/)).toBe(1)
  })

  it.concurrent('stops following a timeout cancellation when the run is cancelled, and still reports', async () => {
    const sim = await simulator({ operationMs: 60_000, cancelMs: 60_000 })
    let sent = false
    const run = await runAction({
      inputs: inputs(sim, { timeout: '1s', 'on-timeout': 'cancel' }),
      onStdout: (stdout, child) => {
        if (!sent && stdout.includes('asking the API to cancel')) {
          sent = true
          setTimeout(() => child.kill('SIGINT'), 300)
        }
      }
    })
    expect(run.code).toBe(1)
    expect(run.durationMs).toBeLessThan(5000)
    expect(run.outputs.result).toBe('canceled')
    expect(summaryHeading(run.summary)).toMatch(
      /^⏹ Cancellation of the go-live of .* accepted; it last reported 'running'$/
    )
  })

  it.concurrent('says a dry run was stopped, not that a go-live may have started', async () => {
    const sim = await simulator()
    sim.fault({ method: 'GET', path: '/status', hangMs: Infinity })
    let sent = false
    const run = await runAction({
      inputs: inputs(sim, { 'dry-run': 'true' }),
      onStdout: (stdout, child) => {
        if (!sent && stdout.includes('Authentication:')) {
          sent = true
          child.kill('SIGINT')
        }
      }
    })
    expect(run.code).toBe(1)
    expect(failureOf(run.stdout)).toBe('The workflow run was cancelled during the dry run; nothing was started.')
  })
})

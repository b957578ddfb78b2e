/**
 * The in-process harness itself: a run leaves the test process as it found it (environment,
 * signal listeners, exit code), and run() called again in the same process carries nothing over
 * from the run before.
 */
import { existsSync } from 'node:fs'
import { afterEach, describe, expect, it } from '@jest/globals'
import { runInProcess, useInProcessAction } from '../__fixtures__/action-in-process.js'
import { FakeClock } from '../__fixtures__/clock.js'
import { cppInputs, useSimulators, visibleLog, workflowCommands } from '../__fixtures__/simulators.js'

describe('a run in process', () => {
  const before = { INPUT_TOKEN: 'from-the-shell', RUNNER_DEBUG: '1' }
  afterEach(() => {
    for (const name of Object.keys(before)) delete process.env[name]
  })

  it('sees only its own environment and leaves the process as it found it', async () => {
    Object.assign(process.env, before)
    const listeners = [process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]
    const exitCode = process.exitCode
    const clock = new FakeClock(Date.now())
    for (let i = 0; i < 12; i++) {
      const run = await runInProcess({
        clock,
        inputs: { 'publisher-id': 'contoso', 'offer-id': 'contoso-offer', 'base-url': 'http://127.0.0.1:9' }
      })
      // The shell's INPUT_TOKEN is not the run's: the token input is missing.
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/::error::Input 'token'/)
    }
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual(listeners)
    expect(process.exitCode).toBe(exitCode)
    expect(process.env.INPUT_TOKEN).toBe('from-the-shell')
    expect(process.env.RUNNER_DEBUG).toBe('1')
    expect(Object.keys(process.env).filter((name) => name.startsWith('INPUT_'))).toEqual(['INPUT_TOKEN'])
    expect(process.env.GITHUB_OUTPUT).toBeUndefined()
    expect(process.env.GITHUB_STEP_SUMMARY).toBeUndefined()
  })
})

describe('run() again in the same process', () => {
  const { clock, runAction } = useInProcessAction()
  const simulator = useSimulators({ operationMs: 400 }, { clock })

  it('writes each run its own runner files, removed afterwards', async () => {
    const sim = await simulator()
    let files: (string | undefined)[] = []
    const first = await runAction({
      inputs: cppInputs(sim),
      onStdout: () => (files = [process.env.GITHUB_OUTPUT, process.env.GITHUB_STEP_SUMMARY])
    })
    const second = await runAction({ inputs: cppInputs(sim) })
    expect([first.outputs.result, second.outputs.result]).toEqual(['succeeded', 'succeeded'])
    expect(second.outputs['operation-id']).not.toBe(first.outputs['operation-id'])
    // Each summary in its own file: the second is not written where the first was.
    expect(first.summary).toContain(first.outputs['operation-id'])
    expect(second.summary).toContain(second.outputs['operation-id'])
    expect(second.summary).not.toContain(first.outputs['operation-id'])
    expect(files).toHaveLength(2)
    for (const file of files) expect(file && existsSync(file)).toBe(false)
  })

  it('does not replace a secret of the run before in its own lines', async () => {
    const sim = await simulator()
    // The first run's token is the offer's name: masked in that run, text like any other after it.
    const first = await runAction({ inputs: cppInputs(sim, { token: 'contoso-offer' }) })
    expect(first.secrets).toContain('contoso-offer')
    expect(first.code).toBe(1)
    const second = await runAction({ inputs: cppInputs(sim) })
    expect(second.code).toBe(0)
    expect(second.secrets).not.toContain('contoso-offer')
    expect(visibleLog(second.stdout)).toContain('contoso/contoso-offer')
  })

  it('says a warning about an output in each run that meets it', async () => {
    const hostile = (sim: Awaited<ReturnType<typeof simulator>>) =>
      sim.fault({
        method: 'POST',
        path: '/golive',
        headers: {
          Location: `/api/publishers/contoso/offers/contoso-offer/operations/x%60id%60?api-version=2017-10-31`
        }
      })
    const warnings = (stdout: string) =>
      workflowCommands(stdout).filter((c) => c.name === 'warning' && c.data.includes("'operation-id' output"))
    for (let i = 0; i < 2; i++) {
      const sim = await simulator()
      hostile(sim)
      const run = await runAction({ inputs: cppInputs(sim, { wait: 'false' }) })
      expect(run.outputs['operation-id']).toBe('')
      // Once per run, though the outputs are written twice (at the start and at the end).
      expect(warnings(run.stdout)).toHaveLength(1)
    }
  })
})

/**
 * End to end: a `with:` key that is no input of the action (the runner passes it as `INPUT_<KEY>`)
 * fails the step as an input error before any request, naming the input it most resembles, with
 * every other bad input at once. run() in process against the simulator.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import { cppInputs, failureOf, useSimulators } from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ operationMs: 1500 }, { clock })

describe('inputs the action does not declare', () => {
  it('fails on github_deployment, naming github-deployment, before anything starts', async () => {
    const sim = await simulator()
    // The runner upper-cases the key and keeps it otherwise: INPUT_GITHUB_DEPLOYMENT.
    const run = await runAction({ inputs: cppInputs(sim, { github_deployment: 'true' }) })
    expect(run.code).toBe(1)
    expect(run.outputs.result).toBe('failed')
    expect(failureOf(run.stdout)).toBe(
      "Input 'github_deployment' is not an input of this action: did you mean 'github-deployment'?"
    )
    expect(sim.requests).toHaveLength(0)
  })

  it('reports an unknown key with every other bad input at once', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: cppInputs(sim, { timout: '2h', 'poll-interval': 'often', 'colour-scheme': 'true' }),
      env: { INPUT_POLL_INTERVAL: '5s' }
    })
    expect(run.code).toBe(1)
    const failure = failureOf(run.stdout)
    expect(failure).toMatch(/^4 inputs are not valid; nothing was started:/)
    expect(failure).toContain("Input 'timout' is not an input of this action: did you mean 'timeout'?")
    expect(failure).toContain("Input 'poll_interval' is not an input of this action: did you mean 'poll-interval'?")
    expect(failure).toContain("Input 'colour-scheme' is not an input of this action;")
    expect(failure).toContain("Input 'poll-interval' must be a positive duration")
    expect(sim.requests).toHaveLength(0)
  })

  it('takes every declared input, as the runner passes them with their defaults', async () => {
    const sim = await simulator()
    const run = await runAction({
      inputs: cppInputs(sim, {
        api: 'cpp',
        'authority-host': 'https://login.microsoftonline.com',
        'api-version': '',
        wait: 'true',
        'on-timeout': 'fail',
        'on-cancel': 'leave',
        'dry-run': 'false',
        'github-deployment': 'false',
        'deployment-environment': '',
        'github-token': 'gh-token',
        follow: 'false'
      })
    })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('succeeded')
  })
})

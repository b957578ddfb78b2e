/**
 * End to end: with the go-live recorded as a GitHub deployment, a run that ends while the go-live
 * goes on (on-timeout: warn, wait: false) hands over to the follow workflow and says so in a
 * notice: no warning, no advice to resume with operation-location. Without a deployment, the
 * warning and its advice stay. run() in process against the simulator's Marketplace and GitHub.
 */
import { describe, expect, it } from '@jest/globals'
import { useInProcessAction } from '../__fixtures__/action-in-process.js'
import {
  cppInputs,
  useSimulators,
  visibleLog,
  workflowCommands,
  type Sim,
  githubEnv
} from '../__fixtures__/simulators.js'

const { clock, runAction } = useInProcessAction()
const simulator = useSimulators({ operationMs: 60_000 }, { clock })

const recorded = (sim: Sim, extra: Record<string, string>) =>
  runAction({
    inputs: cppInputs(sim, { 'github-deployment': 'true', 'github-token': 'gh-token', ...extra }),
    env: githubEnv(sim)
  })

const annotations = (stdout: string, name: string) =>
  workflowCommands(stdout)
    .filter((c) => c.name === name)
    .map((c) => c.data)

const HANDED_OVER = /records it: the follow workflow \(follow: true\) takes over and reports how it ends/

describe('a go-live recorded as a GitHub deployment goes on without this run', () => {
  it('on-timeout: warn says with a notice that the follow workflow takes over, and warns of nothing', async () => {
    const sim = await simulator()
    const run = await recorded(sim, { timeout: '3s', 'on-timeout': 'warn' })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('timed-out')
    const notices = annotations(run.stdout, 'notice')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/did not finish within 3s/)
    expect(notices[0]).toContain(`GitHub deployment ${run.outputs['deployment-id']} records it`)
    expect(notices[0]).toMatch(HANDED_OVER)
    expect(annotations(run.stdout, 'warning')).toEqual([])
    expect(visibleLog(run.stdout)).not.toContain('Resume with operation-location')
    expect(sim.github.deployments[0].statuses.map((s) => s.state)).toEqual(['in_progress'])
  })

  it('wait: false says with a notice that the follow workflow takes over, with no resume advice', async () => {
    const sim = await simulator()
    const run = await recorded(sim, { wait: 'false' })
    expect(run.code).toBe(0)
    expect(run.outputs.result).toBe('started')
    const notices = annotations(run.stdout, 'notice')
    expect(notices).toHaveLength(1)
    expect(notices[0]).toMatch(/was accepted; not waiting \(wait: false\)/)
    expect(notices[0]).toMatch(HANDED_OVER)
    expect(annotations(run.stdout, 'warning')).toEqual([])
    expect(visibleLog(run.stdout)).not.toContain('run the action with operation-location')
    expect(run.summary).toContain('follow: true')
  })
})

describe('without a deployment, the go-live goes on and the run says how to follow it', () => {
  it('on-timeout: warn warns, with the operation-location to resume with', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: cppInputs(sim, { timeout: '3s', 'on-timeout': 'warn' }) })
    expect(run.code).toBe(0)
    expect(annotations(run.stdout, 'notice')).toEqual([])
    const [warning] = annotations(run.stdout, 'warning')
    expect(warning).toContain(`Resume with operation-location: ${run.outputs['operation-location']}`)
  })

  it('wait: false says how to follow it later with operation-location', async () => {
    const sim = await simulator()
    const run = await runAction({ inputs: cppInputs(sim, { wait: 'false' }) })
    expect(run.code).toBe(0)
    expect(annotations(run.stdout, 'notice')).toEqual([])
    expect(visibleLog(run.stdout)).toContain('To follow it later, run the action with operation-location')
  })
})

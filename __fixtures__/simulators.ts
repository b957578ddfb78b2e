/** Simulators for end-to-end tests: each test starts its own, and every one is closed after it. */
import { afterEach } from '@jest/globals'
import { workflowCommands } from './runner.js'
import { startSimulator } from '../sim/index.js'

export type Sim = Awaited<ReturnType<typeof startSimulator>>
export type SimOptions = Parameters<typeof startSimulator>[0]

/** Registers the cleanup in the calling test file and returns a starter with the file's defaults. */
export function useSimulators(defaults: SimOptions = {}): (options?: SimOptions) => Promise<Sim> {
  let running: Sim[] = []
  afterEach(async () => {
    await Promise.all(running.map((sim) => sim.close()))
    running = []
  })
  return async (options = {}) => {
    const sim = await startSimulator({ ...defaults, ...options })
    running.push(sim)
    return sim
  }
}

/** The text of the step's failure annotation (`::error::…`), as the runner would show it. */
export function failureOf(stdout: string): string {
  return workflowCommands(stdout).find((c) => c.name === 'error')?.data ?? ''
}

/** CPP inputs for the simulator's default offer and static token, with short waits for tests. */
export function cppInputs(sim: Sim, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'publisher-id': 'contoso',
    'offer-id': 'contoso-offer',
    token: 'sim-token',
    'base-url': sim.url,
    timeout: '20s',
    'poll-interval': '1s',
    ...extra
  }
}

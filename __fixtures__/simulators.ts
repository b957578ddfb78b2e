/** Simulators for end-to-end tests: each test starts its own, and every one is closed after it. */
import { afterAll, afterEach } from '@jest/globals'
import { createLogRenderer, parseOutputFile, runAction, visibleLog, workflowCommands } from './runner.js'
import { startSimulator } from '../sim/index.js'
import type { Clock } from '../src/base/clock.js'

export type Sim = Awaited<ReturnType<typeof startSimulator>>
export type SimOptions = Parameters<typeof startSimulator>[0]

/**
 * Registers the cleanup in the calling test file and returns a starter with the file's defaults.
 * With `clock` (in-process tests), every simulator reads the time the action reads. With
 * `concurrent` (it.concurrent tests), the simulators are closed after the file, not after each test.
 */
export function useSimulators(
  defaults: SimOptions = {},
  { clock, concurrent = false }: { clock?: () => Clock; concurrent?: boolean } = {}
): (options?: SimOptions) => Promise<Sim> {
  let running: Sim[] = []
  ;(concurrent ? afterAll : afterEach)(async () => {
    await Promise.all(running.map((sim) => sim.close()))
    running = []
  })
  return async (options = {}) => {
    const now = clock ? { now: () => clock().now() } : {}
    const sim = await startSimulator({ ...now, ...defaults, ...options })
    running.push(sim)
    return sim
  }
}

/**
 * Resolves once the simulator has received a request that matches: checked at every turn of the
 * event loop, so a test goes on as soon as a request hangs, with no timer of its own. Rejects when
 * none has come within `withinMs` of real time.
 */
export async function untilRequest(
  sim: Sim,
  match: (request: Sim['requests'][number]) => boolean,
  withinMs = 10_000
): Promise<void> {
  const until = Date.now() + withinMs
  while (!sim.requests.some(match)) {
    if (Date.now() > until) throw new Error(`no such request reached the simulator within ${withinMs} ms`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** The text of the step's failure annotation (`::error::…`), as the runner would show it. */
export function failureOf(stdout: string): string {
  return workflowCommands(stdout).find((c) => c.name === 'error')?.data ?? ''
}

/** The text of the job summary's first heading: where a person reads the outcome. */
export function summaryHeading(summary: string): string {
  return /<h[1-4]>(.*?)<\/h[1-4]>/s.exec(summary)?.[1] ?? ''
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

/** The child-process runner of dist/index.js and the readers of its stdout, from one place. */
export { createLogRenderer, parseOutputFile, runAction, visibleLog, workflowCommands }

/** The commit every simulated workflow run and deployment is of. */
export const SHA = '4f1c2b8e9d0a7c6b5a4f3e2d1c0b9a8f7e6d5c4b'

/** The runner's variables a step with GitHub deployments sees, pointed at the simulator's GitHub. */
export function githubEnv(sim: Sim, runId: number | string = 777): Record<string, string> {
  return {
    GITHUB_API_URL: sim.githubApiUrl,
    GITHUB_REPOSITORY: 'contoso/offer-release',
    GITHUB_SHA: SHA,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: String(runId)
  }
}

/** The inputs of a follow run against the simulator (CPP root, static token); `extra` changes them. */
export function followInputs(sim: Sim, extra: Record<string, string> = {}): Record<string, string> {
  return { token: 'sim-token', 'base-url': sim.url, follow: 'true', 'github-token': 'gh-token', ...extra }
}

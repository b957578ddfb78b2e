/**
 * Runs the action's `run()` (src/main.ts) in this process with the real @actions/core, set up as the
 * runner sets up dist/index.js: the inputs as INPUT_* variables and the runner's variables in
 * process.env, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY fresh temporary files of the run's own. What
 * core writes to stdout (`::add-mask::…`, `::error::…`, plain lines) is captured, the outputs are
 * read back from the GITHUB_OUTPUT file, the summary from its file, and the exit code is what the
 * run left in process.exitCode (core's setFailed sets 1). `run()` gets a FakeClock the test shares
 * with the simulator, so a wait of hours takes milliseconds while every request crosses a socket.
 *
 * The result has the shape of `runAction` (the child-process runner of dist/index.js), so the same
 * assertions (`workflowCommands`, `visibleLog`, `failureOf`) read both.
 *
 * main.ts is imported once for all runs: run() keeps nothing from one run for the next. After the
 * last run in flight, the process is as it was: environment, stdout, exit code, signal listeners.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach } from '@jest/globals'
import type { Clock } from '../src/base/clock.js'
import { run as runMain } from '../src/main.js'
import { setFailed } from '../src/runner/port.js'
import { FakeClock } from './clock.js'
import { parseOutputFile, workflowCommands } from './runner.js'

/** What a run shows: the same fields as `runAction`'s result. */
export interface ActionRun {
  /** The exit code the run left in process.exitCode: 1 when the step failed, else 0. */
  code: number
  signal: null
  /** Everything written to stdout, in the wire format the runner reads (`::error::…`, `::add-mask::…`, plain lines). */
  stdout: string
  stderr: string
  /** Read back from the run's GITHUB_OUTPUT file. */
  outputs: Record<string, string>
  /** The run's GITHUB_STEP_SUMMARY file. */
  summary: string
  /** Time on the run's clock from start to end: virtual time, not the test's real time. */
  durationMs: number
  /** The values masked with `::add-mask::`, in order. */
  secrets: string[]
}

export interface InProcessOptions {
  /** Action inputs by their contract names. */
  inputs: Record<string, string>
  /** Extra environment (RUNNER_DEBUG, ACTIONS_ID_TOKEN_REQUEST_*, GITHUB_*, …). */
  env?: Record<string, string>
  /** The clock handed to run(); share it with the simulator (see useInProcessAction). */
  clock: Clock
  /** Called with everything written so far, after each write, while the run goes on. */
  onStdout?: (stdoutSoFar: string) => void
}

/** One run's own part of the process: its runner files, what it wrote, its exit code. */
interface RunRecord {
  dir: string
  files: Record<RunnerFile, string>
  stdout: string
  stderr: string
  exitCode?: string | number
  onStdout?: (stdoutSoFar: string) => void
}

/** The run whose code is running: set around run(), carried by Node through every callback it makes. */
const current = new AsyncLocalStorage<RunRecord>()

/** Variables the runner sets (or a developer's shell may hold) that a run must not inherit. */
const RUNNER_VARIABLE = /^(INPUT_|GITHUB_|ACTIONS_|RUNNER_|STATE_)|^(https?_proxy|no_proxy)$/i

/** The runner's files and its temporary folder, fresh for each run. */
const RUNNER_FILES = ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'RUNNER_TEMP'] as const
type RunnerFile = (typeof RUNNER_FILES)[number]

function newRun(onStdout?: (stdoutSoFar: string) => void, given: Record<string, string> = {}): RunRecord {
  const dir = mkdtempSync(join(tmpdir(), 'go-live-in-process-'))
  const files = { GITHUB_OUTPUT: join(dir, 'github-output'), GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md') }
  for (const file of Object.values(files)) writeFileSync(file, '')
  // A test may give a runner file of its own (one that cannot be written, say).
  const own = Object.fromEntries(RUNNER_FILES.filter((name) => name in given).map((name) => [name, given[name]]))
  return { dir, files: { ...files, RUNNER_TEMP: dir, ...own }, stdout: '', stderr: '', onStdout }
}

/** A runner file's text as the run left it; empty when it cannot be read (a test gave an unwritable one). */
function readRunnerFile(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

/** The environment a run sees besides its runner files, as runAction builds it for the child process. */
function runEnvironment(options: InProcessOptions): Record<string, string> {
  const env: Record<string, string> = { GITHUB_ACTIONS: 'true', ...options.env }
  // Each run's runner files are its own (newRun), read through `current`.
  for (const name of RUNNER_FILES) delete env[name]
  // The runner upper-cases the name and keeps dashes: `INPUT_PUBLISHER-ID`.
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return env
}

// ---------------------------------------------------------------------------------------------
// The process while runs are in flight (one normally; two when a test runs a re-run alongside).
// process.env is one for all, so runs side by side must agree on it; what the runner keeps per
// process and a run writes to (its runner files, the exit code, stdout) is the run's own, found
// through `current`.
// ---------------------------------------------------------------------------------------------

let inFlight: { runs: number; env: string; restore: () => void } | undefined

const SIGNALS = ['SIGINT', 'SIGTERM'] as const

function capture(stream: 'stdout' | 'stderr', original: typeof process.stdout.write): typeof process.stdout.write {
  return function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
    const run = current.getStore()
    if (!run) return (original as (...args: unknown[]) => boolean).call(process[stream], chunk, ...rest)
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : 'utf8'
    run[stream] += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString(encoding)
    const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined
    if (done) queueMicrotask(done)
    if (stream === 'stdout') run.onStdout?.(run.stdout)
    return true
  } as typeof process.stdout.write
}

/** Sets the process up for the runs (the first one in), or checks a run alongside agrees with it. */
function enter(env: Record<string, string>): void {
  const key = JSON.stringify(Object.entries(env).sort())
  if (inFlight) {
    if (key !== inFlight.env) throw new Error('in-process runs that overlap need the same inputs and environment')
    inFlight.runs++
    return
  }
  const savedEnv: Record<string, string | undefined> = {}
  for (const name of Object.keys(process.env)) {
    if (RUNNER_VARIABLE.test(name)) {
      savedEnv[name] = process.env[name]
      delete process.env[name]
    }
  }
  for (const [name, value] of Object.entries(env)) {
    if (!(name in savedEnv)) savedEnv[name] = process.env[name]
    process.env[name] = value
  }
  // Each run reads its own runner files in the one process.env.
  for (const name of RUNNER_FILES) {
    Object.defineProperty(process.env, name, {
      get: () => current.getStore()?.files[name],
      enumerable: true,
      configurable: true
    })
  }
  // Each run has its own exit code; outside the runs, process.exitCode is the test process's.
  const exitCode = Object.getOwnPropertyDescriptor(process, 'exitCode')
  let outerExitCode = process.exitCode
  Object.defineProperty(process, 'exitCode', {
    get: () => {
      const run = current.getStore()
      return run ? run.exitCode : outerExitCode
    },
    set: (code: string | number | undefined) => {
      const run = current.getStore()
      if (run) run.exitCode = code
      else outerExitCode = code
    },
    enumerable: true,
    configurable: true
  })
  const listenersBefore = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]))
  const write = { stdout: process.stdout.write, stderr: process.stderr.write }
  process.stdout.write = capture('stdout', write.stdout)
  process.stderr.write = capture('stderr', write.stderr)

  const restore = (): void => {
    process.stdout.write = write.stdout
    process.stderr.write = write.stderr
    // run() cannot unregister its signal handlers (a late SIGTERM must not kill the report): the
    // process would end. Here the process lives on, so the handlers the runs added go.
    for (const signal of SIGNALS) {
      const before = listenersBefore.get(signal) ?? []
      for (const listener of process.listeners(signal)) {
        if (!before.includes(listener)) process.removeListener(signal, listener as () => void)
      }
    }
    if (exitCode) Object.defineProperty(process, 'exitCode', exitCode)
    else delete (process as { exitCode?: unknown }).exitCode
    process.exitCode = outerExitCode
    for (const name of RUNNER_FILES) delete process.env[name]
    for (const name of Object.keys(process.env)) if (RUNNER_VARIABLE.test(name)) delete process.env[name]
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
  inFlight = { runs: 1, env: key, restore }
}

function leave(): void {
  if (!inFlight || --inFlight.runs > 0) return
  const { restore } = inFlight
  inFlight = undefined
  restore()
}

/** `::add-mask::` data as the runner unescapes it. */
function masks(stdout: string): string[] {
  return workflowCommands(stdout)
    .filter((command) => command.name === 'add-mask')
    .map((command) => command.data.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%'))
}

/** Runs the action once, in this process, as the runner would with these inputs and this environment. */
export async function runInProcess(options: InProcessOptions): Promise<ActionRun> {
  const run = newRun(options.onStdout, options.env)
  const startedAt = options.clock.now()
  try {
    enter(runEnvironment(options))
    try {
      await current.run(run, async () => {
        // As src/index.ts: a failure in the reporting still fails the step, with a message.
        await runMain(options.clock).catch((error: unknown) =>
          setFailed(`Could not report the result: ${(error as Error).message}`)
        )
      })
    } finally {
      leave()
    }
    return {
      code: Number(run.exitCode ?? 0),
      signal: null,
      stdout: run.stdout,
      stderr: run.stderr,
      outputs: parseOutputFile(readRunnerFile(run.files.GITHUB_OUTPUT)),
      summary: readRunnerFile(run.files.GITHUB_STEP_SUMMARY),
      durationMs: options.clock.now() - startedAt,
      secrets: masks(run.stdout)
    }
  } finally {
    rmSync(run.dir, { recursive: true, force: true })
  }
}

/**
 * For a test file of in-process runs: a FakeClock fresh for each test, starting at the real time
 * (dates in simulator data keep their meaning), and runAction bound to it. Give the same clock to
 * the simulators: `useSimulators(defaults, { clock })`.
 */
export function useInProcessAction(): {
  clock: () => FakeClock
  runAction: (options: Omit<InProcessOptions, 'clock'> & { clock?: Clock }) => Promise<ActionRun>
} {
  let clock = new FakeClock(Date.now())
  beforeEach(() => {
    clock = new FakeClock(Date.now())
  })
  return {
    clock: () => clock,
    runAction: (options) => runInProcess({ clock, ...options })
  }
}

/**
 * Runs the action's `run()` in this process, the typescript-action way: `@actions/core` is replaced
 * (jest.unstable_mockModule) by a fake that records what the action tells the runner and prints it
 * in the runner's wire format, and `run()` gets a FakeClock that the test shares with the simulator,
 * so a wait of hours takes milliseconds while every request still crosses a real socket.
 *
 * The result has the shape of `runAction` (the child-process runner of dist/index.js), so the same
 * assertions (`workflowCommands`, `visibleLog`, `failureOf`) read both. Lines the sources write to
 * process.stdout themselves are captured too and merged, in order, with those of the fake core.
 *
 * Each run imports src/main.ts afresh, in a module registry of its own, so module state (registered
 * secrets, warnings already given, @actions/github's base URL) never leaks from one run into the
 * next, as with a new process.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { accessSync, appendFileSync, constants, existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, jest } from '@jest/globals'
import type { Clock } from '../src/base/clock.js'
import { FakeClock } from './clock.js'

/** What a run shows: the same fields as `runAction`'s result. */
export interface ActionRun {
  /** 1 when the step failed (setFailed, or process.exitCode set to 1), else 0. */
  code: number
  signal: null
  /** Everything written for the runner, in the wire format it reads (`::error::…`, `::add-mask::…`, plain lines). */
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** Time on the run's clock from start to end: virtual time, not the test's real time. */
  durationMs: number
  /** The calls the action made to @actions/core, in order. */
  calls: CoreCall[]
  /** Values registered with setSecret, in order. */
  secrets: string[]
}

export interface CoreCall {
  name: string
  args: unknown[]
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

/** One run's view of the runner: what the fake core and the stdout capture record. */
interface RunRecord {
  inputs: Record<string, string>
  env: Record<string, string>
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  calls: CoreCall[]
  secrets: string[]
  failed: boolean
  onStdout?: (stdoutSoFar: string) => void
}

const current = new AsyncLocalStorage<RunRecord>()

function record(): RunRecord {
  const run = current.getStore()
  if (!run) throw new Error('@actions/core was called outside an in-process run')
  return run
}

function call(name: string, ...args: unknown[]): RunRecord {
  const run = record()
  run.calls.push({ name, args })
  return run
}

// ---------------------------------------------------------------------------------------------
// The fake @actions/core: the same wire format and the same rules as @actions/core 3.x.
// ---------------------------------------------------------------------------------------------

const EOL = '\n'

function toCommandValue(input: unknown): string {
  if (input === null || input === undefined) return ''
  if (typeof input === 'string' || input instanceof String) return input as string
  return JSON.stringify(input)
}

function escapeData(value: unknown): string {
  return toCommandValue(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: unknown): string {
  return toCommandValue(value)
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C')
}

type AnnotationProperties = Record<string, string | number | undefined>

const ANNOTATION_KEYS: Record<string, string> = {
  title: 'title',
  file: 'file',
  startLine: 'line',
  endLine: 'endLine',
  startColumn: 'col',
  endColumn: 'endColumn'
}

function issueCommand(command: string, properties: AnnotationProperties, message: unknown): void {
  let line = `::${command}`
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
  if (props.length) line += ` ${props.join(',')}`
  process.stdout.write(`${line}::${escapeData(message)}${EOL}`)
}

function annotationProperties(properties: AnnotationProperties = {}): AnnotationProperties {
  const out: AnnotationProperties = {}
  for (const [key, name] of Object.entries(ANNOTATION_KEYS)) out[name] = properties[key]
  return out
}

function messageOf(message: unknown): string {
  return message instanceof Error ? message.toString() : String(message)
}

/** A file command (GITHUB_OUTPUT, GITHUB_ENV, …) as @actions/core writes it, so a bad file fails as it would. */
function issueFileCommand(command: string, line: string): void {
  const path = record().env[`GITHUB_${command}`]
  if (!path) throw new Error(`Unable to find environment variable for file command ${command}`)
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`)
  appendFileSync(path, `${line}${EOL}`, { encoding: 'utf8' })
}

function keyValueMessage(key: string, value: unknown): string {
  const delimiter = `ghadelimiter_${Math.random().toString(16).slice(2)}`
  const converted = toCommandValue(value)
  return `${key}<<${delimiter}${EOL}${converted}${EOL}${delimiter}`
}

function getInput(name: string, options?: { required?: boolean; trimWhitespace?: boolean }): string {
  const run = call('getInput', name, options)
  const value = run.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
  if (options?.required && !value) throw new Error(`Input required and not supplied: ${name}`)
  return options?.trimWhitespace === false ? value : value.trim()
}

function getMultilineInput(name: string, options?: { required?: boolean; trimWhitespace?: boolean }): string[] {
  const lines = getInput(name, options)
    .split('\n')
    .filter((line) => line !== '')
  return options?.trimWhitespace === false ? lines : lines.map((line) => line.trim())
}

function getBooleanInput(name: string, options?: { required?: boolean; trimWhitespace?: boolean }): boolean {
  const value = getInput(name, options)
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new TypeError(
    `Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
      'Support boolean input list: `true | True | TRUE | false | False | FALSE`'
  )
}

function setSecret(secret: string): void {
  call('setSecret', secret).secrets.push(secret)
  issueCommand('add-mask', {}, secret)
}

function setOutput(name: string, value: unknown): void {
  const run = call('setOutput', name, value)
  if (run.env.GITHUB_OUTPUT) {
    issueFileCommand('OUTPUT', keyValueMessage(name, value))
  } else {
    process.stdout.write(EOL)
    issueCommand('set-output', { name }, value)
  }
  run.outputs[name] = toCommandValue(value)
}

function exportVariable(name: string, value: unknown): void {
  const run = call('exportVariable', name, value)
  run.env[name] = toCommandValue(value)
  process.env[name] = toCommandValue(value)
  if (run.env.GITHUB_ENV) issueFileCommand('ENV', keyValueMessage(name, value))
  else issueCommand('set-env', { name }, value)
}

function addPath(path: string): void {
  const run = call('addPath', path)
  if (run.env.GITHUB_PATH) issueFileCommand('PATH', path)
  else issueCommand('add-path', {}, path)
}

function setFailed(message: string | Error): void {
  call('setFailed', message).failed = true
  issueCommand('error', {}, messageOf(message))
}

const isDebug = (): boolean => call('isDebug').env.RUNNER_DEBUG === '1'

function debug(message: string): void {
  call('debug', message)
  issueCommand('debug', {}, message)
}

function annotation(kind: 'error' | 'warning' | 'notice') {
  return (message: string | Error, properties?: AnnotationProperties): void => {
    call(kind, message, properties)
    issueCommand(kind, annotationProperties(properties), messageOf(message))
  }
}

function info(message: string): void {
  call('info', message)
  process.stdout.write(message + EOL)
}

function startGroup(name: string): void {
  call('startGroup', name)
  issueCommand('group', {}, name)
}

function endGroup(): void {
  call('endGroup')
  issueCommand('endgroup', {}, '')
}

async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  startGroup(name)
  try {
    return await fn()
  } finally {
    endGroup()
  }
}

function setCommandEcho(enabled: boolean): void {
  call('setCommandEcho', enabled)
  issueCommand('echo', {}, enabled ? 'on' : 'off')
}

function saveState(name: string, value: unknown): void {
  const run = call('saveState', name, value)
  if (run.env.GITHUB_STATE) issueFileCommand('STATE', keyValueMessage(name, value))
  else issueCommand('save-state', { name }, value)
}

const getState = (name: string): string => call('getState', name).env[`STATE_${name}`] ?? ''

/** As @actions/core's OidcClient: the runner's URL with `&audience=`, the request token as bearer. */
async function getIDToken(audience?: string): Promise<string> {
  const run = call('getIDToken', audience)
  const url = run.env.ACTIONS_ID_TOKEN_REQUEST_URL
  const token = run.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  if (!url) throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable')
  if (!token) throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable')
  const full = audience ? `${url}&audience=${encodeURIComponent(audience)}` : url
  const answer = await fetch(full, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })
  const body = (await answer.json().catch(() => undefined)) as { value?: string } | undefined
  if (!answer.ok || !body?.value) {
    throw new Error(`Failed to get ID Token. Error Code : ${answer.status}`)
  }
  setSecret(body.value)
  return body.value
}

/** The job summary: a buffer, written (appended, or overwriting) to GITHUB_STEP_SUMMARY. */
class FakeSummary {
  private buffer = ''

  addRaw(text: string, addEOL = false): this {
    this.buffer += text
    return addEOL ? this.addEOL() : this
  }

  addEOL(): this {
    return this.addRaw(EOL)
  }

  stringify(): string {
    return this.buffer
  }

  isEmptyBuffer(): boolean {
    return this.buffer.length === 0
  }

  emptyBuffer(): this {
    this.buffer = ''
    return this
  }

  async write(options?: { overwrite?: boolean }): Promise<this> {
    const run = call('summary.write', this.buffer, options)
    const path = run.env.GITHUB_STEP_SUMMARY
    if (!path) {
      throw new Error(
        'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
      )
    }
    try {
      accessSync(path, constants.R_OK | constants.W_OK)
    } catch {
      throw new Error(`Unable to access summary file: '${path}'. Check if the file has correct read/write permissions.`)
    }
    if (options?.overwrite) writeFileSync(path, this.buffer, { encoding: 'utf8' })
    else appendFileSync(path, this.buffer, { encoding: 'utf8' })
    run.summary = options?.overwrite ? this.buffer : run.summary + this.buffer
    return this.emptyBuffer()
  }

  async clear(): Promise<this> {
    return this.emptyBuffer().write({ overwrite: true })
  }
}

/** One summary object per run, as each process has its own. */
const summaries = new WeakMap<RunRecord, FakeSummary>()
const summary = new Proxy({} as FakeSummary, {
  get(_target, key) {
    const run = record()
    let own = summaries.get(run)
    if (!own) summaries.set(run, (own = new FakeSummary()))
    const value = Reflect.get(own, key, own) as unknown
    return typeof value === 'function' ? value.bind(own) : value
  }
})

const unavailable = (name: string) => (): never => {
  throw new Error(`the in-process harness does not fake @actions/core's ${name}`)
}

export const fakeCore = {
  ExitCode: { Success: 0, Failure: 1, 0: 'Success', 1: 'Failure' },
  exportVariable,
  setSecret,
  addPath,
  getInput,
  getMultilineInput,
  getBooleanInput,
  setOutput,
  setCommandEcho,
  setFailed,
  isDebug,
  debug,
  error: annotation('error'),
  warning: annotation('warning'),
  notice: annotation('notice'),
  info,
  startGroup,
  endGroup,
  group,
  saveState,
  getState,
  getIDToken,
  summary,
  markdownSummary: summary,
  toPosixPath: (path: string) => path.replace(/[\\]/g, '/'),
  toWin32Path: (path: string) => path.replace(/[/]/g, '\\'),
  toPlatformPath: (path: string) => path,
  platform: {
    platform: process.platform,
    arch: process.arch,
    isWindows: process.platform === 'win32',
    isMacOS: process.platform === 'darwin',
    isLinux: process.platform === 'linux',
    getDetails: unavailable('platform.getDetails')
  }
}

jest.unstable_mockModule('@actions/core', () => fakeCore)

// ---------------------------------------------------------------------------------------------
// Running run(): environment, stdout capture, signal listeners, module isolation.
// ---------------------------------------------------------------------------------------------

/** Variables the runner sets (or a developer's shell may hold) that a run must not inherit. */
const RUNNER_VARIABLE = /^(INPUT_|GITHUB_|ACTIONS_|RUNNER_|STATE_)|^(https?_proxy|no_proxy)$/i

/** Runner files shared by every run of this test file (their content is recorded per run). */
let runnerDir: string | undefined

function runnerFiles(): Record<string, string> {
  runnerDir ??= mkdtempSync(join(tmpdir(), 'go-live-in-process-'))
  return { GITHUB_OUTPUT: join(runnerDir, 'github-output'), GITHUB_STEP_SUMMARY: join(runnerDir, 'step-summary.md') }
}

/** The environment a run sees, as runAction builds it for the child process. */
function runEnvironment(options: InProcessOptions): Record<string, string> {
  const env: Record<string, string> = { GITHUB_ACTIONS: 'true', ...runnerFiles(), ...options.env }
  env.RUNNER_TEMP ??= runnerDir!
  // The runner upper-cases the name and keeps dashes: `INPUT_PUBLISHER-ID`.
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return env
}

/** State shared by the runs in flight (one normally; two when a test runs a re-run alongside). */
let active = 0
let activeEnv: string | undefined
let savedEnv: Record<string, string | undefined> = {}
let savedExitCode: typeof process.exitCode
let listenersBefore = new Map<string, unknown[]>()
let originalWrite: { stdout: typeof process.stdout.write; stderr: typeof process.stderr.write } | undefined

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

function enter(env: Record<string, string>): void {
  const key = JSON.stringify(Object.entries(env).sort())
  if (active > 0) {
    // process.env is one for all: runs side by side must agree on it.
    if (key !== activeEnv) throw new Error('in-process runs that overlap need the same inputs and environment')
    active++
    return
  }
  active = 1
  activeEnv = key
  savedEnv = {}
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
  for (const file of Object.values(runnerFiles())) writeFileSync(file, '')
  savedExitCode = process.exitCode
  listenersBefore = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]))
  originalWrite = { stdout: process.stdout.write, stderr: process.stderr.write }
  process.stdout.write = capture('stdout', originalWrite.stdout)
  process.stderr.write = capture('stderr', originalWrite.stderr)
}

function leave(): void {
  if (--active > 0) return
  process.stdout.write = originalWrite!.stdout
  process.stderr.write = originalWrite!.stderr
  // run() cannot unregister its signal handlers (a late SIGTERM must not kill the report): the
  // process would end. Here the process lives on, so the handlers a run added go.
  for (const signal of SIGNALS) {
    const before = listenersBefore.get(signal) ?? []
    for (const listener of process.listeners(signal)) {
      if (!before.includes(listener)) process.removeListener(signal, listener as () => void)
    }
  }
  for (const name of Object.keys(process.env)) if (RUNNER_VARIABLE.test(name)) delete process.env[name]
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  process.exitCode = savedExitCode
}

type Main = typeof import('../src/main.js')

/**
 * A module registry of its own (jest.isolateModulesAsync) for src/main.ts and all it loads, held
 * until the runs using it end: modules loaded on first use (@actions/github reads GITHUB_API_URL
 * when it is loaded) are loaded afresh for each run, as in a new process. Runs that overlap (a
 * re-run started while another waits) share one registry, as two runs in one process would.
 */
let registry: { main: Promise<Main>; users: number; release: () => void } | undefined
let registryClosed: Promise<void> = Promise.resolve()

async function openMain(): Promise<Main> {
  if (registry) {
    registry.users++
    return registry.main
  }
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  let loaded!: (main: Main) => void
  let failed!: (error: unknown) => void
  const main = new Promise<Main>((resolve, reject) => {
    loaded = resolve
    failed = reject
  })
  const previous = registryClosed
  registry = { main, users: 1, release }
  registryClosed = previous.then(() =>
    jest.isolateModulesAsync(async () => {
      try {
        loaded(await import('../src/main.js'))
      } catch (error) {
        failed(error)
      }
      await released
    })
  )
  return main
}

function closeMain(): void {
  if (!registry || --registry.users > 0) return
  registry.release()
  registry = undefined
}

function newRecord(
  inputs: Record<string, string>,
  env: Record<string, string>,
  onStdout?: (stdoutSoFar: string) => void
): RunRecord {
  return {
    inputs,
    env,
    stdout: '',
    stderr: '',
    outputs: {},
    summary: '',
    calls: [],
    secrets: [],
    failed: false,
    onStdout
  }
}

/**
 * Runs `fn` as a run would be run (environment, stdout capture, the fake core) without the action:
 * for the harness's own tests, which hold its wire format against @actions/core's.
 */
export async function withinRun(
  fn: () => unknown,
  env: Record<string, string> = {}
): Promise<Pick<ActionRun, 'stdout' | 'outputs' | 'summary' | 'calls' | 'secrets'> & { failed: boolean }> {
  const full = { ...runnerFiles(), ...env }
  const run = newRecord({}, full)
  enter(full)
  try {
    await current.run(run, async () => {
      await fn()
    })
  } finally {
    leave()
  }
  const { stdout, outputs, summary, calls, secrets, failed } = run
  return { stdout, outputs, summary, calls, secrets, failed }
}

/** Runs the action once, in this process, as the runner would with these inputs and this environment. */
export async function runInProcess(options: InProcessOptions): Promise<ActionRun> {
  const env = runEnvironment(options)
  const run = newRecord(options.inputs, env, options.onStdout)
  enter(env)
  const startedAt = options.clock.now()
  let exitCode: typeof process.exitCode
  try {
    // Inside the run: what src/ does when it is loaded (read the environment, write) is the run's.
    await current.run(run, async () => {
      try {
        const main = await openMain()
        const before = process.exitCode
        try {
          await main.run(options.clock)
        } catch (error) {
          // As src/index.ts: a failure in the reporting still fails the step, with a message.
          fakeCore.setFailed(`Could not report the result: ${(error as Error).message}`)
        }
        if (process.exitCode !== before) exitCode = process.exitCode
      } finally {
        closeMain()
      }
    })
  } finally {
    leave()
  }
  return {
    code: run.failed || (exitCode !== undefined && Number(exitCode) !== 0) ? 1 : 0,
    signal: null,
    stdout: run.stdout,
    stderr: run.stderr,
    outputs: run.outputs,
    summary: run.summary,
    durationMs: options.clock.now() - startedAt,
    calls: run.calls,
    secrets: run.secrets
  }
}

/**
 * For a test file of in-process runs: a FakeClock fresh for each test, starting at the real time
 * (dates in simulator data keep their meaning), and runAction bound to it. Give the same clock to
 * the simulators: `useSimulators(defaults, clock)`.
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

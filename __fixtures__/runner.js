// @ts-check
/**
 * Runs the bundled action (dist/index.js) the way the runner does: a child process with INPUT_*
 * variables and GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. Shared by the end-to-end tests, the
 * demo and the benchmark, so all three see the action exactly as a workflow would.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ACTION = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js')

/**
 * @typedef {object} ActionRun
 * @property {number | null} code
 * @property {NodeJS.Signals | null} signal
 * @property {string} stdout
 * @property {string} stderr
 * @property {Record<string, string>} outputs
 * @property {string} summary
 * @property {number} durationMs
 */

/**
 * @typedef {object} RunOptions
 * @property {Record<string, string>} inputs action inputs by their contract names
 * @property {Record<string, string>} [env] extra environment (RUNNER_DEBUG, OIDC variables, …)
 * @property {(stdoutSoFar: string, child: { kill(signal: NodeJS.Signals): boolean }) => void} [onStdout]
 * @property {(text: string) => void} [echo] receives stdout as it arrives (the demo prints it)
 * @property {number} [killAfterMs] SIGKILL a child still running after this long (guards tests)
 * @property {string} [workDir] keep GITHUB_OUTPUT / GITHUB_STEP_SUMMARY here instead of a temporary folder
 */

/**
 * @param {RunOptions} options
 * @returns {Promise<ActionRun>}
 */
export async function runAction(options) {
  const dir = options.workDir ?? mkdtempSync(join(tmpdir(), 'go-live-run-'))
  const outputFile = join(dir, 'github-output')
  const summaryFile = join(dir, 'step-summary.md')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  /** @type {Record<string, string>} */
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: dir,
    ...options.env
  }
  // The runner upper-cases the name and keeps dashes: `INPUT_PUBLISHER-ID`.
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.toUpperCase()}`] = value

  const started = Date.now()
  const child = spawn(process.execPath, [ACTION], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (/** @type {Buffer} */ chunk) => {
    const text = chunk.toString()
    stdout += text
    options.echo?.(text)
    options.onStdout?.(stdout, child)
  })
  child.stderr.on('data', (/** @type {Buffer} */ chunk) => (stderr += chunk.toString()))
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000)
  /** @type {[number | null, NodeJS.Signals | null]} */
  const [code, signal] = await new Promise((done) => child.on('close', (c, s) => done([c, s])))
  clearTimeout(killer)
  const result = {
    code,
    signal,
    stdout,
    stderr,
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    summary: readFileSync(summaryFile, 'utf8'),
    durationMs: Date.now() - started
  }
  if (!options.workDir) rmSync(dir, { recursive: true, force: true })
  return result
}

/**
 * GITHUB_OUTPUT holds `name<<DELIMITER`, the value's lines, `DELIMITER`; a later value wins.
 * @param {string} text
 * @returns {Record<string, string>}
 */
export function parseOutputFile(text) {
  /** @type {Record<string, string>} */
  const outputs = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const [, name, delimiter] = match
    const value = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
    outputs[name] = value.join('\n')
  }
  return outputs
}

/**
 * @typedef {object} WorkflowCommand
 * @property {string} name
 * @property {string} data
 * @property {string} line
 */

/**
 * The workflow commands a runner would execute from this stdout: `::name …::data` at a line start
 * (after whitespace) and the legacy `##[name …]data` anywhere in a line, both silenced between
 * `::stop-commands::TOKEN` and `::TOKEN::`.
 * @param {string} stdout
 * @returns {WorkflowCommand[]}
 */
export function workflowCommands(stdout) {
  /** @type {WorkflowCommand[]} */
  const commands = []
  /** @type {string | undefined} */
  let stopToken
  for (const line of stdout.split(/\r?\n/)) {
    const trimmed = line.trimStart()
    if (stopToken !== undefined) {
      if (trimmed === `::${stopToken}::`) {
        commands.push({ name: stopToken, data: '', line })
        stopToken = undefined
      }
      continue
    }
    const modern = /^::([A-Za-z0-9_-]+)(?: [^:]*)?::(.*)$/.exec(trimmed)
    if (modern) {
      commands.push({ name: modern[1], data: modern[2], line })
      if (modern[1] === 'stop-commands') stopToken = modern[2]
      continue
    }
    const legacy = /##\[([A-Za-z0-9_-]+)(?: [^\]]*)?\](.*)$/.exec(line)
    if (legacy) commands.push({ name: legacy[1], data: legacy[2], line })
  }
  return commands
}

/** Commands the runner consumes without showing a line for them. */
const SILENT = new Set(['stop-commands', 'add-mask', 'set-output', 'save-state', 'echo'])

/**
 * Renders stdout line by line as a person reads it on the job page: command lines consumed,
 * annotations shown as `Error: …` / `Warning: …`, debug lines only with `debug`, and lines inside
 * a stop-commands fence shown as they are.
 * @param {{ debug?: boolean }} [options]
 * @returns {(line: string) => string | undefined} undefined for a line the runner hides
 */
export function createLogRenderer(options = {}) {
  /** @type {string | undefined} */
  let stopToken
  return (line) => {
    const trimmed = line.trimStart()
    if (stopToken !== undefined) {
      if (trimmed !== `::${stopToken}::`) return line
      stopToken = undefined
      return undefined
    }
    const modern = /^::([A-Za-z0-9_-]+)(?: [^:]*)?::(.*)$/.exec(trimmed)
    if (!modern) return line
    const [, name, data] = modern
    if (name === 'stop-commands') stopToken = data
    if (name === 'error' || name === 'warning' || name === 'notice') {
      return `${name[0].toUpperCase()}${name.slice(1)}: ${unescapeData(data)}`
    }
    if (name === 'debug') return options.debug ? `##[debug]${unescapeData(data)}` : undefined
    return SILENT.has(name) ? undefined : line
  }
}

/**
 * The whole log as a person reads it (see createLogRenderer).
 * @param {string} stdout
 * @param {{ debug?: boolean }} [options]
 * @returns {string}
 */
export function visibleLog(stdout, options = {}) {
  const render = createLogRenderer(options)
  return stdout
    .split('\n')
    .map(render)
    .filter((line) => line !== undefined)
    .join('\n')
}

/** @param {string} text */
function unescapeData(text) {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

// @ts-check
/**
 * `npm run demo`: runs the bundled action (dist/index.js) against the local simulator exactly as a
 * runner would, prints the job log a user would see, and writes the job summary to a file.
 *
 *   npm run demo                       a CPP go-live with client credentials, followed to the end
 *   npm run demo -- --scenario NAME    one of: golive, failed, timeout-resume, long-wait, cancel,
 *                                      dry-run, product-ingestion, appsource, oidc, follow, when-ready
 *   npm run demo -- --help             what it does, and each scenario
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { createLogRenderer, runAction } from '../__fixtures__/runner.js'
import { startSimulator } from '../sim/index.js'

const TENANT = '00000000-0000-0000-0000-000000000001'
const CLIENT = '11111111-1111-1111-1111-111111111111'
const PRODUCT = 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d'
/** The simulator's Business Central app of the ingestion API v1.0. */
const V1_PRODUCT = 'e2b5c6d7-3f41-4a8b-9c0d-1e2f3a4b5c6d'

/**
 * @typedef {object} Scenario
 * @property {string} about
 * @property {Partial<import('../sim/index.js').SimOptions>} sim
 * @property {(url: string) => Record<string, string>} inputs
 * @property {(sim: Awaited<ReturnType<typeof startSimulator>>) => void} [prepare]
 * @property {(url: string, sim: Awaited<ReturnType<typeof startSimulator>>) => Record<string, string>} [env]
 * @property {string} [interruptAfter] send SIGINT once this text appears in the log
 * @property {boolean} [resume] run a second time with the first run's operation-location
 * @property {{ runs: number, hoursApart: number, inputs: (url: string) => Record<string, string> }} [follow]
 *   after the first run, scheduled follow runs, the simulator's clock moved on between them
 */

/** How far the simulator's clock is ahead of this machine's (the follow scenario moves it). */
let clockOffsetMs = 0
const HOUR = 3_600_000

/** @param {string} url */
const githubEnv = (url) => ({
  GITHUB_API_URL: `${url}/_github/api`,
  GITHUB_REPOSITORY: 'contoso/offer-release',
  GITHUB_SHA: '4f1c2b8e9d0a7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '1001'
})

const cpp = (/** @type {string} */ url) => ({
  'publisher-id': 'contoso',
  'offer-id': 'contoso-offer',
  'tenant-id': TENANT,
  'client-id': CLIENT,
  'client-secret': 'sim-secret',
  'authority-host': url,
  'base-url': url,
  timeout: '2m',
  'poll-interval': '1s'
})

/** A scheduled follow run's inputs: client credentials, the CPP root, every go-live recorded. */
const followInputs = (/** @type {string} */ url) => ({
  follow: 'true',
  'github-token': 'gh-token',
  'tenant-id': TENANT,
  'client-id': CLIENT,
  'client-secret': 'sim-secret',
  'authority-host': url,
  'base-url': url,
  timeout: '5m'
})

/** @type {Record<string, Scenario>} */
const SCENARIOS = {
  golive: {
    about: 'Go Live on a CPP offer with client credentials; one throttled poll on the way; followed to success.',
    sim: { operationMs: 8000 },
    inputs: cpp,
    prepare: (sim) => sim.fault({ method: 'GET', path: '/operations/', status: 429, retryAfter: '1' })
  },
  failed: {
    about: 'The go-live fails in certification: result failed, the step and the API error in the message.',
    sim: { operationMs: 4000, finalStatus: 'failed' },
    inputs: cpp
  },
  'timeout-resume': {
    about: 'A short timeout with on-timeout: warn, then a second run resumes with operation-location.',
    sim: { operationMs: 7000 },
    inputs: (url) => ({ ...cpp(url), timeout: '3s', 'on-timeout': 'warn' }),
    resume: true
  },
  'long-wait': {
    about:
      'A go-live of days, followed for 25 s: nothing changes from poll to poll, so the log gives a sign of life ' +
      'every 10 polls (step, time waited, time left, next check) instead of silence or a line per poll.',
    sim: { operationMs: 3 * 24 * HOUR },
    inputs: (url) => ({ ...cpp(url), timeout: '25s', 'on-timeout': 'warn' })
  },
  cancel: {
    about: 'The workflow run is cancelled mid-wait (SIGINT) with on-cancel: cancel.',
    sim: { operationMs: 60_000 },
    inputs: (url) => ({ ...cpp(url), 'on-cancel': 'cancel' }),
    interruptAfter: 'Waiting up to'
  },
  'dry-run': {
    about: 'A dry run: inputs, token and offer readiness are checked; nothing is started.',
    sim: {},
    inputs: (url) => ({ ...cpp(url), 'dry-run': 'true' })
  },
  'product-ingestion': {
    about:
      'A Product Ingestion go-live as the service runs it: the paged submission list is read to its last page, ' +
      'the newest succeeded preview X is pushed to live, the configure job is followed, then the job hands over ' +
      "to X's own live entry (same ID, target live), which is followed to the end.",
    sim: {
      jobMs: 2000,
      liveMs: 5000,
      piPageSize: 2,
      piNextLink: 'relative',
      piListOrder: 'rotate',
      alias: 'Contoso Analytics'
    },
    inputs: (url) => ({
      api: 'product-ingestion',
      'product-id': PRODUCT,
      'tenant-id': TENANT,
      'client-id': CLIENT,
      'client-secret': 'sim-secret',
      'authority-host': url,
      'base-url': `${url}/rp/product-ingestion`,
      timeout: '2m',
      'poll-interval': '1s'
    })
  },
  appsource: {
    about:
      'A Business Central app on AppSource goes live through the Partner Center ingestion API v1.0, as a release ' +
      "workflow's step after AL-Go's Publish To AppSource would run it: the paged submission list is read in the " +
      "service's own link form, the newest preview (Published/ReadyToPublish) is promoted while the newer draft is " +
      'left alone, and the submission is followed through Publishing and Published to InStore. The simulator wants ' +
      'the seller ID, as the service did for a while in 2026, and gets it as x-ms-publisherId on every call.',
    sim: { v1PublishMs: 6000, v1PageSize: 2, v1NextLink: 'relative', v1RequireSellerId: true },
    inputs: (url) => ({
      api: 'ingestion-v1',
      'product-id': V1_PRODUCT,
      'seller-id': '12345678',
      'tenant-id': TENANT,
      'client-id': CLIENT,
      'client-secret': 'sim-secret',
      'authority-host': url,
      'base-url': `${url}/v1.0/ingestion`,
      timeout: '2m',
      'poll-interval': '1s'
    })
  },
  oidc: {
    about: 'GitHub OIDC federation: no secret; the job token is exchanged for an Entra token.',
    sim: { operationMs: 4000 },
    inputs: (url) => {
      /** @type {Record<string, string>} */
      const inputs = { ...cpp(url) }
      delete inputs['client-secret']
      return inputs
    },
    env: (_, sim) => ({
      ACTIONS_ID_TOKEN_REQUEST_URL: sim.oidcRequestUrl,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'gh-request-token'
    })
  },
  follow: {
    about:
      'A 3-day go-live recorded as a GitHub deployment: the release job starts it, waits a few seconds and hands over; hourly follow runs check it once each and exit.',
    sim: { operationMs: 3 * 24 * HOUR, now: () => Date.now() + clockOffsetMs },
    inputs: (url) => ({
      ...cpp(url),
      'github-deployment': 'true',
      'github-token': 'gh-token',
      timeout: '4s',
      'on-timeout': 'warn'
    }),
    env: (url) => githubEnv(url),
    follow: {
      runs: 4,
      hoursApart: 20,
      inputs: followInputs
    }
  },
  'when-ready': {
    about:
      'Go live when the preview is ready: the release job is approved while the preview is still in certification, ' +
      'so it leaves its GitHub deployment queued and exits; follow runs every 12 simulated hours check the preview, ' +
      'the first to find it ready goes live (only because GitHub confirms the release run was approved), and the ' +
      'next ones follow the go-live to the end.',
    sim: {
      offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: true, readyAfterMs: 30 * HOUR }],
      operationMs: 40 * HOUR,
      now: () => Date.now() + clockOffsetMs
    },
    prepare: (sim) =>
      sim.github.addRun({
        id: 1001,
        headSha: githubEnv('').GITHUB_SHA,
        approvals: [{ environment: 'marketplace', state: 'approved' }]
      }),
    inputs: (url) => ({
      ...cpp(url),
      'when-ready': 'true',
      'github-deployment': 'true',
      'github-token': 'gh-token',
      timeout: '3s'
    }),
    env: (url) => githubEnv(url),
    follow: {
      runs: 7,
      hoursApart: 12,
      inputs: followInputs
    }
  }
}

/** What `--help` prints: how to run the demo, and each scenario with what it shows. */
function usage() {
  const width = Math.max(...Object.keys(SCENARIOS).map((key) => key.length)) + 12
  return [
    'Usage: npm run demo [-- --scenario NAME]',
    '',
    'Runs the bundled action (dist/index.js) against the local simulator as a runner would, prints the job',
    "log a user would see and writes each run's job summary under .demo/<scenario>/.",
    '',
    'Scenarios:',
    ...Object.entries(SCENARIOS).map(
      ([key, { about }]) => `  ${`${key}${key === 'golive' ? ' (default)' : ''}`.padEnd(width)}${about}`
    ),
    '',
    'Options:',
    `  ${'--scenario NAME'.padEnd(width)}the scenario to run (default: golive)`,
    `  ${'-h, --help'.padEnd(width)}print this help and exit`
  ].join('\n')
}

const args = process.argv.slice(2)
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage())
  process.exit(0)
}
const scenarioFlag = args.indexOf('--scenario')
const unknown = args.filter((arg, i) => arg !== '--scenario' && (scenarioFlag < 0 || i !== scenarioFlag + 1))
if (unknown.length > 0 || (scenarioFlag >= 0 && args[scenarioFlag + 1] === undefined)) {
  console.error(`${unknown.length > 0 ? `Unknown argument '${unknown[0]}'` : '--scenario needs a NAME'}.\n\n${usage()}`)
  process.exit(2)
}
const name = scenarioFlag >= 0 ? args[scenarioFlag + 1] : 'golive'
const scenario = SCENARIOS[name]
if (!scenario) {
  console.error(`Unknown scenario '${name}'. Choose one of: ${Object.keys(SCENARIOS).join(', ')}`)
  process.exit(2)
}

// Each run of each scenario keeps its own runner files, so no summary overwrites another.
const scenarioDir = resolve('.demo', name)
rmSync(scenarioDir, { recursive: true, force: true })
let runs = 0
const sim = await startSimulator(scenario.sim)
scenario.prepare?.(sim)
const rule = '─'.repeat(78)
console.log(`Simulator of the Marketplace and Entra APIs listening on ${sim.url}`)
console.log(`Scenario '${name}': ${scenario.about}`)
console.log(`Running node dist/index.js as the runner would. The job log a user sees:\n${rule}`)

/**
 * A module, as a data: URL, that moves Date.now() of the process it is loaded into by `offsetMs`.
 * @param {number} offsetMs
 */
function clockShift(offsetMs) {
  const code = `const now = Date.now; Date.now = () => now() + ${Math.round(offsetMs)};`
  return `data:text/javascript,${encodeURIComponent(code)}`
}

/** @param {Record<string, string>} inputs */
async function runOnce(inputs) {
  const workDir = join(scenarioDir, `run-${++runs}`)
  mkdirSync(workDir, { recursive: true })
  const render = createLogRenderer({ debug: process.env.RUNNER_DEBUG === '1' })
  let pending = ''
  const result = await runAction({
    inputs,
    workDir,
    env: {
      ...scenario.env?.(sim.url, sim),
      ...(process.env.RUNNER_DEBUG ? { RUNNER_DEBUG: process.env.RUNNER_DEBUG } : {}),
      // The demo moves time on by hours between follow runs: the action's clock moves with the
      // simulator's (a demo-only preload), so the durations it reports are those of the story.
      ...(clockOffsetMs ? { NODE_OPTIONS: `--import=${clockShift(clockOffsetMs)}` } : {})
    },
    echo: (text) => {
      const lines = (pending + text).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const shown = render(line)
        if (shown !== undefined) console.log(`  ${shown}`)
      }
    },
    onStdout: (soFar, child) => {
      if (scenario.interruptAfter && soFar.includes(scenario.interruptAfter) && !interrupted) {
        interrupted = true
        setTimeout(() => {
          console.log('  (demo: the workflow run is cancelled now; the runner sends SIGINT)')
          child.kill('SIGINT')
        }, 2500)
      }
    }
  })
  console.log(rule)
  console.log(
    `Exit code ${result.code} (${result.code === 0 ? 'step passed' : 'step failed'}) after ${(result.durationMs / 1000).toFixed(1)}s`
  )
  console.log('Step outputs:')
  for (const [key, value] of Object.entries(result.outputs)) {
    console.log(
      `  ${key.padEnd(19)}${key === 'operation' ? `${value.slice(0, 100)}${value.length > 100 ? '…' : ''}` : value}`
    )
  }
  console.log(
    `Job summary (Markdown with HTML) written to ${relative(process.cwd(), join(workDir, 'step-summary.md'))}`
  )
  return result
}

let interrupted = false
try {
  const first = await runOnce(scenario.inputs(sim.url))
  for (let run = 1; scenario.follow && run <= scenario.follow.runs; run++) {
    clockOffsetMs += scenario.follow.hoursApart * HOUR
    const deployment = sim.github.deployments.at(-1)
    console.log(
      `\n${scenario.follow.hoursApart * run} hours after the start (simulated): the hourly follow workflow runs ` +
        `(those in between looked alike). Deployment ${deployment?.id} is '${deployment?.statuses.at(-1)?.state ?? 'new'}'.\n${rule}`
    )
    await runOnce(scenario.follow.inputs(sim.url))
  }
  if (scenario.follow) {
    const deployment = sim.github.deployments.at(-1)
    console.log(`\nGitHub deployment ${deployment?.id} (${deployment?.environment}), statuses oldest first:`)
    for (const status of deployment?.statuses ?? []) {
      console.log(
        `  ${status.state.padEnd(12)}${status.description}${status.environment_url ? `  ${status.environment_url}` : ''}`
      )
    }
  }
  if (scenario.resume && first.outputs['operation-location']) {
    console.log(`\nA later job resumes with operation-location: ${first.outputs['operation-location']}\n${rule}`)
    await runOnce({
      ...scenario.inputs(sim.url),
      timeout: '2m',
      'operation-location': first.outputs['operation-location']
    })
  }
  const byKind = sim.requests.reduce((/** @type {Record<string, number>} */ acc, r) => {
    const key = `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, '{id}').replace(/\/\d+$/, '/{n}')}`
    acc[key] = (acc[key] ?? 0) + 1
    return acc
  }, {})
  console.log('Requests the simulator received:')
  for (const [key, count] of Object.entries(byKind)) console.log(`  ${String(count).padStart(3)}  ${key}`)
} finally {
  await sim.close()
}

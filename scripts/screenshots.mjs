// @ts-check
/**
 * `npm run screenshots`: runs the bundled action against the simulator for the outcomes the README
 * shows (live, failed, handed over to follow runs, Product Ingestion, a follow run, a queued
 * when-ready go-live), renders each job summary as GitHub-flavoured Markdown in headless
 * Chromium, and saves the pictures to docs/images/. In the same real browser it checks what a
 * person would see: the first heading names the outcome, and no text from the API became markup
 * (a run whose API answers carry Markdown and HTML links, images and line breaks is rendered too).
 *
 * Needs Debian's `chromium` package (`apt-get install chromium`); set CHROMIUM to use another binary.
 * `--check` renders and checks without writing the pictures.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { marked } from 'marked'
import { runAction } from '../__fixtures__/runner.js'
import { startSimulator } from '../sim/index.js'

const run = promisify(execFile)
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const OUT_DIR = join(root, 'docs', 'images')
const WIDTH = 900

/** Text the simulator puts into step names and messages: it must stay text in the summary. */
const HOSTILE =
  'x\r<img src="https://attacker.example/i.png"> [click](https://attacker.example/a) ' +
  '![pic](https://attacker.example/p.png) <a href="https://attacker.example/b">b</a> **bold** `code`'

/**
 * @typedef {object} Shot
 * @property {string} name file name under docs/images (without .png), or '' for a check only
 * @property {Partial<import('../sim/index.js').SimOptions>} sim
 * @property {(url: string) => Record<string, string>} inputs
 * @property {RegExp} heading what the first heading must say
 * @property {(url: string) => Record<string, string>} [env] the runner's variables (GitHub deployments)
 * @property {(sim: Awaited<ReturnType<typeof startSimulator>>) => void} [prepare]
 * @property {{ afterMs: number, inputs: (url: string) => Record<string, string> }} [then] a second run
 *   (a follow run) this long after the first, whose summary is the picture
 */

/** @param {string} url */
const cpp = (url) => ({
  'publisher-id': 'contoso',
  'offer-id': 'contoso-offer',
  token: 'sim-token',
  'base-url': url,
  'poll-interval': '1s',
  timeout: '30s'
})

/** A simulated day, and the simulator's clock, moved on between a release run and its follow run. */
const DAY = 24 * 3_600_000
let offsetMs = 0
const now = () => Date.now() + offsetMs

/** @param {string} url */
const githubEnv = (url) => ({
  GITHUB_API_URL: `${url}/_github/api`,
  GITHUB_REPOSITORY: 'contoso/offer-release',
  GITHUB_SHA: '4f1c2b8e9d0a7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '1001'
})

/** @param {string} url */
const productIngestion = (url) => ({
  api: 'product-ingestion',
  'product-id': 'a8a1f1b4-4e7c-4a58-9a6e-0d0f5b1e2c3d',
  token: 'sim-token',
  'base-url': `${url}/rp/product-ingestion`,
  'poll-interval': '1s',
  timeout: '30s'
})

/** @type {Shot[]} */
const SHOTS = [
  { name: 'summary-succeeded', sim: { operationMs: 2500 }, inputs: cpp, heading: /✅.*\blive\b/i },
  { name: 'summary-failed', sim: { operationMs: 2500, finalStatus: 'failed' }, inputs: cpp, heading: /❌.*\bfail/i },
  {
    name: 'summary-handed-over',
    sim: { operationMs: 3 * DAY, now },
    inputs: (url) => ({
      ...cpp(url),
      'github-deployment': 'true',
      'github-token': 'gh-token',
      timeout: '2s',
      'on-timeout': 'warn'
    }),
    env: githubEnv,
    heading: /⏳.*(still running|timed out)/i
  },
  {
    name: 'summary-product-ingestion',
    sim: { jobMs: 1000, liveMs: 2000, alias: 'Contoso Analytics' },
    inputs: productIngestion,
    heading: /✅.*\blive\b/i
  },
  {
    name: 'summary-follow',
    sim: { operationMs: 3 * DAY, now },
    inputs: (url) => ({
      ...cpp(url),
      'github-deployment': 'true',
      'github-token': 'gh-token',
      timeout: '2s',
      'on-timeout': 'warn'
    }),
    env: githubEnv,
    then: {
      afterMs: 3 * DAY + 3_600_000,
      inputs: (url) => ({ follow: 'true', token: 'sim-token', 'base-url': url, 'github-token': 'gh-token' })
    },
    heading: /✅.*\blive\b/i
  },
  {
    name: 'summary-queued',
    sim: {
      offers: [{ publisherId: 'contoso', offerId: 'contoso-offer', migrated: true, readyAfterMs: 2 * DAY }],
      now
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
      timeout: '2s'
    }),
    env: githubEnv,
    heading: /queued/i
  },
  {
    name: '',
    sim: { operationMs: 2500, finalStatus: 'failed', injectMessage: HOSTILE },
    inputs: cpp,
    heading: /❌.*\bfail/i
  }
]

const checkOnly = process.argv.includes('--check')
if (!existsSync(CHROMIUM)) {
  console.error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM.`)
  process.exit(2)
}
if (!checkOnly) mkdirSync(OUT_DIR, { recursive: true })
const work = mkdtempSync(join(tmpdir(), 'go-live-screens-'))
const css = readFileSync(join(root, 'node_modules', 'github-markdown-css', 'github-markdown-light.css'), 'utf8')
let failures = 0

try {
  for (const shot of SHOTS) {
    offsetMs = 0
    const sim = await startSimulator(shot.sim)
    try {
      shot.prepare?.(sim)
      const env = shot.env?.(sim.url)
      let result = await runAction({ inputs: shot.inputs(sim.url), env })
      if (shot.then) {
        offsetMs = shot.then.afterMs
        result = await runAction({ inputs: shot.then.inputs(sim.url), env })
      }
      // A reader sees the public API roots, as a real run shows them, not the simulator's address.
      result.summary = publicUrls(result.summary, sim.url)
      const label = shot.name || 'hostile API text'
      const page = join(work, `${shot.name || 'hostile'}.html`)
      writeFileSync(page, pageFor(result.summary))
      const checks = await inspect(page)
      const problems = judge(shot, checks)
      if (problems.length) {
        failures++
        console.error(`✗ ${label}: ${problems.join('; ')}`)
      } else {
        console.log(`✓ ${label}: first heading "${checks.heading}"`)
      }
      if (shot.name && !checkOnly) {
        const file = join(OUT_DIR, `${shot.name}.png`)
        await screenshot(page, file, Math.min(2400, checks.height + 16))
        console.log(`  saved ${file}`)
      }
    } finally {
      await sim.close()
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
process.exit(failures ? 1 : 0)

/**
 * The simulator's roots as the public endpoints they stand for.
 * @param {string} text
 * @param {string} url
 */
function publicUrls(text, url) {
  return text
    .split(`${url}/rp/product-ingestion`)
    .join('https://graph.microsoft.com/rp/product-ingestion')
    .split(`${url}/v1.0/ingestion`)
    .join('https://api.partner.microsoft.com/v1.0/ingestion')
    .split(url)
    .join('https://cloudpartner.azure.com')
}

/**
 * The summary as GitHub renders a job summary: GitHub-flavoured Markdown with HTML allowed, in
 * GitHub's Markdown style. No sanitiser runs here, so anything that became markup is seen.
 * @param {string} summary
 */
function pageFor(summary) {
  const body = marked.parse(summary, { gfm: true, async: false })
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body{margin:0;background:#fff} .markdown-body{box-sizing:border-box;width:${WIDTH}px;padding:24px}</style></head>
<body><article class="markdown-body">${body}</article>
<script>
  const article = document.querySelector('article')
  const heading = article.querySelector('h1,h2,h3,h4')
  const links = [...article.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))
  const media = [...article.querySelectorAll('img,picture,video,iframe,object,script,style,form,input')].map((e) => e.outerHTML)
  const result = { heading: heading ? heading.textContent.trim() : '', firstIsHeading: article.firstElementChild === heading,
    links, media, text: article.innerText, height: document.documentElement.scrollHeight }
  const pre = document.createElement('pre'); pre.id = 'checks'; pre.hidden = true
  pre.textContent = JSON.stringify(result); document.body.append(pre)
</script></body></html>`
}

/** Chromium flags for a closed network: no background connections, a fresh profile each run. */
function chromiumArgs() {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${mkdtempSync(join(work, 'profile-'))}`
  ]
}

/**
 * @param {string} page
 * @returns {Promise<{ heading: string, firstIsHeading: boolean, links: string[], media: string[], text: string, height: number }>}
 */
async function inspect(page) {
  const { stdout } = await run(CHROMIUM, [...chromiumArgs(), '--dump-dom', `file://${page}`], {
    maxBuffer: 16 * 1024 * 1024
  })
  const match = /<pre id="checks" hidden="">([\s\S]*?)<\/pre>/.exec(stdout)
  if (!match) throw new Error(`Chromium rendered no checks for ${page}`)
  return JSON.parse(
    match[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  )
}

/**
 * @param {Shot} shot
 * @param {Awaited<ReturnType<typeof inspect>>} checks
 */
function judge(shot, checks) {
  const problems = []
  if (!checks.firstIsHeading) problems.push('the summary does not open with a heading')
  if (!shot.heading.test(checks.heading))
    problems.push(`first heading "${checks.heading}" does not match ${shot.heading}`)
  if (checks.media.length) problems.push(`API text became markup: ${checks.media.join(', ')}`)
  const foreign = checks.links.filter((href) => /attacker\.example/.test(href))
  if (foreign.length) problems.push(`API text became links: ${foreign.join(', ')}`)
  return problems
}

/**
 * @param {string} page
 * @param {string} file
 * @param {number} height
 */
async function screenshot(page, file, height) {
  await run(CHROMIUM, [...chromiumArgs(), `--window-size=${WIDTH},${height}`, `--screenshot=${file}`, `file://${page}`])
}

#!/usr/bin/env node
// @ts-check
// Runs the Marketplace simulator in the foreground for demos and hand-run workflows.
// The first stdout line is machine-readable so a script can wait for it and pick up the URL.

import { parseArgs } from 'node:util'
import { APPS, TENANT_ID } from './entra/directory.js'
import { startSimulator } from './index.js'

const USAGE = `usage: node sim/cli.js [--port N] [--options '<json of SimOptions>']

  --port N          port on 127.0.0.1 (default 0 = any free port)
  --options JSON    knobs merged over the defaults, e.g. '{"operationMs":60000,"locationStyle":"legacy"}'
                    (see sim/README.md for every knob)
  --quiet           do not log requests to stderr
  --help            show this text
`

/** @type {{ port?: string, options?: string, quiet?: boolean, help?: boolean }} */
let args
try {
  args = parseArgs({
    options: {
      port: { type: 'string' },
      options: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    }
  }).values
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`)
  process.exit(2)
}

if (args.help) {
  process.stdout.write(USAGE)
  process.exit(0)
}

/** @type {Record<string, unknown>} */
let options = {}
if (args.options !== undefined) {
  try {
    options = JSON.parse(args.options)
  } catch (err) {
    process.stderr.write(`--options is not valid JSON: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exit(2)
  }
  if (!options || typeof options !== 'object' || Array.isArray(options)) {
    process.stderr.write('--options must be a JSON object\n')
    process.exit(2)
  }
}
if (args.port !== undefined) {
  const port = Number(args.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer between 0 and 65535, got '${args.port}'\n`)
    process.exit(2)
  }
  options.port = port
}

const quiet = Boolean(args.quiet)
const started = Date.now()

// Registered before the server starts so a signal during start-up still ends the process cleanly.
/** @type {import('./index.js').Simulator | undefined} */
let sim
let stopping = false
/** @param {string} signal */
async function stop(signal) {
  if (stopping) return
  stopping = true
  if (!quiet) process.stderr.write(`${signal}: stopping simulator\n`)
  await sim?.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))

sim = await startSimulator({
  ...options,
  onRequest: (rec) => {
    if (quiet) return
    const q = new URLSearchParams(rec.query).toString()
    const outcome = rec.status !== undefined ? String(rec.status) : rec.fault === 'reset' ? 'reset' : 'no answer'
    const fault = rec.fault ? ` (fault: ${rec.fault})` : ''
    const elapsed = ((Date.now() - started) / 1000).toFixed(3).padStart(9)
    process.stderr.write(`${elapsed}s ${rec.method} ${rec.path}${q ? `?${q}` : ''} -> ${outcome}${fault}\n`)
  }
})

const o = sim.options
const offer = o.offers[0]
const app = APPS[0]
const product = o.products[0]
const v1Product = o.v1Products[0]
const lines = [
  `simulator listening on ${sim.url}`,
  '',
  `  CPP base-url:               ${sim.url}`,
  `  Product Ingestion base-url: ${sim.url}/rp/product-ingestion`,
  `  Ingestion v1.0 base-url:    ${sim.url}/v1.0/ingestion`,
  `  authority-host:             ${sim.url}`,
  offer ? `  publisher-id / offer-id:    ${offer.publisherId} / ${offer.offerId}` : '  (no offers configured)',
  product ? `  product-id:                 ${product.productId}` : '  (no products configured)',
  v1Product ? `  v1.0 product-id:            ${v1Product.productId}` : '  (no v1.0 products configured)',
  `  static token:               ${o.staticTokens[0] ?? '(none)'}`,
  `  tenant-id:                  ${TENANT_ID}`,
  `  client-id:                  ${app.clientId}`,
  `  client-secret:              ${app.clientSecret}`,
  `  ACTIONS_ID_TOKEN_REQUEST_URL=${sim.oidcRequestUrl}`,
  `  ACTIONS_ID_TOKEN_REQUEST_TOKEN=${o.oidc.requestToken}`,
  '',
  `  go-live takes ${o.operationMs} ms and ends ${o.finalStatus}; Ctrl-C stops the simulator.`
]
process.stdout.write(`${lines.join('\n')}\n`)

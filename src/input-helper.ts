/**
 * The single reader of inputs: defaults, normalising and validation, into one GoLiveSettings.
 * It throws an InputError naming the input before anything touches the network.
 */
import { locationTargetMismatch } from './backends/location-target.js'
import { parseDuration } from './duration.js'
import { InputError, ProtocolError } from './errors.js'
import {
  DEFAULT_API_VERSION,
  DEFAULT_AUTHORITY_HOST,
  DEFAULT_BASE_URL,
  MIN_POLL_INTERVAL_MS,
  type ApiKind,
  type AuthSettings,
  type GoLiveSettings,
  type OnCancel,
  type OnTimeout
} from './settings.js'
import { isAllowedScheme, resolveLocation } from './url.js'
import { debug, getInput, setSecret, warning } from './runner.js'

/** Publisher and offer IDs: letters, digits, `-`, `_`, `.`; never `/ ? # ..` since they go in paths. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/
export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
const API_VERSION_PATTERN = /^\d{4}-\d{2}-\d{2}(-[A-Za-z0-9]+)?$/

/** Reads an input by its contract name; absent inputs are empty strings. */
export type InputReader = (name: string) => string

const readInput: InputReader = getInput

export function getSettings(read: InputReader = readInput): GoLiveSettings {
  // Mask first: nothing below may log these, and no message may leak them either.
  for (const name of ['token', 'client-secret', 'github-token']) {
    const secret = read(name).trim()
    if (secret) setSecret(secret)
  }
  const api = oneOf(read, 'api', ['cpp', 'product-ingestion'], 'cpp') as ApiKind
  // follow: with no ID, every target recorded on GitHub is followed; an ID given narrows it down.
  const follow = readBoolean(read, 'follow', false)

  const publisherId = read('publisher-id').trim()
  const offerId = read('offer-id').trim()
  let productId = read('product-id').trim()
  if (api === 'cpp' && follow && !publisherId && !offerId) {
    if (productId) warning("Input 'product-id' is ignored: it belongs to api: product-ingestion")
    productId = ''
  } else if (api === 'cpp') {
    requireId('publisher-id', publisherId, "a publisher ID such as 'contoso'")
    requireId('offer-id', offerId, "an offer ID such as 'contoso-offer'")
    if (productId) warning("Input 'product-id' is ignored: it belongs to api: product-ingestion")
    productId = ''
  } else if (!(follow && !productId)) {
    if (!productId) {
      throw new InputError('product-id', "is required with api: product-ingestion (the product's durable ID, a GUID)")
    }
    productId = productId.replace(/^product\//i, '')
    if (!GUID_PATTERN.test(productId)) {
      throw new InputError(
        'product-id',
        `must be a GUID, optionally prefixed with 'product/'; got '${read('product-id').trim()}'`
      )
    }
    for (const name of ['publisher-id', 'offer-id']) {
      if (read(name).trim()) warning(`Input '${name}' is ignored: it belongs to api: cpp`)
    }
  }

  const baseUrl = readBaseUrl(read, api)
  const apiVersion = read('api-version').trim() || DEFAULT_API_VERSION[api]
  if (!API_VERSION_PATTERN.test(apiVersion)) {
    throw new InputError('api-version', `must look like ${DEFAULT_API_VERSION[api]}; got '${apiVersion}'`)
  }

  const auth = readAuth(read)

  const timeoutMs = readDuration(read, 'timeout', '60m')
  const pollIntervalMs = readDuration(read, 'poll-interval', '60s')
  if (pollIntervalMs < MIN_POLL_INTERVAL_MS) {
    throw new InputError('poll-interval', `must be at least 1s; got '${read('poll-interval').trim()}'`)
  }

  const operationLocation = read('operation-location').trim()
  if (follow && operationLocation) {
    throw new InputError(
      'operation-location',
      'cannot be combined with follow: true, which finds its operations on GitHub'
    )
  }
  if (operationLocation) {
    try {
      resolveLocation(baseUrl, operationLocation)
    } catch (err) {
      if (err instanceof ProtocolError) throw new InputError('operation-location', `is not usable: ${err.message}`)
      throw new InputError('operation-location', `is not a relative path or a URL: '${operationLocation}'`)
    }
    checkLocationTarget({ api, baseUrl, publisherId, offerId, productId }, operationLocation)
  }

  const settings: GoLiveSettings = {
    api,
    publisherId,
    offerId,
    productId,
    auth,
    baseUrl,
    apiVersion,
    wait: readBoolean(read, 'wait', true),
    timeoutMs,
    pollIntervalMs,
    onTimeout: oneOf(read, 'on-timeout', ['fail', 'warn', 'cancel'], 'fail') as OnTimeout,
    onCancel: oneOf(read, 'on-cancel', ['leave', 'cancel'], 'leave') as OnCancel,
    operationLocation,
    dryRun: readBoolean(read, 'dry-run', false),
    ...readGitHubSettings(read, follow)
  }
  if (settings.follow && settings.dryRun) {
    throw new InputError('dry-run', 'cannot be combined with follow: true; a follow run starts nothing anyway')
  }
  debug(
    `settings: api=${api} target=${api === 'cpp' ? `${publisherId}/${offerId}` : productId} auth=${auth.kind} ` +
      `base-url=${baseUrl} api-version=${apiVersion} wait=${settings.wait} timeout=${timeoutMs}ms ` +
      `poll-interval=${pollIntervalMs}ms on-timeout=${settings.onTimeout} on-cancel=${settings.onCancel} ` +
      `dry-run=${settings.dryRun} follow=${settings.follow} github-deployment=${settings.githubDeployment}${operationLocation ? ` operation-location=${operationLocation}` : ''}`
  )
  return settings
}

/** `github-deployment`, `deployment-environment`, `github-token` and `follow`. */
function readGitHubSettings(
  read: InputReader,
  follow: boolean
): Pick<GoLiveSettings, 'githubDeployment' | 'deploymentEnvironment' | 'githubToken' | 'follow'> {
  const githubDeployment = readBoolean(read, 'github-deployment', false)
  const deploymentEnvironment = read('deployment-environment').trim()
  // eslint-disable-next-line no-control-regex
  if (deploymentEnvironment.length > 255 || /[\u0000-\u001f\u007f]/.test(deploymentEnvironment)) {
    throw new InputError(
      'deployment-environment',
      `must be a GitHub environment name of at most 255 characters, on one line; got '${deploymentEnvironment}'`
    )
  }
  const githubToken = read('github-token').trim()
  if ((githubDeployment || follow) && !githubToken) {
    throw new InputError(
      'github-token',
      `is required with ${follow ? 'follow' : 'github-deployment'}: true (its default is \${{ github.token }})`
    )
  }
  return { githubDeployment, deploymentEnvironment, githubToken, follow }
}

/** A location of another offer or product would follow (and report live) the wrong target. */
function checkLocationTarget(target: Parameters<typeof locationTargetMismatch>[0], location: string): void {
  let mismatch: string | undefined
  try {
    mismatch = locationTargetMismatch(target, location)
  } catch (err) {
    if (err instanceof ProtocolError) throw new InputError('operation-location', `is not usable: ${err.message}`)
    throw err
  }
  if (mismatch) throw new InputError('operation-location', mismatch)
}

function requireId(name: string, value: string, example: string): void {
  if (!value) throw new InputError(name, `is required with api: cpp (${example})`)
  if (!ID_PATTERN.test(value) || value.includes('..')) {
    throw new InputError(
      name,
      `must be letters, digits, '-', '_' or '.' (no '/', '?', '#' or '..'), at most 100 characters; got '${value}'`
    )
  }
}

function oneOf(read: InputReader, name: string, allowed: string[], fallback: string): string {
  const value = read(name).trim()
  if (!value) return fallback
  if (!allowed.includes(value)) {
    throw new InputError(name, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got '${value}'`)
  }
  return value
}

function readBoolean(read: InputReader, name: string, fallback: boolean): boolean {
  const value = read(name).trim()
  if (!value) return fallback
  // The YAML 1.2 core schema spellings, as core.getBooleanInput accepts.
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new InputError(name, `must be 'true' or 'false'; got '${value}'`)
}

function readDuration(read: InputReader, name: string, fallback: string): number {
  const value = read(name).trim() || fallback
  const ms = parseDuration(value)
  if (ms === undefined || ms <= 0) {
    throw new InputError(
      name,
      `must be a positive duration such as '90s', '45m', '6h', '2d' or a bare number of minutes; got '${value}'`
    )
  }
  return ms
}

function readUrl(name: string, value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(name, `must be an absolute URL such as 'https://example.com'; got '${value}'`)
  }
  if (!isAllowedScheme(url)) {
    throw new InputError(name, `must use https (http only for localhost/127.0.0.1); got '${value}'`)
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new InputError(name, `must not carry credentials, a query or a fragment; got '${url.origin}${url.pathname}…'`)
  }
  return url.href.replace(/\/+$/, '')
}

function readBaseUrl(read: InputReader, api: ApiKind): string {
  const value = read('base-url').trim()
  return value ? readUrl('base-url', value) : DEFAULT_BASE_URL[api]
}

function readAuth(read: InputReader): AuthSettings {
  const token = read('token').trim()
  const tenantId = read('tenant-id').trim()
  const clientId = read('client-id').trim()
  const clientSecret = read('client-secret').trim()

  const given = [
    ['token', token],
    ['tenant-id', tenantId],
    ['client-id', clientId],
    ['client-secret', clientSecret]
  ]
    .filter(([, v]) => v)
    .map(([n]) => `'${n}'`)
  const forms =
    "give exactly one of: 'token'; 'tenant-id' + 'client-id' + 'client-secret'; 'tenant-id' + 'client-id' (GitHub OIDC)"

  if (token) {
    if (tenantId || clientId || clientSecret) {
      throw new InputError(
        'token',
        `cannot be combined with ${given.filter((g) => g !== "'token'").join(', ')}: ${forms}`
      )
    }
    if (/\s/.test(token)) throw new InputError('token', "must be the bare token, without 'Bearer ' or spaces")
    return { kind: 'token', token }
  }
  if (!tenantId && !clientId) {
    if (clientSecret) throw new InputError('client-secret', `needs 'tenant-id' and 'client-id': ${forms}`)
    throw new InputError('token', `is missing and no other credentials were given: ${forms}`)
  }
  if (!tenantId) throw new InputError('tenant-id', `is required with 'client-id': ${forms}`)
  if (!clientId) throw new InputError('client-id', `is required with 'tenant-id': ${forms}`)
  if (!GUID_PATTERN.test(tenantId) && !DOMAIN_PATTERN.test(tenantId)) {
    throw new InputError('tenant-id', `must be a GUID or a domain such as contoso.onmicrosoft.com; got '${tenantId}'`)
  }
  if (!GUID_PATTERN.test(clientId)) {
    throw new InputError(
      'client-id',
      `must be the app registration's Application (client) ID, a GUID; got '${clientId}'`
    )
  }
  const authorityHost = readUrl('authority-host', read('authority-host').trim() || DEFAULT_AUTHORITY_HOST)
  if (clientSecret) return { kind: 'client-secret', tenantId, clientId, clientSecret, authorityHost }
  return { kind: 'oidc', tenantId, clientId, authorityHost }
}

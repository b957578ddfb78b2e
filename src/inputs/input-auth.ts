/**
 * The authentication inputs (exactly one of three forms) and the GitHub inputs (deployment,
 * environment, token, follow), read into their parts of GoLiveSettings. Errors are recorded on the
 * InputCheck, never thrown, so they are reported with every other bad input.
 */
import { InputError } from '../model/errors.js'
import { GUID_PATTERN } from '../model/target.js'
import { readUrl, type InputCheck } from './input-values.js'
import { DEFAULT_AUTHORITY_HOST, type AuthSettings, type GoLiveSettings } from '../model/settings.js'

const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i

const FORMS =
  "give exactly one of: 'token'; 'tenant-id' + 'client-id' + 'client-secret'; 'tenant-id' + 'client-id' (GitHub OIDC)"

/** The one authentication form given; undefined when the inputs do not make one (errors recorded). */
export function readAuth(check: InputCheck): AuthSettings | undefined {
  const token = check.value('token')
  const tenantId = check.value('tenant-id')
  const clientId = check.value('client-id')
  const clientSecret = check.value('client-secret')

  if (token) {
    const others = ['tenant-id', 'client-id', 'client-secret'].filter((name) => check.value(name))
    if (others.length > 0) {
      check.fail(new InputError('token', `cannot be combined with ${others.map((n) => `'${n}'`).join(', ')}: ${FORMS}`))
      if (tenantId && clientId) {
        check.hint(
          `remove 'token': with 'tenant-id' and 'client-id'${clientSecret ? " and 'client-secret'" : ' (GitHub OIDC)'} ` +
            'the action gets and renews its tokens itself'
        )
      }
      return undefined
    }
    if (/^bearer\s/i.test(token)) {
      check.fail(
        new InputError('token', "must be the bare token, without 'Bearer ' or spaces: the action adds 'Bearer ' itself")
      )
      return undefined
    }
    if (/\s/.test(token)) {
      check.fail(new InputError('token', "must be the bare token, without 'Bearer ' or spaces"))
      return undefined
    }
    return { kind: 'token', token }
  }
  if (!tenantId && !clientId) {
    check.fail(
      clientSecret
        ? new InputError(
            'client-secret',
            "needs 'tenant-id' and 'client-id' (the app registration's Directory (tenant) ID and " +
              `Application (client) ID): ${FORMS}`
          )
        : new InputError('token', `is missing and no other credentials were given: ${FORMS}`)
    )
    return undefined
  }
  if (!tenantId) {
    check.fail(new InputError('tenant-id', `is required with 'client-id': ${FORMS}`))
  } else if (!GUID_PATTERN.test(tenantId) && !DOMAIN_PATTERN.test(tenantId)) {
    check.fail(
      new InputError('tenant-id', `must be a GUID or a domain such as contoso.onmicrosoft.com; got '${tenantId}'`)
    )
  }
  if (!clientId) {
    check.fail(new InputError('client-id', `is required with 'tenant-id': ${FORMS}`))
  } else if (!GUID_PATTERN.test(clientId)) {
    check.fail(
      new InputError('client-id', `must be the app registration's Application (client) ID, a GUID; got '${clientId}'`)
    )
  }
  const authorityHost = check.attempt(undefined, () =>
    readUrl('authority-host', check.value('authority-host') || DEFAULT_AUTHORITY_HOST)
  )
  if (check.failed('tenant-id', 'client-id') || authorityHost === undefined) return undefined
  if (clientSecret) return { kind: 'client-secret', tenantId, clientId, clientSecret, authorityHost }
  return { kind: 'oidc', tenantId, clientId, authorityHost }
}

/** `github-deployment`, `deployment-environment`, `github-token` and `follow`. */
export function readGitHubSettings(
  check: InputCheck,
  follow: boolean
): Pick<GoLiveSettings, 'githubDeployment' | 'deploymentEnvironment' | 'githubToken' | 'follow'> {
  const githubDeployment = check.boolean('github-deployment', false)
  const deploymentEnvironment = check.value('deployment-environment')
  // eslint-disable-next-line no-control-regex
  if (deploymentEnvironment.length > 255 || /[\u0000-\u001f\u007f]/.test(deploymentEnvironment)) {
    check.fail(
      new InputError(
        'deployment-environment',
        `must be a GitHub environment name of at most 255 characters, on one line; got '${deploymentEnvironment}'`
      )
    )
  }
  const githubToken = check.value('github-token')
  if ((githubDeployment || follow) && !githubToken) {
    check.fail(
      new InputError(
        'github-token',
        `is required with ${follow ? 'follow' : 'github-deployment'}: true (its default is \${{ github.token }})`
      )
    )
  }
  return { githubDeployment, deploymentEnvironment, githubToken, follow }
}

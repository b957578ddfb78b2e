/**
 * Inputs that are each well formed but do not fit together or with where the job runs: a `with:`
 * key that is no input (an error, naming the input it resembles), an endpoint or API version of
 * another API (an error, naming the fix), and a `timeout` that a GitHub-hosted runner will never
 * let the action reach (a warning at start, saying what to do instead).
 */
import { InputError } from '../model/errors.js'
import { closestInput, DECLARED_INPUTS } from './declared.js'
import type { InputCheck } from './input-values.js'
import { DEFAULT_API_VERSION, DEFAULT_BASE_URL, type ApiKind, type GoLiveSettings } from '../model/settings.js'
import { warning } from '../runner/port.js'

const API_LABEL: Record<ApiKind, string> = {
  cpp: 'Cloud Partner Portal (cpp)',
  'product-ingestion': 'Product Ingestion',
  'ingestion-v1': 'Partner Center ingestion v1.0 (ingestion-v1)'
}

/** GitHub stops any job on a GitHub-hosted runner after 6 hours of execution. */
const HOSTED_RUNNER_JOB_LIMIT_MS = 6 * 3_600_000

/** A `with:` key that is no input of the action, with the input it most resembles. */
export function unknownInputError(name: string): InputError {
  const closest = closestInput(name)
  return new InputError(
    name,
    closest
      ? `is not an input of this action: did you mean '${closest}'?`
      : `is not an input of this action; its inputs are ${DECLARED_INPUTS.map((n) => `'${n}'`).join(', ')}`
  )
}

/** `base-url` or `api-version` set to another API's own value: every request would be refused. */
export function checkOtherApiInputs(
  check: InputCheck,
  api: ApiKind,
  baseUrl: string | undefined,
  apiVersion: string
): void {
  const others = (Object.keys(API_LABEL) as ApiKind[]).filter((other) => other !== api)
  const fix = (other: ApiKind) => `set 'api: ${other}' if that API is meant, or`
  const baseOf = others.find((other) => baseUrl === DEFAULT_BASE_URL[other])
  if (check.value('base-url') && baseOf) {
    check.fail(
      new InputError(
        'base-url',
        `is the ${API_LABEL[baseOf]} API's endpoint, but 'api' is '${api}': ${fix(baseOf)} leave 'base-url' empty ` +
          `for ${DEFAULT_BASE_URL[api]}`
      )
    )
  }
  const versionOf = others.find((other) => DEFAULT_API_VERSION[other] && apiVersion === DEFAULT_API_VERSION[other])
  if (check.value('api-version') && versionOf) {
    check.fail(
      new InputError(
        'api-version',
        `is the ${API_LABEL[versionOf]} API's version, but 'api' is '${api}': ${fix(versionOf)} leave 'api-version' empty ` +
          `for ${DEFAULT_API_VERSION[api]}`
      )
    )
  }
}

/**
 * On a GitHub-hosted runner a wait beyond 6 hours never reaches its own timeout: GitHub stops the
 * job first and every result of the run is lost. Said once at start, with the two ways out.
 */
export function warnAboutHostedRunnerLimit(
  settings: Pick<GoLiveSettings, 'timeoutMs' | 'wait' | 'dryRun' | 'follow'>,
  timeoutText: string,
  env: NodeJS.ProcessEnv
): void {
  if (env.RUNNER_ENVIRONMENT !== 'github-hosted') return
  if (!settings.wait || settings.dryRun || settings.follow) return
  // The job's own set-up counts towards the 6 hours too, so a 6h timeout is already cut short.
  if (settings.timeoutMs < HOSTED_RUNNER_JOB_LIMIT_MS) return
  warning(
    `Input 'timeout' is ${/^\d+(\.\d+)?$/.test(timeoutText) ? `${timeoutText} minutes` : timeoutText}, not under the 6-hour limit of jobs on GitHub-hosted runners: GitHub will stop ` +
      'this job at 6 hours, before the timeout, and the result (outputs, job summary, step status) is lost; the ' +
      "go-live itself goes on at Microsoft. Either set a 'timeout' under 6h (for example 5h) with " +
      "'on-timeout: warn' and 'github-deployment: true', and let a scheduled workflow with 'follow: true' report " +
      'how it ends; or run this job on a self-hosted runner.'
  )
}

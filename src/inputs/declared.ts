/**
 * The inputs action.yml declares, in one list (a test holds it to action.yml), and the `INPUT_*`
 * variables the runner set that none of them gives: a `with:` key the action does not know, which
 * would otherwise be ignored in silence (`github_deployment: true` recording nothing).
 */

/** Every input of action.yml, in its order. */
export const DECLARED_INPUTS = [
  'api',
  'publisher-id',
  'offer-id',
  'product-id',
  'submission-id',
  'seller-id',
  'token',
  'tenant-id',
  'client-id',
  'client-secret',
  'authority-host',
  'base-url',
  'api-version',
  'wait',
  'when-ready',
  'timeout',
  'poll-interval',
  'on-timeout',
  'on-cancel',
  'operation-location',
  'dry-run',
  'github-deployment',
  'deployment-environment',
  'github-token',
  'follow'
] as const

/** The variable the runner passes an input in: `INPUT_` and the name upper-cased, spaces as `_`, dashes kept. */
function variableOf(input: string): string {
  return `INPUT_${input.replace(/ /g, '_').toUpperCase()}`
}

/**
 * The `INPUT_*` variables no declared input gives, as the `with:` keys they came from (lower case,
 * as the runner upper-cased them), sorted.
 */
export function unknownInputs(env: NodeJS.ProcessEnv): string[] {
  const declared = new Set(DECLARED_INPUTS.map(variableOf))
  return Object.keys(env)
    .filter((name) => /^INPUT_/i.test(name) && !declared.has(name.toUpperCase()))
    .map((name) => name.slice('INPUT_'.length).toLowerCase())
    .sort()
}

/** Case, `_`, `-` and spaces alike: `GitHub_Deployment` is `github-deployment`. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '-')
}

/** Edits (insert, delete, replace) from `a` to `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]
}

/**
 * The declared input `name` most resembles: the same once case, `_` and `-` are set aside, else
 * the nearest by a few edits (about one in three characters), or one it begins or ends (`product`
 * for `product-id`). Undefined when none is close.
 */
export function closestInput(name: string): string | undefined {
  const wanted = normalise(name)
  let best: { input: string; distance: number } | undefined
  for (const input of DECLARED_INPUTS) {
    const distance = editDistance(wanted, input)
    if (!best || distance < best.distance) best = { input, distance }
  }
  if (best && best.distance <= Math.max(2, Math.floor(wanted.length / 3))) return best.input
  if (wanted.length < 4) return undefined
  return DECLARED_INPUTS.find((input) => input.startsWith(wanted) || input.endsWith(wanted))
}

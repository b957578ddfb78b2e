/**
 * Reading single inputs (choices, booleans, durations, URLs) and collecting what is wrong with them,
 * so that a run with several mistakes names them all at once instead of one per attempt.
 */
import { parseDuration } from '../base/duration.js'
import { InputError } from '../model/errors.js'
import { isAllowedScheme } from '../model/url.js'

/** Reads an input by its contract name; absent inputs are empty strings. */
export type InputReader = (name: string) => string

/**
 * Every bad input of one run, one line each, followed by the likely fix when a combination of
 * inputs says what was meant. It is an InputError (the first input named), so every caller that
 * reports an input error reports this one unchanged.
 */
export class InputErrors extends InputError {
  constructor(
    readonly errors: InputError[],
    readonly hints: string[] = []
  ) {
    super(errors[0].input, '')
    const fixes = hints.map((hint) => `Likely fix: ${hint}`)
    this.message =
      errors.length === 1
        ? [errors[0].message, ...fixes].join('\n')
        : [
            `${errors.length} inputs are not valid; nothing was started:`,
            ...errors.map((e) => `- ${e.message}`),
            ...fixes
          ].join('\n')
    this.name = 'InputErrors'
  }
}

/**
 * Reads inputs and records what is wrong with them. Each check runs on its own: a bad input is
 * recorded and replaced by a fallback, so the checks after it still run and still report.
 */
export class InputCheck {
  private readonly errors: InputError[] = []
  private readonly hints: string[] = []

  constructor(private readonly read: InputReader) {}

  /** The input's value, trimmed; '' when absent. */
  value(name: string): string {
    return this.read(name).trim()
  }

  /** Runs one check; the InputError it throws is recorded and `fallback` stands in for the value. */
  attempt<T>(fallback: T, check: () => T): T {
    try {
      return check()
    } catch (err) {
      if (!(err instanceof InputError)) throw err
      this.fail(err)
      return fallback
    }
  }

  fail(error: InputError): void {
    if (error instanceof InputErrors) this.errors.push(...error.errors)
    else this.errors.push(error)
  }

  /** A likely fix the combination of inputs suggests, shown after the list of errors. */
  hint(text: string): void {
    if (!this.hints.includes(text)) this.hints.push(text)
  }

  /** True when any of these inputs already has an error (checks that build on them are skipped). */
  failed(...names: string[]): boolean {
    return this.errors.some((e) => names.includes(e.input))
  }

  /** Throws every recorded error at once: the error itself when there is just one and no hint. */
  throwIfAny(): void {
    if (this.errors.length === 0) return
    if (this.errors.length === 1 && this.hints.length === 0) throw this.errors[0]
    throw new InputErrors(this.errors, this.hints)
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    return this.attempt(fallback, () => {
      const value = this.value(name)
      if (!value) return fallback
      if (!(allowed as readonly string[]).includes(value)) {
        throw new InputError(name, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}; got '${value}'`)
      }
      return value as T
    })
  }

  boolean(name: string, fallback: boolean): boolean {
    return this.attempt(fallback, () => {
      const value = this.value(name)
      if (!value) return fallback
      // The YAML 1.2 core schema spellings, as core.getBooleanInput accepts.
      if (['true', 'True', 'TRUE'].includes(value)) return true
      if (['false', 'False', 'FALSE'].includes(value)) return false
      throw new InputError(name, `must be 'true' or 'false'; got '${value}'`)
    })
  }

  /** A duration in ms; undefined when the input is bad (recorded). */
  duration(name: string, fallback: string): number | undefined {
    return this.attempt(undefined, () => {
      const value = this.value(name) || fallback
      const ms = parseDuration(value)
      if (ms === undefined || ms <= 0) {
        throw new InputError(
          name,
          `must be a positive duration such as '90s', '45m', '6h', '2d' or a bare number of minutes; got '${value}'`
        )
      }
      return ms
    })
  }
}

/** An absolute https URL (http only on loopback), without a trailing slash. */
export function readUrl(name: string, value: string): string {
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

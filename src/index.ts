/** The action's entry point: the runner runs dist/index.js, built from this file. */
import { run } from './main.js'
import { setFailed } from './runner/port.js'

// run() reports every failure itself; this only catches one in the reporting (e.g. an unwritable
// GITHUB_OUTPUT), so that it still fails the step with a message instead of an unhandled rejection.
run().catch((error: unknown) => setFailed(`Could not report the result: ${(error as Error).message}`))

// Prints one plain closing line ("jest: N passed, N failed, N skipped") that CI tooling reads,
// after jest's own summary.
export default class SummaryReporter {
  /**
   * @param {unknown} _contexts
   * @param {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numTodoTests: number }} results
   */
  onRunComplete(_contexts, results) {
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests + results.numTodoTests} skipped`
    process.stdout.write(`\n${line}\n`)
  }
}

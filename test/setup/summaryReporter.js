// Ends every jest run with one plain line, `tests: N passed, N failed, N skipped`, that tools
// reading a run's last lines (CI among them) understand whatever the test runner.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } =
      results;
    process.stderr.write(
      `\ntests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;

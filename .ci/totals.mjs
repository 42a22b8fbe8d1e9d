// Sums the JSON reports of every suite (vitest runs, Playwright, Lighthouse) into "N passed, N failed".
import { existsSync, readdirSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
const dir = ".reports";
for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : []) {
  const report = JSON.parse(readFileSync(`${dir}/${file}`, "utf8"));
  if (report.stats && "expected" in report.stats) {
    // Playwright: expected = passed, unexpected = failed, flaky = passed on retry (counted as failed).
    passed += report.stats.expected;
    failed += report.stats.unexpected + report.stats.flaky;
  } else if (report.suite === "lighthouse") {
    // bench/lighthouse.ts: one check per page audited.
    passed += report.checks.filter((check) => check.failed.length === 0).length;
    failed += report.checks.filter((check) => check.failed.length > 0).length;
  } else {
    // vitest: failed tests, plus each file that failed without a failed test (it did not load, or
    // an error escaped its tests), plus one for a run that failed otherwise (an unhandled error), so
    // a broken run is never counted as green.
    let reportFailed = report.numFailedTests ?? 0;
    for (const result of report.testResults ?? []) {
      const failedTests = (result.assertionResults ?? []).filter((t) => t.status === "failed").length;
      if (result.status === "failed" && failedTests === 0) reportFailed += 1;
    }
    if (report.success === false && reportFailed === 0) reportFailed = 1;
    passed += report.numPassedTests ?? 0;
    failed += reportFailed;
  }
}
// Steps of .ci/run that exited non-zero: each is a failure even when its report looked green.
failed += Number(process.env.CI_FAILED_STEPS ?? 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

// Sums the JSON reports of every suite (vitest runs, Playwright, Lighthouse) into "N passed, N failed".
import { existsSync, readdirSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
// The names of what failed, printed just above the closing line: CI keeps only the tail of the log.
const failures = [];
function playwrightFailures(suite, titles = []) {
  const path = suite.title ? [...titles, suite.title] : titles;
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status === "unexpected" || test.status === "flaky") {
        const error = test.results?.find((r) => r.error)?.error?.message ?? "";
        failures.push(`e2e (${test.status}): ${[...path, spec.title].join(" > ")}\n    ${firstLine(error)}`);
      }
    }
  }
  for (const child of suite.suites ?? []) playwrightFailures(child, path);
}
function firstLine(text) {
  return (
    String(text)
      .replace(/\u001b\[[0-9;]*m/g, "")
      .split("\n")
      .find((line) => line.trim()) ?? ""
  );
}
const dir = ".reports";
for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : []) {
  const report = JSON.parse(readFileSync(`${dir}/${file}`, "utf8"));
  if (report.stats && "expected" in report.stats) {
    // Playwright: expected = passed, unexpected = failed, flaky = passed on retry (counted as failed).
    passed += report.stats.expected;
    failed += report.stats.unexpected + report.stats.flaky;
    for (const suite of report.suites ?? []) playwrightFailures(suite);
  } else if (report.suite === "lighthouse") {
    // bench/lighthouse.ts: one check per page audited.
    passed += report.checks.filter((check) => check.failed.length === 0).length;
    failed += report.checks.filter((check) => check.failed.length > 0).length;
    for (const check of report.checks.filter((c) => c.failed.length > 0)) {
      failures.push(`lighthouse: ${JSON.stringify(check).slice(0, 300)}`);
    }
  } else {
    // vitest: failed tests, plus each file that failed without a failed test (it did not load, or
    // an error escaped its tests), plus one for a run that failed otherwise (an unhandled error), so
    // a broken run is never counted as green.
    let reportFailed = report.numFailedTests ?? 0;
    for (const result of report.testResults ?? []) {
      const failedTests = (result.assertionResults ?? []).filter((t) => t.status === "failed").length;
      if (result.status === "failed" && failedTests === 0) {
        reportFailed += 1;
        failures.push(`${file}: ${result.name} did not run: ${firstLine(result.message ?? "")}`);
      }
      for (const test of (result.assertionResults ?? []).filter((t) => t.status === "failed")) {
        failures.push(
          `${file}: ${result.name} > ${test.fullName}\n    ${firstLine(test.failureMessages?.[0] ?? "")}`,
        );
      }
    }
    if (report.success === false && reportFailed === 0) reportFailed = 1;
    passed += report.numPassedTests ?? 0;
    failed += reportFailed;
  }
}
// Steps of .ci/run that exited non-zero: each is a failure even when its report looked green.
failed += Number(process.env.CI_FAILED_STEPS ?? 0);
if (failures.length > 0) console.log(`--- what failed\n${failures.join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

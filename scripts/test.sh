#!/usr/bin/env bash
# `npm test`: every suite, on a bare machine too.
#   1. install missing Debian packages and npm packages (scripts/install-test-deps.sh)
#   2. tsc over the whole tree (counted as one test)
#   3. vitest: unit + integration (real sshd, SQLite and a PostgreSQL cluster it starts itself)
#   4. Playwright e2e in /usr/bin/chromium against a production build (`next build` + `next start`)
# Ends with one line "N passed, N failed" summing every suite; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh || exit 1

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# The e2e suite's production build, made while the type check and vitest run: both of
# those mostly wait (on sshd, databases, sleeps), so the machine's cores overlap them.
node scripts/start.mjs --build-only > "$results/build.log" 2>&1 &
build_pid=$!

echo "[test] type check"
npx tsc --noEmit -p .
typecheck_status=$?

npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
vitest_status=$?

echo "[test] waiting for the e2e build"
wait $build_pid || { cat "$results/build.log"; echo "[test] the build failed"; }

PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json
e2e_status=$?

node - "$results" "$typecheck_status" <<'JS'
const fs = require('fs')
const dir = process.argv[2]
const read = (f) => { try { return JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8')) } catch { return null } }
const v = read('vitest.json'), e = read('e2e.json')
let passed = 0, failed = 0
const typecheckOk = process.argv[3] === '0'
typecheckOk ? passed++ : failed++
console.log(`typecheck: ${typecheckOk ? 'passed' : 'failed'}`)
// A file that fails outside any test (e.g. in beforeAll) has no failed test: count it too.
const brokenFiles = v ? v.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length : 0
if (v) { passed += v.numPassedTests; failed += v.numFailedTests + brokenFiles } else failed += 1
if (e) { passed += e.stats.expected + e.stats.flaky; failed += e.stats.unexpected } else failed += 1
console.log(`vitest: ${v ? `${v.numPassedTests} passed, ${v.numFailedTests + brokenFiles} failed` : 'no results'}`)
console.log(`e2e: ${e ? `${e.stats.expected + e.stats.flaky} passed, ${e.stats.unexpected} failed` : 'no results'}`)
console.log(`${passed} passed, ${failed} failed`)
JS

[ $typecheck_status -eq 0 ] && [ $vitest_status -eq 0 ] && [ $e2e_status -eq 0 ]

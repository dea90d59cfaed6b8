// Runs the browser scenarios one after the other, each in a node process of its own, and stops at
// the first that fails. With E2E_FAILED_FILE set (the build sets it), a failure is written there
// and the run ends with status 0, so that the build still stops the application it started before
// it fails on that file; without it, a failure ends the run with status 1.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCENARIOS = ['people', 'incident', 'oncall', 'handover', 'review', 'change', 'release', 'operate'];

const here = dirname(fileURLToPath(import.meta.url));
const failedFile = process.env.E2E_FAILED_FILE;
if (failedFile) rmSync(failedFile, { force: true });
const only = process.argv.slice(2);
const chosen = only.length ? SCENARIOS.filter((s) => only.includes(s)) : SCENARIOS;
if (only.length && chosen.length !== only.length) {
  console.error(`unknown scenario among ${only.join(', ')}; the scenarios are ${SCENARIOS.join(', ')}`);
  process.exit(2);
}

const started = Date.now();
for (const scenario of chosen) {
  const t0 = Date.now();
  const result = spawnSync(process.execPath, [join(here, `${scenario}.mjs`)], { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    const why = `E2E FAILED: scenario ${scenario} (exit ${result.status ?? result.signal}) after ${seconds} s`;
    console.error(why);
    if (failedFile) {
      writeFileSync(failedFile, `${why}\n`);
      process.exit(0);
    }
    process.exit(1);
  }
  console.log(`scenario ${scenario} passed in ${seconds} s`);
}
console.log(`all ${chosen.length} browser scenarios passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

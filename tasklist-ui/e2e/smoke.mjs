// Browser smoke test of the tasklist UI, driven by playwright-core and the system Chromium
// (no browser is downloaded). It opens the app, waits for the shell and for the
// system-status panel to report the `db` component UP, and saves a screenshot.
//
//   BASE_URL       where the app is served (default http://localhost:8080/)
//   CHROMIUM_PATH  browser executable (default /usr/bin/chromium)
//   E2E_TIMEOUT_MS timeout of each step (default 30000)
//
// Exits 0 on success, 1 with a message on any failure.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 30_000;
const baseUrl = process.env.BASE_URL || 'http://localhost:8080/';
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(moduleDir, 'target', 'e2e');
const screenshot = path.join(outDir, 'home.png');

const pageErrors = [];
let browser;

// Last resort: never hang a build.
const watchdog = setTimeout(() => fail(new Error(`smoke test did not finish within ${3 * TIMEOUT_MS} ms`)), 3 * TIMEOUT_MS);
watchdog.unref();

async function fail(error) {
  console.error(`E2E FAILED: ${error?.message ?? error}`);
  for (const line of pageErrors) console.error(`  page: ${line}`);
  try {
    await browser?.close();
  } catch {
    // ignore: exiting anyway
  }
  process.exit(1);
}

try {
  await mkdir(outDir, { recursive: true });
  // Playwright adds --headless itself (headless: true) and starts the browser on a fresh
  // temporary profile that it deletes on close; it refuses a --user-data-dir argument.
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: TIMEOUT_MS,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => pageErrors.push(`uncaught ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console.error ${message.text()}`);
  });

  const response = await page.goto(baseUrl, { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
  if (!response || !response.ok()) {
    throw new Error(`GET ${baseUrl} answered HTTP ${response?.status() ?? 'nothing'}`);
  }

  await page.getByText('Suoke Ops', { exact: true }).first().waitFor({ state: 'visible' });
  const panel = page.getByTestId('system-status');
  await panel.waitFor({ state: 'visible' });
  const db = panel.locator('[data-component="db"]');
  try {
    await db.locator('[data-testid="status-tag"]', { hasText: 'UP' }).waitFor({ state: 'visible' });
  } catch (error) {
    const shown = (await panel.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
    throw new Error(`system status never showed db UP (panel shows: "${shown}"; screenshot ${screenshot}): ${error.message}`);
  }

  await page.screenshot({ path: screenshot, fullPage: true });
  const components = await panel.locator('[data-component]').evaluateAll((rows) =>
    rows.map((row) => `${row.getAttribute('data-component')}=${row.getAttribute('data-status')}`),
  );
  await browser.close();
  console.log(`E2E PASSED: ${baseUrl} shows Suoke Ops, status ${components.join(' ')}; screenshot ${screenshot}`);
  process.exit(0);
} catch (error) {
  await fail(error);
}

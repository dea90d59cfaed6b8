// Shared by the browser acceptance tests (people.mjs, incident.mjs): configuration from the
// environment, the API as a client, the browser, pages, screenshots, sign-in and sign-out.
//
//   BASE_URL               where the application is served (default http://localhost:8080/)
//   E2E_ADMIN_PASSWORD     the administrator's password (--suoke.security.admin-password)
//   CHROMIUM_PATH          browser executable (default /usr/bin/chromium)
//   E2E_TIMEOUT_MS         timeout of each step (default 30000)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 30_000;
export const baseUrl = (process.env.BASE_URL || 'http://localhost:8080/').replace(/\/?$/, '/');
export const adminPassword = process.env.E2E_ADMIN_PASSWORD;
export const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = path.join(moduleDir, 'target', 'e2e');

export const DEVICES = {
  desktop: { viewport: { width: 1366, height: 800 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};
export const TEXT = {
  zh: { signOut: '退出登录' },
  en: { signOut: 'Sign out' },
};

export const pageErrors = [];
export const screenshots = [];
/** The application calls of the open pages, newest last, printed when a scenario fails. */
const apiCalls = [];
const openPages = new Set();
let browser;

/** Starts Chromium; a scenario fails if it does not end within 20 steps' time. */
export async function launch(name) {
  const watchdog = setTimeout(() => fail(new Error(`${name} test did not finish within ${20 * TIMEOUT_MS} ms`)), 20 * TIMEOUT_MS);
  watchdog.unref();
  browser = await chromium.launch({
    executablePath,
    headless: true,
    timeout: TIMEOUT_MS,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return browser;
}

/** Ends the scenario: no page may have reported an error. */
export async function pass(message) {
  check(pageErrors.length === 0, `the pages reported errors:\n  ${pageErrors.join('\n  ')}`);
  await browser?.close();
  console.log(`E2E PASSED: ${message}; ${screenshots.length} screenshots in ${outDir}`);
  process.exit(0);
}

export async function fail(error) {
  console.error(`E2E FAILED: ${error?.stack ?? error}`);
  for (const line of pageErrors) console.error(`  page: ${line}`);
  const now = Date.now();
  for (const c of apiCalls.slice(-12)) {
    console.error(`  call: [${c.label}] ${c.method} ${c.path} ${c.outcome ?? `pending for ${now - c.started} ms`}`);
  }
  let n = 0;
  for (const page of openPages) {
    const file = path.join(outDir, `failed-${++n}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true, timeout: 5000 });
      console.error(`  screenshot of an open page: ${file}`);
    } catch {
      // the page may be gone
    }
  }
  try {
    await browser?.close();
  } catch {
    // exiting anyway
  }
  process.exit(1);
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export function step(message) {
  console.log(`- ${message}`);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `probe` until it returns a truthy value (or throws the last failure). */
export async function eventually(what, probe, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
    await sleep(500);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${last.message})` : ''}`);
}

// ---- API as a client (HTTP Basic, no CSRF needed) ------------------------------------------

export function basic(username, password) {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

export async function call(method, url, { auth, json, headers = {} } = {}) {
  const response = await fetch(new URL(url, baseUrl), {
    method,
    headers: {
      Accept: 'application/json',
      ...(auth ? { Authorization: auth } : {}),
      ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: json !== undefined ? JSON.stringify(json) : undefined,
  });
  const text = await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

/** Whether a create answered "created" or "there already" (409, or a 400 saying the name is taken). */
export function createdOrThere(response) {
  if ([200, 201, 409].includes(response.status)) return true;
  return response.status === 400 && (response.body?.errors ?? []).some((error) => error.field === 'name' && /taken|exists/i.test(error.reason));
}

/** Creates the group unless it exists (as the admin, HTTP Basic). */
export async function ensureGroup(admin, group) {
  const created = await call('POST', 'api/admin/groups', { auth: admin, json: group });
  check(createdOrThere(created), `creating group ${group.name}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
}

/** Creates the user, or brings an existing one back to these groups and this password. */
export async function ensureUser(admin, user, password) {
  const payload = { ...user, password, managedGroups: [], enabled: true, email: `${user.username}@example.org` };
  const created = await call('POST', 'api/admin/users', { auth: admin, json: payload });
  if (created.status === 201 || created.status === 200) return;
  check(created.status === 409 || created.status === 400, `creating ${user.username}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const updated = await call('PUT', `api/admin/users/${user.username}`, { auth: admin, json: payload });
  check(updated.status === 200, `updating ${user.username}: HTTP ${updated.status} ${JSON.stringify(updated.body)}`);
}

export async function newPage(language, device) {
  const context = await browser.newContext({ ...DEVICES[device], acceptDownloads: true, locale: language === 'zh' ? 'zh-CN' : 'en-US' });
  await context.addInitScript((lang) => window.localStorage.setItem('suoke.language', lang), language);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => pageErrors.push(`[${language}/${device}] uncaught ${error.message}`));
  openPages.add(page);
  page.on('close', () => openPages.delete(page));
  const calls = new WeakMap();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.includes('/api/')) return;
    const call = { label: `${language}/${device}`, method: request.method(), path: url.pathname + url.search, started: Date.now() };
    calls.set(request, call);
    apiCalls.push(call);
    if (apiCalls.length > 200) apiCalls.shift();
  });
  page.on('response', (response) => {
    const call = calls.get(response.request());
    if (call) call.outcome = `HTTP ${response.status()} after ${Date.now() - call.started} ms`;
  });
  page.on('requestfailed', (request) => {
    const call = calls.get(request);
    if (call) call.outcome = `failed (${request.failure()?.errorText}) after ${Date.now() - call.started} ms`;
  });
  page.on('console', (message) => {
    // refused calls (401, 403, 400) are expected in this scenario; anything else is not
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      pageErrors.push(`[${language}/${device}] console.error ${message.text()}`);
    }
  });
  return page;
}

export async function shot(page, name) {
  const file = path.join(outDir, `${name}.png`);
  // let loading overlays fade out and transitions settle
  await page.locator('.ant-spin-blur').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {});
  await sleep(600);
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header belongs at the top
  await page.screenshot({ path: file, fullPage: true });
  screenshots.push(file);
}

export async function signIn(page, username, { password, expectWrong = false, screenshotName } = {}) {
  await page.goto(new URL('inbox', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
  await page.waitForURL(/\/signin\?next=%2Finbox/);
  await page.locator('#username').waitFor();
  if (screenshotName) await shot(page, screenshotName);
  if (expectWrong) {
    await page.locator('#username').fill(username);
    await page.locator('#password').fill('not-the-password');
    await page.locator('button[type=submit]').click();
    await page.getByTestId('signin-alert').waitFor();
    check(page.url().includes('/signin'), 'a wrong password must keep the sign-in page');
  }
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.waitForURL(/\/inbox/);
  await page.getByTestId('user-display-name').waitFor({ state: 'attached' });
}

export async function signOut(page, language) {
  // The dropdown opens with an animation; a click that lands while it moves may open nothing or
  // close it again. Try again (three times) until the sign-out request goes out.
  for (let attempt = 1; ; attempt++) {
    await page.getByTestId('user-menu').click();
    const item = page.locator('.ant-dropdown-menu-item-danger', { hasText: TEXT[language].signOut });
    await item.waitFor();
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/logout', { timeout: 10_000 });
    await item.click();
    try {
      const response = await answered;
      check(response.status() === 204, `sign-out answered ${response.status()}`);
      break;
    } catch (error) {
      if (attempt >= 3 || !String(error?.message).includes('Timeout')) throw error;
      await page.keyboard.press('Escape');
    }
  }
  await page.waitForURL(/\/signin/);
}


// Browser acceptance test of the people platform, driven by playwright-core and the system
// Chromium (no browser is downloaded), against the packaged application (the backend module's
// Maven integration-test phase starts it; see backend/pom.xml, execution start-for-e2e).
//
// Scenario (issue 9):
//   setup (API, HTTP Basic): the administrator creates tier1 (tier1-oncall), tier2user (tier2),
//     auditor1 (auditors) and designer1 (process-designers, operators); designer1 deploys the
//     test process `people-demo` and its form (e2e/fixtures/) through POST /api/models/deploy and
//     starts two instances through POST /api/process-instances.
//   tier2user signs in: does not see the task and gets 403 on claim and complete (fetch from the
//     page); the task is still unclaimed afterwards.
//   tier1 signs in (one wrong password first), sees the task in the inbox, claims it, submits
//     invalid data (the form shows the field errors; the server refuses the same kind of data
//     field by field and the task stays open), submits valid data, and the task is gone.
//   auditor1 finds the completion in the audit search, exports CSV (UTF-8 with BOM, contains the
//     task), verifies the chain, and signs out.
//   Screenshots of sign-in, inbox, task form with errors and audit, in Chinese and English, at
//   1366x800 and 390x844 (phone), go to target/e2e/*.png.
//
//   BASE_URL               where the application is served (default http://localhost:8080/)
//   E2E_ADMIN_PASSWORD     the administrator's password (--suoke.security.admin-password)
//   CHROMIUM_PATH          browser executable (default /usr/bin/chromium)
//   E2E_TIMEOUT_MS         timeout of each step (default 30000)
//
// Exits 0 on success, 1 with a message on any failure.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  adminPassword, baseUrl, moduleDir, outDir,
  basic, call, check, eventually, fail, launch, newPage, pass, shot, signIn as signInAs, signOut, step,
} from './lib.mjs';

const PASSWORD = 'People-e2e-2025!';
const signIn = (page, username, options = {}) => signInAs(page, username, { password: PASSWORD, ...options });
const USERS = [
  { username: 'tier1', displayName: '一线值班 Tier One', groups: ['tier1-oncall'] },
  { username: 'tier2user', displayName: '二线 Tier Two', groups: ['tier2'] },
  { username: 'auditor1', displayName: '审计员 Auditor', groups: ['auditors'] },
  { username: 'designer1', displayName: 'Designer', groups: ['process-designers', 'operators'] },
];
async function ensureUser(admin, user) {
  const payload = { ...user, password: PASSWORD, managedGroups: [], enabled: true, email: `${user.username}@example.org` };
  const created = await call('POST', 'api/admin/users', { auth: admin, json: payload });
  if (created.status === 201 || created.status === 200) return;
  check(created.status === 409 || created.status === 400, `creating ${user.username}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  // there from an earlier run: same fields and password again
  const updated = await call('PUT', `api/admin/users/${user.username}`, { auth: admin, json: payload });
  check(updated.status === 200, `updating ${user.username}: HTTP ${updated.status} ${JSON.stringify(updated.body)}`);
}

async function deployFixtures() {
  const form = new FormData();
  for (const file of ['people-demo.bpmn', 'people-demo-acknowledge.form']) {
    const content = await readFile(path.join(moduleDir, 'e2e', 'fixtures', file));
    form.append('resources', new Blob([content]), file);
  }
  const response = await fetch(new URL('api/models/deploy', baseUrl), {
    method: 'POST',
    headers: { Authorization: basic('designer1', PASSWORD), Accept: 'application/json' },
    body: form,
  });
  const body = await response.json().catch(() => undefined);
  check(response.status === 200, `deploying the test process: HTTP ${response.status} ${JSON.stringify(body)}`);
}

async function startInstance(businessKey) {
  const variables = { businessKey, alert: `CPU saturation on ${businessKey}` };
  const response = await call('POST', 'api/process-instances', {
    auth: basic('designer1', PASSWORD),
    json: { processDefinitionId: 'people-demo', variables },
  });
  check(response.status === 201, `starting people-demo: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  return String(response.body.processInstanceKey);
}

/** The task of an instance, as tier1 sees it through the API (the search index may lag). */
async function taskOf(businessKey) {
  return eventually(`task of ${businessKey} in tier1's inbox`, async () => {
    const response = await call('GET', `api/tasks?view=all&text=${encodeURIComponent(businessKey)}`, { auth: basic('tier1', PASSWORD) });
    check(response.status === 200, `GET /api/tasks as tier1: HTTP ${response.status}`);
    return response.body.items.find((item) => item.businessKey === businessKey);
  });
}

// ---- Browser ----------------------------------------------------------------------------------

async function searchInbox(page, text) {
  const search = page.getByTestId('task-search').locator('input');
  await search.fill(text);
  await search.press('Enter');
  await page.waitForURL(new RegExp(`text=${encodeURIComponent(text)}`));
  // the inbox keeps a live event stream open, so the network is never idle: wait for this search's result
  await page.locator(`[data-testid="inbox-state"][data-state="loaded"][data-text="${text}"]`).waitFor({ state: 'attached' });
}

async function fillSummary(page, value) {
  const summary = page.locator('[id$="-Field_summary"]');
  await summary.fill(value);
  await summary.blur();
}

/** Opens the task page from the inbox (table link or card) and waits for the form. */
async function openTask(page, key) {
  await page.getByTestId(`task-row-${key}`).locator('a').first().click();
  await page.waitForURL(new RegExp(`/tasks/${key}$`));
  await page.locator('[id$="-Field_summary"]').waitFor();
}

/** Submits data the form itself refuses, and waits for the field errors. */
async function submitInvalid(page) {
  await fillSummary(page, '');
  const impacted = page.locator('[id$="-Field_impactedUsers"]');
  await impacted.fill('-5');
  await impacted.blur();
  await page.getByTestId('complete').click();
  await page.locator('.fjs-form-field-error').first().waitFor();
  const errors = await page.locator('.fjs-form-field-error').count();
  check(errors >= 2, `expected errors on summary and impactedUsers, saw ${errors}`);
  check((await page.locator('.fjs-form-field-textfield.fjs-has-errors [id$="-Field_summary"]').count()) === 1, 'summary marked');
  check((await page.locator('.fjs-form-field-number.fjs-has-errors [id$="-Field_impactedUsers"]').count()) === 1, 'impactedUsers marked');
}

/** A call from the page, with the UI's headers, as a script in the browser could make it. */
async function pageFetch(page, method, url, body) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const cookie = document.cookie.split('; ').find((part) => part.startsWith('XSRF-TOKEN='));
      const headers = { 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
      if (cookie) headers['X-XSRF-TOKEN'] = decodeURIComponent(cookie.slice('XSRF-TOKEN='.length));
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      let parsed;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
      return { status: response.status, body: parsed };
    },
    { method, url, body },
  );
}

async function auditSearch(page, { taskKey, businessKey, action }) {
  if (taskKey) await page.getByTestId('audit-task-key').fill(taskKey);
  if (businessKey) await page.getByTestId('audit-business-key').fill(businessKey);
  if (action) await page.getByTestId('audit-action').fill(action);
  await eventually('audit rows of the task', async () => {
    const response = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/audit');
    await page.getByTestId('audit-search').click();
    check((await response).status() === 200, 'audit search answered');
    await page.getByTestId('audit-table').locator('.ant-spin-spinning').waitFor({ state: 'detached' }).catch(() => {});
    return (await page.locator('[data-testid^="audit-row-"]').count()) > 0;
  });
}

// ---- Scenario ---------------------------------------------------------------------------------

try {
  check(adminPassword, 'E2E_ADMIN_PASSWORD is not set (the administrator password given to the application)');
  await mkdir(outDir, { recursive: true });
  const admin = basic('admin', adminPassword);

  step(`application at ${baseUrl}`);
  const health = await eventually('health UP', async () => (await call('GET', 'actuator/health')).body?.status === 'UP');
  check(health, 'health');

  step('setup: users and two instances of people-demo');
  for (const user of USERS) await ensureUser(admin, user);
  const run = Date.now().toString(36).toUpperCase();
  const mainKey = `E2E-${run}-A`;
  const tourKey = `E2E-${run}-B`;
  await deployFixtures();
  await startInstance(mainKey);
  await startInstance(tourKey);
  const task = await taskOf(mainKey);
  const tourTask = await taskOf(tourKey);
  check(!task.assignee, `the new task is unassigned (assignee ${task.assignee})`);
  check(task.candidateGroups.includes('tier1-oncall'), `candidate group tier1-oncall (${task.candidateGroups})`);

  await launch('people');

  // -- another group: sees nothing, may do nothing
  step('tier2user: does not see the task; claim and complete are refused with 403');
  {
    const page = await newPage('en', 'desktop');
    await signIn(page, 'tier2user');
    await searchInbox(page, mainKey);
    await page.getByTestId('task-views').waitFor();
    check((await page.getByTestId(`task-row-${task.key}`).count()) === 0, 'tier2user must not see the tier1 task');
    const claim = await pageFetch(page, 'POST', `/api/tasks/${task.key}/claim`);
    const complete = await pageFetch(page, 'POST', `/api/tasks/${task.key}/complete`, { variables: { summary: 'not mine' } });
    check(claim.status === 403, `claim by tier2user: HTTP ${claim.status}`);
    check(complete.status === 403, `complete by tier2user: HTTP ${complete.status}`);
    const after = await call('GET', `api/tasks/${task.key}`, { auth: basic('tier1', PASSWORD) });
    check(after.status === 200 && !after.body.assignee, `the task is unchanged after the refusals (${JSON.stringify(after.body?.assignee)})`);
    await signOut(page, 'en');
    await page.context().close();
  }

  // -- tier1: the whole task in Chinese on a laptop
  step('tier1: sign in (a wrong password first), inbox, claim, invalid then valid data');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'tier1', { expectWrong: true, screenshotName: 'signin-zh-desktop' });
    const name = await page.getByTestId('user-display-name').innerText();
    check(name.includes('Tier One'), `header shows the display name (${name})`);
    await searchInbox(page, mainKey);
    const row = page.getByTestId(`task-row-${task.key}`);
    await row.waitFor();
    check((await row.innerText()).includes(mainKey), 'the row shows the business key');
    check((await row.getByTestId('due-badge').innerText()).includes('后到期'), 'due badge in Chinese');
    await shot(page, 'inbox-zh-desktop');
    await page.getByTestId(`claim-${task.key}`).click();
    await eventually('claimed row', async () => (await row.innerText()).includes('tier1'));
    await openTask(page, task.key);

    await submitInvalid(page);
    await shot(page, 'task-errors-zh-desktop');

    // the server refuses the same kind of data field by field, and nothing happens to the task
    const refused = await pageFetch(page, 'POST', `/api/tasks/${task.key}/complete`, {
      variables: { summary: '', impactedUsers: 'many', severity: 'extreme' },
    });
    check(refused.status === 400, `invalid data: HTTP ${refused.status}`);
    const fields = (refused.body.errors ?? []).map((error) => error.field);
    for (const field of ['variables.summary', 'variables.impactedUsers', 'variables.severity']) {
      check(fields.includes(field), `the problem names ${field} (${fields})`);
    }
    const still = await pageFetch(page, 'GET', `/api/tasks/${task.key}`);
    check(still.status === 200 && still.body.assignee === 'tier1', 'the task is still open and claimed after the refusal');

    await fillSummary(page, '数据库磁盘已满，已清理 / disk full, cleaned up');
    const impacted = page.locator('[id$="-Field_impactedUsers"]');
    await impacted.fill('12');
    await impacted.blur();
    await page.locator('[id$="-Field_severity-display"], [id$="-Field_severity"]').first().click();
    await page.locator('.fjs-dropdownlist-item', { hasText: 'High' }).click();
    await page.locator('[id$="-Field_contactPhone"]').fill('13800000000');
    await page.getByTestId('complete').click();
    await page.waitForURL(/\/inbox/);
    await searchInbox(page, mainKey);
    await eventually('the completed task gone from the inbox', async () => (await page.getByTestId(`task-row-${task.key}`).count()) === 0);
    const gone = await call('GET', `api/tasks?view=all&text=${encodeURIComponent(mainKey)}`, { auth: basic('tier1', PASSWORD) });
    check(gone.body.items.every((item) => item.key !== task.key), 'the API no longer lists the completed task');
    await signOut(page, 'zh');
    await page.context().close();
  }

  // -- auditor1: finds it and exports it
  step('auditor1: audit search, CSV export, chain verification, sign-out');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'auditor1');
    await page.getByTestId('main-menu').getByText('审计').click();
    await page.waitForURL(/\/audit/);
    await auditSearch(page, { taskKey: task.key, action: 'task.complete' });
    const rows = await page.locator('[data-testid^="audit-row-"]').allInnerTexts();
    check(rows.some((text) => text.includes('task.complete') && text.includes('tier1')), `audit shows tier1's completion (${rows})`);
    await page.locator('[data-testid^="audit-row-"]').first().click();
    await page.locator('[data-testid^="audit-details-"]').first().waitFor();
    const details = await page.locator('[data-testid^="audit-details-"]').first().innerText();
    check(!details.includes('13800000000'), 'the sensitive contact phone is masked in the audit details');
    await shot(page, 'audit-zh-desktop');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export').click()]);
    const csv = await readFile(await download.path());
    check(csv[0] === 0xef && csv[1] === 0xbb && csv[2] === 0xbf, 'the CSV starts with the UTF-8 BOM');
    const text = csv.toString('utf8');
    check(text.includes(task.key), 'the CSV contains the task key');
    check(text.includes('task.complete'), 'the CSV contains the completion');

    await page.getByTestId('audit-verify').click();
    const verdict = await page.getByTestId('audit-verification').innerText();
    check(verdict.includes('完整'), `the chain verifies (${verdict})`);
    await signOut(page, 'zh');
    await page.context().close();
  }

  // -- the same pages in the other languages and on a phone (the tour task stays open)
  for (const [language, device] of [
    ['zh', 'phone'],
    ['en', 'desktop'],
    ['en', 'phone'],
  ]) {
    step(`screenshots ${language} ${device}`);
    const page = await newPage(language, device);
    await signIn(page, 'tier1', { screenshotName: `signin-${language}-${device}` });
    await searchInbox(page, tourKey);
    await page.getByTestId(`task-row-${tourTask.key}`).waitFor();
    await shot(page, `inbox-${language}-${device}`);
    const claimButton = page.getByTestId(`claim-${tourTask.key}`);
    if (await claimButton.count()) {
      await claimButton.click();
      await eventually('tour task claimed', async () => (await claimButton.count()) === 0);
    }
    await openTask(page, tourTask.key);
    await submitInvalid(page);
    await shot(page, `task-errors-${language}-${device}`);
    await signOut(page, language);

    await signIn(page, 'auditor1');
    await page.goto(new URL('audit', baseUrl).toString());
    await auditSearch(page, { taskKey: task.key });
    await shot(page, `audit-${language}-${device}`);
    await signOut(page, language);
    await page.context().close();
  }

  // -- administrator: the system status panel (the former smoke test) and the user list
  step('admin: system status and users');
  {
    const page = await newPage('en', 'desktop');
    await page.goto(new URL('signin', baseUrl).toString());
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill(adminPassword);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/inbox/);
    await page.goto(new URL('status', baseUrl).toString());
    await page.getByTestId('system-status').locator('[data-component="db"] [data-testid="status-tag"]', { hasText: 'UP' }).waitFor();
    await page.goto(new URL('admin/users', baseUrl).toString());
    await page.getByText('auditor1', { exact: true }).waitFor();
    await shot(page, 'admin-users-en-desktop');
    await signOut(page, 'en');
    await page.context().close();
  }

  await pass(`people scenario at ${baseUrl}`);
} catch (error) {
  await fail(error);
}

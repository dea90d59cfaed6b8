// Browser acceptance test of what follows an incident: its event review, action items, the
// knowledge base and the KPIs, driven by playwright-core and the system Chromium against the
// packaged application (see lib.mjs for the settings; paging as in incident.mjs).
//
// Scenario:
//   setup (API, HTTP Basic as admin): groups e2e-kpi-t1/t2/t3 and e2e-kpi-owners; users
//     rev-commander (e2e-kpi-t1), rev-approver (e2e-kpi-owners), rev-reporter (no groups) and
//     rev-manager (incident-managers); the service e2e-kpi (core, owned by e2e-kpi-owners).
//   An incident is reported on e2e-kpi (API), rev-commander acknowledges it and becomes its
//     commander, records its outage on the incident page (browser) and resolves it; the reporter
//     confirms on the incident page with a rating of 4 stars (browser): the incident closes.
//   The review appears in rev-commander's inbox (the StartReview task, browser); rev-commander
//     starts it there, and the review page shows the timeline assembled from the incident.
//   Sections and two action items are written, the review goes to approval and rev-approver
//     approves it (API); it is published. rev-commander completes one action item in the inbox
//     (browser), the review page shows it done.
//   The published review is found in the knowledge base by the Chinese word 连接池 (browser).
//   rev-manager opens the KPI dashboard (/kpi, Chinese laptop and English phone): the month
//     counts the incident, its availability row shows the outage, and the drill-down lists it,
//     linking to its page.
//   Screenshots: target/e2e/review-*.png.
//
//   E2E_SMS_PORT   port of the SMS gateway served while the scenario runs (default 8099)
//
// Exits 0 on success, 1 with a message on any failure; runs again against the same application.
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import {
  adminPassword, baseUrl, outDir,
  basic, call, check, eventually, fail, launch, newPage, pass, shot, signIn as signInAs, signOut, step,
  createdOrThere, ensureGroup, ensureUser,
} from './lib.mjs';

const PASSWORD = 'Review-e2e-2026!';
const signIn = (page, username, options = {}) => signInAs(page, username, { password: PASSWORD, ...options });
const SERVICE = 'e2e-kpi';
const GROUPS = [
  { name: 'e2e-kpi-t1', displayName: 'E2E KPI 一线 Tier 1' },
  { name: 'e2e-kpi-t2', displayName: 'E2E KPI 二线 Tier 2' },
  { name: 'e2e-kpi-t3', displayName: 'E2E KPI 三线 Tier 3' },
  { name: 'e2e-kpi-owners', displayName: 'E2E KPI 服务负责人 Owners' },
];
const USERS = [
  { username: 'rev-commander', displayName: '指挥官 Commander', groups: ['e2e-kpi-t1'], mobile: '+8613900000301' },
  { username: 'rev-approver', displayName: '审批人 Approver', groups: ['e2e-kpi-owners'], mobile: '+8613900000302' },
  { username: 'rev-reporter', displayName: '报告人 Reporter', groups: [] },
  { username: 'rev-manager', displayName: '事件经理 Manager', groups: ['incident-managers'] },
];
const as = (username) => basic(username, PASSWORD);

async function ensureService(admin) {
  const service = {
    name: SERVICE,
    displayName: 'E2E 问诊 Consultation',
    serviceClass: 'core',
    ownerGroup: 'e2e-kpi-owners',
    tier1Group: 'e2e-kpi-t1',
    tier2Group: 'e2e-kpi-t2',
    tier3Group: 'e2e-kpi-t3',
  };
  const created = await call('POST', 'api/admin/services', { auth: admin, json: service });
  check(createdOrThere(created), `creating service ${SERVICE}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
}

const SMS_PORT = Number(process.env.E2E_SMS_PORT) || 8099;

/** The SMS gateway on loopback, so that pages go out (it accepts every message). */
async function startSmsGateway() {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(202, { 'Content-Type': 'application/json' }).end('{}'));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(SMS_PORT, '127.0.0.1', resolve);
  });
  server.unref();
}

async function api(method, url, username, json) {
  const response = await call(method, url, { auth: as(username), json });
  check(response.status >= 200 && response.status < 300, `${method} ${url} as ${username}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

const incidentAs = (username, number) => api('GET', `api/incidents/${number}`, username);
const reviewAs = (username, number) => api('GET', `api/reviews/${number}`, username);

/** The open task of an element (assigned to `assignee` when given), once it is there. */
async function openTask(username, number, elementId, assignee, read = reviewAs) {
  return eventually(`the ${elementId} task of ${number}`, async () => {
    const detail = await read(username, number);
    return (detail.openTasks ?? []).find((task) => task.elementId === elementId && (!assignee || task.assignee === assignee));
  }, 60_000);
}

async function complete(username, key, variables = {}) {
  const response = await call('POST', `api/tasks/${key}/complete`, { auth: as(username), json: { variables } });
  check(response.status === 204, `completing task ${key} as ${username}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
}

async function openIncident(page, number) {
  await page.goto(new URL(`incidents/${number}`, baseUrl).toString(), { waitUntil: 'domcontentloaded' });
  await page.getByTestId('incident-number').filter({ hasText: number }).waitFor();
}

/** Opens an incident action's dialog, lets `fill` fill it, presses ok and waits for the answer. */
async function act(page, action, method, fill) {
  await page.getByTestId(`action-${action}-button`).click();
  const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('action-ok') });
  await dialog.waitFor();
  await fill(dialog);
  const answered = page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.endsWith(`/${action}`));
  await page.getByTestId('action-ok').click();
  const response = await answered;
  check(response.ok(), `${action} answered HTTP ${response.status()}: ${await response.text().catch(() => '')}`);
  await dialog.waitFor({ state: 'hidden' });
}

async function searchInbox(page, text) {
  const search = page.getByTestId('task-search').locator('input');
  await search.fill(text);
  await search.press('Enter');
  await page.waitForURL(new RegExp(`text=${encodeURIComponent(text)}`));
  await page.locator(`[data-testid="inbox-state"][data-state="loaded"][data-text="${text}"]`).waitFor({ state: 'attached' });
}

/** Finds the task in the inbox by the incident number, opens it and completes its form. */
async function completeInInbox(page, number, task, fill = async () => {}) {
  await eventually(`the ${task.elementId} task in the inbox`, async () => {
    await searchInbox(page, number);
    return (await page.getByTestId(`task-row-${task.key}`).count()) > 0;
  }, 60_000);
  return async (name) => {
    if (name) await shot(page, name);
    await page.getByTestId(`task-link-${task.key}`).click();
    await page.waitForURL(new RegExp(`/tasks/${task.key}$`));
    await page.getByTestId('complete').waitFor();
    await fill(page);
    await page.getByTestId('complete').click();
    await page.waitForURL(/\/inbox/);
  };
}

const localTime = (date) => {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

// ---- Scenario ---------------------------------------------------------------------------------

try {
  check(adminPassword, 'E2E_ADMIN_PASSWORD is not set (the administrator password given to the application)');
  await mkdir(outDir, { recursive: true });
  const admin = basic('admin', adminPassword);

  step(`application at ${baseUrl}`);
  await eventually('health UP', async () => (await call('GET', 'actuator/health')).body?.status === 'UP');
  await startSmsGateway();

  step('setup: groups, users and the service e2e-kpi');
  for (const group of GROUPS) await ensureGroup(admin, group);
  for (const user of USERS) await ensureUser(admin, user, PASSWORD);
  await ensureService(admin);
  const run = Date.now().toString(36).toUpperCase();

  // -- the incident: reported, acknowledged, commanded, resolved (API)
  step('an incident on e2e-kpi: reported, acknowledged and commanded by rev-commander');
  const reported = await api('POST', 'api/incidents', 'rev-reporter', {
    title: `E2E ${run} 问诊服务数据库连接池耗尽 / consultations fail`,
    description: '问诊页面报错，数据库连接池耗尽。Consultations fail: the database connection pool is exhausted.',
    service: SERVICE,
    severity: 'critical',
    affectedUsers: 800,
    dataOrSafetyImpact: false,
  });
  const number = reported.number;
  step(`reported ${number}`);
  await eventually('the Acknowledge task is open', async () =>
    ((await incidentAs('rev-commander', number)).actions ?? []).includes('acknowledge'), 60_000);
  await api('POST', `api/incidents/${number}/acknowledge`, 'rev-commander', {});
  await eventually('rev-commander may staff the incident', async () =>
    ((await incidentAs('rev-commander', number)).actions ?? []).includes('roles'));
  await api('PUT', `api/incidents/${number}/roles`, 'rev-commander', { commander: 'rev-commander', communicationsLead: null, scribe: null });

  await launch('review');

  step('rev-commander records the outage on the incident page and resolves');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'rev-commander');
    await openIncident(page, number);
    const start = new Date(Date.now() - 50 * 60_000);
    const end = new Date(Date.now() - 5 * 60_000);
    await act(page, 'outage', 'PUT', async (dialog) => {
      // type the time into the picker and confirm it with Enter
      const pick = async (testId, value) => {
        const input = dialog.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
        await input.click();
        await input.fill(value);
        await input.press('Enter');
        await dialog.page().waitForTimeout(700); // the picker closes
        await dialog.locator('.ant-modal-title').click(); // away from the picker
        await eventually(`${testId} set`, async () => (await input.inputValue()) === value, 10_000);
      };
      await pick('action-start', localTime(start));
      await pick('action-end', localTime(end));
      await dialog.getByTestId('action-kind').getByText('完全中断').click();
      await shot(dialog.page(), 'review-outage-dialog-zh-desktop');
    });
    const recorded = await incidentAs('rev-commander', number);
    check(recorded.outage?.kind === 'full', `outage recorded: ${JSON.stringify(recorded.outage)}`);
    check(Math.abs(new Date(recorded.outage.end) - new Date(recorded.outage.start) - 45 * 60_000) < 60_000,
      `a 45-minute outage: ${JSON.stringify(recorded.outage)}`);
    await page.getByTestId('incident-outage').getByText('完全中断', { exact: false }).waitFor();
    await shot(page, 'review-incident-outage-zh-desktop');
    await signOut(page, 'zh');
    await page.context().close();
  }
  await eventually('rev-commander may resolve', async () => ((await incidentAs('rev-commander', number)).actions ?? []).includes('resolve'), 60_000);
  await api('POST', `api/incidents/${number}/resolve`, 'rev-commander', {
    resolutionType: 'permanent-fix', resolutionSummary: '连接池扩容，问诊恢复。Pool resized.', reviewRequested: true,
  });

  step('rev-reporter confirms on the incident page with 4 stars');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'rev-reporter');
    await openIncident(page, number);
    await eventually('the reporter may close', async () => {
      if ((await page.getByTestId('action-close-button').count()) > 0) return true;
      await openIncident(page, number);
      return false;
    }, 60_000);
    await act(page, 'close', 'POST', async (dialog) => {
      await dialog.getByTestId('action-comment').fill('问诊已恢复 / consultations work again');
      await dialog.getByTestId('action-satisfaction').locator('li.ant-rate-star').nth(3).locator('div[role="radio"]').click();
      await dialog.getByTestId('action-satisfactionComment').fill('处理很快 / quick');
    });
    const closed = await eventually('closed with the rating', async () => {
      const incident = await incidentAs('rev-reporter', number);
      return incident.status === 'closed' ? incident : undefined;
    });
    check(closed.satisfaction?.rating === 4, `rating ${JSON.stringify(closed.satisfaction)}`);
    await shot(page, 'review-incident-closed-zh-desktop');
    await signOut(page, 'zh');
    await page.context().close();
  }

  // -- the review in the owner's inbox
  step('the review is in rev-commander\'s inbox; started there, its timeline is assembled');
  {
    const startTask = await openTask('rev-commander', number, 'StartReview', 'rev-commander');
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'rev-commander');
    const open = await completeInInbox(page, number, startTask);
    await open('review-inbox-zh-desktop');
    const review = await eventually('the timeline assembled', async () => {
      const detail = await reviewAs('rev-commander', number);
      return detail.status === 'in-progress' && (detail.timeline ?? []).length >= 3 ? detail : undefined;
    }, 90_000);
    await page.goto(new URL(`reviews/${number}`, baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId(`timeline-${review.timeline[0].id}`).waitFor();
    check((await page.locator('[data-testid^="timeline-"]').count()) >= 3, 'the review page shows the timeline');
    await shot(page, 'review-timeline-zh-desktop');
    await signOut(page, 'zh');
    await page.context().close();
  }

  step('sections and two action items written, approved by rev-approver, published');
  await api('PUT', `api/reviews/${number}/sections`, 'rev-commander', {
    rootCause: '数据库连接池耗尽 (the database connection pool was exhausted)',
    contributingFactors: '连接池没有饱和告警 / no alert on pool saturation',
    impactUsers: 800,
    impactDurationMinutes: 45,
    impactData: 'none',
    wentWell: '回滚迅速 / the rollback was quick',
  });
  const due = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  await api('PUT', `api/reviews/${number}/action-items`, 'rev-commander', {
    items: [
      { title: '连接池饱和告警 / alert on pool saturation', owner: 'rev-commander', dueDate: due, priority: 'high', type: 'detect' },
      { title: '连接池扩容 / size the pool for the peak', owner: 'rev-commander', dueDate: due, priority: 'medium', type: 'fix' },
    ],
  });
  await complete('rev-commander', (await openTask('rev-commander', number, 'AnalyseIncident', 'rev-commander')).key);
  await complete('rev-commander', (await openTask('rev-commander', number, 'PlanActionItems', 'rev-commander')).key);
  await eventually('the review in approval', async () => ((await reviewAs('rev-approver', number)).actions ?? []).includes('approve'), 60_000);
  await api('POST', `api/reviews/${number}/approval`, 'rev-approver', { approved: true });
  const published = await eventually('published', async () => {
    const detail = await reviewAs('rev-commander', number);
    return detail.status === 'following-up' && detail.documentId ? detail : undefined;
  }, 60_000);

  step('rev-commander completes one action item in the inbox');
  {
    const itemTask = await openTask('rev-commander', number, 'CompleteActionItem', 'rev-commander');
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'rev-commander');
    const open = await completeInInbox(page, number, itemTask, async (taskPage) => {
      await taskPage.getByText('Done', { exact: true }).first().click();
    });
    await open();
    const after = await eventually('one item done', async () => {
      const detail = await reviewAs('rev-commander', number);
      return (detail.actionItems ?? []).filter((item) => item.state === 'done').length === 1 ? detail : undefined;
    }, 60_000);
    const doneItem = after.actionItems.find((item) => item.state === 'done');
    await page.goto(new URL(`reviews/${number}`, baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId(`item-${doneItem.id}`).waitFor();
    await shot(page, 'review-action-items-zh-desktop');
    await signOut(page, 'zh');
    await page.context().close();
  }

  step('the published review is found by 连接池 in the knowledge base');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'rev-manager');
    await eventually('the review in the search', async () => {
      await page.goto(new URL(`knowledge?q=${encodeURIComponent('连接池')}&service=${SERVICE}`, baseUrl).toString(), { waitUntil: 'domcontentloaded' });
      await page.getByTestId(`knowledge-hit-${published.documentId}`).waitFor({ timeout: 5000 });
      return true;
    }, 60_000);
    await shot(page, 'review-knowledge-zh-desktop');

    step('rev-manager: the KPI dashboard counts the incident and drills down to it');
    const month = new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
    const summary = await api('GET', `api/kpi/summary?month=${month}&service=${SERVICE}`, 'rev-manager');
    check(summary.totals.incidents >= 1, `the month counts the incident: ${JSON.stringify(summary.totals)}`);
    check(summary.totals.rated >= 1, 'the rating counts');
    const row = summary.availability.find((a) => a.service === SERVICE);
    check(row && row.downtimeMinutes >= 44, `the outage counts against availability: ${JSON.stringify(row)}`);
    await page.goto(new URL(`kpi?month=${month}&service=${SERVICE}`, baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('kpi-card-incidents').waitFor();
    await page.getByTestId(`kpi-availability-${SERVICE}`).waitFor();
    await page.getByTestId('kpi-chart-trend').locator('svg').first().waitFor();
    await shot(page, 'review-kpi-zh-desktop');
    await page.getByTestId('kpi-card-incidents').click();
    const drilled = page.getByTestId(`kpi-drill-row-${number}`);
    await drilled.waitFor();
    await shot(page, 'review-kpi-drill-zh-desktop');
    await drilled.getByRole('link', { name: number }).click();
    await page.waitForURL(new RegExp(`/incidents/${number}$`));
    await page.getByTestId('incident-number').filter({ hasText: number }).waitFor();
    await signOut(page, 'zh');
    await page.context().close();
  }
  {
    const page = await newPage('en', 'phone');
    await signIn(page, 'rev-manager');
    const month = new Date().toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
    await page.goto(new URL(`kpi?month=${month}&service=${SERVICE}`, baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('kpi-card-incidents').waitFor();
    await page.getByTestId('kpi-chart-availability').locator('svg').first().waitFor();
    await shot(page, 'review-kpi-en-phone');
    await signOut(page, 'en');
    await page.context().close();
  }

  await pass(`review scenario ${number} at ${baseUrl}`);
} catch (error) {
  await fail(error);
}

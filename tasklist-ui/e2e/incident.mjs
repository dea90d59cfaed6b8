// Browser acceptance test of incident management end to end, driven by playwright-core and the
// system Chromium against the packaged application (see people.mjs and lib.mjs for the settings).
//
// Scenario: a tier-1 user acknowledges in the inbox, escalates; a tier-2 user resolves; the
// reporter confirms.
//   setup (API, HTTP Basic as admin): groups e2e-t1, e2e-t2, e2e-t3 and e2e-owners; users
//     inc-tier1 (e2e-t1), inc-tier2 (e2e-t2) and inc-reporter (no groups); the service e2e-web
//     (core, owned by e2e-owners, on call e2e-t1 / e2e-t2 / e2e-t3). Existing ones are kept.
//   inc-reporter (Chinese, laptop) reports an incident on e2e-web through /incidents/new and
//     lands on its page.
//   inc-tier1 (Chinese, laptop) finds the Acknowledge task in the inbox by the incident number,
//     claims and completes it with a note, and escalates on the incident page; the Handle task
//     is handed over and e2e-t2 becomes one of its candidate groups.
//   inc-tier2 (English, phone) resolves the incident as a permanent fix.
//   inc-reporter confirms the resolution; the incident is closed and its timeline shows it.
//   Screenshots (target/e2e/incident-*.png): the report form, the new incident, the inbox, the
//     acknowledge task, the escalated, resolved and closed incident, the incident list (Chinese
//     laptop, English phone) and the services administration page.
//
// Paging needs a channel: the scenario serves the SMS gateway's contract (workers README) on
// loopback while it runs, and the application must send SMS there:
//   --suoke.notify.sms.url=http://127.0.0.1:${E2E_SMS_PORT}/sms --suoke.notify.sms.token=...
//   E2E_SMS_PORT           port of that SMS gateway (default 8099)
// It checks that tier 1 is paged by SMS on reporting and tier 2 on the escalation.
//
// Exits 0 on success, 1 with a message on any failure; runs again against the same application.
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import {
  adminPassword, baseUrl, outDir,
  basic, call, check, eventually, fail, launch, newPage, pass, shot, signIn as signInAs, signOut, step,
  createdOrThere, ensureGroup, ensureUser,
} from './lib.mjs';

const PASSWORD = 'Incident-e2e-2026!';
const signIn = (page, username, options = {}) => signInAs(page, username, { password: PASSWORD, ...options });
const SERVICE = 'e2e-web';
const GROUPS = [
  { name: 'e2e-t1', displayName: 'E2E 一线 Tier 1' },
  { name: 'e2e-t2', displayName: 'E2E 二线 Tier 2' },
  { name: 'e2e-t3', displayName: 'E2E 三线 Tier 3' },
  { name: 'e2e-owners', displayName: 'E2E 服务负责人 Owners' },
];
const USERS = [
  { username: 'inc-tier1', displayName: '一线 Incident Tier One', groups: ['e2e-t1'], mobile: '+8613900000201' },
  { username: 'inc-tier2', displayName: '二线 Incident Tier Two', groups: ['e2e-t2'], mobile: '+8613900000202' },
  { username: 'inc-reporter', displayName: '报告人 Reporter', groups: [] },
];

/** Created, or there from an earlier run (409, or 400 naming the taken name). */
async function ensureService(admin) {
  const service = {
    name: SERVICE,
    displayName: 'E2E 网站 Web shop',
    serviceClass: 'core',
    ownerGroup: 'e2e-owners',
    tier1Group: 'e2e-t1',
    tier2Group: 'e2e-t2',
    tier3Group: 'e2e-t3',
  };
  const created = await call('POST', 'api/admin/services', { auth: admin, json: service });
  check(createdOrThere(created), `creating service ${SERVICE}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
}

const SMS_PORT = Number(process.env.E2E_SMS_PORT) || 8099;
/** Messages the SMS gateway accepted: {to, text}. */
const sms = [];

/** The SMS gateway on loopback: POST /sms with a bearer token and {to, text, idempotencyKey}. */
async function startSmsGateway() {
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || !request.url.startsWith('/sms') || !/^Bearer \S+/.test(request.headers.authorization ?? '')) {
        response.writeHead(400).end();
        return;
      }
      try {
        const message = JSON.parse(body);
        sms.push({ to: message.to, text: message.text });
        response.writeHead(202, { 'Content-Type': 'application/json' }).end('{}');
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(SMS_PORT, '127.0.0.1', resolve);
  });
  server.unref();
  return server;
}

async function paged(mobile, number, what) {
  await eventually(`${what}: an SMS to ${mobile} about ${number} (is the application started with --suoke.notify.sms.url=http://127.0.0.1:${SMS_PORT}/sms?)`,
    async () => sms.some((message) => message.to === mobile && String(message.text).includes(number)), 60_000);
}

const incidentAs = async (username, number) => {
  const response = await call('GET', `api/incidents/${number}`, { auth: basic(username, PASSWORD) });
  check(response.status === 200, `GET /api/incidents/${number} as ${username}: HTTP ${response.status}`);
  return response.body;
};

// ---- Browser ----------------------------------------------------------------------------------

async function searchInbox(page, text) {
  const search = page.getByTestId('task-search').locator('input');
  await search.fill(text);
  await search.press('Enter');
  await page.waitForURL(new RegExp(`text=${encodeURIComponent(text)}`));
  // the inbox keeps a live event stream open: wait for this search's result, not for an idle network
  await page.locator(`[data-testid="inbox-state"][data-state="loaded"][data-text="${text}"]`).waitFor({ state: 'attached' });
}

async function openIncident(page, number) {
  await page.goto(new URL(`incidents/${number}`, baseUrl).toString(), { waitUntil: 'domcontentloaded' });
  await page.getByTestId('incident-number').filter({ hasText: number }).waitFor();
}

/** Opens an action's dialog, lets `fill` fill it, presses ok and waits for the dialog to close. */
async function act(page, action, fill = async () => {}) {
  await page.getByTestId(`action-${action}-button`).click();
  const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('action-ok') });
  await dialog.waitFor();
  await fill(dialog);
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(`/${action}`));
  await page.getByTestId('action-ok').click();
  const response = await answered;
  check(response.ok(), `${action} answered HTTP ${response.status()}: ${await response.text().catch(() => '')}`);
  await dialog.waitFor({ state: 'hidden' });
}

async function statusOnPage(page, status) {
  await page.locator(`[data-testid="status-tag"][data-status="${status}"]`).first().waitFor();
}

async function showList(page, number, name) {
  await page.goto(new URL('incidents', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
  await page.locator('[data-testid="incidents-state"][data-state="loaded"]').waitFor({ state: 'attached' });
  await page.getByTestId(`incident-row-${number}`).first().waitFor();
  await shot(page, name);
}

// ---- Scenario ---------------------------------------------------------------------------------

try {
  check(adminPassword, 'E2E_ADMIN_PASSWORD is not set (the administrator password given to the application)');
  await mkdir(outDir, { recursive: true });
  const admin = basic('admin', adminPassword);

  step(`application at ${baseUrl}`);
  await eventually('health UP', async () => (await call('GET', 'actuator/health')).body?.status === 'UP');

  await startSmsGateway();
  step(`SMS gateway on 127.0.0.1:${SMS_PORT}`);

  step('setup: groups, users and the service e2e-web');
  for (const group of GROUPS) await ensureGroup(admin, group);
  for (const user of USERS) await ensureUser(admin, user, PASSWORD);
  await ensureService(admin);
  const run = Date.now().toString(36).toUpperCase();
  const title = `E2E ${run} 网站下单失败 / checkout fails`;

  await launch('incident');

  // -- the reporter reports by hand
  step('inc-reporter: reports an incident on e2e-web');
  let number;
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'inc-reporter');
    await page.goto(new URL('incidents/new', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('report-title').fill(title);
    await page.getByTestId('report-service').fill(SERVICE);
    await page.keyboard.press('Escape'); // closes the catalog's suggestions
    await page.getByTestId('severity-error').click();
    const affected = page.getByTestId('report-affected');
    await affected.fill('120');
    await page.getByTestId('report-description').fill('下单页面返回 502，约 120 位用户受影响。\nCheckout answers 502 for about 120 users.');
    await shot(page, 'incident-report-zh-desktop');
    await page.getByTestId('report-submit').click();
    await page.waitForURL(/\/incidents\/INC-\d{8}-\d+$/);
    number = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('incident-number').filter({ hasText: number }).waitFor();
    check((await page.getByTestId('incident-title').innerText()).includes(run), 'the incident page shows the title');
    const reported = await incidentAs('inc-reporter', number);
    check(reported.service === SERVICE, `service ${reported.service}`);
    check(reported.reporter === 'inc-reporter', `reporter ${reported.reporter}`);
    await paged('+8613900000201', number, 'tier 1 paged');
    await eventually('the Acknowledge task is open', async () => {
      const incident = await incidentAs('inc-tier1', number);
      return (incident.openTasks ?? []).some((task) => task.elementId === 'Acknowledge' && task.candidateGroups.includes('e2e-t1'));
    });
    await openIncident(page, number);
    await shot(page, 'incident-reported-zh-desktop');
    await showList(page, number, 'incident-list-zh-desktop');
    await signOut(page, 'zh');
    await page.context().close();
  }
  step(`reported ${number}`);

  // -- tier 1 acknowledges in the inbox and escalates
  step('inc-tier1: acknowledges in the inbox, then escalates on the incident page');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'inc-tier1');
    const acknowledge = (await incidentAs('inc-tier1', number)).openTasks.find((task) => task.elementId === 'Acknowledge');
    check(acknowledge, 'an open Acknowledge task');
    // the search index may lag behind the engine: search again until the task is there
    await eventually('the Acknowledge task in the inbox', async () => {
      await searchInbox(page, number);
      return (await page.getByTestId(`task-row-${acknowledge.key}`).count()) > 0;
    });
    const row = page.getByTestId(`task-row-${acknowledge.key}`);
    check((await row.innerText()).includes(number), 'the row shows the incident number (the business key)');
    await shot(page, 'incident-inbox-zh-desktop');
    await page.getByTestId(`task-link-${acknowledge.key}`).click();
    await page.waitForURL(new RegExp(`/tasks/${acknowledge.key}$`));
    await page.getByTestId('claim').click();
    const note = page.locator('[id$="-Field_acknowledgeNote"]');
    await note.waitFor();
    await eventually('the form editable after the claim', async () => !(await note.isDisabled()));
    await note.fill('先看 502 的网关日志 / looking at the gateway logs first');
    await shot(page, 'incident-acknowledge-task-zh-desktop');
    await page.getByTestId('complete').click();
    await page.waitForURL(/\/inbox/);

    const handled = await eventually('acknowledged, inc-tier1 handles', async () => {
      const incident = await incidentAs('inc-tier1', number);
      return incident.handler === 'inc-tier1' && (incident.actions ?? []).includes('escalate') ? incident : undefined;
    });
    check(handled.status === 'acknowledged', `status after acknowledging: ${handled.status}`);

    await openIncident(page, number);
    await statusOnPage(page, 'acknowledged');
    await act(page, 'escalate', async (dialog) => {
      await dialog.getByTestId('action-reason').fill('需要二线处理数据库 / needs tier 2 for the database');
    });
    const escalated = await eventually('the Handle task offered to e2e-t2', async () => {
      const incident = await incidentAs('inc-tier2', number);
      const task = (incident.openTasks ?? [])[0];
      return task && task.candidateGroups.includes('e2e-t2') && (incident.actions ?? []).includes('resolve') ? incident : undefined;
    });
    await paged('+8613900000202', number, 'tier 2 paged on the escalation');
    check(escalated.openTasks[0].elementId === 'Handle', `the open task is ${escalated.openTasks[0].elementId}`);
    check(!escalated.openTasks[0].assignee, `the handler handed the task over (assignee ${escalated.openTasks[0].assignee})`);
    await openIncident(page, number);
    await page.getByTestId('incident-tasks').getByText('e2e-t2', { exact: true }).waitFor();
    await shot(page, 'incident-escalated-zh-desktop');
    await signOut(page, 'zh');
    await page.context().close();
  }

  // -- tier 2 resolves on a phone
  step('inc-tier2: resolves on a phone');
  {
    const page = await newPage('en', 'phone');
    await signIn(page, 'inc-tier2');
    await openIncident(page, number);
    await act(page, 'resolve', async (dialog) => {
      await dialog.getByTestId('action-resolutionType').getByText('Permanent fix', { exact: false }).click();
      await dialog.getByTestId('action-resolutionSummary').fill('Database connection pool resized; checkout answers again.');
    });
    await statusOnPage(page, 'resolved');
    check((await incidentAs('inc-tier2', number)).status === 'resolved', 'resolved through the API');
    await shot(page, 'incident-resolved-en-phone');
    await showList(page, number, 'incident-list-en-phone');
    await signOut(page, 'en');
    await page.context().close();
  }

  // -- the reporter confirms
  step('inc-reporter: confirms and closes');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'inc-reporter');
    await openIncident(page, number);
    await eventually('the reporter may close', async () => {
      if ((await page.getByTestId('action-close-button').count()) > 0) return true;
      await openIncident(page, number);
      return false;
    });
    await act(page, 'close', async (dialog) => {
      await dialog.getByTestId('action-comment').fill('已确认可以下单 / confirmed, checkout works');
    });
    const expected = [
      ['inc-tier1', 'task.complete', 'Acknowledge'],
      // the person's action or the process's status task, whichever moved it first
      [['inc-tier1', 'system'], 'incident.status', 'triaged -> acknowledged'],
      ['inc-tier1', 'incident.escalate', 'tier 2'],
      ['system', 'incident.escalated', 'e2e-t2'],
      ['inc-tier2', 'incident.resolve', 'permanent-fix'],
      ['inc-reporter', 'incident.close', '已确认'],
      [['inc-reporter', 'system'], 'incident.status', 'resolved -> closed'],
    ];
    let said = [];
    const missing = () => expected.filter(([who, action, words]) => !said.some((line) =>
      [who].flat().some((actor) => line.startsWith(`${actor}: ${action}: `)) && line.includes(words)));
    // the status and the timeline entries are written by the engine's jobs, one after another
    const closed = await eventually('closed, with the whole story in the timeline', async () => {
      const incident = await incidentAs('inc-reporter', number);
      said = (incident.timeline ?? []).map((entry) => `${entry.actor}: ${entry.action}: ${entry.summary ?? ''}`);
      return incident.status === 'closed' && missing().length === 0 ? incident : undefined;
    }).catch((error) => {
      throw new Error(`${error.message}; missing ${JSON.stringify(missing())} in:\n  ${said.join('\n  ')}`);
    });
    check((closed.openTasks ?? []).length === 0, `no open tasks after closing (${JSON.stringify(closed.openTasks)})`);
    await openIncident(page, number);
    await statusOnPage(page, 'closed');
    await page.getByTestId('incident-timeline').waitFor();
    await shot(page, 'incident-closed-zh-desktop');
    await signOut(page, 'zh');
    await page.context().close();
  }

  // -- the administrator: the service catalog
  step('admin: services administration');
  {
    const page = await newPage('en', 'desktop');
    await page.goto(new URL('signin', baseUrl).toString());
    await page.locator('#username').fill('admin');
    await page.locator('#password').fill(adminPassword);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(/\/inbox/);
    await page.goto(new URL('admin/services', baseUrl).toString());
    await page.getByText(SERVICE, { exact: true }).first().waitFor();
    await shot(page, 'admin-services-en-desktop');
    await signOut(page, 'en');
    await page.context().close();
  }

  await pass(`incident scenario ${number} at ${baseUrl}`);
} catch (error) {
  await fail(error);
}

// Browser acceptance test of change management, driven by playwright-core and the system Chromium
// against the packaged application (see people.mjs and lib.mjs for the settings). Not part of
// `npm run e2e`: run it on its own (`node e2e/change.mjs`, same variables).
//
// Scenario: a normal medium-risk change from request to close.
//   setup (API, HTTP Basic as admin): groups e2e-chg-sre and e2e-chg-owners; users chg-requester
//     (no groups), chg-owner (e2e-chg-owners), chg-sre (e2e-chg-sre) and chg-manager
//     (change-managers); the service e2e-chg-pay (core: a normal change on it is medium risk,
//     owned by e2e-chg-owners, tiers e2e-chg-sre). Existing ones are kept.
//   chg-requester (Chinese, laptop) requests a normal change on /changes, lands on its page and
//     answers the impact assessment in the inbox (no downtime, rollback tested).
//   chg-owner (English, laptop) finds the approval in the inbox: the form shows the risk and the
//     questionnaire; approves.
//   chg-manager adds a blackout on e2e-chg-pay (API) and looks at the change calendar.
//   chg-sre (Chinese, laptop) schedules the change on its page: first into the blackout (refused,
//     the reason on the field), then into a window starting in two minutes; implements and
//     verifies it (close code successful) in the inbox; the change is closed successful, its
//     timeline and approvals show it.
//   Screenshots (target/e2e/change-*.png): the request form, the new change, the assessment, the
//     approval with risk and questionnaire, the refused window, the calendar (month and week),
//     the closed change (Chinese laptop, English phone) and the change list.
//
// Exits 0 on success, 1 with a message on any failure; runs again against the same application.
import { mkdir } from 'node:fs/promises';
import {
  adminPassword, baseUrl, outDir,
  basic, call, check, eventually, fail, launch, newPage, pass, shot, signIn as signInAs, signOut, sleep, step,
  createdOrThere, ensureGroup, ensureUser,
} from './lib.mjs';

const PASSWORD = 'Change-e2e-2026!';
const signIn = (page, username, options = {}) => signInAs(page, username, { password: PASSWORD, ...options });
const SERVICE = 'e2e-chg-pay';
const GROUPS = [
  { name: 'e2e-chg-sre', displayName: 'E2E 支付运维 Payments SRE' },
  { name: 'e2e-chg-owners', displayName: 'E2E 支付负责人 Payments owners' },
];
const USERS = [
  { username: 'chg-requester', displayName: '申请人 Change requester', groups: [] },
  { username: 'chg-owner', displayName: '服务负责人 Service owner', groups: ['e2e-chg-owners'] },
  { username: 'chg-sre', displayName: '实施人 Implementer', groups: ['e2e-chg-sre'] },
  { username: 'chg-manager', displayName: '变更经理 Change manager', groups: ['change-managers'] },
];

async function ensureService(admin) {
  const service = {
    name: SERVICE,
    displayName: 'E2E 支付 Payments',
    serviceClass: 'core',
    ownerGroup: 'e2e-chg-owners',
    tier1Group: 'e2e-chg-sre',
    tier2Group: 'e2e-chg-sre',
    tier3Group: 'e2e-chg-sre',
  };
  const created = await call('POST', 'api/admin/services', { auth: admin, json: service });
  check(createdOrThere(created), `creating service ${SERVICE}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
}

const changeAs = async (username, number) => {
  const response = await call('GET', `api/changes/${number}`, { auth: basic(username, PASSWORD) });
  check(response.status === 200, `GET /api/changes/${number} as ${username}: HTTP ${response.status}`);
  return response.body;
};

/** The open task of the change at the element, once it is there. */
const openTask = (username, number, elementId) =>
  eventually(`the task ${elementId} of ${number}`, async () =>
    (await changeAs(username, number)).openTasks.find((task) => task.elementId === elementId), 60_000);

/** Local wall-clock text for antd's date pickers (YYYY-MM-DD HH:mm, the browser's zone = this process's). */
function local(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

async function pickDate(scope, label, date) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(local(date));
  await input.press('Enter');
}

async function openChange(page, number) {
  await page.goto(new URL(`changes/${number}`, baseUrl).toString(), { waitUntil: 'domcontentloaded' });
  await page.getByTestId('change-title').waitFor();
}

/** Opens the task from the inbox (searching by the change number), claims it; `fill` fills the form; completes. */
async function workTask(page, task, number, fill, screenshot) {
  await eventually(`task ${task.key} in the inbox`, async () => {
    const search = page.getByTestId('task-search').locator('input');
    await page.goto(new URL('inbox', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await search.fill(number);
    await search.press('Enter');
    await page.locator(`[data-testid="inbox-state"][data-state="loaded"][data-text="${number}"]`).waitFor({ state: 'attached' });
    return (await page.getByTestId(`task-row-${task.key}`).count()) > 0;
  });
  await page.getByTestId(`task-link-${task.key}`).click();
  await page.waitForURL(new RegExp(`/tasks/${task.key}$`));
  await page.getByTestId('task-form').waitFor();
  await page.locator('.fjs-form').waitFor();
  await page.getByTestId('complete').waitFor();
  if ((await page.getByTestId('claim').count()) > 0) {
    await eventually('claimed', async () => {
      if ((await page.getByTestId('claim').count()) === 0) return true;
      await page.getByTestId('claim').click().catch(() => {});
      await sleep(1000);
      return (await page.getByTestId('claim').count()) === 0;
    });
    // the form is built again for the claimed task: let it settle before typing
    await sleep(1500);
    await page.locator('.fjs-form').waitFor();
  }
  await fill(page);
  await sleep(800); // form-js debounces typing: let the last field's value land before completing
  if (screenshot) await shot(page, screenshot);
  await page.getByTestId('complete').click();
  await page.waitForURL(/\/inbox/);
}

/** A form-js field by its component id. */
const field = (page, id) => page.locator(`[id$="-${id}"]`);

/** Types into a form-js field until it keeps the text (a rebuilt form may drop what was typed). */
async function type(page, id, text) {
  await eventually(`${id} keeps its text`, async () => {
    const input = field(page, id);
    if ((await input.inputValue()) !== text) {
      await input.fill(text);
      await input.blur();
      await sleep(500);
    }
    return (await input.inputValue()) === text;
  });
}

try {
  check(adminPassword, 'E2E_ADMIN_PASSWORD is not set (the administrator password given to the application)');
  await mkdir(outDir, { recursive: true });
  const admin = basic('admin', adminPassword);

  step(`application at ${baseUrl}`);
  await eventually('health UP', async () => (await call('GET', 'actuator/health')).body?.status === 'UP');

  step('setup: groups, users and the service e2e-chg-pay');
  for (const group of GROUPS) await ensureGroup(admin, group);
  for (const user of USERS) await ensureUser(admin, user, PASSWORD);
  await ensureService(admin);
  const run = Date.now().toString(36).toUpperCase();
  const title = `E2E ${run} 升级支付 SDK / upgrade the payment SDK`;

  await launch('change');

  // -- the requester requests a normal change and assesses it
  step('chg-requester: requests a normal change and answers the impact assessment');
  let number;
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'chg-requester');
    await page.goto(new URL('changes', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByRole('button', { name: /申请变更/ }).click();
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('change-request-form') });
    await dialog.waitFor();
    await dialog.getByLabel('标题').fill(title);
    await dialog.getByLabel('服务', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: SERVICE }).click();
    const start = new Date(Date.now() + 2 * 24 * 3600_000);
    await pickDate(dialog, '计划开始', start);
    await pickDate(dialog, '计划结束', new Date(start.getTime() + 2 * 3600_000));
    await dialog.getByLabel('描述').fill('从 4.1 升级到 4.2 / from 4.1 to 4.2');
    await shot(page, 'change-request-zh-desktop');
    await dialog.getByRole('button', { name: /提交申请/ }).click();
    await page.waitForURL(/\/changes\/CHG-\d{4}-\d+$/);
    number = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('change-title').filter({ hasText: run }).waitFor();
    const assess = await openTask('chg-requester', number, 'AssessImpact');
    await openChange(page, number);
    await shot(page, 'change-requested-zh-desktop');
    await workTask(page, assess, number, async (p) => {
      await type(p, 'Field_affectedUsers', '500');
      await field(p, 'Field_rollbackTested').check();
      await type(p, 'Field_rollbackPlan', '回退到 4.1 / pin 4.1 again');
      await type(p, 'Field_testEvidence', '预发环境回归通过 / staging regression run 1182 green');
    }, 'change-assess-zh-desktop');
    await signOut(page, 'zh');
    await page.context().close();
  }
  step(`requested ${number}`);

  // -- the service owner approves in the inbox, seeing the risk and the questionnaire
  step('chg-owner: approves the medium-risk change in the inbox');
  {
    const approval = await openTask('chg-owner', number, 'ServiceOwnerApproval');
    const page = await newPage('en', 'desktop');
    await signIn(page, 'chg-owner');
    await workTask(page, approval, number, async (p) => {
      await p.locator('.fjs-form').getByText('Risk: medium').waitFor();
      await p.locator('.fjs-form').getByText('Rollback tested: true').waitFor();
      await p.locator('.fjs-form').getByText('Affected users: 500').waitFor();
      await p.getByLabel('Approve', { exact: true }).check();
      await type(p, 'Field_approvalComment', 'OK outside the peak hours');
    }, 'change-approve-en-desktop');
    const approved = await eventually('approved', async () => {
      const detail = await changeAs('chg-owner', number);
      return detail.change.status === 'approved' ? detail : undefined;
    });
    check(approved.change.risk === 'medium', `risk ${approved.change.risk}`);
    await signOut(page, 'en');
    await page.context().close();
  }

  // -- the change manager puts a blackout on the service
  step('chg-manager: adds a blackout on e2e-chg-pay and looks at the calendar');
  const blackoutStart = new Date(Date.now() + 6 * 3600_000);
  {
    const blackout = await call('POST', 'api/changes/calendar/windows', {
      auth: basic('chg-manager', PASSWORD),
      json: { kind: 'blackout', service: SERVICE, title: `E2E ${run} 封网 / freeze`, start: blackoutStart.toISOString(), end: new Date(blackoutStart.getTime() + 4 * 3600_000).toISOString() },
    });
    check(blackout.status === 201, `blackout: HTTP ${blackout.status} ${JSON.stringify(blackout.body)}`);
  }

  // -- the implementer schedules (a blackout refused first), implements and verifies
  step('chg-sre: schedules into the blackout (refused), then into a window, implements and verifies');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'chg-sre');
    await openTask('chg-sre', number, 'ScheduleChange');
    await openChange(page, number);
    await page.getByRole('button', { name: /^排\s*期$/ }).click();
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('schedule-form') });
    await dialog.waitFor();
    await pickDate(dialog, '窗口开始', new Date(blackoutStart.getTime() + 3600_000));
    await pickDate(dialog, '窗口结束', new Date(blackoutStart.getTime() + 2 * 3600_000));
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/schedule'));
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    check((await refused).status() === 400, 'scheduling into the blackout is refused');
    await dialog.getByText(/blackout/).first().waitFor();
    await shot(page, 'change-blackout-refused-zh-desktop');
    const windowStart = new Date(Math.ceil((Date.now() + 2 * 60_000) / 60_000) * 60_000);
    await pickDate(dialog, '窗口开始', windowStart);
    await pickDate(dialog, '窗口结束', new Date(windowStart.getTime() + 3600_000));
    const booked = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/schedule'));
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    const bookedResponse = await booked;
    check(bookedResponse.status() === 200, `scheduled: HTTP ${bookedResponse.status()} ${await bookedResponse.text()}`);
    await dialog.waitFor({ state: 'hidden' });
    await eventually('scheduled', async () => ['scheduled', 'implementing'].includes((await changeAs('chg-sre', number)).change.status));

    await page.goto(new URL('changes/calendar', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('change-calendar').getByText(number).first().waitFor();
    await shot(page, 'change-calendar-month-zh-desktop');
    await page.getByText('周', { exact: true }).click();
    await page.getByTestId('change-calendar').getByText(number).first().waitFor();
    await shot(page, 'change-calendar-week-zh-desktop');

    step('the window opens (about two minutes)');
    const implement = await eventually('the Implement task once the window opened', async () =>
      (await changeAs('chg-sre', number)).openTasks.find((task) => task.elementId === 'ImplementChange'), 240_000);
    await workTask(page, implement, number, async (p) => {
      await type(p, 'Field_implementationNotes', '已滚动升级 / rolled out');
    });
    const verify = await openTask('chg-sre', number, 'VerifyChange');
    await workTask(page, verify, number, async (p) => {
      await field(p, 'Field_closeCode').locator('xpath=..').click();
      await p.locator('.fjs-dropdownlist-item', { hasText: /^Successful$/ }).first().click();
      await type(p, 'Field_verificationNotes', '支付成功率正常 / payment success rate normal');
    }, 'change-verify-zh-desktop');

    const closed = await eventually('closed successful', async () => {
      const detail = await changeAs('chg-sre', number);
      return detail.change.status === 'closed' ? detail : undefined;
    }, 60_000);
    check(closed.change.closeCode === 'successful', `close code ${closed.change.closeCode}`);
    check(closed.approvals.some((a) => a.level === 'service-owner' && a.approver === 'chg-owner' && a.decision === 'approved'), 'the owner\'s approval is recorded');
    const kinds = closed.timeline.map((e) => e.kind);
    for (const kind of ['requested', 'approved', 'scheduled', 'implementing', 'closed']) {
      check(kinds.includes(kind), `timeline has ${kind}: ${kinds.join(', ')}`);
    }
    check(closed.openTasks.length === 0, 'no open tasks after closing');
    await openChange(page, number);
    await page.getByTestId('change-close-code').waitFor();
    await shot(page, 'change-closed-zh-desktop');
    await page.goto(new URL('changes', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId(`change-row-${number}`).waitFor();
    await shot(page, 'change-list-zh-desktop');
    await signOut(page, 'zh');
    await page.context().close();
  }

  step('the closed change on a phone (English)');
  {
    const page = await newPage('en', 'phone');
    await signIn(page, 'chg-requester');
    await openChange(page, number);
    await page.getByTestId('change-close-code').waitFor();
    await shot(page, 'change-closed-en-phone');
    await page.goto(new URL('changes/calendar', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId('change-calendar').waitFor();
    await shot(page, 'change-calendar-en-phone');
    await signOut(page, 'en');
    await page.context().close();
  }

  await pass(`change ${number}: requested, approved by the service owner, a blackout refused, scheduled, implemented and closed successful`);
} catch (error) {
  await fail(error);
}

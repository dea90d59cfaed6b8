// Browser acceptance test of the shift handover, driven by playwright-core and the system Chromium
// against the packaged application (see people.mjs and lib.mjs for the settings).
//
// Scenario: a change of shift of a tier-1 schedule starts a handover; the outgoing person writes it
// in the inbox, the incoming person acknowledges it, and the record shows both.
//   setup (API, HTTP Basic as admin): group e2e-handover with ho-out and ho-in; service
//     e2e-handover-svc whose tier-1 group it is; a schedule of the team with a daily layer of ho-out
//     and an override that gives ho-in the next two hours from the last full minute: a change of
//     shift that has just happened. The on-call checks (every 10 s in the build's run) start its
//     handover.
//   ho-out (Chinese, laptop) opens the write task from the inbox, submits it without notes (the form
//     refuses), writes notes and a risk, and completes it.
//   ho-in (English, phone) opens the acknowledge task, acknowledges it with a note, and sees the
//     record on the handover page: written by ho-out, acknowledged by ho-in.
//   Screenshots (target/e2e/handover-*.png).
//
// Exits 0 on success, 1 with a message on any failure; runs again against the same application.
import { mkdir } from 'node:fs/promises';
import {
  adminPassword, baseUrl, outDir,
  basic, call, check, eventually, fail, launch, newPage, pass, shot, signIn as signInAs, signOut, step,
} from './lib.mjs';

const PASSWORD = 'Handover-e2e-2026!';
const TEAM = 'e2e-handover';
const SERVICE = 'e2e-handover-svc';
const signIn = (page, username) => signInAs(page, username, { password: PASSWORD });

function createdOrThere(response) {
  if ([200, 201, 409].includes(response.status)) return true;
  return response.status === 400 && (response.body?.errors ?? []).some((error) => error.field === 'name' && /taken|exists/i.test(error.reason));
}

async function ensureUser(admin, user) {
  const payload = { ...user, password: PASSWORD, enabled: true, email: `${user.username}@example.org`, managedGroups: [] };
  const created = await call('POST', 'api/admin/users', { auth: admin, json: payload });
  if (created.status === 201 || created.status === 200) return;
  check(created.status === 409 || created.status === 400, `creating ${user.username}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const updated = await call('PUT', `api/admin/users/${user.username}`, { auth: admin, json: payload });
  check(updated.status === 200, `updating ${user.username}: HTTP ${updated.status} ${JSON.stringify(updated.body)}`);
}

/** The open task of the handover's instance with that name, as its person sees it. */
async function taskOf(username, processInstanceKey, name) {
  return eventually(`task "${name}" of ${username}`, async () => {
    const tasks = await call('GET', 'api/tasks?view=all&size=100', { auth: basic(username, PASSWORD) });
    if (tasks.status !== 200) return undefined;
    return (tasks.body.items ?? []).find((t) => t.processInstanceKey === String(processInstanceKey) && t.name === name);
  });
}

async function complete(page) {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/complete'));
  await page.getByTestId('complete').click();
  const response = await answered;
  check(response.ok(), `complete answered HTTP ${response.status()}: ${await response.text().catch(() => '')}`);
}

try {
  check(adminPassword, 'E2E_ADMIN_PASSWORD is not set (the administrator password given to the application)');
  await mkdir(outDir, { recursive: true });
  const admin = basic('admin', adminPassword);

  step(`application at ${baseUrl}`);
  await eventually('health UP', async () => (await call('GET', 'actuator/health')).body?.status === 'UP');

  step(`setup: group ${TEAM}, ho-out, ho-in, service ${SERVICE}, a schedule whose shift has just changed`);
  const group = await call('POST', 'api/admin/groups', { auth: admin, json: { name: TEAM, displayName: 'E2E 交接班 Handover team' } });
  check(createdOrThere(group), `creating group ${TEAM}: HTTP ${group.status} ${JSON.stringify(group.body)}`);
  await ensureUser(admin, { username: 'ho-out', displayName: '交班人 Outgoing', groups: [TEAM] });
  await ensureUser(admin, { username: 'ho-in', displayName: '接班人 Incoming', groups: [TEAM] });
  const service = await call('POST', 'api/admin/services', { auth: admin, json: {
    name: SERVICE, displayName: 'E2E 交接班服务 Handover service', serviceClass: 'support',
    ownerGroup: TEAM, tier1Group: TEAM, tier2Group: 'tier2', tier3Group: 'tier3',
  } });
  check(createdOrThere(service), `creating service ${SERVICE}: HTTP ${service.status} ${JSON.stringify(service.body)}`);
  const run = Date.now().toString(36).toUpperCase();
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const end = new Date(start.getTime() + 2 * 3600_000);
  const days = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
  const schedule = await call('POST', 'api/oncall/schedules', { auth: admin, json: {
    name: `E2E ${run} 交接班`, team: TEAM, timeZone: 'UTC', swapApproval: false, reminderLeadMinutes: 0,
    layers: [{ name: 'primary', members: ['ho-out'], turn: 'daily', handoffTime: '00:00', startDate: days }],
  } });
  check(schedule.status === 201, `creating the schedule: HTTP ${schedule.status} ${JSON.stringify(schedule.body)}`);
  const scheduleId = schedule.body.id;
  const override = await call('POST', `api/oncall/schedules/${scheduleId}/overrides`, { auth: admin, json: {
    user: 'ho-in', start: start.toISOString(), end: end.toISOString(),
  } });
  check(override.status === 201 || override.status === 200, `the override: HTTP ${override.status} ${JSON.stringify(override.body)}`);

  step('the on-call checks start the handover of the change');
  const handover = await eventually('the handover record', async () => {
    const page = await call('GET', `api/oncall/handovers?team=${TEAM}&size=50`, { auth: basic('ho-in', PASSWORD) });
    if (page.status !== 200) return undefined;
    return (page.body.items ?? []).find((h) => h.scheduleId === String(scheduleId) && h.processInstanceKey);
  }, 120_000);
  check(handover.outgoingUser === 'ho-out' && handover.incomingUser === 'ho-in', `the handover's people: ${JSON.stringify(handover)}`);

  await launch('handover');

  step('ho-out (zh, laptop): the form refuses no notes; writes notes and a risk');
  {
    const task = await taskOf('ho-out', handover.processInstanceKey, 'Write the handover');
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'ho-out');
    await page.goto(new URL(`tasks/${task.key}`, baseUrl).toString());
    const notes = page.locator('[id$="-Field_handoverNotes"]');
    await notes.waitFor();
    await page.getByTestId('complete').click();
    await page.locator('.fjs-form-field-error').first().waitFor();
    await shot(page, 'handover-write-refused-zh-desktop');
    await notes.fill('支付网关重启后观察中 Payment gateway restarted, watching it.');
    await page.locator('[id$="-Field_handoverRisks"]').fill('晚间对账任务可能超时 The night reconciliation may time out.');
    await shot(page, 'handover-write-zh-desktop');
    await complete(page);
    await signOut(page, 'zh');
    await page.context().close();
  }

  step('ho-in (en, phone): acknowledges, and sees the record written and acknowledged');
  {
    const task = await taskOf('ho-in', handover.processInstanceKey, 'Acknowledge the handover');
    const page = await newPage('en', 'phone');
    await signIn(page, 'ho-in');
    await page.goto(new URL(`tasks/${task.key}`, baseUrl).toString());
    await page.locator('[id$="-Field_acknowledgementNote"]').waitFor();
    await page.locator('[id$="-Field_acknowledgementNote"]').fill('Got it.');
    await shot(page, 'handover-acknowledge-en-phone');
    await complete(page);
    await eventually('the record acknowledged', async () => {
      const record = await call('GET', `api/oncall/handovers/${handover.id}`, { auth: basic('ho-in', PASSWORD) });
      return record.status === 200 && record.body.status === 'acknowledged' && record.body.writtenBy === 'ho-out';
    });
    await page.goto(new URL(`handover?id=${handover.id}`, baseUrl).toString());
    await page.getByTestId('handover-detail').waitFor();
    await page.getByTestId('handover-written').filter({ hasText: 'ho-out' }).waitFor();
    await page.getByTestId('handover-acknowledged').filter({ hasText: 'ho-in' }).waitFor();
    await shot(page, 'handover-record-en-phone');
    await page.keyboard.press('Escape');
    await page.getByTestId('handover-detail').waitFor({ state: 'hidden' });
    await signOut(page, 'en');
    await page.context().close();
  }

  await pass(`handover scenario, handover ${handover.id} at ${baseUrl}`);
} catch (error) {
  await fail(error);
}

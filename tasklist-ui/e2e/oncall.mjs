// Browser acceptance test of on-call schedules, driven by playwright-core and the system Chromium
// against the packaged application (see people.mjs and lib.mjs for the settings).
//
// Scenario: a team manager creates a schedule with a rotation, adds an override, and sees it in the
// final schedule; a member sees the schedule and their shifts on a phone.
//   setup (API, HTTP Basic as admin): group e2e-oncall; users oc-manager (manager of e2e-oncall),
//     oc-ann and oc-bob (members). Existing ones are kept.
//   oc-manager (Chinese, laptop) opens 值班 from the menu, creates the schedule "E2E <run>" of
//     e2e-oncall in Asia/Shanghai, adds a weekly layer (oc-ann, oc-bob; hand-off 09:00 from today)
//     and sees it drawn with the gap before the first hand-off in red; adds an override (oc-bob,
//     tomorrow 10:00-14:00) and sees it over the rotation in the final schedule; the API's final
//     schedule agrees.
//   oc-manager then creates an escalation policy on the policies tab: level 1 the new schedule,
//     level 2 oc-manager after 15 minutes; the API returns it as entered.
//   oc-bob (English, phone) sees the schedule, the override's shift among his shifts, and the policy.
//   Screenshots (target/e2e/oncall-*.png): the schedule list, the empty schedule, the layer dialog,
//     the rotation, the override dialog, the final schedule with the override, the policy dialog,
//     the policies (zh desktop, en phone), bob's shifts.
//
// Exits 0 on success, 1 with a message on any failure; runs again against the same application.
import { mkdir } from 'node:fs/promises';
import {
  adminPassword, baseUrl, outDir,
  basic, call, check, eventually, fail, launch, newPage, pass, shot, signIn as signInAs, signOut, step,
} from './lib.mjs';

const PASSWORD = 'Oncall-e2e-2026!';
const TEAM = 'e2e-oncall';
const ZONE = 'Asia/Shanghai';
const signIn = (page, username) => signInAs(page, username, { password: PASSWORD });

/** Created, or there from an earlier run (409, or 400 naming the taken name). */
function createdOrThere(response) {
  if ([200, 201, 409].includes(response.status)) return true;
  return response.status === 400 && (response.body?.errors ?? []).some((error) => error.field === 'name' && /taken|exists/i.test(error.reason));
}

async function ensureUser(admin, user) {
  const payload = { ...user, password: PASSWORD, enabled: true, email: `${user.username}@example.org` };
  const created = await call('POST', 'api/admin/users', { auth: admin, json: payload });
  if (created.status === 201 || created.status === 200) return;
  check(created.status === 409 || created.status === 400, `creating ${user.username}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const updated = await call('PUT', `api/admin/users/${user.username}`, { auth: admin, json: payload });
  check(updated.status === 200, `updating ${user.username}: HTTP ${updated.status} ${JSON.stringify(updated.body)}`);
}

/** "YYYY-MM-DD" of today (plus days) in the schedule's zone. */
function localDate(days = 0) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = parts.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

/** The instant of a Shanghai wall-clock time (UTC+8 all year). */
const shanghai = (date, time) => new Date(`${date}T${time}:00+08:00`).toISOString();

async function saveDialog(page) {
  await page.locator('.ant-modal-footer .ant-btn-primary').last().click();
}

try {
  check(adminPassword, 'E2E_ADMIN_PASSWORD is not set (the administrator password given to the application)');
  await mkdir(outDir, { recursive: true });
  const admin = basic('admin', adminPassword);

  step(`application at ${baseUrl}`);
  await eventually('health UP', async () => (await call('GET', 'actuator/health')).body?.status === 'UP');

  step(`setup: group ${TEAM}, oc-manager, oc-ann and oc-bob`);
  const group = await call('POST', 'api/admin/groups', { auth: admin, json: { name: TEAM, displayName: 'E2E 值班团队 On-call team' } });
  check(createdOrThere(group), `creating group ${TEAM}: HTTP ${group.status} ${JSON.stringify(group.body)}`);
  await ensureUser(admin, { username: 'oc-manager', displayName: '值班经理 On-call manager', groups: [TEAM], managedGroups: [TEAM] });
  await ensureUser(admin, { username: 'oc-ann', displayName: '安 Ann', groups: [TEAM], managedGroups: [] });
  await ensureUser(admin, { username: 'oc-bob', displayName: '鲍勃 Bob', groups: [TEAM], managedGroups: [] });
  const run = Date.now().toString(36).toUpperCase();
  const policyId = `e2e-${run.toLowerCase()}`;
  const name = `E2E ${run} 一线值班`;
  const today = localDate(0);
  const tomorrow = localDate(1);

  await launch('oncall');

  step('oc-manager: creates a schedule with a weekly rotation');
  let scheduleId;
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'oc-manager');
    await page.getByTestId('main-menu').getByText('值班', { exact: true }).click();
    await page.waitForURL(/\/oncall$/);
    await page.getByTestId('new-schedule').click();
    await page.getByTestId('schedule-name').fill(name);
    await page.getByTestId('schedule-team').fill(TEAM);
    await page.getByTestId('schedule-zone').fill(ZONE);
    await saveDialog(page);
    await page.waitForURL(/\/oncall\/schedules\/\d+/);
    scheduleId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('schedule-title').filter({ hasText: name }).waitFor();
    await shot(page, 'oncall-schedule-empty-zh-desktop');

    await page.getByTestId('add-layer').click();
    await page.getByTestId('layer-name').fill('主轮值 Primary');
    const members = page.getByTestId('layer-members').locator('input');
    await members.fill('oc-ann');
    await members.press('Enter');
    await members.fill('oc-bob');
    await members.press('Enter');
    await page.getByTestId('layer-handoff').fill('09:00');
    await page.getByTestId('layer-start').fill(today);
    await shot(page, 'oncall-layer-dialog-zh-desktop');
    await saveDialog(page);
    await page.getByTestId('final-track').getByTestId('final-bar').first().waitFor();
    const users = await page.getByTestId('final-track').getByTestId('final-bar').evaluateAll((bars) => bars.map((bar) => bar.dataset.user));
    check(users.includes('oc-ann') && users.includes('oc-bob') === false, `the first week is oc-ann's: ${users}`);
    // nobody before the first hand-off at 09:00 today: a gap, in red
    await page.getByTestId('final-track').getByTestId('final-gap').first().waitFor();
    await page.getByTestId('gap-alert').waitFor();
    await shot(page, 'oncall-rotation-zh-desktop');

    step('oc-manager: adds an override for oc-bob tomorrow 10:00-14:00 and sees it in the final schedule');
    await page.getByTestId('add-override').click();
    await page.getByTestId('range-user').fill('oc-bob');
    await page.getByTestId('range-start').fill(`${tomorrow} 10:00`);
    await page.getByTestId('range-end').fill(`${tomorrow} 14:00`);
    await shot(page, 'oncall-override-dialog-zh-desktop');
    await saveDialog(page);
    await page.getByTestId('final-track').locator('[data-testid=final-bar][data-user=oc-bob][data-source=override]').waitFor();
    await page.getByTestId('override-track').locator('[data-user=oc-bob]').waitFor();
    await page.getByTestId('override-table').getByText('oc-bob', { exact: true }).waitFor();
    await shot(page, 'oncall-final-with-override-zh-desktop');

    step('oc-manager: an escalation policy pages the schedule first, then the manager');
    await page.goto(new URL('oncall?tab=policies', baseUrl).toString());
    await page.getByTestId('new-policy').click();
    await page.getByTestId('policy-id').fill(policyId);
    await page.getByTestId('policy-name').fill(`E2E ${run} 升级策略`);
    await page.getByTestId('policy-team').fill(TEAM);
    await page.getByTestId('policy-target-0-0').fill(String(scheduleId));
    await page.getByTestId('policy-add-level').click();
    await page.getByTestId('policy-type-1-0').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="人员"]').click();
    await page.getByTestId('policy-target-1-0').fill('oc-manager');
    await page.getByTestId('policy-minutes-1').fill('15');
    await shot(page, 'oncall-policy-dialog-zh-desktop');
    await saveDialog(page);
    await page.getByTestId(`policy-${policyId}`).waitFor();
    const row = page.locator('tr', { has: page.getByTestId(`policy-${policyId}`) });
    await row.getByTestId('policy-level-1').filter({ hasText: 'oc-manager' }).waitFor();
    await shot(page, 'oncall-policies-zh-desktop');
    const stored = await call('GET', `api/oncall/escalation-policies/${policyId}`, { auth: basic('oc-ann', PASSWORD) });
    check(stored.status === 200 && stored.body.levels.length === 2 && stored.body.levels[0].targets[0].id === String(scheduleId)
      && stored.body.levels[1].acknowledgeWithin === 'PT15M', `the policy as stored: ${JSON.stringify(stored.body)}`);
    await signOut(page, 'zh');
    await page.context().close();
  }

  step('API: the final schedule has oc-bob from the override, oc-ann around it');
  {
    const from = shanghai(tomorrow, '00:00');
    const to = shanghai(localDate(2), '00:00');
    const final = await call('GET', `api/oncall/schedules/${scheduleId}/final?from=${from}&to=${to}`, { auth: basic('oc-ann', PASSWORD) });
    check(final.status === 200, `final schedule: HTTP ${final.status} ${JSON.stringify(final.body)}`);
    const entries = final.body.entries.map((e) => `${e.user}/${e.source}@${e.start}`);
    const override = final.body.entries.find((e) => e.source === 'override');
    check(override?.user === 'oc-bob' && override.start === shanghai(tomorrow, '10:00').replace('.000Z', 'Z') && override.end === shanghai(tomorrow, '14:00').replace('.000Z', 'Z'),
      `the override is in the final schedule: ${entries}`);
    check(final.body.entries.filter((e) => e.source === 'layer').every((e) => e.user === 'oc-ann'), `oc-ann around it: ${entries}`);
  }

  step('oc-bob (phone): sees the schedule and the override among his shifts');
  {
    const page = await newPage('en', 'phone');
    await signIn(page, 'oc-bob');
    await page.goto(new URL(`oncall/schedules/${scheduleId}`, baseUrl).toString());
    await page.getByTestId('schedule-title').filter({ hasText: name }).waitFor();
    await page.getByTestId('final-track').locator('[data-user=oc-bob]').waitFor();
    await shot(page, 'oncall-schedule-en-phone');
    await page.goto(new URL('oncall/my', baseUrl).toString());
    await page.getByTestId('my-shifts').getByText(name).first().waitFor();
    await shot(page, 'oncall-my-shifts-en-phone');
    await page.goto(new URL('oncall?tab=policies', baseUrl).toString());
    await page.getByTestId(`policy-${policyId}`).waitFor();
    await shot(page, 'oncall-policies-en-phone');
    await signOut(page, 'en');
    await page.context().close();
  }

  await pass(`on-call scenario, schedule ${scheduleId} at ${baseUrl}`);
} catch (error) {
  await fail(error);
}

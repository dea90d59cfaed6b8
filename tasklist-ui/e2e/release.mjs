// Browser acceptance test of release management, driven by playwright-core and the system Chromium
// against the packaged application (see people.mjs and lib.mjs for the settings). Part of
// `npm run e2e` after the change scenario; on its own too (`node e2e/release.mjs`, same variables).
//
// Scenario: two canary releases of one service, each inside a standard change opened for it.
//   setup (API, HTTP Basic as admin): the group e2e-rel-sre; the users rel-manager
//     (release-managers), rel-changer (change-managers) and rel-sre (e2e-rel-sre); the service e2e-rel-shop (support
//     class, on call e2e-rel-sre). Existing ones are kept. rel-changer keeps the standard change
//     template e2e-rel-shop-deploy active for the service (a new version when it was retired or
//     changed).
//   The script serves, on 127.0.0.1 (ephemeral port), the deployment target of the releases (a
//     webhook: it records the X-Suoke-Event header and the JSON bodies: prepare, deploy, traffic
//     with its weight, scale-down, retire-previous) and the smoke probe (GET /smoke answers 200).
//     The releases have no analysis metrics, so no Prometheus is needed: each step's analysis is
//     successful without a query.
//   Release 1: requested through the API as a CI system would (the UI has no request form), with
//     no change: a standard change is opened from the template and booked into a window that opens
//     now. Strategy: canary 50 % (waits for a person), then 100 %. rel-manager (Chinese, laptop)
//     opens /releases, finds it, opens it: the page names its change, lists the two steps, and at
//     50 % says that it waits for a decision; promotes it; the release ends promoted at 100 %, the
//     traffic chart and the timeline show the steps; the webhook received the weights 50 then 100.
//     rel-manager follows the change link: the change's timeline shows the release started and
//     ended (kinds release-started and release-ended). rel-sre (e2e-rel-sre, the template's
//     implementers) verifies the change through the API; it closes successful.
//   Release 2: the same request; rel-manager (English, phone 390 px) opens it at the manual step and
//     rolls it back (confirming, with a reason that lands on the timeline): the release ends backed
//     out at weight 0 with a link to the incident it opened; the webhook's last word on it was
//     weight 0 (after scale-down); its change closes backed out.
//   The service is of class support: the incident a backed-out release opens (severity error) is
//     then a P2. On a core service it would be a P1, and an open P1 freezes the service's releases,
//     so the next run's first release would be refused.
//   Screenshots (target/e2e/release-*.png): the list, the release waiting at 50 % and promoted
//     (Chinese laptop), its change with the release on the timeline, the second release waiting,
//     the roll-back confirmation with its reason and the backed-out release (English phone), the
//     list on a phone (cards).
//
// Exits 0 on success, 1 with a message on any failure; runs again against the same application.
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import {
  adminPassword, baseUrl, outDir,
  basic, call, check, eventually, fail, launch, newPage, pass, shot, signIn as signInAs, signOut, step,
  createdOrThere, ensureGroup, ensureUser,
} from './lib.mjs';

const PASSWORD = 'Release-e2e-2026!';
const signIn = (page, username, options = {}) => signInAs(page, username, { password: PASSWORD, ...options });
const SERVICE = 'e2e-rel-shop';
const TEMPLATE = 'e2e-rel-shop-deploy';
const TEAM = 'e2e-rel-sre';
const USERS = [
  { username: 'rel-manager', displayName: '发布经理 Release manager', groups: ['release-managers'] },
  { username: 'rel-changer', displayName: '变更经理 Change manager', groups: ['change-managers'] },
  { username: 'rel-sre', displayName: '商城运维 Shop SRE', groups: [TEAM] },
];

async function ensureService(admin) {
  const service = {
    name: SERVICE,
    displayName: 'E2E 商城 Shop',
    serviceClass: 'support',
    ownerGroup: TEAM,
    tier1Group: TEAM,
    tier2Group: TEAM,
    tier3Group: TEAM,
  };
  const created = await call('POST', 'api/admin/services', { auth: admin, json: service });
  check(createdOrThere(created), `creating service ${SERVICE}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
}

/** The standard change template of the service, active (a new version if it was retired or changed). */
async function ensureTemplate() {
  const changer = basic('rel-changer', PASSWORD);
  const template = {
    key: TEMPLATE,
    title: '商城发布 / Shop release',
    description: 'A release of e2e-rel-shop through its canary pipeline.',
    service: SERVICE,
    implementerGroup: TEAM,
    durationMinutes: 60,
    steps: '1. canary 50 %\n2. promote to 100 %',
  };
  const created = await call('POST', 'api/changes/templates', { auth: changer, json: template });
  if (created.status === 201) return;
  check(created.status === 409, `creating template ${TEMPLATE}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const all = await call('GET', 'api/changes/templates', { auth: changer });
  check(all.status === 200, `templates: HTTP ${all.status}`);
  const current = all.body.find((t) => t.key === TEMPLATE);
  if (current?.active && current.service === SERVICE && current.implementerGroup === TEAM) return;
  const updated = await call('PUT', `api/changes/templates/${TEMPLATE}`, { auth: changer, json: template });
  check(updated.status === 200, `a new version of ${TEMPLATE}: HTTP ${updated.status} ${JSON.stringify(updated.body)}`);
}

// ---- the deployment target (webhook) and the smoke probe, on loopback -----------------------

/** What the webhook received, in order: {event (the X-Suoke-Event header), body}. */
const hooks = [];

function startTargetServer() {
  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/smoke') {
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('shop ok');
      return;
    }
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/hook') {
        response.writeHead(404).end();
        return;
      }
      try {
        hooks.push({ event: request.headers['x-suoke-event'], body: JSON.parse(text) });
        response.writeHead(204).end();
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve(server.address().port);
    });
  });
}

const hooksOf = (id) => hooks.filter((hook) => hook.body.releaseId === id);
const weightsOf = (id) => hooksOf(id).filter((hook) => hook.event === 'traffic').map((hook) => hook.body.weight);

// ---- releases through the API --------------------------------------------------------------

const manager = () => basic('rel-manager', PASSWORD);
const ROLLBACK_REASON = 'checkout errors up at 50 %';

/** Requests a release as a CI system would: no change named, a standard change is opened for it. */
async function requestRelease(port, run, n) {
  const response = await call('POST', 'api/releases', {
    auth: manager(),
    json: {
      service: SERVICE,
      title: `E2E ${run} 商城 3.${n} / shop 3.${n}`,
      stableVersion: `3.${n - 1}.0`,
      newVersion: `3.${n}.0-${run.toLowerCase()}`,
      strategy: { type: 'canary', steps: [{ setWeight: 50, manual: true }, { setWeight: 100 }] },
      target: { type: 'webhook', url: `http://127.0.0.1:${port}/hook` },
      probes: [{ url: `http://127.0.0.1:${port}/smoke`, expectStatus: 200, bodyContains: 'ok' }],
    },
  });
  check(response.status === 201, `requesting a release: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  const release = response.body.release;
  check(/^CHG-/.test(release.changeId ?? ''), `the release belongs to a change: ${JSON.stringify(release)}`);
  return release;
}

async function releaseNow(id) {
  const response = await call('GET', `api/releases/${id}`, { auth: manager() });
  check(response.status === 200, `GET /api/releases/${id}: HTTP ${response.status}`);
  return response.body;
}

const waitingAtFifty = (id) =>
  eventually(`${id} waits for a decision at 50 %`, async () => {
    const detail = await releaseNow(id);
    check(!['refused', 'backed-out', 'promoted'].includes(detail.release.status), `${id} ended ${detail.release.status}: ${JSON.stringify(detail.events)}`);
    return detail.awaitingDecision && detail.release.currentWeight === 50 ? detail : undefined;
  }, 90_000);

const ended = (id, status) =>
  eventually(`${id} ends ${status}`, async () => {
    const detail = await releaseNow(id);
    return detail.release.status === status ? detail : undefined;
  }, 90_000);

async function openRelease(page, id) {
  await page.goto(new URL(`releases/${id}`, baseUrl).toString(), { waitUntil: 'domcontentloaded' });
  await page.getByTestId('release-id').filter({ hasText: id }).waitFor();
}

/** The page shows the status (its polling reads it every few seconds). */
const showsStatus = (page, status) =>
  page.locator(`[data-testid="release-status"][data-status="${status}"]`).waitFor({ timeout: 60_000 });

try {
  check(adminPassword, 'E2E_ADMIN_PASSWORD is not set (the administrator password given to the application)');
  await mkdir(outDir, { recursive: true });
  const admin = basic('admin', adminPassword);

  step(`application at ${baseUrl}`);
  await eventually('health UP', async () => (await call('GET', 'actuator/health')).body?.status === 'UP');

  step('setup: the group, the users, the service e2e-rel-shop and its standard change template');
  await ensureGroup(admin, { name: TEAM, displayName: 'E2E 商城运维 Shop SRE' });
  for (const user of USERS) await ensureUser(admin, user, PASSWORD);
  await ensureService(admin);
  await ensureTemplate();
  const port = await startTargetServer();
  step(`the webhook target and the smoke probe listen on 127.0.0.1:${port}`);
  const run = Date.now().toString(36).toUpperCase();

  await launch('release');

  // -- release 1: requested by CI, promoted by the release manager at the manual step
  const first = await requestRelease(port, run, 1);
  step(`release ${first.id} requested (change ${first.changeId}); it shifts 50 % and waits`);
  await waitingAtFifty(first.id);
  check(JSON.stringify(weightsOf(first.id)) === '[50]', `the webhook got the weight 50: ${JSON.stringify(weightsOf(first.id))}`);
  const preparing = hooksOf(first.id).map((hook) => hook.event);
  check(preparing[0] === 'prepare' && preparing[1] === 'deploy', `prepare and deploy come first: ${preparing.join(', ')}`);

  step('rel-manager (Chinese, laptop): the list, the release waiting at 50 %, promotes it');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'rel-manager');
    await page.goto(new URL('releases', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    const row = page.getByTestId(`release-row-${first.id}`);
    await row.waitFor();
    await row.getByText('金丝雀').waitFor();
    await shot(page, 'release-list-zh-desktop');
    await row.getByRole('link', { name: first.id }).click();
    await page.waitForURL(new RegExp(`/releases/${first.id}$`));
    await page.getByTestId('release-id').filter({ hasText: first.id }).waitFor();
    await page.getByTestId('release-change').filter({ hasText: first.changeId }).waitFor();
    await page.getByTestId('release-step-0').filter({ hasText: '50 %' }).filter({ hasText: '等待人工' }).waitFor();
    await page.getByTestId('release-step-1').filter({ hasText: '100 %' }).waitFor();
    await page.getByTestId('release-awaiting').waitFor();
    await page.getByTestId('release-weight').filter({ hasText: '50 %' }).waitFor();
    await shot(page, 'release-awaiting-zh-desktop');

    const promoted = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/promote'));
    await page.getByTestId('release-promote').click();
    check((await promoted).status() === 200, 'promote answered 200');
    const done = await ended(first.id, 'promoted');
    check(done.release.currentWeight === 100, `promoted at ${done.release.currentWeight} %`);
    check(done.events.some((e) => e.kind === 'promoted-by-person' && e.actor === 'rel-manager'), `the timeline names the promoter: ${JSON.stringify(done.events)}`);
    await showsStatus(page, 'promoted');
    await page.getByTestId('release-weight').filter({ hasText: '100 %' }).waitFor();
    await page.getByTestId('release-awaiting').waitFor({ state: 'detached' });
    await page.getByTestId('release-step-1').filter({ hasText: '已完成' }).waitFor();
    await page.getByTestId('release-weight-chart').locator('svg').waitFor();
    await page.getByTestId('release-timeline').getByText('rel-manager').first().waitFor();
    await page.getByTestId('release-timeline').getByText('已全量').first().waitFor();
    check((await page.getByTestId('release-promote').count()) === 0, 'no promote button on a promoted release');
    await shot(page, 'release-promoted-zh-desktop');
    // the step sets 100 %, the confirmation sets it again; then the stable version is retired
    const weights = await eventually('the webhook got 50, then 100, and the previous version retired', async () => {
      const changes = weightsOf(first.id).filter((weight, i, all) => i === 0 || weight !== all[i - 1]);
      check(JSON.stringify(changes) === '[50,100]' && hooksOf(first.id).at(-1)?.event === 'retire-previous',
        `the webhook got ${JSON.stringify(hooksOf(first.id))}`);
      return weightsOf(first.id);
    });
    step(`the webhook got ${hooksOf(first.id).map((h) => `${h.event}${h.event === 'traffic' ? ` ${h.body.weight}` : ''}`).join(', ')} (traffic ${weights.join(', ')})`);

    step(`the change ${first.changeId} shows the release on its timeline`);
    const change = await eventually('the change has the release started and ended', async () => {
      const response = await call('GET', `api/changes/${first.changeId}`, { auth: manager() });
      check(response.status === 200, `GET /api/changes/${first.changeId}: HTTP ${response.status}`);
      const kinds = response.body.timeline.map((e) => e.kind);
      return kinds.includes('release-started') && kinds.includes('release-ended') ? response.body : undefined;
    }, 60_000);
    check(change.change.changeType === 'standard', `the change opened for the release is standard: ${change.change.changeType}`);
    await page.getByTestId('release-change').click();
    await page.waitForURL(new RegExp(`/changes/${first.changeId}$`));
    await page.getByTestId('change-title').waitFor();
    const timeline = page.getByTestId('change-timeline');
    await timeline.getByText(`发布 ${first.id} 在窗口内开始`).waitFor();
    await timeline.getByText(`发布 ${first.id} 结束：成功`).waitFor();
    await shot(page, 'release-change-zh-desktop');
    await signOut(page, 'zh');
    await page.context().close();

    // the release ended the implementation: the team verifies the change, which closes successful
    const sre = basic('rel-sre', PASSWORD);
    const verify = await eventually('the change waits for its verification', async () => {
      const response = await call('GET', `api/changes/${first.changeId}`, { auth: sre });
      return response.body?.openTasks?.find((task) => task.elementId === 'VerifyChange');
    });
    const claimed = await call('POST', `api/tasks/${verify.key}/claim`, { auth: sre });
    check(claimed.status === 204, `claiming the verification: HTTP ${claimed.status} ${JSON.stringify(claimed.body)}`);
    const verified = await call('POST', `api/tasks/${verify.key}/complete`, {
      auth: sre,
      json: { variables: { closeCode: 'successful', verificationNotes: `${first.id}: 100 % on ${first.newVersion}, orders normal` } },
    });
    check(verified.status === 204, `verifying the change: HTTP ${verified.status} ${JSON.stringify(verified.body)}`);
    const closed = await eventually('the change closes successful', async () => {
      const response = await call('GET', `api/changes/${first.changeId}`, { auth: sre });
      return response.body?.change?.status === 'closed' ? response.body.change : undefined;
    });
    check(closed.closeCode === 'successful', `the change closed ${closed.closeCode}`);
    step(`rel-sre verified ${first.changeId}: closed successful`);
  }

  // -- release 2: rolled back at the manual step on a phone
  const second = await requestRelease(port, run, 2);
  step(`release ${second.id} requested (change ${second.changeId}); rel-manager (English, phone) rolls it back at 50 %`);
  await waitingAtFifty(second.id);
  {
    const page = await newPage('en', 'phone');
    await signIn(page, 'rel-manager');
    await openRelease(page, second.id);
    await page.getByTestId('release-awaiting').waitFor();
    await page.getByTestId('release-step-0').filter({ hasText: 'waits for a person' }).waitFor();
    await shot(page, 'release-awaiting-en-phone');
    await page.getByTestId('release-rollback').click();
    const confirm = page.locator('.ant-popover').filter({ hasText: `Roll back ${second.id}?` });
    await confirm.waitFor();
    await confirm.getByTestId('release-rollback-reason').fill(ROLLBACK_REASON);
    await shot(page, 'release-rollback-confirm-en-phone');
    const rolledBack = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith('/rollback'));
    await confirm.getByRole('button', { name: 'OK' }).click();
    check((await rolledBack).status() === 200, 'roll back answered 200');
    const done = await ended(second.id, 'backed-out');
    check(done.release.currentWeight === 0, `backed out at ${done.release.currentWeight} %`);
    check(/^INC-/.test(done.release.incidentNumber ?? ''), `an incident was opened: ${done.release.incidentNumber}`);
    check(done.traffic.map((t) => t.action).join(',') === 'applied,undone', `the step was undone: ${JSON.stringify(done.traffic)}`);
    check(done.events.some((e) => e.kind === 'rollback-requested' && e.actor === 'rel-manager' && e.note === ROLLBACK_REASON),
      `the timeline has the roll-back with its reason: ${JSON.stringify(done.events)}`);
    await showsStatus(page, 'backed-out');
    await page.getByTestId('release-weight').filter({ hasText: '0 %' }).waitFor();
    const incident = page.getByTestId('release-incident');
    await incident.filter({ hasText: done.release.incidentNumber }).waitFor();
    check((await incident.getAttribute('href'))?.endsWith(`/incidents/${done.release.incidentNumber}`), 'the incident link opens the incident');
    await page.getByTestId('release-step-0').filter({ hasText: 'undone' }).waitFor();
    await page.getByTestId('release-timeline').getByText(ROLLBACK_REASON).waitFor();
    await shot(page, 'release-backed-out-en-phone');
    const last = await eventually('the webhook ends on weight 0', async () => {
      const events = hooksOf(second.id);
      const tail = events.at(-1);
      return events.some((h) => h.event === 'scale-down') && tail?.body.weight === 0 ? events : undefined;
    });
    check(weightsOf(second.id)[0] === 50, `the first traffic change was 50: ${JSON.stringify(weightsOf(second.id))}`);
    step(`the webhook got ${last.map((h) => `${h.event}${h.body.weight === null ? '' : ` ${h.body.weight}`}`).join(', ')}`);
    const change = await eventually('the second change closes backed out', async () => {
      const response = await call('GET', `api/changes/${second.changeId}`, { auth: manager() });
      return response.body?.change?.status === 'closed' ? response.body.change : undefined;
    }, 60_000);
    check(change.closeCode === 'backed-out', `the change closed ${change.closeCode}`);

    await page.goto(new URL('releases', baseUrl).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByTestId(`release-row-${second.id}`).filter({ hasText: 'Backed out' }).waitFor();
    await page.getByTestId(`release-row-${first.id}`).filter({ hasText: 'Promoted' }).waitFor();
    await shot(page, 'release-list-en-phone');
    await signOut(page, 'en');
    await page.context().close();
  }

  await pass(`release ${first.id} promoted at the manual step (change ${first.changeId}), release ${second.id} rolled back with an incident`);
} catch (error) {
  await fail(error);
}

// Browser acceptance test of the designers' and operators' pages, driven by playwright-core and
// the system Chromium against the packaged application (see people.mjs and lib.mjs for the
// settings: BASE_URL, E2E_ADMIN_PASSWORD, CHROMIUM_PATH). Not part of `npm run e2e`.
//
// Scenario:
//   setup (API, HTTP Basic as admin): users ops-designer (process-designers), ops-operator
//     (operators) and ops-responder (tier1-oncall). The designer deploys a small process
//     e2e-operate-repair (start, a gateway deciding on `amount`, a user task, end) and the operator
//     starts an instance without `amount`: the gateway has an incident.
//   ops-designer (Chinese, laptop) opens the incident process from the model library in the
//     modeler, changes the status update timer to an invalid expression, validates and sees the
//     error on the timer in the diagram, fixes the expression, validates, deploys: a new version.
//   ops-operator (English, laptop) filters the instances with an incident by business key, opens
//     the instance, sees the incident on the diagram with its message, sets `amount`, retries;
//     the instance continues to the user task (marked running on the diagram). The same instance
//     page and the list on a phone. The designer deploys a version whose user task is `triage`;
//     the operator migrates the instance to it (review mapped to triage) from the instance page,
//     then starts three more instances and cancels them with a batch operation over the list's
//     filter (business key), watching its progress reach 3 of 3.
//   ops-responder sees neither page: the API answers 403 and the UI does not offer them.
//   Screenshots: target/e2e/operate-*.png.
//
// Exits 0 on success, 1 with a message on any failure; runs again against the same application.
import { mkdir } from 'node:fs/promises';
import {
  adminPassword, baseUrl, outDir,
  basic, call, check, eventually, fail, launch, newPage, pass, shot, signIn as signInAs, signOut, step,
  ensureUser,
} from './lib.mjs';

const PASSWORD = 'Operate-e2e-2026!';
const signIn = (page, username) => signInAs(page, username, { password: PASSWORD });
const USERS = [
  { username: 'ops-designer', displayName: '流程设计 Designer', groups: ['process-designers'] },
  { username: 'ops-operator', displayName: '运维 Operator', groups: ['operators'] },
  { username: 'ops-responder', displayName: '一线 Responder', groups: ['tier1-oncall'] },
];
const REPAIR = 'e2e-operate-repair';
const REPAIR_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="${REPAIR}" name="E2E repair" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gate" />
    <bpmn:exclusiveGateway id="gate" name="Amount?"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>big</bpmn:outgoing><bpmn:outgoing>small</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:sequenceFlow id="big" sourceRef="gate" targetRef="review"><bpmn:conditionExpression>=amount &gt; 10</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="small" sourceRef="gate" targetRef="end"><bpmn:conditionExpression>=amount &lt;= 10</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:userTask id="review" name="Review"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="operators" /></bpmn:extensionElements><bpmn:incoming>big</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming><bpmn:incoming>small</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="${REPAIR}">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="152" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="gate_di" bpmnElement="gate" isMarkerVisible="true"><dc:Bounds x="245" y="95" width="50" height="50" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="350" y="80" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="512" y="102" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="188" y="120" /><di:waypoint x="245" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="big_di" bpmnElement="big"><di:waypoint x="295" y="120" /><di:waypoint x="350" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="450" y="120" /><di:waypoint x="512" y="120" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="small_di" bpmnElement="small"><di:waypoint x="270" y="145" /><di:waypoint x="270" y="200" /><di:waypoint x="530" y="200" /><di:waypoint x="530" y="138" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>
`;

/** The repair process's second version: the user task is now "triage". */
const TRIAGE_BPMN = REPAIR_BPMN.replaceAll('review', 'triage').replace('name="Review"', 'name="Triage"');

async function deployRepairProcess(auth, xml = REPAIR_BPMN) {
  const form = new FormData();
  form.append('resources', new Blob([xml], { type: 'application/octet-stream' }), `${REPAIR}.bpmn`);
  const response = await fetch(new URL('api/models/deploy', baseUrl), { method: 'POST', headers: { Authorization: auth }, body: form });
  check(response.status === 200, `deploying ${REPAIR}: HTTP ${response.status} ${await response.text()}`);
}

/** Types into the properties panel's FEEL editor of an entry (a CodeMirror editor), replacing its text. */
async function setFeel(page, elementId, entryId, text) {
  await page.locator(`.djs-element[data-element-id="${elementId}"] .djs-hit`).first().click({ force: true });
  const entry = page.locator(`[data-entry-id="${entryId}"]`).first();
  if (!(await entry.isVisible())) {
    await page.locator('[data-group-id="group-timer"] .bio-properties-panel-group-header').click();
    await entry.waitFor({ state: 'visible' });
  }
  const editor = page.locator(`[data-entry-id="${entryId}"] .cm-content`).first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  // typing replaces the selection; an emptied FEEL editor would switch back to a plain value
  await page.keyboard.type(text.replace(/^=/, ''));
  await page.locator('[data-testid=bpmn-modeler] .djs-container').click({ position: { x: 5, y: 5 } });
}

try {
  check(adminPassword, 'E2E_ADMIN_PASSWORD is required');
  await mkdir(outDir, { recursive: true });
  await launch('operate');
  const admin = basic('admin', adminPassword);

  step('setup: users, the repair process, an instance with an incident');
  for (const user of USERS) await ensureUser(admin, user, PASSWORD);
  const designerAuth = basic('ops-designer', PASSWORD);
  const operatorAuth = basic('ops-operator', PASSWORD);
  await deployRepairProcess(designerAuth);
  const businessKey = `E2E-OPS-${Date.now()}`;
  const started = await call('POST', 'api/process-instances', { auth: operatorAuth, json: { processDefinitionId: REPAIR, variables: { businessKey } } });
  check(started.status === 201, `starting ${REPAIR}: HTTP ${started.status} ${JSON.stringify(started.body)}`);
  const instanceKey = started.body.processInstanceKey;
  await eventually('the instance has its incident', async () => {
    const detail = await call('GET', `api/operations/instances/${instanceKey}`, { auth: operatorAuth });
    return detail.status === 200 && detail.body.incidents.some((i) => i.state === 'ACTIVE');
  });
  const versionsBefore = (await call('GET', 'api/models', { auth: designerAuth })).body.find((m) => m.kind === 'process' && m.id === 'incident-management').versions[0].version;

  // -- the designer: open, break, see, fix, deploy
  step('ops-designer: edit the incident process timer, see the validation error on the diagram, fix, deploy');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'ops-designer');
    await page.goto(new URL('models', baseUrl).toString());
    await page.getByTestId('model-incident-management').waitFor();
    await shot(page, 'operate-library-zh-desktop');
    await page.getByTestId('edit-incident-management').click();
    await page.waitForURL(/\/models\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid=bpmn-modeler] .djs-element[data-element-id="StatusUpdateDue"]').waitFor();
    check(await page.locator('.bjs-powered-by').count() === 1, 'the bpmn.io watermark is shown');
    await setFeel(page, 'StatusUpdateDue', 'timerEventDefinitionValue', '=statusUpdateCycle +');
    await page.getByTestId('validate-draft').click();
    await page.locator('[data-testid=validation-result][data-valid=false]').waitFor();
    await page.getByTestId('problem-StatusUpdateDue').waitFor();
    check(await page.locator('.djs-element.suoke-bpmn-error[data-element-id="StatusUpdateDue"]').count() === 1, 'the timer is marked on the diagram');
    await shot(page, 'operate-validation-error-zh-desktop');
    await setFeel(page, 'StatusUpdateDue', 'timerEventDefinitionValue', '=if statusUpdateCycle = null then "R/PT45M" else statusUpdateCycle');
    await page.getByTestId('validate-draft').click();
    await page.locator('[data-testid=validation-result][data-valid=true]').waitFor();
    check(await page.getByTestId('problem-StatusUpdateDue').count() === 0, 'the marker is gone once valid');
    // the deploy button must be idle (a loading antd button ignores clicks); the confirmation's OK
    // is clicked again if no request follows (a click during its opening motion can be lost; a
    // second click on an OK already at work is ignored by the confirmation)
    const confirmOk = page.locator('.ant-popconfirm:visible .ant-btn-primary');
    for (let attempt = 1; ; attempt++) {
      if (!(await confirmOk.isVisible())) await page.locator('[data-testid=deploy-draft]:not(.ant-btn-loading)').click();
      const saving = page.waitForRequest((r) => r.method() === 'PUT' && /\/api\/models\/drafts\/[0-9a-f-]{36}$/.test(r.url()), { timeout: 5_000 });
      await confirmOk.click();
      if (await saving.then(() => true, () => false)) break;
      check(attempt < 3, 'confirming the deployment sends the draft');
    }
    // the engine validates and transforms the whole process; the server gives a deployment two minutes
    const outcome = page.locator('.ant-message-success, .ant-message-error').first();
    await outcome.waitFor({ timeout: 120_000 });
    check(await page.locator('.ant-message-success').count() > 0, `deploying the draft: ${await outcome.textContent()}`);
    await shot(page, 'operate-deployed-zh-desktop');
    const deployed = await eventually('a new version of the incident process', async () => {
      const models = await call('GET', 'api/models', { auth: designerAuth });
      const latest = models.body.find((m) => m.kind === 'process' && m.id === 'incident-management').versions[0];
      return latest.version > versionsBefore && latest.deployedBy === 'ops-designer' ? latest : undefined;
    });
    const xml = await (await fetch(new URL(`api/models/process/incident-management/versions/${deployed.version}/content`, baseUrl), { headers: { Authorization: designerAuth } })).text();
    check(xml.includes('R/PT45M'), 'the deployed version has the changed timer');
    await page.goto(new URL('models', baseUrl).toString());
    await page.getByTestId('model-incident-management').waitFor();
    await signOut(page, 'zh');
    await page.context().close();
  }

  // -- the operator: find, see, fix, retry
  step('ops-operator: find the instance with an incident, fix the variable, retry; the instance continues');
  {
    const page = await newPage('en', 'desktop');
    await signIn(page, 'ops-operator');
    await page.goto(new URL(`operations?withIncident=true&businessKey=${businessKey}`, baseUrl).toString());
    await page.getByTestId(`instance-${instanceKey}`).waitFor();
    await shot(page, 'operate-instances-en-desktop');
    await page.getByTestId(`instance-${instanceKey}`).click();
    await page.waitForURL(new RegExp(`/operations/instances/${instanceKey}$`));
    await page.locator('[data-testid=instance-diagram][data-state=shown]').waitFor();
    check(await page.locator('.djs-element.suoke-ops-incident[data-element-id="gate"]').count() === 1, 'the gateway is marked with the incident');
    check(await page.locator('.djs-element.suoke-ops-completed[data-element-id="start"]').count() === 1, 'the start event is marked completed');
    await page.getByTestId('incident-message-gate').waitFor();
    await shot(page, 'operate-incident-en-desktop');
    await page.getByText('Add variable').click();
    await page.getByTestId('variable-name').fill('amount');
    await page.getByTestId('variable-value').fill('20');
    await page.getByTestId('reason').fill('the alert had no amount');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByTestId('variable-amount').waitFor();
    await page.getByTestId('retry-gate').click();
    await page.getByTestId('reason').fill('amount set, evaluate the gateway again');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually('the instance continued to the review', async () => {
      await page.reload();
      await page.locator('[data-testid=instance-diagram][data-state=shown]').waitFor();
      return (await page.locator('.djs-element.suoke-ops-active[data-element-id="review"]').count()) === 1
        && (await page.locator('.djs-element.suoke-ops-incident').count()) === 0;
    });
    await shot(page, 'operate-continued-en-desktop');
    const audit = await call('GET', `api/operations/instances/${instanceKey}/variable-history`, { auth: operatorAuth });
    check(audit.body.some((c) => c.name === 'amount' && c.actor === 'ops-operator'), `the edit is in the history: ${JSON.stringify(audit.body)}`);
    await signOut(page, 'en');
    await page.context().close();
  }
  step('ops-operator: migrate the instance to the version with triage; a batch cancels three more');
  {
    await deployRepairProcess(designerAuth, TRIAGE_BPMN);
    const definitions = (await call('GET', 'api/operations/definitions', { auth: operatorAuth })).body
      .filter((d) => d.processDefinitionId === REPAIR);
    const target = definitions.reduce((a, b) => (a.version > b.version ? a : b));
    const page = await newPage('en', 'desktop');
    await signIn(page, 'ops-operator');
    await page.goto(new URL(`operations/instances/${instanceKey}`, baseUrl).toString());
    await page.locator('[data-testid=instance-diagram][data-state=shown]').waitFor();
    await page.getByTestId('migrate').click();
    check(await page.getByTestId('mapping-source-0').inputValue() === 'review', 'the running review is prefilled');
    await page.getByTestId('mapping-target-0').fill('triage');
    await page.getByTestId('migration-target').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${REPAIR} v${target.version}"]`).click();
    await page.getByTestId('reason').fill('the review step is now triage');
    await shot(page, 'operate-migrate-en-desktop');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await eventually('the instance runs triage on the new version', async () => {
      await page.reload();
      await page.locator('[data-testid=instance-diagram][data-state=shown]').waitFor();
      return (await page.locator('.djs-element.suoke-ops-active[data-element-id="triage"]').count()) === 1;
    });
    const migrated = await call('GET', `api/operations/instances/${instanceKey}`, { auth: operatorAuth });
    check(migrated.body.instance.version === target.version, `the instance is on v${target.version}: ${migrated.body.instance.version}`);
    await shot(page, 'operate-migrated-en-desktop');

    const batchKey = `E2E-BATCH-${Date.now()}`;
    for (let i = 0; i < 3; i++) {
      const more = await call('POST', 'api/process-instances', { auth: operatorAuth, json: { processDefinitionId: REPAIR, variables: { businessKey: batchKey, amount: 20 } } });
      check(more.status === 201, `starting ${REPAIR}: HTTP ${more.status}`);
    }
    await page.goto(new URL(`operations?processDefinitionId=${REPAIR}&businessKey=${batchKey}`, baseUrl).toString());
    await eventually('the three instances are listed', async () => {
      await page.reload();
      await page.getByTestId('instances-total').waitFor();
      return (await page.getByTestId('instances-total').innerText()).startsWith('3 ');
    });
    await page.getByTestId('start-batch').click();
    await page.getByTestId('batch-reason').fill('test instances of the scenario');
    await page.locator('#confirm-batch').click();
    const row = page.locator('[data-testid^="batch-"]').filter({ hasText: '3 done, 0 failed of 3' });
    await row.first().waitFor({ timeout: 60_000 });
    await shot(page, 'operate-batch-en-desktop');
    const left = await call('GET', `api/operations/instances?processDefinitionId=${REPAIR}&businessKey=${batchKey}&state=ACTIVE`, { auth: operatorAuth });
    check(left.body.total === 0, `no instance of the batch is still running: ${left.body.total}`);
    await signOut(page, 'en');
    await page.context().close();
  }
  {
    const page = await newPage('en', 'phone');
    await signIn(page, 'ops-operator');
    await page.goto(new URL(`operations/instances/${instanceKey}`, baseUrl).toString());
    await page.locator('[data-testid=instance-diagram][data-state=shown]').waitFor();
    await shot(page, 'operate-instance-en-phone');
    await page.goto(new URL('operations', baseUrl).toString());
    await page.getByTestId('instances-total').waitFor();
    await shot(page, 'operate-instances-en-phone');
    await page.context().close();
  }

  // -- the responder: neither page
  step('ops-responder: 403 from both APIs, neither page in the UI');
  {
    const page = await newPage('zh', 'desktop');
    await signIn(page, 'ops-responder');
    const statuses = await page.evaluate(async () => Promise.all(['/api/models', '/api/operations/instances', `/api/operations/definitions`]
      .map((path) => fetch(path, { headers: { 'X-Requested-With': 'XMLHttpRequest' } }).then((r) => r.status))));
    check(statuses.every((s) => s === 403), `the responder is refused: ${statuses}`);
    await page.goto(new URL('operations', baseUrl).toString());
    await page.waitForURL(/\/inbox/);
    await page.goto(new URL('models', baseUrl).toString());
    await page.waitForURL(/\/inbox/);
    check(await page.locator('a[href="/operations"], a[href="/models"]').count() === 0, 'no menu entries for the responder');
    await shot(page, 'operate-responder-zh-desktop');
    await page.context().close();
  }

  await pass(`operate scenario (instance ${instanceKey}) at ${baseUrl}`);
} catch (error) {
  await fail(error);
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { ME, eventStream, json, problem, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import { RequireAuth } from '../auth/session';
import IncidentPage from './IncidentPage';
import type { Action, IncidentDetail } from './incidentApi';
import { detail, minutesFromNow, sla } from './testData';

// antd's validation messages and dialogs animate in: slow on a busy build machine
configure({ asyncUtilTimeout: 5000 });

// bpmn-js draws with SVG measurements that jsdom lacks: a stand-in records what the page asks of it.
const viewers = vi.hoisted(() => [] as { xml?: string; markers: [string, string][]; zooms: unknown[]; destroyed: boolean; container: HTMLElement }[]);
vi.mock('bpmn-js/lib/NavigatedViewer', () => ({
  default: class {
    state: (typeof viewers)[number];
    constructor(options: { container: HTMLElement }) {
      this.state = { markers: [], zooms: [], destroyed: false, container: options.container };
      viewers.push(this.state);
    }
    async importXML(xml: string) {
      this.state.xml = xml;
      return { warnings: [] };
    }
    get(name: string) {
      if (name === 'canvas') {
        return {
          zoom: (level: unknown) => this.state.zooms.push(level),
          addMarker: (id: string, marker: string) => this.state.markers.push([id, marker]),
        };
      }
      return { get: (id: string) => (id === 'NotInThisVersion' ? undefined : { id }) };
    }
    destroy() {
      this.state.destroyed = true;
    }
  },
}));

beforeEach(() => {
  viewers.length = 0;
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const NUMBER = 'INC-20260302-0001';
const BASE = `/api/incidents/${NUMBER}`;
const DIAGRAM = {
  bpmnXml: '<definitions id="incident-management"/>',
  activeElementIds: ['Acknowledge', 'NotInThisVersion'],
  completedElementIds: ['StartEvent', 'ClassifyPriority'],
};

function incidentApi(incident: IncidentDetail | (() => IncidentDetail), extra: Record<string, unknown> = {}) {
  const stream = eventStream();
  const stub = stubApi({
    'GET /api/me': ME,
    'GET /api/incidents/events': () => stream.response(),
    [`GET ${BASE}`]: () => json(typeof incident === 'function' ? incident() : incident),
    [`GET ${BASE}/diagram`]: DIAGRAM,
    ...extra,
  });
  return { stub, stream };
}

const ok = () => new Response(null, { status: 204 });

function renderIncident(route = `/incidents/${NUMBER}`) {
  return renderPage(<IncidentPage />, { route, path: '/incidents/:number' });
}

async function openDialog(action: Action) {
  fireEvent.click(await screen.findByTestId(`action-${action}-button`));
  return screen.findByTestId('action-dialog');
}

describe('IncidentPage', () => {
  it('shows the incident: header, SLA clocks, roles, alerts, timeline newest first, open tasks, diagram', async () => {
    incidentApi(
      detail(NUMBER, {
        priority: 'P0',
        status: 'triaged',
        roles: { commander: 'tier2user', communicationsLead: 'tier1', scribe: null },
        timeline: [
          { at: '2026-03-02T02:00:00Z', actor: null, action: 'opened', summary: 'Opened from alert BookingErrors' },
          { at: '2026-03-02T02:00:00Z', actor: null, action: 'paged', summary: 'Paged tier1-oncall' },
          { at: '2026-03-02T02:03:00Z', actor: 'tier2user', action: 'note', summary: 'Looking at the database' },
        ],
        sla: [
          sla('handling', { goal: 'PT15M', paused: true, remainingMillis: 10 * 60_000 }),
          sla('response', { goal: 'PT5M', breached: true, remainingMillis: 0, breachTime: minutesFromNow(-2) }),
        ],
      }),
    );
    renderIncident();

    expect(await screen.findByTestId('incident-title')).toHaveTextContent(`Booking fails ${NUMBER}`);
    expect(screen.getByTestId('incident-number')).toHaveTextContent(NUMBER);
    expect(screen.getAllByTestId('priority-tag')[0]).toHaveTextContent('P0');
    expect(screen.getAllByTestId('status-tag')[0]).toHaveTextContent('Triaged');
    expect(screen.getByTestId('incident-description')).toHaveTextContent('Patients cannot book appointments since 09:55.');

    const response = screen.getByTestId('sla-card-response');
    expect(within(response).getByText('Response')).toBeInTheDocument();
    expect(within(response).getByText('5 min')).toBeInTheDocument();
    expect(within(response).getByTestId('sla-response')).toHaveAttribute('data-state', 'breached');
    expect(within(response).getByTestId('sla-response').textContent).toMatch(/^overdue 02:0\d$/);
    const handling = screen.getByTestId('sla-card-handling');
    expect(within(handling).getByText('15 min')).toBeInTheDocument();
    expect(within(handling).getByTestId('sla-handling')).toHaveTextContent('paused · 10:00 left');
    // response first, whatever the order of the answer
    expect(response.compareDocumentPosition(handling) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    const roles = screen.getByTestId('incident-roles');
    expect(within(roles).getByText('tier2user')).toBeInTheDocument();
    expect(within(roles).getByText('tier1 (me)')).toBeInTheDocument();

    const alerts = screen.getByTestId('incident-alerts');
    expect(within(alerts).getByText('Booking API error rate above 5 %')).toBeInTheDocument();
    expect(within(alerts).getByText('firing')).toBeInTheDocument();
    expect(within(alerts).getByText('alertname=BookingErrors')).toBeInTheDocument();
    expect(within(alerts).getByText('Open')).toHaveAttribute('href', 'http://prometheus.local/graph?g0.expr=up');

    const entries = screen.getAllByTestId('timeline-entry');
    expect(entries.map((entry) => entry.textContent)).toEqual([
      expect.stringContaining('tier2user') as unknown as string,
      expect.stringContaining('Paged tier1-oncall') as unknown as string,
      expect.stringContaining('Opened from alert BookingErrors') as unknown as string,
    ]);
    expect(entries[1]).toHaveTextContent('system');

    expect(screen.getByTestId('open-task-4503599627370497')).toHaveAttribute('href', '/tasks/4503599627370497');
    expect(within(screen.getByTestId('incident-tasks')).getByText('tier1-oncall')).toBeInTheDocument();

    const actions = screen.getByTestId('incident-actions');
    expect(within(actions).getAllByRole('button').map((button) => button.textContent)).toEqual([
      'Acknowledge',
      'Escalate',
      'Change priority',
      'Add a note',
      'Cancel as duplicate',
    ]);
    expect(screen.getByTestId('action-roles-button')).toBeInTheDocument();
    expect(screen.getByTestId('action-slaPause-button')).toBeInTheDocument();
    expect(screen.queryByTestId('action-slaResume-button')).not.toBeInTheDocument();

    // the process diagram, from the lazily loaded viewer
    // (the diagram's chunk loads on first use: slow on a busy machine)
    await waitFor(() => expect(screen.getByTestId('process-diagram')).toHaveAttribute('data-state', 'shown'), { timeout: 10_000 });
    expect(viewers).toHaveLength(1);
    expect(viewers[0].xml).toBe(DIAGRAM.bpmnXml);
    expect(viewers[0].zooms).toEqual(['fit-viewport']);
    expect(viewers[0].markers).toEqual([
      ['StartEvent', 'suoke-bpmn-completed'],
      ['ClassifyPriority', 'suoke-bpmn-completed'],
      ['Acknowledge', 'suoke-bpmn-active'],
    ]);
    expect(screen.getByTestId('process-diagram')).toContainElement(viewers[0].container);
    expect(screen.getByText('running now')).toBeInTheDocument();
  });

  it('suggests similar incidents and runbooks from the knowledge base', async () => {
    incidentApi(detail(NUMBER, { priority: 'P1', status: 'triaged' }), {
      [`GET ${BASE}/similar`]: {
        incidentNumber: NUMBER,
        service: 'booking',
        labelWords: ['BookingErrors'],
        incidents: [],
        runbooks: [{
          document: { id: 7, type: 'runbook', title: 'BookingErrors 处理手册', services: ['booking'], tags: [],
            incidentNumber: null, version: 1, updatedBy: 'a', updatedAt: '2026-11-05T02:00:00Z' },
          score: 1,
          highlights: {},
        }],
      },
    });
    renderIncident();
    const card = await screen.findByTestId('similar-documents');
    expect(within(card).getByRole('link', { name: 'BookingErrors 处理手册' })).toHaveAttribute('href', '/knowledge/7');
  });

  it('acknowledges after confirmation and reloads', async () => {
    let acknowledged = false;
    const { stub } = incidentApi(
      () => (acknowledged ? detail(NUMBER, { status: 'acknowledged', handler: 'tier1', actions: ['resolve', 'notes'] }) : detail(NUMBER)),
      { [`POST ${BASE}/acknowledge`]: () => ((acknowledged = true), ok()) },
    );
    renderIncident();
    const dialog = await openDialog('acknowledge');
    expect(within(dialog).getByText(/escalation stops and you become its handler/)).toBeInTheDocument();
    expect(stub.callsTo('POST', `${BASE}/acknowledge`)).toHaveLength(0);
    fireEvent.click(within(dialog).getByTestId('action-ok'));

    expect(await screen.findByText(`You acknowledged ${NUMBER}.`)).toBeInTheDocument();
    const [call] = stub.callsTo('POST', `${BASE}/acknowledge`);
    expect(JSON.parse(call.body!)).toEqual({});
    expect(call.headers['x-requested-with']).toBe('XMLHttpRequest');
    await waitFor(() => expect(screen.getAllByTestId('status-tag')[0]).toHaveTextContent('Acknowledged'));
    expect(screen.getByTestId('action-resolve-button')).toBeInTheDocument();
    expect(screen.queryByTestId('action-acknowledge-button')).not.toBeInTheDocument();
  });

  it('escalates with a reason, which it requires', async () => {
    const { stub } = incidentApi(detail(NUMBER), { [`POST ${BASE}/escalate`]: ok });
    renderIncident();
    const dialog = await openDialog('escalate');
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    expect(await within(dialog).findByText('Required')).toBeInTheDocument();
    expect(stub.callsTo('POST', `${BASE}/escalate`)).toHaveLength(0);

    fireEvent.change(within(dialog).getByTestId('action-reason'), { target: { value: ' Database expertise needed ' } });
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    await waitFor(() => expect(stub.callsTo('POST', `${BASE}/escalate`)).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', `${BASE}/escalate`)[0].body!)).toEqual({ reason: 'Database expertise needed' });
    expect(await screen.findByText(`${NUMBER} was escalated to the next tier.`)).toBeInTheDocument();
  });

  it('changes the priority with a reason, starting from the current one', async () => {
    const { stub } = incidentApi(detail(NUMBER, { priority: 'P2' }), { [`POST ${BASE}/priority`]: ok });
    renderIncident();
    const dialog = await openDialog('priority');
    await waitFor(() => expect(within(dialog).getByText(/^P2 · P2 medium/)).toBeInTheDocument());
    fireEvent.mouseDown(within(within(dialog).getByTestId('action-priority')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('P0 · P0 urgent: respond within 5 min, handle within 15 min'));
    fireEvent.change(within(dialog).getByTestId('action-reason'), { target: { value: 'All bookings fail' } });
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    await waitFor(() => expect(stub.callsTo('POST', `${BASE}/priority`)).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', `${BASE}/priority`)[0].body!)).toEqual({ priority: 'P0', reason: 'All bookings fail' });
  });

  it('resolves with the resolution form', async () => {
    const { stub } = incidentApi(detail(NUMBER, { status: 'acknowledged', actions: ['resolve'] }), { [`POST ${BASE}/resolve`]: ok });
    renderIncident();
    const dialog = await openDialog('resolve');
    fireEvent.click(within(dialog).getByText('Permanent fix'));
    fireEvent.change(within(dialog).getByTestId('action-resolutionSummary'), { target: { value: 'Rolled back release 2.3.1' } });
    fireEvent.click(within(dialog).getByTestId('action-reviewRequested'));
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    await waitFor(() => expect(stub.callsTo('POST', `${BASE}/resolve`)).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', `${BASE}/resolve`)[0].body!)).toEqual({
      resolutionType: 'permanent-fix',
      resolutionSummary: 'Rolled back release 2.3.1',
      reviewRequested: true,
    });
    expect(await screen.findByText(`${NUMBER} was resolved.`)).toBeInTheDocument();
  });

  it.each([
    ['notes', 'notes', 'action-text', 'Restarted the booking pods', { text: 'Restarted the booking pods' }],
    ['close', 'close', 'action-comment', 'Works again', { comment: 'Works again', satisfaction: null, satisfactionComment: null }],
    ['close', 'close', undefined, '', { comment: null, satisfaction: null, satisfactionComment: null }],
    ['reopen', 'reopen', 'action-reason', 'Fails again since 11:00', { reason: 'Fails again since 11:00' }],
    ['slaPause', 'sla/pause', 'action-reason', 'Waiting for the cloud provider', { reason: 'Waiting for the cloud provider' }],
    ['slaResume', 'sla/resume', undefined, '', {}],
  ] as [Action, string, string | undefined, string, unknown][])('%s posts to /%s', async (action, path, field, value, body) => {
    const { stub } = incidentApi(detail(NUMBER, { actions: [action] }), { [`POST ${BASE}/${path}`]: ok });
    renderIncident();
    const dialog = await openDialog(action);
    if (field) fireEvent.change(within(dialog).getByTestId(field), { target: { value } });
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    await waitFor(() => expect(stub.callsTo('POST', `${BASE}/${path}`)).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', `${BASE}/${path}`)[0].body!)).toEqual(body);
    await waitFor(() => expect(screen.queryByTestId('action-dialog')).not.toBeInTheDocument());
  });

  it('rates the resolution when closing, and records the outage, shown with the rating', async () => {
    const { stub } = incidentApi(
      detail(NUMBER, {
        actions: ['close', 'outage'],
        outage: { start: '2026-03-02T01:00:00Z', end: null, kind: 'partial' },
        satisfaction: { rating: 4, comment: 'Quick', ratedAt: '2026-03-02T03:00:00Z' },
      }),
      { [`POST ${BASE}/close`]: ok, [`PUT ${BASE}/outage`]: ok },
    );
    renderIncident();
    const card = await screen.findByTestId('incident-outage');
    expect(card).toHaveTextContent('Partial outage');
    expect(card).toHaveTextContent('ongoing');
    expect(card).toHaveTextContent('★★★★☆ Quick');

    let dialog = await openDialog('close');
    fireEvent.click(within(dialog).getByTestId('action-satisfaction').querySelectorAll('li.ant-rate-star > div')[3]);
    fireEvent.change(within(dialog).getByTestId('action-satisfactionComment'), { target: { value: 'Fast and clear' } });
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    await waitFor(() => expect(stub.callsTo('POST', `${BASE}/close`)).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', `${BASE}/close`)[0].body!)).toEqual({
      comment: null,
      satisfaction: 4,
      satisfactionComment: 'Fast and clear',
    });
    await waitFor(() => expect(screen.queryByTestId('action-dialog')).not.toBeInTheDocument());

    // the outage dialog starts from the recorded one; the end is set and the kind changed
    dialog = await openDialog('outage');
    const start = within(dialog).getByTestId('action-start');
    expect((start instanceof HTMLInputElement ? start : start.querySelector('input')!).value).not.toBe('');
    fireEvent.click(within(dialog).getByText('Full outage'));
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    await waitFor(() => expect(stub.callsTo('PUT', `${BASE}/outage`)).toHaveLength(1));
    const body = JSON.parse(stub.callsTo('PUT', `${BASE}/outage`)[0].body!);
    expect(body).toEqual({ start: '2026-03-02T01:00:00.000Z', end: null, kind: 'full' });
  });

  it('cancels as a duplicate: checks the number, shows the server’s field errors on the fields', async () => {
    const { stub } = incidentApi(detail(NUMBER), {
      [`POST ${BASE}/cancel`]: () => problem(400, 'Invalid', [{ field: 'duplicateOf', reason: 'no such incident: INC-20260302-0099' }]),
    });
    renderIncident();
    const dialog = await openDialog('cancel');
    fireEvent.change(within(dialog).getByTestId('action-duplicateOf'), { target: { value: '42' } });
    fireEvent.change(within(dialog).getByTestId('action-reason'), { target: { value: 'Same outage' } });
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    expect(await within(dialog).findByText('An incident number such as INC-20260101-0001')).toBeInTheDocument();
    expect(stub.callsTo('POST', `${BASE}/cancel`)).toHaveLength(0);

    fireEvent.change(within(dialog).getByTestId('action-duplicateOf'), { target: { value: 'INC-20260302-0099' } });
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    expect(await within(dialog).findByText('no such incident: INC-20260302-0099')).toBeInTheDocument();
    expect(JSON.parse(stub.callsTo('POST', `${BASE}/cancel`)[0].body!)).toEqual({ duplicateOf: 'INC-20260302-0099', reason: 'Same outage' });
    expect(within(dialog).getByTestId('action-error')).toHaveTextContent('Please correct the marked fields.');
  });

  it('shows a refusal in the dialog', async () => {
    incidentApi(detail(NUMBER), { [`POST ${BASE}/notes`]: () => problem(403, 'not yours') });
    renderIncident();
    const dialog = await openDialog('notes');
    fireEvent.change(within(dialog).getByTestId('action-text'), { target: { value: 'x' } });
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    expect(await within(dialog).findByTestId('action-error')).toHaveTextContent('You are not allowed to do this.');
  });

  it('edits the roles in a dialog prefilled with the current ones', async () => {
    const { stub } = incidentApi(detail(NUMBER, { roles: { commander: 'tier2user', communicationsLead: null, scribe: null } }), {
      [`PUT ${BASE}/roles`]: ok,
    });
    renderIncident();
    const dialog = await openDialog('roles');
    await waitFor(() => expect(within(dialog).getByTestId('action-commander')).toHaveValue('tier2user'));
    fireEvent.change(within(dialog).getByTestId('action-communicationsLead'), { target: { value: 'comms1' } });
    fireEvent.click(within(dialog).getByTestId('action-ok'));
    await waitFor(() => expect(stub.callsTo('PUT', `${BASE}/roles`)).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('PUT', `${BASE}/roles`)[0].body!)).toEqual({ commander: 'tier2user', communicationsLead: 'comms1', scribe: null });
  });

  it('puts the acknowledge action first when opened from a page (?task=acknowledge)', async () => {
    const { stub } = incidentApi(detail(NUMBER), { [`POST ${BASE}/acknowledge`]: ok });
    renderIncident(`/incidents/${NUMBER}?task=acknowledge`);
    const callout = await screen.findByTestId('deep-link-callout');
    expect(callout).toHaveTextContent(`You were paged for ${NUMBER}. Acknowledge it to stop the escalation.`);
    fireEvent.click(within(callout).getByTestId('callout-acknowledge'));
    fireEvent.click(within(await screen.findByTestId('action-dialog')).getByTestId('action-ok'));
    await waitFor(() => expect(stub.callsTo('POST', `${BASE}/acknowledge`)).toHaveLength(1));
  });

  it('says who acknowledged when the page arrives late', async () => {
    incidentApi(detail(NUMBER, { status: 'acknowledged', handler: 'tier2user', acknowledgedAt: minutesFromNow(-1), actions: ['notes'] }));
    renderIncident(`/incidents/${NUMBER}?task=acknowledge`);
    expect(await screen.findByTestId('deep-link-callout')).toHaveTextContent(/Already acknowledged by tier2user at/);
    expect(screen.queryByTestId('callout-acknowledge')).not.toBeInTheDocument();
  });

  it('keeps the deep link through sign-in', async () => {
    stubApi({ 'GET /api/me': () => new Response('{}', { status: 401 }) });
    renderPage(
      <Routes>
        <Route
          path="/incidents/:number"
          element={
            <RequireAuth>
              <IncidentPage />
            </RequireAuth>
          }
        />
        <Route path="/signin" element={<div data-testid="signin" />} />
      </Routes>,
      { route: `/incidents/${NUMBER}?task=acknowledge` },
    );
    await screen.findByTestId('signin');
    expect(screen.getByTestId('location')).toHaveTextContent(`/signin?next=${encodeURIComponent(`/incidents/${NUMBER}?task=acknowledge`)}`);
  });

  it('reloads when the event stream reports this incident, not others', async () => {
    let status = 'triaged';
    const { stub, stream } = incidentApi(() => detail(NUMBER, { status }));
    renderIncident();
    await screen.findByTestId('incident-title');
    await waitFor(() => expect(screen.getByTestId('live-indicator')).toHaveTextContent('Live'));
    const loads = () => stub.callsTo('GET', BASE).length;
    expect(loads()).toBe(1);

    stream.send('incident', { number: 'INC-20260302-0002', status: 'resolved' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(loads()).toBe(1);

    status = 'resolved';
    stream.send('incident', { number: NUMBER, status: 'resolved' });
    await waitFor(() => expect(screen.getAllByTestId('status-tag')[0]).toHaveTextContent('Resolved'), { timeout: 5000 });
    expect(loads()).toBe(2);
    await waitFor(() => expect(stub.callsTo('GET', `${BASE}/diagram`).length).toBeGreaterThanOrEqual(2));
  });

  it('tells when the incident does not exist', async () => {
    stubApi({ 'GET /api/me': ME, [`GET ${BASE}`]: () => problem(404, 'none') });
    renderIncident();
    expect(await screen.findByText(`Incident ${NUMBER} does not exist.`)).toBeInTheDocument();
    expect(screen.getByText('Back to the incidents').closest('a')).toHaveAttribute('href', '/incidents');
  });

  it('tells when the diagram cannot be shown', async () => {
    incidentApi(detail(NUMBER), { [`GET ${BASE}/diagram`]: (call: Call) => problem(500, `no diagram for ${call.path}`) });
    renderIncident();
    await waitFor(() => expect(screen.getByTestId('process-diagram')).toHaveAttribute('data-state', 'failed'), { timeout: 10_000 });
    expect(screen.getByText(/The diagram cannot be shown/)).toBeInTheDocument();
  });
});

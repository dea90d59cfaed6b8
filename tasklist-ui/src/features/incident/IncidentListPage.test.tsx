import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, eventStream, json, problem, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import IncidentListPage from './IncidentListPage';
import type { IncidentSummary } from './incidentApi';
import { minutesFromNow, sla, summary } from './testData';

// antd's validation messages and dialogs animate in: slow on a busy build machine
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

function listApi(answer: (call: Call) => IncidentSummary[]) {
  const stream = eventStream();
  const stub = stubApi({
    'GET /api/me': ME,
    'GET /api/incidents/events': () => stream.response(),
    'GET /api/incidents': (call: Call) => {
      const items = answer(call);
      return json({ items, total: items.length, page: 0, size: 20 });
    },
  });
  return { stub, stream };
}

describe('IncidentListPage', () => {
  it('lists incidents with priority, status, handler, age and ticking SLA clocks', async () => {
    const { stub } = listApi(() => [
      summary('INC-20260302-0001', { priority: 'P0', status: 'open', createdAt: minutesFromNow(-12.5) }),
      summary('INC-20260302-0002', {
        priority: 'P3',
        status: 'acknowledged',
        handler: 'tier1',
        sla: [
          sla('response', { met: true, stoppedAt: minutesFromNow(-1) }),
          sla('handling', { breached: true, remainingMillis: 0, breachTime: minutesFromNow(-3) }),
        ],
      }),
      summary('INC-20260302-0003', { sla: [sla('response', { paused: true, remainingMillis: 65 * 60_000 })] }),
    ]);
    renderPage(<IncidentListPage />, { route: '/incidents' });

    const first = await screen.findByTestId('incident-row-INC-20260302-0001');
    expect(within(first).getByText('Booking fails INC-20260302-0001')).toBeInTheDocument();
    expect(within(first).getByText('booking')).toBeInTheDocument();
    expect(within(first).getByTestId('priority-tag')).toHaveTextContent('P0');
    expect(within(first).getByTestId('priority-tag').className).toMatch(/red/);
    expect(within(first).getByTestId('status-tag')).toHaveTextContent('Open');
    expect(within(first).getByText('12 min')).toBeInTheDocument();
    expect(within(first).getByTestId('sla-response')).toHaveAttribute('data-state', 'running');
    expect(within(first).getByTestId('sla-response').textContent).toMatch(/^Response 2[45]:\d\d left$/);

    // the countdown ticks every second
    const before = within(first).getByTestId('sla-response').textContent;
    await waitFor(() => expect(within(first).getByTestId('sla-response').textContent).not.toBe(before), { timeout: 5000 });

    const second = screen.getByTestId('incident-row-INC-20260302-0002');
    expect(within(second).getByTestId('priority-tag').className).toMatch(/blue/);
    expect(within(second).getByText('tier1 (me)')).toBeInTheDocument();
    expect(within(second).getByTestId('sla-response')).toHaveTextContent('Response met');
    const breached = within(second).getByTestId('sla-handling');
    expect(breached).toHaveAttribute('data-state', 'breached');
    expect(breached.textContent).toMatch(/^Handling overdue 03:0\d$/);
    expect(breached.className).toMatch(/error/);

    const third = screen.getByTestId('incident-row-INC-20260302-0003');
    expect(within(third).getByTestId('sla-response')).toHaveTextContent('Response paused · 1:05:00 left');

    const [call] = stub.callsTo('GET', '/api/incidents');
    expect(call.query.get('page')).toBe('0');
    expect(call.query.get('size')).toBe('20');
    expect(call.query.has('status')).toBe(false);
  });

  it('passes the filters to the API and keeps them in the address; "mine" asks for my incidents', async () => {
    const { stub } = listApi(() => [summary('INC-20260302-0001')]);
    renderPage(<IncidentListPage />, { route: '/incidents?priority=P1' });
    await screen.findByTestId('incident-row-INC-20260302-0001');
    expect(stub.callsTo('GET', '/api/incidents')[0].query.get('priority')).toBe('P1');

    const search = screen.getByPlaceholderText('Search number or title');
    fireEvent.change(search, { target: { value: 'booking' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(stub.callsTo('GET', '/api/incidents').at(-1)!.query.get('text')).toBe('booking'));

    const service = screen.getByTestId('filter-service');
    fireEvent.change(service, { target: { value: 'payments' } });
    fireEvent.keyDown(service, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(stub.callsTo('GET', '/api/incidents').at(-1)!.query.get('service')).toBe('payments'));

    fireEvent.click(screen.getByTestId('filter-mine'));
    await waitFor(() => expect(stub.callsTo('GET', '/api/incidents').at(-1)!.query.get('assignee')).toBe('tier1'));
    const last = stub.callsTo('GET', '/api/incidents').at(-1)!;
    expect(last.query.get('priority')).toBe('P1');
    expect(last.query.get('text')).toBe('booking');
    expect(screen.getByTestId('location')).toHaveTextContent('/incidents?priority=P1&service=payments&text=booking&mine=true');
  });

  it('filters by status through the select', async () => {
    const { stub } = listApi((call) => (call.query.get('status') === 'resolved' ? [summary('INC-20260302-0009', { status: 'resolved' })] : [summary('INC-20260302-0001')]));
    renderPage(<IncidentListPage />, { route: '/incidents' });
    await screen.findByTestId('incident-row-INC-20260302-0001');
    fireEvent.mouseDown(within(screen.getByTestId('filter-status')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('Resolved'));
    expect(await screen.findByTestId('incident-row-INC-20260302-0009')).toBeInTheDocument();
    expect(stub.callsTo('GET', '/api/incidents').at(-1)!.query.get('status')).toBe('resolved');
    expect(screen.queryByTestId('incident-row-INC-20260302-0001')).not.toBeInTheDocument();
  });

  it('reloads when the event stream says an incident changed, and ignores other events', async () => {
    let status = 'triaged';
    const { stub, stream } = listApi(() => [summary('INC-20260302-0001', { status })]);
    renderPage(<IncidentListPage />, { route: '/incidents' });
    const row = await screen.findByTestId('incident-row-INC-20260302-0001');
    expect(within(row).getByTestId('status-tag')).toHaveTextContent('Triaged');
    await waitFor(() => expect(screen.getByTestId('live-indicator')).toHaveTextContent('Live'));
    expect(stub.callsTo('GET', '/api/incidents/events')[0].headers.accept).toBe('text/event-stream');

    stream.send('task', { type: 'created', key: '1' });
    status = 'acknowledged';
    stream.send('incident', { number: 'INC-20260302-0001', status: 'acknowledged' });
    await waitFor(() => expect(within(screen.getByTestId('incident-row-INC-20260302-0001')).getByTestId('status-tag')).toHaveTextContent('Acknowledged'), {
      timeout: 5000,
    });
    expect(stub.callsTo('GET', '/api/incidents')).toHaveLength(2);
    expect(screen.getByTestId('incident-row-INC-20260302-0001').className).toMatch(/suoke-incident-updated/);
  });

  it('shows a failure and offers the report button', async () => {
    stubApi({ 'GET /api/me': ME, 'GET /api/incidents': () => problem(500, 'database down') });
    renderPage(<IncidentListPage />, { route: '/incidents' });
    expect(await screen.findByTestId('incidents-error')).toHaveTextContent('The request failed: database down');
    fireEvent.click(screen.getByTestId('report-incident'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/incidents/new'));
  });

  it('shows cards on a phone', async () => {
    const matchMedia = window.matchMedia;
    window.matchMedia = ((query: string) => ({ ...matchMedia(query), matches: query.includes('max-width: 480px') })) as typeof window.matchMedia;
    try {
      listApi(() => [summary('INC-20260302-0001', { priority: 'P0' })]);
      renderPage(<IncidentListPage />, { route: '/incidents' });
      const card = await screen.findByTestId('incident-row-INC-20260302-0001');
      expect(screen.getByTestId('incident-cards')).toContainElement(card);
      expect(screen.queryByTestId('incident-table')).not.toBeInTheDocument();
      expect(within(card).getByTestId('priority-tag')).toHaveTextContent('P0');
      expect(within(card).getByTestId('sla-response')).toBeInTheDocument();
      fireEvent.click(card);
      await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/incidents/INC-20260302-0001'));
    } finally {
      window.matchMedia = matchMedia;
    }
  });
});

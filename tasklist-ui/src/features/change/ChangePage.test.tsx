import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, problem, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import ChangePage from './ChangePage';
import { CHANGE, detail } from './testData';

configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

async function pick(input: HTMLElement, text: string) {
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value: text } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

describe('ChangePage', () => {
  it('shows the facts, assessment, approvals, conflicts, open tasks and timeline', async () => {
    stubApi({
      'GET /api/me': ME,
      'GET /api/changes/CHG-2026-00012': detail({
        conflicts: [{ change: 'CHG-2026-00012', otherChange: 'CHG-2026-00009', service: 'payments-api', otherService: 'ledger', start: '2026-12-08T02:00:00Z', end: '2026-12-08T03:00:00Z', reason: 'dependent services' }],
      }),
    });
    renderPage(<ChangePage />, { route: '/changes/CHG-2026-00012', path: '/changes/:number' });
    expect(await screen.findByTestId('change-title')).toHaveTextContent('Upgrade the payment SDK');
    expect(screen.getByTestId('change-risk')).toHaveTextContent('Medium risk');
    expect(within(screen.getByTestId('change-approvals')).getByText('Service owner')).toBeInTheDocument();
    expect(within(screen.getByTestId('change-approvals')).getByText('mia')).toBeInTheDocument();
    expect(screen.getByTestId('change-conflicts')).toHaveTextContent('CHG-2026-00009 on ledger (dependent services)');
    expect(screen.getByRole('link', { name: 'Schedule the change' })).toHaveAttribute('href', '/tasks/42');
    const timeline = within(screen.getByTestId('change-timeline'));
    expect(timeline.getByText('Approved (Service owner)')).toBeInTheDocument();
    expect(timeline.getByText('Release REL-20261204-0001, step 1: failed')).toBeInTheDocument();
    expect(timeline.getByText('Release REL-20261204-0001 ended: backed out; incident INC-20261204-0007 opened')).toBeInTheDocument();
    expect(timeline.getByText('A kind the page does not know')).toBeInTheDocument();
    expect(screen.getByText('pin 4.1')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Release ended' })).toBeNull();
  });

  it('schedules into a window: a blackout refusal lands on the field, then the window is booked', async () => {
    let attempts = 0;
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/changes/CHG-2026-00012': () =>
        attempts < 2 ? detail() : detail({ change: { ...CHANGE, status: 'scheduled', windowStart: '2026-12-09T02:00:00Z', windowEnd: '2026-12-09T03:00:00Z' }, actions: [] }),
      'POST /api/changes/CHG-2026-00012/schedule': () =>
        ++attempts === 1
          ? problem(400, "windowStart: the window falls into the blackout 'Year end'", [{ field: 'windowStart', reason: "the window falls into the blackout 'Year end'" }])
          : { change: CHANGE, conflicts: [] },
    });
    renderPage(<ChangePage />, { route: '/changes/CHG-2026-00012', path: '/changes/:number' });
    fireEvent.click(await screen.findByRole('button', { name: 'Schedule' }));
    const dialog = await screen.findByRole('dialog');
    await pick(within(dialog).getByLabelText('Window start'), '2026-12-09 10:00');
    await pick(within(dialog).getByLabelText('Window end'), '2026-12-09 11:00');
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(await within(dialog).findByText(/blackout 'Year end'/)).toBeInTheDocument();
    const body = JSON.parse(stub.callsTo('POST', '/api/changes/CHG-2026-00012/schedule')[0].body!);
    expect(Object.keys(body)).toEqual(['windowStart', 'windowEnd']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(stub.callsTo('POST', '/api/changes/CHG-2026-00012/schedule')).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('change-status')).toHaveTextContent('Scheduled'));
  });

  it('says so when the change does not exist', async () => {
    stubApi({ 'GET /api/me': ME, 'GET /api/changes/CHG-2026-99999': problem(404, 'There is no change') });
    renderPage(<ChangePage />, { route: '/changes/CHG-2026-99999', path: '/changes/:number' });
    expect(await screen.findByText('Not found.', { exact: false })).toBeInTheDocument();
  });
});

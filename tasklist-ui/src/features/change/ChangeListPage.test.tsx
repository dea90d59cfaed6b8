import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, problem, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import ChangeListPage from './ChangeListPage';
import { CHANGE } from './testData';

configure({ asyncUtilTimeout: 10000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('ChangeListPage', () => {
  it('lists changes with type, risk and status, filters by status in the address', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/changes': (call: Call) =>
        call.query.get('status') === 'closed' ? { items: [], total: 0, page: 0, size: 20 } : { items: [CHANGE], total: 1, page: 0, size: 20 },
    });
    renderPage(<ChangeListPage />, { route: '/changes' });
    const row = await screen.findByTestId('change-row-CHG-2026-00012');
    expect(within(row).getByText('Normal')).toBeInTheDocument();
    expect(within(row).getByText('Medium risk')).toBeInTheDocument();
    expect(within(row).getByText('Approved')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'CHG-2026-00012' })).toHaveAttribute('href', '/changes/CHG-2026-00012');

    fireEvent.mouseDown(screen.getByLabelText('Status'));
    fireEvent.click(await screen.findByTitle('Closed'));
    await waitFor(() => expect(screen.getByText('No changes.')).toBeInTheDocument());
    expect(stub.callsTo('GET', '/api/changes').at(-1)!.query.get('status')).toBe('closed');
    expect(screen.getByTestId('location')).toHaveTextContent('/changes?status=closed');
  });

  it('requests a standard change from a template and shows the server\'s field errors', async () => {
    let attempts = 0;
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/changes': { items: [], total: 0, page: 0, size: 20 },
      'GET /api/services': [{ name: 'payments-api', displayName: 'Payments API' }],
      'GET /api/changes/templates': [
        { key: 'rotate-cert', version: 3, title: 'Rotate the TLS certificate', service: 'payments-api', implementerGroup: 'sre', durationMinutes: 30, steps: '', description: '', active: true },
      ],
      'POST /api/changes': () =>
        ++attempts === 1
          ? problem(400, 'plannedStart: is in the past', [{ field: 'plannedStart', reason: 'is in the past' }])
          : { ...CHANGE, number: 'CHG-2026-00013', changeType: 'standard' },
    });
    renderPage(<ChangeListPage />, { route: '/changes' });
    fireEvent.click(await screen.findByRole('button', { name: /Request a change/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByText('Standard'));
    expect(await within(dialog).findByText(/pre-approved template/)).toBeInTheDocument();
    fireEvent.mouseDown(within(dialog).getByLabelText('Template'));
    fireEvent.click(await screen.findByTitle('Rotate the TLS certificate (payments-api, v3)'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Request' }));
    await waitFor(() => expect(stub.callsTo('POST', '/api/changes')).toHaveLength(1));
    expect(JSON.parse(stub.callsTo('POST', '/api/changes')[0].body!)).toMatchObject({ type: 'standard', templateKey: 'rotate-cert' });
    expect(await within(dialog).findByText(/is in the past/)).toBeInTheDocument();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Request' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/changes/CHG-2026-00013'));
  });
});

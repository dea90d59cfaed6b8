import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import ChangeCalendarPage from './ChangeCalendarPage';
import { visibleDays } from './calendarGrid';
import dayjs from 'dayjs';

configure({ asyncUtilTimeout: 10000 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-10T04:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const VIEW = {
  from: '2026-11-30T00:00:00Z',
  to: '2027-01-04T00:00:00Z',
  windows: [
    { id: 1, kind: 'blackout', service: 'payments-api', title: 'Year-end freeze', start: '2026-12-24T00:00:00Z', end: '2026-12-26T00:00:00Z', createdBy: 'mia' },
    { id: 2, kind: 'maintenance', service: null, title: 'Sunday maintenance', start: '2026-12-13T18:00:00Z', end: '2026-12-13T20:00:00Z', createdBy: 'mia' },
  ],
  changes: [
    { number: 'CHG-2026-00012', title: 'SDK', service: 'payments-api', changeType: 'normal', status: 'scheduled', risk: 'medium', start: '2026-12-15T02:00:00Z', end: '2026-12-15T03:00:00Z' },
    { number: 'CHG-2026-00013', title: 'Ledger', service: 'ledger', changeType: 'normal', status: 'scheduled', risk: 'low', start: '2026-12-15T02:30:00Z', end: '2026-12-15T04:00:00Z' },
  ],
  conflicts: [{ change: 'CHG-2026-00012', otherChange: 'CHG-2026-00013', service: 'payments-api', otherService: 'ledger', start: '2026-12-15T02:30:00Z', end: '2026-12-15T03:00:00Z', reason: 'dependent services' }],
};

describe('ChangeCalendarPage', () => {
  it('draws the month with blackouts, maintenance windows, changes and conflicts, and switches to a week', async () => {
    const stub = stubApi({ 'GET /api/me': ME, 'GET /api/services': [], 'GET /api/changes/calendar': () => VIEW });
    renderPage(<ChangeCalendarPage />, { route: '/changes/calendar' });
    expect(await screen.findByTestId('calendar-period')).toHaveTextContent('2026-12');
    await waitFor(() => expect(within(screen.getByTestId('day-2026-12-24')).getByText('Year-end freeze')).toBeInTheDocument());
    const day15 = screen.getByTestId('day-2026-12-15');
    expect(within(day15).getByText('CHG-2026-00012')).toBeInTheDocument();
    expect(within(screen.getByTestId('calendar-conflicts')).getByText('dependent services')).toBeInTheDocument();
    const first = stub.callsTo('GET', '/api/changes/calendar')[0];
    expect(dayjs(first.query.get('from')).format('YYYY-MM-DD')).toBe('2026-11-30');
    expect(screen.queryByRole('button', { name: /Add a window/ })).toBeNull();

    fireEvent.click(screen.getByText('Week'));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('view=week'));
    await waitFor(() => expect(screen.getByTestId('calendar-period')).toHaveTextContent('2026-12-07 – 12-13'));
    const last: Call = stub.callsTo('GET', '/api/changes/calendar').at(-1)!;
    expect(dayjs(last.query.get('to')).diff(dayjs(last.query.get('from')), 'day')).toBe(7);
  });

  it('offers change managers to add a window', async () => {
    stubApi({ 'GET /api/me': { ...ME, groups: ['change-managers'] }, 'GET /api/services': [], 'GET /api/changes/calendar': VIEW });
    renderPage(<ChangeCalendarPage />, { route: '/changes/calendar' });
    expect(await screen.findByRole('button', { name: /Add a window/ })).toBeInTheDocument();
  });

  it('lays out whole weeks from Monday', () => {
    const days = visibleDays(dayjs('2026-12-10'), 'month');
    expect(days[0].format('YYYY-MM-DD')).toBe('2026-11-30');
    expect(days.length % 7).toBe(0);
    expect(days.at(-1)!.format('YYYY-MM-DD')).toBe('2027-01-03');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, json, problem, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import SchedulePage from './SchedulePage';
import { SCHEDULE, finalWeek } from './testData';

configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

function scheduleApi(extra: Record<string, unknown> = {}) {
  return stubApi({
    'GET /api/me': { ...ME, username: 'ann' },
    'GET /api/oncall/schedules/7': SCHEDULE,
    'GET /api/oncall/schedules/7/final': (call: Call) => finalWeek(call.query.get('from')!, call.query.get('to')!),
    'GET /api/oncall/schedules/7/swaps': [
      { id: 3, scheduleId: 7, requester: 'bob', counterpart: 'ann', start: '2026-12-01T01:00:00Z', end: '2026-12-02T01:00:00Z', status: 'requested' },
    ],
    ...extra,
  });
}

describe('SchedulePage', () => {
  it('draws the layers, the overrides over them and the final schedule with its gap', async () => {
    const stub = scheduleApi();
    renderPage(<SchedulePage />, { route: '/oncall/schedules/7', path: '/oncall/schedules/:id' });

    expect(await screen.findByTestId('schedule-title')).toHaveTextContent('Tier-1 web');
    const final = screen.getByTestId('final-track');
    expect(within(final).getAllByTestId('final-bar').map((bar) => bar.dataset.user)).toEqual(['ann', 'dan', 'ann']);
    expect(within(final).getByTestId('final-gap')).toHaveTextContent('Gap');
    expect(within(screen.getByTestId('override-track')).getByTestId('override-bar')).toHaveAttribute('data-user', 'dan');
    expect(within(screen.getByTestId('layer-track-11')).getAllByTestId('layer-bar')).toHaveLength(1);
    expect(screen.getByTestId('gap-alert')).toHaveTextContent('Gaps: 1.');
    expect(screen.getByText('business hours of default')).toBeInTheDocument();

    // the range asked for is a week of local days in the schedule's zone (midnight Shanghai = 16:00 UTC)
    const asked = stub.callsTo('GET', '/api/oncall/schedules/7/final')[0];
    expect(asked.query.get('from')).toMatch(/T16:00:00.000Z$/);
    expect(Date.parse(asked.query.get('to')!) - Date.parse(asked.query.get('from')!)).toBe(7 * 86_400_000);
    // ann is asked to take bob's shift: she may accept or decline
    expect(screen.getByTestId('swap-accept-3')).toBeInTheDocument();
  });

  it('adds an override with times in the schedule zone and shows the server field errors', async () => {
    let tries = 0;
    const stub = scheduleApi({
      'POST /api/oncall/schedules/7/overrides': () => {
        tries += 1;
        return tries === 1
          ? problem(400, 'user: not a member', [{ field: 'user', reason: "'zed' is not a member of the team e2e-t1" }])
          : json({ id: 9, scheduleId: 7, user: 'dan', start: '', end: '', kind: 'override', createdBy: 'ann' }, 201);
      },
    });
    renderPage(<SchedulePage />, { route: '/oncall/schedules/7', path: '/oncall/schedules/:id' });
    fireEvent.click(await screen.findByTestId('add-override'));
    fireEvent.change(await screen.findByTestId('range-user'), { target: { value: 'zed' } });
    fireEvent.change(screen.getByTestId('range-start'), { target: { value: '2026-12-03 09:00' } });
    fireEvent.change(screen.getByTestId('range-end'), { target: { value: 'tomorrow' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('A time YYYY-MM-DD HH:mm')).toBeInTheDocument();
    expect(stub.callsTo('POST', '/api/oncall/schedules/7/overrides')).toHaveLength(0);

    fireEvent.change(screen.getByTestId('range-end'), { target: { value: '2026-12-03 18:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText("'zed' is not a member of the team e2e-t1")).toBeInTheDocument();
    const body = JSON.parse(stub.callsTo('POST', '/api/oncall/schedules/7/overrides')[0].body!);
    expect(body).toMatchObject({ user: 'zed', start: '2026-12-03T01:00:00.000Z', end: '2026-12-03T10:00:00.000Z' });

    fireEvent.change(screen.getByTestId('range-user'), { target: { value: 'dan' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Override saved.')).toBeInTheDocument();
    await waitFor(() => expect(stub.callsTo('GET', '/api/oncall/schedules/7/final').length).toBeGreaterThan(1));
  });

  it('accepts a swap asked of me', async () => {
    const stub = scheduleApi({ 'POST /api/oncall/swaps/3/accept': { id: 3, status: 'accepted' } });
    renderPage(<SchedulePage />, { route: '/oncall/schedules/7', path: '/oncall/schedules/:id' });
    fireEvent.click(await screen.findByTestId('swap-accept-3'));
    expect(await screen.findByText('Swap updated.')).toBeInTheDocument();
    expect(stub.callsTo('POST', '/api/oncall/swaps/3/accept')).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen } from '@testing-library/react';
import { ME, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import MyShiftsPage from './MyShiftsPage';
import { browserZone, zonedToIso } from './oncallApi';

configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('MyShiftsPage', () => {
  it('lists my shifts and makes a calendar address that is shown once', async () => {
    const stub = stubApi({
      'GET /api/me': { ...ME, username: 'ann' },
      'GET /api/oncall/my-shifts': {
        user: 'ann',
        shifts: [{ scheduleId: 7, scheduleName: 'Tier-1 web', team: 'e2e-t1', start: '2026-12-07T01:00:00Z', end: '2026-12-14T01:00:00Z', source: 'layer' }],
      },
      'GET /api/oncall/swaps': [
        { id: 4, scheduleId: 7, requester: 'bob', counterpart: 'ann', start: '2026-12-08T01:00:00Z', end: '2026-12-09T01:00:00Z', status: 'requested' },
      ],
      'GET /api/oncall/feed-token': { exists: false },
      'POST /api/oncall/feed-token': { url: 'http://localhost:8080/api/oncall/feed/0123456789abcdef0123456789abcdef.ics', createdAt: '2026-12-03T02:00:00Z' },
      'POST /api/oncall/swaps/4/accept': { id: 4, status: 'approved' },
      'GET /api/oncall/leaves': [],
      'POST /api/oncall/leaves': (call: Call) => ({ id: 1, user: 'ann', createdBy: 'ann', ...JSON.parse(call.body!) }),
      'GET /api/me/contact-rules': { rules: [] },
    });
    renderPage(<MyShiftsPage />, { route: '/oncall/my', path: '/oncall/my' });
    expect(await screen.findByText('Tier-1 web')).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('new-feed'));
    expect(await screen.findByTestId('feed-url')).toHaveTextContent('/api/oncall/feed/0123456789abcdef0123456789abcdef.ics');
    expect(screen.getByText('Copy this address now: it is shown only once.')).toBeInTheDocument();

    fireEvent.click(screen.getByTestId('my-swap-accept-4'));
    expect(await screen.findByText('Swap updated.')).toBeInTheDocument();
    expect(stub.callsTo('POST', '/api/oncall/swaps/4/accept')).toHaveLength(1);

    // leave, written in the browser's zone
    expect(stub.callsTo('GET', '/api/oncall/leaves')[0].query.get('user')).toBe('ann');
    fireEvent.change(screen.getByTestId('leave-start'), { target: { value: '2026-12-20 00:00' } });
    fireEvent.change(screen.getByTestId('leave-end'), { target: { value: '2026-12-27 00:00' } });
    fireEvent.click(screen.getByTestId('leave-save'));
    expect(await screen.findByText('Leave recorded.')).toBeInTheDocument();
    expect(JSON.parse(stub.callsTo('POST', '/api/oncall/leaves')[0].body!)).toMatchObject({
      start: zonedToIso('2026-12-20 00:00', browserZone()),
      end: zonedToIso('2026-12-27 00:00', browserZone()),
    });
  });
});

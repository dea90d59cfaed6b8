import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, within } from '@testing-library/react';
import { ME, json, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import OnCallPage from './OnCallPage';
import { SCHEDULE } from './testData';

configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

const SERVICES = [{ name: 'web', displayName: 'Web', tier1Group: 'e2e-t1', tier2Group: 'tier2', tier3Group: 'tier3' }];

function nowAnswer(call: Call) {
  const tier = Number(call.query.get('tier'));
  if (tier === 1) {
    return {
      service: 'web', tier, group: 'e2e-t1', at: '2026-12-03T02:00:00Z', fallback: false,
      people: [{ user: 'ann', displayName: 'Ann', scheduleId: 7, scheduleName: 'Tier-1 web', shiftEnd: '2026-12-07T01:00:00Z', source: 'layer' }],
      schedules: [{ scheduleId: 7, scheduleName: 'Tier-1 web', timeZone: 'Asia/Shanghai' }],
    };
  }
  if (tier === 2) {
    return { service: 'web', tier, group: 'tier2', at: '', fallback: false, people: [], schedules: [{ scheduleId: 8, scheduleName: 'Tier-2', timeZone: 'UTC', gapEnd: '2026-12-04T00:00:00Z' }] };
  }
  return { service: 'web', tier, group: 'tier3', at: '', fallback: true, people: [{ user: 'eve', scheduleId: 0, source: 'members' }], schedules: [] };
}

describe('OnCallPage', () => {
  it('lists the schedules and creates one', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/oncall/schedules': [SCHEDULE],
      'GET /api/services': SERVICES,
      'POST /api/oncall/schedules': (call: Call) => json({ ...SCHEDULE, id: 8, ...JSON.parse(call.body!) }, 201),
    });
    renderPage(<OnCallPage />, { route: '/oncall', path: '/oncall' });
    expect(await screen.findByTestId('schedule-link-7')).toHaveTextContent('Tier-1 web');

    fireEvent.click(screen.getByTestId('new-schedule'));
    fireEvent.change(await screen.findByTestId('schedule-name'), { target: { value: 'Tier-2 web' } });
    fireEvent.change(screen.getByTestId('schedule-team'), { target: { value: 'tier2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('elsewhere')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/oncall/schedules/8');
    expect(JSON.parse(stub.callsTo('POST', '/api/oncall/schedules')[0].body!)).toMatchObject({
      name: 'Tier-2 web', team: 'tier2', timeZone: 'Asia/Shanghai', reminderLeadMinutes: 60,
    });
  });

  it('shows who is on call now per service and tier, with gaps and the members fallback', async () => {
    stubApi({
      'GET /api/me': ME,
      'GET /api/oncall/schedules': [SCHEDULE],
      'GET /api/services': SERVICES,
      'GET /api/oncall/now': nowAnswer,
    });
    renderPage(<OnCallPage />, { route: '/oncall?tab=now', path: '/oncall', language: 'zh' });
    const tier1 = await screen.findByTestId('now-web-tier1');
    expect(tier1).toHaveTextContent('Ann');
    expect(tier1).toHaveTextContent('至 2026-12-07 09:00');
    expect(within(await screen.findByTestId('now-web-tier2')).getByText('无人值班')).toBeInTheDocument();
    expect(await screen.findByTestId('now-web-tier3')).toHaveTextContent('组内所有成员');
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { configure, fireEvent, screen, within } from '@testing-library/react';
import { ME, json, stubApi, type Call } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import OnCallPage from './OnCallPage';
import { SCHEDULE } from './testData';
import { isoMinutes, minutesIso, type EscalationPolicy } from './oncallApi';

configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  vi.unstubAllGlobals();
});

const SERVICES = [{ name: 'web', displayName: 'Web', tier1Group: 'e2e-t1', tier2Group: 'tier2', tier3Group: 'tier3' }];

const POLICY: EscalationPolicy = {
  id: 'web-default', name: 'Web default', team: 'web-team', calendarId: 'default', repeat: 1, repageAfter: 'PT30M',
  levels: [
    { targets: [{ type: 'schedule', id: '7', tier: 1 }], acknowledgeWithin: 'PT5M', roundRobin: false, businessHoursOnlyFor: [] },
    { targets: [{ type: 'user', id: 'wang.fang' }, { type: 'group', id: 'dba' }], acknowledgeWithin: 'PT1H', roundRobin: true,
      businessHoursOnlyFor: ['P2', 'P3'] },
  ],
  services: ['web'], version: 3, updatedBy: 'mgr', updatedAt: '2026-12-03T02:00:00Z',
};

describe('EscalationPolicies', () => {
  it('converts minutes and ISO durations both ways', () => {
    expect(isoMinutes('PT5M')).toBe(5);
    expect(isoMinutes('PT1H30M')).toBe(90);
    expect(isoMinutes('P1D')).toBeNaN();
    expect(minutesIso(45)).toBe('PT45M');
  });

  it('lists the policies level by level, in Chinese', async () => {
    stubApi({
      'GET /api/me': ME,
      'GET /api/oncall/schedules': [SCHEDULE],
      'GET /api/services': SERVICES,
      'GET /api/oncall/escalation-policies': [POLICY],
    });
    renderPage(<OnCallPage />, { route: '/oncall?tab=policies', path: '/oncall', language: 'zh' });
    expect(await screen.findByTestId('policy-web-default')).toHaveTextContent('Web default');
    expect(screen.getByTestId('policy-level-0')).toHaveTextContent('第 1 级排班 7 · 1 线等待 5 分钟');
    const second = screen.getByTestId('policy-level-1');
    expect(second).toHaveTextContent('人员 wang.fang');
    expect(second).toHaveTextContent('组 dba');
    expect(second).toHaveTextContent('等待 60 分钟 · 逐个轮流呼叫 · P2, P3 仅在工作时间呼叫');
    expect(screen.getByText(/重复 1 次 · 确认后 30 分钟未解决则再次呼叫/)).toBeInTheDocument();
  });

  it('creates a policy and shows every field the server refuses', async () => {
    let attempts = 0;
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/oncall/schedules': [SCHEDULE],
      'GET /api/services': SERVICES,
      'GET /api/oncall/escalation-policies': [],
      'POST /api/oncall/escalation-policies': (call: Call) => {
        attempts += 1;
        if (attempts === 1) {
          return json({ status: 400, title: 'Bad Request', errors: [{ field: 'levels[0].targets[0].id', reason: 'is not a known schedule' }] }, 400);
        }
        return json({ ...POLICY, ...JSON.parse(call.body!) }, 201);
      },
    });
    renderPage(<OnCallPage />, { route: '/oncall?tab=policies', path: '/oncall' });
    fireEvent.click(await screen.findByTestId('new-policy'));
    fireEvent.change(await screen.findByTestId('policy-id'), { target: { value: 'web-night' } });
    fireEvent.change(screen.getByTestId('policy-name'), { target: { value: 'Web at night' } });
    fireEvent.change(screen.getByTestId('policy-team'), { target: { value: 'web-team' } });
    fireEvent.change(screen.getByTestId('policy-target-0-0'), { target: { value: '99' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByTestId('policy-problems')).toHaveTextContent('levels[0].targets[0].id: is not a known schedule');

    fireEvent.change(screen.getByTestId('policy-target-0-0'), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(stub.callsTo('POST', '/api/oncall/escalation-policies')).toHaveLength(2));
    expect(JSON.parse(stub.callsTo('POST', '/api/oncall/escalation-policies')[1].body!)).toEqual({
      id: 'web-night', name: 'Web at night', description: null, team: 'web-team', calendarId: 'default', repeat: 0,
      repageAfter: null, services: [],
      levels: [{ targets: [{ type: 'schedule', id: '7', tier: 1 }], acknowledgeWithin: 'PT5M', roundRobin: false, businessHoursOnlyFor: [] }],
    });
    expect(within(document.body).queryByTestId('policy-problems')).not.toBeInTheDocument();
  }, 60_000);
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { ME, stubApi } from '../../test/apiStub';
import { renderPage } from '../../test/render';
import HandoverPage from './HandoverPage';
import type { Handover } from './handoverApi';

afterEach(() => {
  vi.unstubAllGlobals();
});

const SUMMARY: Handover = {
  id: 7,
  scheduleId: 'checkout-primary',
  team: 'checkout-oncall-t1',
  tier: 1,
  outgoingUser: 'alice',
  incomingUser: 'bob',
  shiftStart: '2026-11-02T01:00:00Z',
  shiftEnd: '2026-11-09T01:00:00Z',
  status: 'acknowledged',
  writeDue: '2026-11-02T02:00:00Z',
  acknowledgeWithin: 'PT30M',
  processInstanceKey: '2251799813685249',
  snapshot: null,
  prefilledAt: '2026-11-02T01:00:02Z',
  notes: null,
  risks: null,
  plannedChanges: null,
  writtenBy: 'alice',
  writtenAt: '2026-11-02T02:10:00Z',
  writeLate: true,
  acknowledgedBy: 'bob',
  acknowledgedAt: '2026-11-02T02:20:00Z',
  acknowledgementNote: null,
  writeEscalatedAt: '2026-11-02T02:00:00Z',
  acknowledgeEscalatedAt: null,
  createdAt: '2026-11-02T01:00:00Z',
};

const DETAIL: Handover = {
  ...SUMMARY,
  notes: 'Payment gateway flaps at night',
  risks: 'Disk on db-3 at 85 %',
  plannedChanges: 'Release 4.2 on Tuesday',
  acknowledgementNote: 'Got it',
  snapshot: {
    gatheredAt: '2026-11-02T01:00:02Z',
    services: ['checkout'],
    openIncidents: [
      {
        number: 'INC-20261102-0001',
        service: 'checkout',
        priority: 'P1',
        status: 'acknowledged',
        handler: 'alice',
        createdAt: '2026-11-01T23:00:00Z',
        sla: [{ target: 'handling', breachTime: '2026-11-02T01:00:00Z', breached: true, paused: false, outcome: null }],
      },
    ],
    silences: [
      {
        id: 3,
        kind: 'maintenance',
        service: 'checkout',
        startsAt: '2026-11-03T14:00:00Z',
        endsAt: '2026-11-03T16:00:00Z',
        reason: 'Database upgrade',
      },
    ],
    recentAlerts: [
      {
        service: 'checkout',
        summary: 'HighErrorRate',
        status: 'firing',
        fingerprint: 'abc',
        incidentNumber: 'INC-20261102-0001',
        lastSeenAt: '2026-11-02T00:55:00Z',
        count: 3,
      },
    ],
    plannedChanges: [
      {
        number: 'CHG-2026-00012', service: 'checkout', type: 'normal', risk: 'medium', status: 'scheduled',
        startsAt: '2026-11-03T15:00:00Z', endsAt: '2026-11-03T16:00:00Z',
      },
    ],
    releases: [
      {
        id: 'REL-00007', service: 'checkout', changeId: 'CHG-2026-00012', stableVersion: '4.1', newVersion: '4.2',
        strategy: 'canary', status: 'paused', weight: 10, stage: 'step-0',
      },
    ],
  },
};

describe('HandoverPage', () => {
  it('lists the records, filters by team, person and status, and shows one record with its snapshot', async () => {
    const stub = stubApi({
      'GET /api/me': ME,
      'GET /api/oncall/handovers': { items: [SUMMARY], total: 1, page: 0, size: 20 },
      'GET /api/oncall/handovers/7': DETAIL,
    });
    renderPage(<HandoverPage />, { route: '/handover' });

    const row = await screen.findByTestId('handover-row-7');
    expect(within(row).getByText('alice → bob')).toBeInTheDocument();
    expect(within(row).getByText('Acknowledged')).toBeInTheDocument();
    expect(within(row).getByText('Written late')).toBeInTheDocument();
    expect(stub.callsTo('GET', '/api/oncall/handovers')[0].query.get('size')).toBe('20');

    fireEvent.change(screen.getByTestId('handover-team'), { target: { value: ' checkout-oncall-t1 ' } });
    fireEvent.change(screen.getByTestId('handover-person'), { target: { value: 'bob' } });
    fireEvent.click(screen.getByTestId('handover-search'));
    await waitFor(() => expect(stub.callsTo('GET', '/api/oncall/handovers')).toHaveLength(2));
    const query = stub.callsTo('GET', '/api/oncall/handovers')[1].query;
    expect(query.get('team')).toBe('checkout-oncall-t1');
    expect(query.get('person')).toBe('bob');
    expect(query.get('page')).toBe('0');
    expect(query.has('status')).toBe(false);

    fireEvent.click(within(await screen.findByTestId('handover-row-7')).getByText('alice → bob'));
    const detail = await screen.findByTestId('handover-detail');
    expect(detail).toHaveTextContent('Payment gateway flaps at night');
    expect(detail).toHaveTextContent('Disk on db-3 at 85 %');
    expect(detail).toHaveTextContent('Release 4.2 on Tuesday');
    expect(detail).toHaveTextContent('Got it');
    const change = within(detail).getByTestId('handover-change-CHG-2026-00012');
    expect(change).toHaveTextContent('checkout');
    expect(change).toHaveTextContent('medium');
    expect(within(detail).getByText('Changes planned in the shift (1)')).toBeInTheDocument();
    const release = within(detail).getByTestId('handover-release-REL-00007');
    expect(release).toHaveTextContent('4.1 → 4.2');
    expect(release).toHaveTextContent('10 % on the new version');
    expect(within(release).getByRole('link', { name: 'REL-00007' })).toHaveAttribute('href', '/releases/REL-00007');
    expect(within(detail).getByTestId('handover-written')).toHaveTextContent('alice');
    expect(within(detail).getByTestId('handover-acknowledged')).toHaveTextContent('bob');
    const incident = within(detail).getByTestId('handover-incident-INC-20261102-0001');
    expect(within(incident).getByRole('link', { name: 'INC-20261102-0001' })).toHaveAttribute(
      'href',
      '/incidents/INC-20261102-0001',
    );
    expect(incident).toHaveTextContent('handling breached');
    expect(detail).toHaveTextContent('Database upgrade');
    expect(detail).toHaveTextContent('HighErrorRate');
  });

  it('opens the record a link names, in Chinese', async () => {
    stubApi({
      'GET /api/me': ME,
      'GET /api/oncall/handovers': { items: [], total: 0, page: 0, size: 20 },
      'GET /api/oncall/handovers/7': { ...DETAIL, snapshot: null, status: 'prefilled', writtenAt: null, acknowledgedAt: null },
    });
    renderPage(<HandoverPage />, { route: '/handover?id=7', language: 'zh' });

    const detail = await screen.findByTestId('handover-detail');
    expect(within(detail).getByTestId('handover-written')).toHaveTextContent('尚未完成（alice）');
    expect(detail).toHaveTextContent('正在汇总交接内容。');
    expect(screen.getByText('暂无交接记录')).toBeInTheDocument();
  });
});

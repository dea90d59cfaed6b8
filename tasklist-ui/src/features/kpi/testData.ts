import type { KpiGroup, KpiIncidentPage, KpiOnCall, KpiOptions, KpiSummary } from './kpiApi';

export const group = (key: string, overrides: Partial<KpiGroup> = {}): KpiGroup => ({
  key,
  incidents: 4,
  cancelled: 1,
  byPriority: { P0: 1, P1: 1, P2: 2, P3: 0 },
  acknowledged: 4,
  mttaSeconds: 555,
  resolved: 3,
  mttrSeconds: 4200,
  handled: 4,
  timeToHandleSeconds: 630,
  escalated: 2,
  escalationRate: 0.5,
  slaMet: 5,
  slaBreached: 3,
  slaAchievement: 0.625,
  rated: 2,
  csat: 3.5,
  satisfied: 1,
  ...overrides,
});

export const OPTIONS: KpiOptions = {
  readsAll: true,
  services: ['checkout', 'search'],
  teams: ['payments'],
  zone: 'Asia/Shanghai',
  figures: ['incidents', 'escalated', 'outage'],
};

export const SUMMARY: KpiSummary = {
  period: {
    firstDay: '2026-11-01',
    lastDay: '2026-11-30',
    from: '2026-10-31T16:00:00Z',
    to: '2026-11-30T16:00:00Z',
    zone: 'Asia/Shanghai',
  },
  totals: group('all'),
  sla: [
    { priority: 'P0', target: 'response', met: 1, breached: 0, running: 0, achievement: 1 },
    { priority: 'P0', target: 'handling', met: 0, breached: 1, running: 0, achievement: 0 },
  ],
  reviews: {
    reviews: 2,
    closed: 1,
    published: 1,
    lateStarts: 1,
    completionRate: 0.5,
    actionItems: 3,
    actionItemsDone: 1,
    actionItemsOpen: 2,
    actionItemsOverdue: 1,
  },
  pages: 5,
  nightPages: 3,
  availability: [
    {
      service: 'checkout',
      serviceClass: 'core',
      team: 'payments',
      month: '2026-11',
      periodMinutes: 43200,
      fullOutageMinutes: 50,
      partialOutageMinutes: 100,
      downtimeMinutes: 100,
      availability: 1 - 100 / 43200,
      target: 0.999,
      met: false,
      budgetMinutes: 43.2,
      budgetLeftMinutes: -56.8,
      budgetLeftRatio: -56.8 / 43.2,
      incidents: 3,
    },
    {
      service: 'search',
      serviceClass: 'support',
      team: 'payments',
      month: '2026-11',
      periodMinutes: 43200,
      fullOutageMinutes: 0,
      partialOutageMinutes: 0,
      downtimeMinutes: 0,
      availability: 1,
      target: 0.99,
      met: true,
      budgetMinutes: 432,
      budgetLeftMinutes: 432,
      budgetLeftRatio: 1,
      incidents: 0,
    },
  ],
};

export const TREND: KpiGroup[] = [group('2026-10', { incidents: 2 }), group('2026-11')];
export const ON_CALL: KpiOnCall[] = [{ person: 'alice', pages: 3, nightPages: 2, incidents: 3 }];

export const ESCALATED: KpiIncidentPage = {
  figure: 'escalated',
  total: 1,
  page: 0,
  size: 20,
  items: [
    {
      number: 'INC-20261110-0007',
      title: 'Checkout is down',
      service: 'checkout',
      team: 'payments',
      priority: 'P0',
      status: 'closed',
      createdAt: '2026-11-10T15:00:00Z',
      ackSeconds: 600,
      resolveSeconds: 7200,
      tier: 2,
      satisfaction: 2,
      outageKind: 'partial',
      outageMinutes: 120,
    },
  ],
};

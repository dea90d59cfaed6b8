import type { ReleaseDetail, ReleaseSummary } from './releaseApi';

export const SUMMARY: ReleaseSummary = {
  id: 'REL-20261204-0001',
  service: 'checkout',
  title: 'checkout 2.0',
  changeId: 'CHG-7',
  stableVersion: '1.0',
  newVersion: '2.0',
  strategy: 'canary',
  target: 'nginx',
  status: 'running',
  currentWeight: 50,
  stage: 'step-1',
  incidentNumber: null,
  requestedBy: 'ci',
  createdAt: '2026-12-04T02:00:00Z',
  updatedAt: '2026-12-04T02:05:00Z',
  finishedAt: null,
};

const analysis = (stepIndex: number | null, verdict: string, values: (number | null)[]) => ({
  stepIndex,
  phase: stepIndex === null ? 'performance' : 'step',
  verdict,
  at: '2026-12-04T02:03:00Z',
  result: {
    startedAt: 0,
    finishedAt: 1,
    metrics: [
      {
        name: 'error-ratio',
        query: 'q',
        verdict,
        failed: verdict === 'Failed' ? 1 : 0,
        inconclusive: 0,
        measurements: values.map((value) => ({ at: 0, value, baseline: 0.01, outcome: 'successful' as const })),
      },
    ],
  },
});

export function detail(overrides: Partial<ReleaseDetail> = {}, summary: Partial<ReleaseSummary> = {}): ReleaseDetail {
  return {
    release: { ...SUMMARY, ...summary },
    strategy: { type: 'canary' },
    target: { type: 'nginx' },
    steps: [
      { index: 0, name: 'canary 10%', weight: 10, pause: 'PT5M', manual: false, analyse: true },
      { index: 1, name: 'canary 50%', weight: 50, pause: 'PT5M', manual: false, analyse: true },
      { index: 2, name: 'canary 100%', weight: 100, pause: 'PT0S', manual: false, analyse: true },
    ],
    verificationPassed: true,
    traffic: [
      { stepIndex: 0, weight: 10, action: 'applied', at: '2026-12-04T02:01:00Z' },
      { stepIndex: 1, weight: 50, action: 'applied', at: '2026-12-04T02:04:00Z' },
    ],
    analyses: [analysis(0, 'Successful', [0.01, 0.02]), analysis(1, 'Inconclusive', [null, 0.03])],
    events: [{ kind: 'planned', actor: 'system', note: null, at: '2026-12-04T02:00:01Z' }],
    awaitingDecision: false,
    actions: ['pause', 'promote', 'rollback'],
    ...overrides,
  };
}

import type { ChangeDetail } from './changeApi';

export const CHANGE = {
  number: 'CHG-2026-00012',
  changeType: 'normal',
  title: 'Upgrade the payment SDK',
  description: 'From 4.1 to 4.2',
  service: 'payments-api',
  status: 'approved',
  risk: 'medium',
  requester: 'lin',
  implementerGroup: 'payments-sre',
  templateKey: null,
  templateVersion: null,
  incidentNumber: null,
  plannedStart: '2026-12-08T02:00:00Z',
  plannedEnd: '2026-12-08T04:00:00Z',
  windowStart: null,
  windowEnd: null,
  closeCode: null,
  assessment: { affectedUsers: 200, rollbackTested: true, rollbackPlan: 'pin 4.1' },
  processInstanceKey: 1,
  reviewed: false,
  createdAt: '2026-12-04T02:00:00Z',
  updatedAt: '2026-12-04T02:00:00Z',
  closedAt: null,
};

export function detail(overrides: Partial<ChangeDetail> = {}): ChangeDetail {
  return {
    change: CHANGE,
    approvals: [{ level: 'service-owner', approver: 'mia', decision: 'approved', comment: 'fine', decidedAt: '2026-12-04T03:00:00Z' }],
    timeline: [
      { at: '2026-12-04T02:00:00Z', actor: 'lin', kind: 'requested', summary: 'Requested as a normal change', details: {} },
      { at: '2026-12-04T03:00:00Z', actor: 'mia', kind: 'approved', summary: 'Approved (service-owner, risk medium)', details: { level: 'service-owner' } },
      { at: '2026-12-04T04:00:00Z', actor: null, kind: 'release-verdict', summary: 'Release REL-20261204-0001, step 1: Failed', details: { release: 'REL-20261204-0001', step: 0, verdict: 'Failed' } },
      { at: '2026-12-04T04:01:00Z', actor: null, kind: 'release-ended', summary: 'Release REL-20261204-0001 ended: backed-out, incident INC-20261204-0007', details: { release: 'REL-20261204-0001', outcome: 'backed-out', incident: 'INC-20261204-0007' } },
      { at: '2026-12-04T04:02:00Z', actor: null, kind: 'something-new', summary: 'A kind the page does not know', details: {} },
    ],
    openTasks: [{ key: '42', elementId: 'ScheduleChange', name: 'Schedule the change', candidateGroups: ['payments-sre'], assignee: null, dueDate: null }],
    conflicts: [],
    actions: ['schedule', 'request-information'],
    ...overrides,
  };
}

import type { FinalSchedule, Schedule } from './oncallApi';

export const SCHEDULE: Schedule = {
  id: 7,
  name: 'Tier-1 web',
  team: 'e2e-t1',
  description: null,
  timeZone: 'Asia/Shanghai',
  swapApproval: true,
  reminderLeadMinutes: 60,
  canEdit: true,
  layers: [
    {
      id: 11,
      position: 0,
      name: 'Primary',
      members: ['ann', 'bob'],
      turn: 'weekly',
      turnHours: 168,
      handoffTime: '09:00',
      startDate: '2026-11-30',
      timeZone: 'Asia/Shanghai',
      restrictions: [],
      businessCalendar: null,
      skipOnLeave: false,
    },
    {
      id: 12,
      position: 1,
      name: 'Day shift',
      members: ['cai'],
      turn: 'weekly',
      turnHours: 168,
      handoffTime: '09:00',
      startDate: '2026-11-30',
      timeZone: 'Asia/Shanghai',
      restrictions: [],
      businessCalendar: 'default',
      skipOnLeave: true,
    },
  ],
};

/** A week from Monday 2026-11-30 00:00 Shanghai: ann, an override of dan, ann, and a gap. */
export function finalWeek(from: string, to: string): FinalSchedule {
  const f = Date.parse(from);
  const at = (hours: number) => new Date(f + hours * 3_600_000).toISOString();
  return {
    scheduleId: 7,
    timeZone: 'Asia/Shanghai',
    from,
    to,
    entries: [
      { start: at(0), end: at(10), user: 'ann', source: 'layer', layerId: 11 },
      { start: at(10), end: at(14), user: 'dan', source: 'override', overrideId: 5 },
      { start: at(14), end: at(100), user: 'ann', source: 'layer', layerId: 11 },
      { start: at(100), end: to, user: null, source: 'gap' },
    ],
    gaps: [{ start: at(100), end: to, user: null, source: 'gap' }],
    layers: [
      { id: 11, name: 'Primary', position: 0, segments: [{ start: at(0), end: at(100), user: 'ann', source: 'layer', layerId: 11 }] },
      { id: 12, name: 'Day shift', position: 1, segments: [] },
    ],
    overrides: [{ id: 5, scheduleId: 7, user: 'dan', start: at(10), end: at(14), kind: 'override', replaces: 'ann', createdBy: 'mgr' }],
  };
}

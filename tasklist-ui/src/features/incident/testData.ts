import type { IncidentDetail, IncidentSummary, Sla } from './incidentApi';

/** Incidents as the API answers them, for the page tests. */

export const minutesFromNow = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

export function sla(target: Sla['target'], changes: Partial<Sla> = {}): Sla {
  return {
    target,
    goal: target === 'response' ? 'PT30M' : 'PT2H',
    calendarId: 'default',
    startTime: minutesFromNow(-5),
    breachTime: minutesFromNow(target === 'response' ? 25 : 115),
    breached: false,
    paused: false,
    met: null,
    stoppedAt: null,
    elapsedMillis: 5 * 60_000,
    remainingMillis: (target === 'response' ? 25 : 115) * 60_000,
    withinCalendarHours: true,
    ...changes,
  };
}

export function summary(number: string, changes: Partial<IncidentSummary> = {}): IncidentSummary {
  return {
    number,
    title: `Booking fails ${number}`,
    service: 'booking',
    priority: 'P1',
    status: 'triaged',
    severity: 'error',
    source: 'alert',
    handler: null,
    commander: null,
    createdAt: minutesFromNow(-5),
    acknowledgedAt: null,
    resolvedAt: null,
    closedAt: null,
    sla: [sla('response'), sla('handling')],
    ...changes,
  };
}

export function detail(number: string, changes: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    ...summary(number),
    description: 'Patients cannot book appointments since 09:55.',
    reporter: null,
    serviceClass: 'core',
    tier: 1,
    pagedGroups: ['tier1-oncall'],
    roles: { commander: null, communicationsLead: null, scribe: null },
    alerts: [
      {
        fingerprint: 'a1b2c3',
        status: 'firing',
        summary: 'Booking API error rate above 5 %',
        labels: { alertname: 'BookingErrors', service: 'booking' },
        startsAt: minutesFromNow(-6),
        endsAt: '0001-01-01T00:00:00Z',
        generatorUrl: 'http://prometheus.local/graph?g0.expr=up',
        lastSeenAt: minutesFromNow(-1),
        count: 3,
      },
    ],
    timeline: [
      { at: minutesFromNow(-5), actor: null, action: 'opened', summary: 'Opened from alert BookingErrors' },
      { at: minutesFromNow(-4), actor: null, action: 'paged', summary: 'Paged tier1-oncall' },
      { at: minutesFromNow(-2), actor: 'tier2user', action: 'note', summary: 'Looking at the database' },
    ],
    processInstanceKey: '2251799813685249',
    openTasks: [
      {
        key: '4503599627370497',
        elementId: 'Acknowledge',
        name: 'Acknowledge the incident',
        candidateGroups: ['tier1-oncall'],
        assignee: null,
        dueDate: minutesFromNow(25),
      },
    ],
    actions: ['acknowledge', 'escalate', 'priority', 'notes', 'cancel', 'roles', 'slaPause'],
    ...changes,
  };
}

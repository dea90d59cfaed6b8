import { api, queryString } from '../../app/api';

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;

/** The filters every KPI request takes. */
export interface KpiFilter {
  month: string;
  service?: string;
  team?: string;
  priority?: string;
}

export interface KpiGroup {
  key: string;
  incidents: number;
  cancelled: number;
  byPriority: Record<string, number>;
  acknowledged: number;
  mttaSeconds: number | null;
  resolved: number;
  mttrSeconds: number | null;
  handled: number;
  timeToHandleSeconds: number | null;
  escalated: number;
  escalationRate: number | null;
  slaMet: number;
  slaBreached: number;
  slaAchievement: number | null;
  rated: number;
  csat: number | null;
  satisfied: number;
}

export interface KpiSla {
  priority: string;
  target: string;
  met: number;
  breached: number;
  running: number;
  achievement: number | null;
}

export interface KpiReviews {
  reviews: number;
  closed: number;
  published: number;
  lateStarts: number;
  completionRate: number | null;
  actionItems: number;
  actionItemsDone: number;
  actionItemsOpen: number;
  actionItemsOverdue: number;
}

export interface KpiAvailability {
  service: string;
  serviceClass: string;
  team: string | null;
  month: string;
  periodMinutes: number;
  fullOutageMinutes: number;
  partialOutageMinutes: number;
  downtimeMinutes: number;
  availability: number;
  target: number;
  met: boolean;
  budgetMinutes: number;
  budgetLeftMinutes: number;
  budgetLeftRatio: number;
  incidents: number;
}

export interface KpiSummary {
  period: { firstDay: string; lastDay: string; from: string; to: string; zone: string };
  totals: KpiGroup;
  sla: KpiSla[];
  reviews: KpiReviews;
  pages: number;
  nightPages: number;
  availability: KpiAvailability[];
}

export interface KpiOnCall {
  person: string;
  pages: number;
  nightPages: number;
  incidents: number;
}

export interface KpiOptions {
  readsAll: boolean;
  services: string[];
  teams: string[];
  zone: string;
  figures: string[];
}

export interface KpiIncident {
  number: string;
  title: string;
  service: string;
  team: string;
  priority: string | null;
  status: string;
  createdAt: string;
  ackSeconds: number | null;
  resolveSeconds: number | null;
  tier: number;
  satisfaction: number | null;
  outageKind: string | null;
  outageMinutes: number | null;
}

export interface KpiIncidentPage {
  figure: string;
  total: number;
  page: number;
  size: number;
  items: KpiIncident[];
}

/** A drill-down: the figure and the filters beyond the dashboard's (a group clicked on). */
export interface Drill {
  figure: string;
  target?: string;
  month?: string;
  service?: string;
  team?: string;
  priority?: string;
}

function params(filter: KpiFilter): Record<string, string | undefined> {
  return { month: filter.month, service: filter.service, team: filter.team, priority: filter.priority };
}

export const fetchOptions = () => api<KpiOptions>('/api/kpi/options');

export const fetchSummary = (filter: KpiFilter) =>
  api<KpiSummary>(`/api/kpi/summary${queryString(params(filter))}`);

export const fetchBreakdown = (filter: KpiFilter, by: 'service' | 'team' | 'priority') =>
  api<KpiGroup[]>(`/api/kpi/breakdown${queryString({ ...params(filter), by })}`);

/** The twelve months up to the filter's month. */
export function trendRange(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number);
  const start = new Date(Date.UTC(year, m - 12, 1));
  const end = new Date(Date.UTC(year, m, 0));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { from: day(start), to: day(end) };
}

export const fetchTrend = (filter: KpiFilter) =>
  api<KpiGroup[]>(
    `/api/kpi/breakdown${queryString({
      ...trendRange(filter.month),
      service: filter.service,
      team: filter.team,
      priority: filter.priority,
      by: 'month',
    })}`,
  );

export const fetchOnCall = (filter: KpiFilter) => api<KpiOnCall[]>(`/api/kpi/oncall${queryString(params(filter))}`);

export const fetchIncidents = (filter: KpiFilter, drill: Drill, page: number, size = 20) => {
  const range = drill.month ? { month: drill.month } : { month: filter.month };
  return api<KpiIncidentPage>(
    `/api/kpi/incidents${queryString({
      ...range,
      service: drill.service ?? filter.service,
      team: drill.team ?? filter.team,
      priority: drill.priority ?? filter.priority,
      figure: drill.figure,
      target: drill.target,
      page,
      size,
    })}`,
  );
};

/** The address of the monthly report. */
export function reportUrl(filter: KpiFilter, format: 'csv' | 'pdf'): string {
  return `/api/kpi/report${queryString({ month: filter.month, service: filter.service, team: filter.team, format })}`;
}

/** Seconds as "12m 05s" or "3h 20m". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

/** A ratio as a percentage with `digits` decimals. */
export function percent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined) return '–';
  return `${(ratio * 100).toFixed(digits)} %`;
}

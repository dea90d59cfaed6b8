import { api, queryString } from '../../app/api';

export const RELEASE_STATUSES = ['requested', 'running', 'paused', 'promoted', 'backed-out', 'refused'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];
export type ReleaseAction = 'pause' | 'promote' | 'rollback';

export interface ReleaseSummary {
  id: string;
  service: string;
  title: string;
  changeId: string | null;
  stableVersion: string;
  newVersion: string;
  strategy: string;
  target: string;
  status: ReleaseStatus | string;
  currentWeight: number;
  stage: string | null;
  incidentNumber: string | null;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface ReleasePage {
  items: ReleaseSummary[];
  total: number;
  page: number;
  size: number;
}

export interface PlannedStep {
  index: number;
  name: string;
  weight: number;
  pause: string;
  manual: boolean;
  analyse: boolean;
}

export interface TrafficChange {
  stepIndex: number;
  weight: number;
  action: 'applied' | 'undone';
  at: string;
}

export interface Measurement {
  at: number;
  value: number | null;
  baseline: number | null;
  outcome: 'successful' | 'failed' | 'inconclusive';
}

export interface MetricResult {
  name: string;
  query: string;
  verdict: string;
  failed: number;
  inconclusive: number;
  measurements: Measurement[];
}

export interface Analysis {
  /** absent (or null) for the performance check before the traffic shift */
  stepIndex?: number | null;
  phase: string;
  verdict: 'Successful' | 'Failed' | 'Inconclusive' | string;
  result: { metrics: MetricResult[]; startedAt: number; finishedAt: number };
  at: string;
}

export interface ReleaseEvent {
  kind: string;
  actor: string | null;
  note: string | null;
  at: string;
}

export interface ReleaseDetail {
  release: ReleaseSummary;
  strategy: Record<string, unknown>;
  target: Record<string, unknown>;
  steps: PlannedStep[] | null;
  verificationPassed?: boolean | null;
  probeResults?: { url: string; status: number; passed: boolean; note: string }[] | null;
  traffic: TrafficChange[];
  analyses: Analysis[];
  events: ReleaseEvent[];
  awaitingDecision: boolean;
  actions: ReleaseAction[];
}

export function fetchReleases(filter: { service?: string; status?: string; page?: number; size?: number }) {
  return api<ReleasePage>(`/api/releases${queryString(filter)}`);
}

export function fetchRelease(id: string) {
  return api<ReleaseDetail>(`/api/releases/${encodeURIComponent(id)}`);
}

export function actOnRelease(id: string, action: ReleaseAction, reason?: string) {
  return api<ReleaseDetail>(`/api/releases/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    json: reason ? { reason } : {},
  });
}

/** The weight after each traffic change, in order, starting at 0: what the chart draws. */
export function weightSeries(traffic: TrafficChange[]): { at: string; weight: number; action: string }[] {
  return traffic.map((change) => ({ at: change.at, weight: change.weight, action: change.action }));
}

/** The measured values of one metric across the analyses, labelled by step. */
export function metricSeries(analyses: Analysis[]): Map<string, { label: string; value: number | null; baseline: number | null }[]> {
  const series = new Map<string, { label: string; value: number | null; baseline: number | null }[]>();
  for (const analysis of analyses) {
    const label = analysis.stepIndex == null ? 'perf' : `#${analysis.stepIndex + 1}`;
    for (const metric of analysis.result?.metrics ?? []) {
      const points = series.get(metric.name) ?? [];
      metric.measurements.forEach((m, i) =>
        points.push({ label: metric.measurements.length > 1 ? `${label}.${i + 1}` : label, value: m.value, baseline: m.baseline }),
      );
      series.set(metric.name, points);
    }
  }
  return series;
}

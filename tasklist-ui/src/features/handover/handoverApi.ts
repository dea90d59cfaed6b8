import { api, queryString } from '../../app/api';

export interface SlaState {
  target: string;
  goal?: string | null;
  breachTime?: string | null;
  breached: boolean;
  paused: boolean;
  outcome?: string | null;
  remainingMillis?: number | null;
}

export interface SnapshotIncident {
  number: string;
  service: string;
  priority?: string | null;
  status: string;
  handler?: string | null;
  createdAt?: string | null;
  sla: SlaState[];
}

export interface SnapshotSilence {
  id: number;
  kind: string;
  service: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

export interface SnapshotAlert {
  service: string;
  summary: string;
  status: string;
  fingerprint: string;
  incidentNumber?: string | null;
  lastSeenAt: string;
  count: number;
}

export interface HandoverSnapshot {
  gatheredAt: string;
  services: string[];
  openIncidents: SnapshotIncident[];
  silences: SnapshotSilence[];
  recentAlerts: SnapshotAlert[];
  /** Changes not finished whose window overlaps the next shift (absent in snapshots taken before they were gathered). */
  plannedChanges?: SnapshotChange[];
  /** Releases not yet ended on the team's services (absent in snapshots taken before they were gathered). */
  releases?: SnapshotRelease[];
}

export interface SnapshotRelease {
  id: string;
  service: string;
  changeId?: string | null;
  stableVersion: string;
  newVersion: string;
  strategy?: string | null;
  status: string;
  weight: number;
  stage?: string | null;
}

export interface SnapshotChange {
  number: string;
  service: string;
  type: string;
  risk?: string | null;
  status: string;
  startsAt: string;
  endsAt: string;
}

export type HandoverStatus = 'requested' | 'prefilled' | 'written' | 'acknowledged';

export interface Handover {
  id: number;
  scheduleId: string;
  team: string;
  tier: number;
  outgoingUser: string;
  incomingUser: string;
  shiftStart: string;
  shiftEnd: string;
  status: HandoverStatus;
  writeDue: string;
  acknowledgeWithin: string;
  processInstanceKey?: string | null;
  snapshot?: HandoverSnapshot | null;
  prefilledAt?: string | null;
  notes?: string | null;
  risks?: string | null;
  plannedChanges?: string | null;
  writtenBy?: string | null;
  writtenAt?: string | null;
  writeLate: boolean;
  acknowledgedBy?: string | null;
  acknowledgedAt?: string | null;
  acknowledgementNote?: string | null;
  writeEscalatedAt?: string | null;
  acknowledgeEscalatedAt?: string | null;
  createdAt: string;
}

export interface HandoverPage {
  items: Handover[];
  total: number;
  page: number;
  size: number;
}

export interface HandoverFilters {
  team?: string;
  person?: string;
  status?: HandoverStatus;
  from?: string;
  to?: string;
}

export function fetchHandovers(filters: HandoverFilters, page: number, size: number, signal?: AbortSignal): Promise<HandoverPage> {
  return api<HandoverPage>(`/api/oncall/handovers${queryString({ ...filters, page, size })}`, { signal });
}

export function fetchHandover(id: number | string, signal?: AbortSignal): Promise<Handover> {
  return api<Handover>(`/api/oncall/handovers/${encodeURIComponent(String(id))}`, { signal });
}

import { api, queryString } from '../../app/api';

export interface AuditRow {
  /** The chain's sequence number: of the row, or of the seal that holds an engine event. */
  seq: number | string;
  /** An engine event's position in the engine's log (events of one seal share its seq). */
  position?: number | string | null;
  occurredAt: string;
  actor: string;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  processInstanceKey?: string | null;
  businessKey?: string | null;
  taskKey?: string | null;
  details?: Record<string, unknown> | null;
}

export interface AuditPage {
  items: AuditRow[];
  total: number;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  processInstanceKey?: string;
  businessKey?: string;
  taskKey?: string;
  q?: string;
}

export interface Verification {
  valid: boolean;
  checked: number;
  firstBrokenId?: string | number | null;
  firstBrokenSeq?: string | number | null;
  reason?: string | null;
}

export function fetchAudit(filters: AuditFilters, page: number, size: number, signal?: AbortSignal): Promise<AuditPage> {
  return api<AuditPage>(`/api/audit${queryString({ ...filters, page, size })}`, { signal });
}

/** The address of the CSV export of the same filters (downloaded by the browser itself). */
export function exportUrl(filters: AuditFilters): string {
  return `/api/audit/export${queryString({ ...filters })}`;
}

export function verifyChain(): Promise<Verification> {
  return api<Verification>('/api/audit/verify');
}

/** A result's own key: its seq, and for an engine event its log position too. */
export function auditRowKey(row: AuditRow): string {
  return row.position == null ? String(row.seq) : `${row.seq}.${row.position}`;
}

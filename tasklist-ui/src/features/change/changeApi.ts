import { api, queryString } from '../../app/api';

export const CHANGE_TYPES = ['normal', 'standard', 'emergency'] as const;
export const CHANGE_STATUSES = ['requested', 'approved', 'rejected', 'scheduled', 'frozen', 'implementing', 'closed', 'cancelled'] as const;
export const RISKS = ['low', 'medium', 'high'] as const;
export const CLOSE_CODES = ['successful', 'successful-with-issues', 'unsuccessful', 'backed-out'] as const;

export interface Change {
  number: string;
  changeType: string;
  title: string;
  description: string;
  service: string;
  status: string;
  risk: string | null;
  requester: string;
  implementerGroup: string;
  templateKey: string | null;
  templateVersion: number | null;
  incidentNumber: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  windowStart: string | null;
  windowEnd: string | null;
  closeCode: string | null;
  assessment: Record<string, unknown>;
  processInstanceKey: number | null;
  reviewed: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface ChangePage {
  items: Change[];
  total: number;
  page: number;
  size: number;
}

export interface Approval {
  level: string;
  approver: string | null;
  decision: string;
  comment: string | null;
  decidedAt: string;
}

export interface ChangeEvent {
  at: string;
  actor: string | null;
  kind: string;
  summary: string;
  details: Record<string, unknown>;
}

export interface OpenTask {
  key: string;
  elementId: string;
  name: string;
  candidateGroups: string[];
  assignee: string | null;
  dueDate: string | null;
}

export interface Conflict {
  change: string | null;
  otherChange: string;
  service: string;
  otherService: string;
  start: string;
  end: string;
  reason: string;
}

export interface ChangeDetail {
  change: Change;
  approvals: Approval[];
  timeline: ChangeEvent[];
  openTasks: OpenTask[];
  conflicts: Conflict[];
  actions: string[];
}

export interface Template {
  key: string;
  version: number;
  title: string;
  description: string;
  service: string;
  implementerGroup: string;
  durationMinutes: number;
  steps: string;
  active: boolean;
}

export interface CalendarWindow {
  id: number;
  kind: 'maintenance' | 'blackout' | string;
  service: string | null;
  title: string;
  start: string;
  end: string;
  createdBy: string;
}

export interface Booked {
  number: string;
  title: string;
  service: string;
  changeType: string;
  status: string;
  risk: string | null;
  start: string;
  end: string;
}

export interface CalendarView {
  from: string;
  to: string;
  windows: CalendarWindow[];
  changes: Booked[];
  conflicts: Conflict[];
}

export interface ChangeFilters {
  type?: string;
  status?: string;
  mine?: boolean;
  text?: string;
  page?: number;
}

export function fetchChanges(filters: ChangeFilters): Promise<ChangePage> {
  return api<ChangePage>(`/api/changes${queryString({ ...filters })}`);
}

export function fetchChange(number: string): Promise<ChangeDetail> {
  return api<ChangeDetail>(`/api/changes/${encodeURIComponent(number)}`);
}

export interface ChangeRequest {
  type: string;
  templateKey?: string;
  title?: string;
  description?: string;
  service?: string;
  implementerGroup?: string;
  plannedStart?: string;
  plannedEnd?: string;
  incidentNumber?: string;
}

export function requestChange(body: ChangeRequest): Promise<Change> {
  return api<Change>('/api/changes', { json: body });
}

export function scheduleChange(number: string, windowStart: string, windowEnd: string): Promise<{ change: Change; conflicts: Conflict[] }> {
  return api(`/api/changes/${encodeURIComponent(number)}/schedule`, { json: { windowStart, windowEnd } });
}

export function requestInformation(number: string, requestedFrom: string, question: string): Promise<void> {
  return api(`/api/changes/${encodeURIComponent(number)}/information-requests`, { json: { requestedFrom, question } });
}

export function releaseEnded(number: string, outcome: string, releaseId?: string): Promise<void> {
  return api(`/api/changes/${encodeURIComponent(number)}/release-ended`, { json: { outcome, releaseId } });
}

export function fetchTemplates(): Promise<Template[]> {
  return api<Template[]>('/api/changes/templates');
}

export function fetchServices(): Promise<{ name: string; displayName: string }[]> {
  return api('/api/services');
}

export function fetchCalendar(from: string, to: string, service?: string): Promise<CalendarView> {
  return api<CalendarView>(`/api/changes/calendar${queryString({ from, to, service })}`);
}

export function createWindow(body: { kind: string; service?: string; title: string; start: string; end: string }): Promise<CalendarWindow> {
  return api<CalendarWindow>('/api/changes/calendar/windows', { json: body });
}

export function deleteWindow(id: number): Promise<void> {
  return api(`/api/changes/calendar/windows/${id}`, { method: 'DELETE' });
}

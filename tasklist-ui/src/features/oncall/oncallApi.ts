import { api, queryString } from '../../app/api';

export interface Restriction {
  days: string[];
  start: string;
  end: string;
}

export interface Layer {
  id: number;
  position: number;
  name: string;
  members: string[];
  turn: 'daily' | 'weekly' | 'custom' | string;
  turnHours: number;
  handoffTime: string;
  startDate: string;
  timeZone: string;
  restrictions: Restriction[];
  businessCalendar?: string | null;
  skipOnLeave: boolean;
}

export interface Schedule {
  id: number;
  name: string;
  team: string;
  description?: string | null;
  timeZone: string;
  swapApproval: boolean;
  reminderLeadMinutes: number;
  layers: Layer[];
  canEdit: boolean;
}

export interface Segment {
  start: string;
  end: string;
  user?: string | null;
  source: 'layer' | 'override' | 'gap' | string;
  layerId?: number | null;
  overrideId?: number | null;
}

export interface Override {
  id: number;
  scheduleId: number;
  user: string;
  start: string;
  end: string;
  kind: 'override' | 'swap' | 'take' | string;
  replaces?: string | null;
  swapId?: number | null;
  note?: string | null;
  createdBy: string;
}

export interface FinalSchedule {
  scheduleId: number;
  timeZone: string;
  from: string;
  to: string;
  entries: Segment[];
  gaps: Segment[];
  layers: { id: number; name: string; position: number; segments: Segment[] }[];
  overrides: Override[];
}

export interface Swap {
  id: number;
  scheduleId: number;
  requester: string;
  counterpart: string;
  start: string;
  end: string;
  returnStart?: string | null;
  returnEnd?: string | null;
  status: 'requested' | 'accepted' | 'approved' | 'declined' | 'cancelled' | string;
  note?: string | null;
  decidedBy?: string | null;
}

export interface OnCallPerson {
  user: string;
  displayName?: string | null;
  scheduleId: number;
  scheduleName?: string | null;
  shiftEnd?: string | null;
  source: string;
}

export interface ServiceNow {
  service: string;
  tier: number;
  group: string;
  at: string;
  people: OnCallPerson[];
  schedules: { scheduleId: number; scheduleName: string; timeZone: string; onCall?: OnCallPerson | null; gapEnd?: string | null }[];
  fallback: boolean;
}

export interface Shift {
  scheduleId: number;
  scheduleName: string;
  team: string;
  start: string;
  end: string;
  source: string;
}

export interface Leave {
  id: number;
  user: string;
  start: string;
  end: string;
  note?: string | null;
  createdBy: string;
}

export interface ServiceSummary {
  name: string;
  displayName: string;
  tier1Group: string;
  tier2Group: string;
  tier3Group: string;
}

export interface LayerInput {
  name: string;
  members: string[];
  turn: string;
  turnHours?: number;
  handoffTime: string;
  startDate: string;
  timeZone?: string;
  restrictions?: Restriction[];
  businessCalendar?: string;
  skipOnLeave?: boolean;
}

export const fetchSchedules = (signal?: AbortSignal) => api<Schedule[]>('/api/oncall/schedules', { signal });
export const fetchSchedule = (id: number | string, signal?: AbortSignal) => api<Schedule>(`/api/oncall/schedules/${id}`, { signal });
export const createSchedule = (body: { name: string; team: string; timeZone: string; swapApproval?: boolean; reminderLeadMinutes?: number; layers?: LayerInput[] }) =>
  api<Schedule>('/api/oncall/schedules', { json: body });
export const addLayer = (id: number, body: LayerInput) => api<Schedule>(`/api/oncall/schedules/${id}/layers`, { json: body });
export const deleteLayer = (id: number, layerId: number) => api<Schedule>(`/api/oncall/schedules/${id}/layers/${layerId}`, { method: 'DELETE' });
export const fetchFinal = (id: number | string, from: string, to: string, signal?: AbortSignal) =>
  api<FinalSchedule>(`/api/oncall/schedules/${id}/final${queryString({ from, to })}`, { signal });
export const addOverride = (id: number, body: { user: string; start: string; end: string; note?: string }) =>
  api<Override>(`/api/oncall/schedules/${id}/overrides`, { json: body });
export const deleteOverride = (id: number, overrideId: number) =>
  api<void>(`/api/oncall/schedules/${id}/overrides/${overrideId}`, { method: 'DELETE' });
export const takeShift = (id: number, body: { start: string; end: string; note?: string }) =>
  api<Override>(`/api/oncall/schedules/${id}/take`, { json: body });
export const requestSwap = (id: number, body: { counterpart: string; start: string; end: string; returnStart?: string; returnEnd?: string; note?: string }) =>
  api<Swap>(`/api/oncall/schedules/${id}/swaps`, { json: body });
export const fetchScheduleSwaps = (id: number | string, signal?: AbortSignal) => api<Swap[]>(`/api/oncall/schedules/${id}/swaps`, { signal });
export const fetchMySwaps = (signal?: AbortSignal) => api<Swap[]>('/api/oncall/swaps', { signal });
export const swapAction = (swapId: number, action: 'accept' | 'decline' | 'approve' | 'reject' | 'cancel') =>
  api<Swap>(`/api/oncall/swaps/${swapId}/${action}`, { method: 'POST' });
export const fetchNow = (service: string, tier: number, signal?: AbortSignal) =>
  api<ServiceNow>(`/api/oncall/now${queryString({ service, tier })}`, { signal });
export const fetchServices = (signal?: AbortSignal) => api<ServiceSummary[]>('/api/services', { signal });
export const fetchMyShifts = (from: string, to: string, signal?: AbortSignal) =>
  api<{ user: string; shifts: Shift[] }>(`/api/oncall/my-shifts${queryString({ from, to })}`, { signal });
export const fetchLeaves = (user: string, from: string, to: string, signal?: AbortSignal) =>
  api<Leave[]>(`/api/oncall/leaves${queryString({ user, from, to })}`, { signal });
export const addLeave = (body: { start: string; end: string; note?: string }) => api<Leave>('/api/oncall/leaves', { json: body });
export const deleteLeave = (id: number) => api<void>(`/api/oncall/leaves/${id}`, { method: 'DELETE' });
export const fetchFeedState = (signal?: AbortSignal) => api<{ exists: boolean; createdAt?: string }>('/api/oncall/feed-token', { signal });
export const newFeed = () => api<{ url: string; createdAt: string }>('/api/oncall/feed-token', { method: 'POST' });

// time in a schedule's zone

/** The browser's time zone (leave is written in it). */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const partsFormat = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = partsFormat.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormat.set(zone, format);
  }
  return format;
}

/** The wall-clock fields of an instant in a zone. */
export function wallClock(instant: Date | string | number, zone: string) {
  const date = new Date(instant);
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour % 24, minute: parts.minute, second: parts.second };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(millis: number, zone: string): number {
  const w = wallClock(millis, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(millis / 1000) * 1000;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;

/**
 * The instant (ISO, UTC) of a wall-clock time "YYYY-MM-DD HH:mm" in a zone, or null when the text is
 * not such a time. A time skipped by a daylight-saving change is moved forward by the change; one
 * that happens twice is its first occurrence.
 */
export function zonedToIso(text: string, zone: string): string | null {
  const match = WALL.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const first = local - offsetAt(local, zone);
  const second = local - offsetAt(first, zone);
  const candidates = [first, second, local - offsetAt(first - 3_600_000, zone), local - offsetAt(first + 3_600_000, zone)];
  const exact = candidates.filter((c) => offsetAt(c, zone) === local - c).sort((a, b) => a - b);
  const chosen = exact.length > 0 ? exact[0] : Math.max(first, second);
  return new Date(chosen).toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "YYYY-MM-DD HH:mm" of an instant in a zone. */
export function isoToZoned(instant: string | Date | number, zone: string): string {
  const w = wallClock(instant, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** The instant of midnight starting the local day of `instant` in a zone, plus `days`. */
export function startOfDay(instant: Date | number, zone: string, days = 0): string {
  const w = wallClock(instant, zone);
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return zonedToIso(`${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} 00:00`, zone)!;
}

// ---- escalation policies

export type TargetType = 'schedule' | 'user' | 'group';

export interface PolicyTarget {
  type: TargetType | string;
  id: string;
  tier?: number | null;
}

export interface PolicyLevel {
  targets: PolicyTarget[];
  acknowledgeWithin: string;
  roundRobin: boolean;
  businessHoursOnlyFor: string[];
}

export interface EscalationPolicy {
  id: string;
  name: string;
  description?: string | null;
  team: string;
  calendarId: string;
  repeat: number;
  repageAfter?: string | null;
  levels: PolicyLevel[];
  services: string[];
  version: number;
  updatedBy: string;
  updatedAt: string;
}

export type PolicyInput = Omit<EscalationPolicy, 'version' | 'updatedBy' | 'updatedAt'>;

const POLICIES = '/api/oncall/escalation-policies';
export const fetchPolicies = (signal?: AbortSignal) => api<EscalationPolicy[]>(POLICIES, { signal });
export const createPolicy = (body: PolicyInput) => api<EscalationPolicy>(POLICIES, { json: body });
export const updatePolicy = (id: string, body: PolicyInput) =>
  api<EscalationPolicy>(`${POLICIES}/${encodeURIComponent(id)}`, { method: 'PUT', json: body });
export const deletePolicy = (id: string) => api<void>(`${POLICIES}/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Whole minutes of an ISO 8601 duration of hours and minutes (PT1H30M is 90); NaN for anything else. */
export function isoMinutes(duration: string | null | undefined): number {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(duration ?? '');
  if (!match || (!match[1] && !match[2])) return Number.NaN;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
}

/** An ISO 8601 duration of whole minutes. */
export const minutesIso = (minutes: number) => `PT${Math.round(minutes)}M`;

// ---- my contact rules: how a page reaches me

export type ContactChannel = 'sms' | 'voice' | 'dingtalk' | 'email';

export interface ContactRule {
  channel: ContactChannel | string;
  delayMinutes: number;
}

export const fetchContactRules = (signal?: AbortSignal) =>
  api<{ rules: ContactRule[] }>('/api/me/contact-rules', { signal }).then((body) => body.rules);
export const saveContactRules = (rules: ContactRule[]) =>
  api<{ rules: ContactRule[] }>('/api/me/contact-rules', { method: 'PUT', json: { rules } }).then((body) => body.rules);

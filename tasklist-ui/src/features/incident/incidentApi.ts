import { api, queryString } from '../../app/api';

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const STATUSES = ['open', 'triaged', 'acknowledged', 'resolved', 'closed', 'cancelled'] as const;
export type Status = (typeof STATUSES)[number];

export const SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Source = 'alert' | 'report' | 'heartbeat';

/** One SLA cycle of an incident (Jira Service Management's shape). */
export interface Sla {
  target: 'response' | 'handling';
  /** ISO 8601 duration ("PT30M") or business days ("1BD"). */
  goal: string;
  calendarId?: string | null;
  startTime?: string | null;
  /** When the goal is (or was) missed, by the calendar. */
  breachTime?: string | null;
  breached: boolean;
  paused: boolean;
  /** true / false once the clock stopped, null while it runs. */
  met?: boolean | null;
  stoppedAt?: string | null;
  elapsedMillis?: number | null;
  /** Business time left when the server answered (negative or 0 once breached). */
  remainingMillis?: number | null;
  /** Whether the clock was running in the calendar's working hours when the server answered. */
  withinCalendarHours?: boolean | null;
}

export interface IncidentSummary {
  number: string;
  title: string;
  service: string;
  priority: Priority | string;
  status: Status | string;
  severity?: Severity | string | null;
  source?: Source | string | null;
  handler?: string | null;
  commander?: string | null;
  createdAt: string;
  acknowledgedAt?: string | null;
  resolvedAt?: string | null;
  closedAt?: string | null;
  sla: Sla[];
}

export interface IncidentPage {
  items: IncidentSummary[];
  total: number;
  page: number;
  size: number;
}

export interface IncidentAlert {
  fingerprint: string;
  status: 'firing' | 'resolved' | string;
  summary?: string | null;
  labels: Record<string, string>;
  startsAt?: string | null;
  endsAt?: string | null;
  generatorUrl?: string | null;
  lastSeenAt?: string | null;
  count?: number | null;
}

export interface TimelineEntry {
  at: string;
  actor?: string | null;
  action: string;
  summary?: string | null;
}

export interface OpenTask {
  key: string;
  elementId: 'Acknowledge' | 'Handle' | 'ConfirmResolution' | string;
  name?: string | null;
  candidateGroups: string[];
  assignee?: string | null;
  dueDate?: string | null;
}

export const ACTIONS = [
  'acknowledge',
  'escalate',
  'priority',
  'notes',
  'resolve',
  'close',
  'reopen',
  'cancel',
  'roles',
  'slaPause',
  'slaResume',
  'outage',
] as const;
export type Action = (typeof ACTIONS)[number];

export interface Roles {
  commander?: string | null;
  communicationsLead?: string | null;
  scribe?: string | null;
}

export interface IncidentDetail extends IncidentSummary {
  description?: string | null;
  reporter?: string | null;
  serviceClass?: string | null;
  tier?: number | null;
  pagedGroups: string[];
  roles: Roles;
  alerts: IncidentAlert[];
  timeline: TimelineEntry[];
  processInstanceKey?: string | null;
  openTasks: OpenTask[];
  /** What the caller may do now. */
  actions: Action[];
  /** The outage the incident caused (for availability), when recorded. */
  outage?: Outage | null;
  /** The reporter's rating of the resolution, when given. */
  satisfaction?: Satisfaction | null;
}

export interface Outage {
  start: string;
  end?: string | null;
  kind: 'full' | 'partial' | string;
}

export interface Satisfaction {
  rating: number;
  comment?: string | null;
  ratedAt: string;
}

export interface IncidentQuery {
  status?: string;
  priority?: string;
  service?: string;
  assignee?: string;
  from?: string;
  to?: string;
  text?: string;
  page: number;
  size: number;
}

export interface NewIncident {
  title: string;
  description?: string | null;
  service: string;
  severity: Severity;
  affectedUsers: number;
  dataOrSafetyImpact: boolean;
}

export interface Diagram {
  bpmnXml: string;
  activeElementIds: string[];
  completedElementIds: string[];
}

/** The incident event stream: `incident` events with the number and new status. */
export const INCIDENT_EVENTS_URL = '/api/incidents/events';
export interface IncidentEvent {
  number: string;
  status?: string;
}

const incident = (number: string) => `/api/incidents/${encodeURIComponent(number)}`;

export function fetchIncidents(query: IncidentQuery, signal?: AbortSignal): Promise<IncidentPage> {
  return api<IncidentPage>(`/api/incidents${queryString({ ...query })}`, { signal });
}

export function fetchIncident(number: string, signal?: AbortSignal): Promise<IncidentDetail> {
  return api<IncidentDetail>(incident(number), { signal });
}

export function reportIncident(input: NewIncident): Promise<IncidentDetail> {
  return api<IncidentDetail>('/api/incidents', { method: 'POST', json: input });
}

export function fetchDiagram(number: string, signal?: AbortSignal): Promise<Diagram> {
  return api<Diagram>(`${incident(number)}/diagram`, { signal });
}

/** The address and body of each action (roles is a PUT, the SLA clock has its own sub-path). */
const ACTION_PATHS: Record<Exclude<Action, 'roles' | 'outage'>, string> = {
  acknowledge: 'acknowledge',
  escalate: 'escalate',
  priority: 'priority',
  notes: 'notes',
  resolve: 'resolve',
  close: 'close',
  reopen: 'reopen',
  cancel: 'cancel',
  slaPause: 'sla/pause',
  slaResume: 'sla/resume',
};

export function performAction(number: string, action: Action, body: Record<string, unknown>): Promise<unknown> {
  if (action === 'roles') return api(`${incident(number)}/roles`, { method: 'PUT', json: body });
  if (action === 'outage') return api(`${incident(number)}/outage`, { method: 'PUT', json: body });
  return api(`${incident(number)}/${ACTION_PATHS[action]}`, { method: 'POST', json: body });
}

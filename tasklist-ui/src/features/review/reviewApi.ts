import { api, queryString } from '../../app/api';

export const REVIEW_STATUSES = ['requested', 'in-progress', 'in-approval', 'following-up', 'closed'] as const;
export const ITEM_PRIORITIES = ['high', 'medium', 'low'] as const;
export const ITEM_TYPES = ['fix', 'prevent', 'detect', 'process'] as const;
export const REQUIRED_SECTIONS = ['rootCause', 'contributingFactors', 'impact', 'wentWell'] as const;

export interface ReviewSections {
  rootCause: string | null;
  contributingFactors: string | null;
  impactUsers: number | null;
  impactDurationMinutes: number | null;
  impactData: string | null;
  wentWell: string | null;
}

export interface TimelineEntry {
  id: number;
  at: string;
  actor: string | null;
  kind: string;
  summary: string;
  auditSeq: number | null;
  hidden: boolean;
  editedBy: string | null;
  editedAt: string | null;
}

export interface ActionItem {
  id: string;
  position: number;
  title: string;
  owner: string;
  dueDate: string;
  remindAt: string;
  priority: string;
  type: string;
  state: 'open' | 'done' | 'not-done' | string;
  reason: string | null;
  redated: number;
  remindedAt: string | null;
  escalatedAt: string | null;
  closedAt: string | null;
}

export interface OpenTask {
  key: string;
  elementId: string;
  name: string | null;
  assignee: string | null;
  candidateGroups: string[];
  dueDate: string | null;
}

export interface ReviewDetail {
  incidentNumber: string;
  service: string;
  priority: string | null;
  status: string;
  reviewOwner: string | null;
  ownerGroup: string | null;
  startDue: string | null;
  lateStartEscalatedAt: string | null;
  sections: ReviewSections;
  approvedBy: string | null;
  approvedAt: string | null;
  documentId: number | null;
  startedAt: string | null;
  closedAt: string | null;
  missingSections: string[];
  timeline: TimelineEntry[];
  actionItems: ActionItem[];
  openTasks: OpenTask[];
  actions: string[];
}

export interface ReviewSummary {
  incidentNumber: string;
  service: string;
  priority: string | null;
  status: string;
  reviewOwner: string | null;
  ownerGroup: string | null;
  startDue: string | null;
  actionItems: number;
  openActionItems: number;
  overdueActionItems: number;
  updatedAt: string | null;
}

export interface ItemInput {
  title: string;
  owner: string;
  dueDate: string;
  priority: string;
  type: string;
}

const path = (number: string) => `/api/reviews/${encodeURIComponent(number)}`;

export const fetchReviews = (status?: string) => api<ReviewSummary[]>(`/api/reviews${queryString({ status })}`);
export const fetchReview = (number: string) => api<ReviewDetail>(path(number));
export const updateSections = (number: string, sections: Partial<ReviewSections>) =>
  api<ReviewDetail>(`${path(number)}/sections`, { method: 'PUT', json: sections });
export const addTimelineEntry = (number: string, entry: { at: string; summary: string }) =>
  api<ReviewDetail>(`${path(number)}/timeline`, { method: 'POST', json: entry });
export const editTimelineEntry = (number: string, id: number, change: { summary?: string; hidden?: boolean }) =>
  api<ReviewDetail>(`${path(number)}/timeline/${id}`, { method: 'PUT', json: change });
export const replaceActionItems = (number: string, items: ItemInput[]) =>
  api<ReviewDetail>(`${path(number)}/action-items`, { method: 'PUT', json: { items } });
export const decide = (number: string, approved: boolean, comment?: string) =>
  api<ReviewDetail>(`${path(number)}/approval`, { method: 'POST', json: { approved, comment } });

/** Open and past its due date. */
export function overdue(item: ActionItem, now = Date.now()): boolean {
  return item.state === 'open' && new Date(item.dueDate).getTime() < now;
}

import { api, queryString } from '../../app/api';

export type View = 'mine' | 'groups' | 'all';
export type Sort = 'due' | 'priority' | 'created';
export type Order = 'asc' | 'desc';

export interface TaskSummary {
  key: string;
  name: string | null;
  processDefinitionId: string;
  processName?: string | null;
  processInstanceKey: string;
  businessKey?: string | null;
  elementId: string;
  assignee?: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
  priority?: number | null;
  creationDate?: string | null;
  dueDate?: string | null;
  followUpDate?: string | null;
  state: string;
  hasForm: boolean;
}

export interface TaskPage {
  items: TaskSummary[];
  total: number;
  page: number;
  size: number;
  counts: Record<View, number>;
}

export interface TaskDetail extends TaskSummary {
  variables: Record<string, unknown>;
  form: FormSchema | null;
  canClaim: boolean;
  canUnclaim: boolean;
  canComplete: boolean;
  canAssign: boolean;
}

/** A form-js schema (opaque here except for its components). */
export interface FormSchema {
  components?: FormComponent[];
  [key: string]: unknown;
}

export interface FormComponent {
  id?: string;
  key?: string;
  label?: string;
  type?: string;
  components?: FormComponent[];
  [key: string]: unknown;
}

export interface TaskQuery {
  view: View;
  process?: string;
  candidateGroup?: string;
  priority?: number;
  dueBefore?: string;
  overdue?: boolean;
  followUp?: boolean;
  text?: string;
  sort?: Sort;
  order?: Order;
  page: number;
  size: number;
}

export function fetchTasks(query: TaskQuery, signal?: AbortSignal): Promise<TaskPage> {
  return api<TaskPage>(`/api/tasks${queryString({ ...query })}`, { signal });
}

export function fetchTask(key: string, signal?: AbortSignal): Promise<TaskDetail> {
  return api<TaskDetail>(`/api/tasks/${encodeURIComponent(key)}`, { signal });
}

export function claimTask(key: string) {
  return api(`/api/tasks/${encodeURIComponent(key)}/claim`, { method: 'POST' });
}

export function unclaimTask(key: string) {
  return api(`/api/tasks/${encodeURIComponent(key)}/unclaim`, { method: 'POST' });
}

export function assignTask(key: string, assignee: string) {
  return api(`/api/tasks/${encodeURIComponent(key)}/assign`, { method: 'POST', json: { assignee } });
}

export function completeTask(key: string, variables: Record<string, unknown>) {
  return api(`/api/tasks/${encodeURIComponent(key)}/complete`, { method: 'POST', json: { variables } });
}

/** The display name of a task: its name, else its BPMN element id. */
export function taskName(task: Pick<TaskSummary, 'name' | 'elementId'>): string {
  return task.name || task.elementId;
}

export function processLabel(task: Pick<TaskSummary, 'processName' | 'processDefinitionId'>): string {
  return task.processName || task.processDefinitionId;
}

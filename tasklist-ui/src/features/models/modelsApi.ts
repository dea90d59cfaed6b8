import { api } from '../../app/api';

export type ModelKind = 'process' | 'decision' | 'form';
export type DraftKind = 'bpmn' | 'dmn' | 'form';

export interface ModelVersion {
  version: number;
  key: string;
  resourceName: string | null;
  deployedBy: string | null;
  deployedAt: string | null;
}

export interface Model {
  kind: ModelKind;
  id: string;
  name: string;
  versions: ModelVersion[];
}

export interface Draft {
  id: string;
  kind: DraftKind;
  resourceName: string;
  content: string | null;
  baseId: string | null;
  baseVersion: number | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export interface ModelProblem {
  resourceName: string;
  elementId: string | null;
  message: string;
}

export interface Validation {
  valid: boolean;
  problems: ModelProblem[];
}

export interface Deployed {
  deploymentKey: number;
  resources: { type: string; id: string; version: number; key: string; resourceName: string }[];
}

export const fetchModels = (signal?: AbortSignal) => api<Model[]>('/api/models', { signal });

export async function fetchContent(kind: ModelKind, id: string, version: number, signal?: AbortSignal): Promise<string> {
  const response = await fetch(`/api/models/${kind}/${encodeURIComponent(id)}/versions/${version}/content`, {
    signal,
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

export const fetchDrafts = (signal?: AbortSignal) => api<Draft[]>('/api/models/drafts', { signal });
export const fetchDraft = (id: string, signal?: AbortSignal) => api<Draft>(`/api/models/drafts/${id}`, { signal });

export interface DraftInput {
  resourceName: string;
  content: string;
  baseId?: string | null;
  baseVersion?: number | null;
}

export const createDraft = (input: DraftInput) => api<Draft>('/api/models/drafts', { method: 'POST', json: input });
export const saveDraft = (id: string, input: DraftInput) => api<Draft>(`/api/models/drafts/${id}`, { method: 'PUT', json: input });
export const deleteDraft = (id: string) => api<void>(`/api/models/drafts/${id}`, { method: 'DELETE' });
export const validateDraft = (id: string) => api<Validation>(`/api/models/drafts/${id}/validation`, { method: 'POST' });
export const deployDraft = (id: string) => api<Deployed>(`/api/models/drafts/${id}/deployment`, { method: 'POST' });
export const draftFileUrl = (id: string) => `/api/models/drafts/${id}/file`;

/** The draft kind of a deployed model's file. */
export function draftKindOf(kind: ModelKind): DraftKind {
  return kind === 'process' ? 'bpmn' : kind === 'decision' ? 'dmn' : 'form';
}

/** A resource file name for a model (the deployed one when known). */
export function resourceNameOf(model: Model, version: ModelVersion): string {
  const name = version.resourceName;
  const extension = draftKindOf(model.kind);
  if (name && name.toLowerCase().endsWith('.' + extension)) return name.split('/').pop() as string;
  return `${model.id}.${extension}`;
}

const PROBLEM_REASON = /^'([^']+)'(?: element '([^']+)')?: (.*)$/s;

/**
 * The problems of a refused deployment (a 400's `errors`, each reason
 * `'file.bpmn' element 'Task_1': message`), so that they can be shown on the diagram.
 */
export function problemsFromReasons(reasons: string[]): ModelProblem[] {
  return reasons.map((reason) => {
    const m = PROBLEM_REASON.exec(reason);
    return m ? { resourceName: m[1], elementId: m[2] ?? null, message: m[3] } : { resourceName: '', elementId: null, message: reason };
  });
}

import { api, queryString } from '../../app/api';

export interface DefinitionStats {
  processDefinitionId: string;
  name: string;
  version: number;
  processDefinitionKey: string;
  active: number;
  withIncident: number;
  completed: number;
  /** The counts that reached the search's bound of 10,000 (at least that many). */
  atLeast: Array<'active' | 'withIncident' | 'completed'>;
}

/** A count as shown: "10000+" when it is a lower bound. */
export function countText(count: number, atLeast: boolean): string {
  return atLeast ? `${count}+` : String(count);
}

export interface InstanceRow {
  processInstanceKey: string;
  processDefinitionId: string;
  processName: string | null;
  version: number;
  processDefinitionKey: string;
  state: string;
  hasIncident: boolean;
  startDate: string | null;
  endDate: string | null;
}

export interface InstancePage {
  items: InstanceRow[];
  /** Exact unless hasMoreTotal: then at least this many (a search counts up to 10,000). */
  total: number;
  hasMoreTotal: boolean;
  next: string | null;
}

export interface ElementRow {
  elementInstanceKey: string;
  elementId: string;
  elementName: string | null;
  type: string;
  state: string;
  startDate: string | null;
  endDate: string | null;
  incidentKey: string | null;
}

export interface IncidentRow {
  incidentKey: string;
  elementId: string | null;
  elementInstanceKey: string | null;
  jobKey: string | null;
  errorType: string;
  errorMessage: string | null;
  state: string;
  creationTime: string | null;
}

export interface VariableRow {
  variableKey: string;
  name: string;
  value: string;
  scopeKey: string;
}

export interface ElementCounts {
  active: number;
  completed: number;
  terminated: number;
  incidents: number;
}

export interface InstanceDetail {
  instance: InstanceRow;
  elements: ElementRow[];
  incidents: IncidentRow[];
  variables: VariableRow[];
  counts: Record<string, ElementCounts>;
  truncated: boolean;
}

export interface VariableChange {
  name: string;
  scopeKey: string;
  value: string;
  actor: string;
  at: string;
  action: string;
}

export interface HeatCell {
  instances: number;
  active: number;
  incidents: number;
  averageMillis: number | null;
}

export interface HeatMap {
  processDefinitionKey: string;
  elements: Record<string, HeatCell>;
  sampled: number;
  truncated: boolean;
}

export interface InstanceFilter {
  processDefinitionId?: string;
  version?: number;
  state?: string;
  withIncident?: boolean;
  businessKey?: string;
  startedFrom?: string;
  startedTo?: string;
  variableName?: string;
  variableValue?: string;
}

export const fetchDefinitions = (signal?: AbortSignal) => api<DefinitionStats[]>('/api/operations/definitions', { signal });

export const fetchInstances = (filter: InstanceFilter, after: string | null, limit: number, signal?: AbortSignal) =>
  api<InstancePage>(
    '/api/operations/instances' + queryString({ ...filter, after: after ?? undefined, limit } as Record<string, string | number | boolean | undefined>),
    { signal },
  );

export const fetchInstance = (key: string, signal?: AbortSignal) => api<InstanceDetail>(`/api/operations/instances/${key}`, { signal });
export const fetchVariableHistory = (key: string, signal?: AbortSignal) =>
  api<VariableChange[]>(`/api/operations/instances/${key}/variable-history`, { signal });
export const fetchHeatMap = (definitionKey: string, signal?: AbortSignal) =>
  api<HeatMap>(`/api/operations/definitions/${definitionKey}/heatmap`, { signal });

export async function fetchXml(definitionKey: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch(`/api/operations/definitions/${definitionKey}/xml`, {
    signal,
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

export const setVariables = (key: string, variables: Record<string, unknown>, reason: string, scopeKey?: string) =>
  api<void>(`/api/operations/instances/${key}/variables`, { method: 'POST', json: { variables, reason, scopeKey } });
export const retryIncident = (incidentKey: string, retries: number, reason: string) =>
  api<void>(`/api/operations/incidents/${incidentKey}/retry`, { method: 'POST', json: { retries, reason } });
export const resolveIncident = (incidentKey: string, reason: string) =>
  api<void>(`/api/operations/incidents/${incidentKey}/resolution`, { method: 'POST', json: { reason } });
export const cancelInstance = (key: string, reason: string) =>
  api<void>(`/api/operations/instances/${key}/cancellation`, { method: 'POST', json: { reason } });
export const modifyInstance = (key: string, activate: { elementId: string }[], terminate: string[], reason: string) =>
  api<void>(`/api/operations/instances/${key}/modification`, { method: 'POST', json: { activate, terminate, reason } });

/** A source element of the running version mapped to an element of the target version. */
export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

export interface Migration {
  targetProcessDefinitionKey: string;
  mappingInstructions: MappingInstruction[];
}

export const migrateInstance = (key: string, migration: Migration, reason: string) =>
  api<void>(`/api/operations/instances/${key}/migration`, { method: 'POST', json: { ...migration, reason } });

export type BatchType = 'cancel' | 'resolve-incidents' | 'migrate';

/** A batch operation and its progress. */
export interface Batch {
  key: string;
  type: BatchType | string | null;
  state: string | null;
  total: number | null;
  completed: number | null;
  failed: number | null;
  startDate: string | null;
  endDate: string | null;
  failures: { processInstanceKey: string; message: string | null }[];
}

export const startBatch = (type: BatchType, filter: InstanceFilter, reason: string, migration?: Migration) =>
  api<Batch>('/api/operations/batches', { method: 'POST', json: { type, filter, reason, migration } });
export const fetchBatches = (signal?: AbortSignal) => api<Batch[]>('/api/operations/batches', { signal });
export const fetchBatch = (key: string, signal?: AbortSignal) => api<Batch>(`/api/operations/batches/${key}`, { signal });

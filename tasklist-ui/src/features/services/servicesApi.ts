import { api } from '../../app/api';

export const SERVICE_CLASSES = ['core', 'agent', 'support'] as const;
export type ServiceClass = (typeof SERVICE_CLASSES)[number];

export interface LabelRule {
  label: string;
  value: string;
}

/** A service of the catalog: class, owner, the on-call group of each tier, its business calendar. */
export interface Service {
  name: string;
  displayName?: string | null;
  serviceClass: ServiceClass | string;
  ownerGroup?: string | null;
  tier1Group?: string | null;
  tier2Group?: string | null;
  tier3Group?: string | null;
  calendarId?: string | null;
  /** Alerts whose labels match a rule belong to the service. */
  labelRules: LabelRule[];
}

export const INTEGRATION_TYPES = ['alertmanager', 'events-v2', 'heartbeat'] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

export interface Integration {
  id: string;
  type: IntegrationType | string;
  name: string;
  service: string;
  /** ISO 8601 duration, heartbeat integrations only. */
  heartbeatInterval?: string | null;
  createdAt?: string | null;
  lastSeenAt?: string | null;
  /** The secret of the integration's address: in the answer to its creation only. */
  token?: string | null;
}

export interface IntegrationInput {
  type: IntegrationType;
  name: string;
  service: string;
  heartbeatInterval?: string;
}

/** A maintenance window: alerts of the service matching every matcher open no incident meanwhile. */
export interface Silence {
  id: string;
  service: string;
  startsAt: string;
  endsAt: string;
  reason: string;
  matchers: LabelRule[];
  createdBy?: string | null;
}

export type SilenceInput = Omit<Silence, 'id' | 'createdBy'>;

function list<T>(body: T[] | { items: T[] }): T[] {
  return Array.isArray(body) ? body : (body?.items ?? []);
}

const service = (name: string) => `/api/admin/services/${encodeURIComponent(name)}`;

export const fetchServices = (signal?: AbortSignal) =>
  api<Service[] | { items: Service[] }>('/api/admin/services', { signal }).then(list);
/** The service catalog as every signed-in user reads it (to report an incident). */
export const fetchCatalog = (signal?: AbortSignal) =>
  api<Service[] | { items: Service[] }>('/api/services', { signal }).then(list);
export const createService = (input: Service) => api<Service>('/api/admin/services', { method: 'POST', json: input });
export const updateService = (input: Service) => api<Service>(service(input.name), { method: 'PUT', json: input });
export const deleteService = (name: string) => api(service(name), { method: 'DELETE' });

export const fetchIntegrations = (signal?: AbortSignal) =>
  api<Integration[] | { items: Integration[] }>('/api/admin/integrations', { signal }).then(list);
export const createIntegration = (input: IntegrationInput) =>
  api<Integration>('/api/admin/integrations', { method: 'POST', json: input });
export const deleteIntegration = (id: string) =>
  api(`/api/admin/integrations/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const fetchSilences = (signal?: AbortSignal) =>
  api<Silence[] | { items: Silence[] }>('/api/admin/silences', { signal }).then(list);
export const createSilence = (input: SilenceInput) => api<Silence>('/api/admin/silences', { method: 'POST', json: input });
export const deleteSilence = (id: string) => api(`/api/admin/silences/${encodeURIComponent(id)}`, { method: 'DELETE' });

/**
 * Where an alert source sends to, for an integration's token: Alertmanager's webhook and the
 * heartbeat carry it in the path, the events API (PagerDuty's v2) as `routing_key` in the body.
 */
export function integrationEndpoint(type: string, token: string, origin: string): { url: string; routingKey?: string } {
  switch (type) {
    case 'alertmanager':
      return { url: `${origin}/api/integrations/alertmanager/${encodeURIComponent(token)}` };
    case 'events-v2':
      return { url: `${origin}/api/integrations/events/v2/enqueue`, routingKey: token };
    case 'heartbeat':
      return { url: `${origin}/api/integrations/heartbeat/${encodeURIComponent(token)}` };
    default:
      return { url: origin };
  }
}

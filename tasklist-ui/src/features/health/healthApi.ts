/** Status values reported by Spring Boot Actuator. */
export type HealthStatus = 'UP' | 'DOWN' | 'OUT_OF_SERVICE' | 'UNKNOWN' | string;

export interface HealthComponent {
  status: HealthStatus;
  components?: Record<string, HealthComponent>;
  details?: Record<string, unknown>;
}

export interface HealthReport {
  status: HealthStatus;
  components?: Record<string, HealthComponent>;
}

export interface ComponentStatus {
  name: string;
  status: HealthStatus;
}

export const HEALTH_URL = '/actuator/health';

/**
 * Fetches the public health endpoint of the backend.
 *
 * Actuator answers 503 with a normal JSON body when something is DOWN, so the body is
 * read whatever the HTTP status, as long as it looks like a health report.
 */
export async function fetchHealth(signal?: AbortSignal): Promise<HealthReport> {
  const response = await fetch(HEALTH_URL, {
    headers: { Accept: 'application/json' },
    signal,
  });
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error(`Health endpoint answered HTTP ${response.status} without JSON`);
  }
  if (!isHealthReport(body)) {
    throw new Error(`Health endpoint answered HTTP ${response.status} with an unexpected body`);
  }
  return body;
}

/** The top-level components of a report, sorted by name. */
export function componentsOf(report: HealthReport): ComponentStatus[] {
  return Object.entries(report.components ?? {})
    .map(([name, component]) => ({ name, status: component.status }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function isHealthReport(value: unknown): value is HealthReport {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { status?: unknown }).status === 'string'
  );
}

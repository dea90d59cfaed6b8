import type { ElementRow, IncidentRow } from './operationsApi';

/** The markers of an instance's diagram. */
export interface InstanceMarks {
  active: string[];
  completed: string[];
  incident: string[];
  /** Sequence flows taken: both ends entered and the source left (the API has no taken-flow list in this engine). */
  flows: string[];
}

/** A flow of the diagram: id, source and target element ids. */
export interface Flow {
  id: string;
  source: string;
  target: string;
}

/** Which elements run, which ran, which have an incident, and which flows were taken. */
export function instanceMarks(elements: ElementRow[], incidents: IncidentRow[], flows: Flow[]): InstanceMarks {
  const active = new Set<string>();
  const completed = new Set<string>();
  const entered = new Set<string>();
  for (const e of elements) {
    entered.add(e.elementId);
    if (e.state === 'ACTIVE') active.add(e.elementId);
    else if (e.state === 'COMPLETED') completed.add(e.elementId);
  }
  const incident = new Set(incidents.filter((i) => i.state === 'ACTIVE' && i.elementId).map((i) => i.elementId as string));
  const taken = flows.filter((f) => completed.has(f.source) && entered.has(f.target)).map((f) => f.id);
  return {
    active: [...active].filter((id) => !incident.has(id)),
    completed: [...completed].filter((id) => !active.has(id)),
    incident: [...incident],
    flows: taken,
  };
}

/** Human duration of milliseconds: 850 ms, 12 s, 3 min 4 s, 2 h 5 min, 3 d 4 h. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  const d = Math.floor(h / 24);
  return `${d} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

/** A heat level 0..4 of a count against the largest count. */
export function heatLevel(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(4, Math.max(1, Math.ceil((value / max) * 4)));
}

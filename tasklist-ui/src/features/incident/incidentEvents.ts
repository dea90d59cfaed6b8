import { useEventStream } from '../../app/eventStream';
import { INCIDENT_EVENTS_URL, type IncidentEvent } from './incidentApi';

/**
 * Calls `onChange` (at most every 500 ms) with the incidents that changed (event `incident` of
 * `GET /api/incidents/events`); tells whether the stream is live.
 */
export function useIncidentEvents(onChange: (events: IncidentEvent[]) => void): boolean {
  return useEventStream<IncidentEvent>(INCIDENT_EVENTS_URL, 'incident', onChange);
}

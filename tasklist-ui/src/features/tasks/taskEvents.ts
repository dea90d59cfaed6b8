import { createEventStreamParser, useEventStream } from '../../app/eventStream';

export { createEventStreamParser };

export interface TaskEvent {
  type: 'created' | 'assigned' | 'unassigned' | 'completed' | 'updated' | string;
  key: string;
}

export const TASK_EVENTS_URL = '/api/tasks/events';

/** Calls `onChange` (at most every 500 ms) when a task event arrives; tells whether the stream is live. */
export function useTaskEvents(onChange: (events: TaskEvent[]) => void): boolean {
  return useEventStream<TaskEvent>(TASK_EVENTS_URL, 'task', onChange);
}

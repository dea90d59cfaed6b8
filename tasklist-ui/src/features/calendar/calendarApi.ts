import { ApiError, api, apiHeaders, queryString, type Problem } from '../../app/api';

export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A working window, wall-clock `HH:mm` in the calendar's zone (`24:00` ends at midnight). */
export interface WorkingWindow {
  start: string;
  end: string;
}

export type DayKind = 'HOLIDAY' | 'WORKDAY';

/** A public holiday (HOLIDAY) or a make-up working day (WORKDAY, 调休). */
export interface CalendarDay {
  date: string;
  kind: DayKind;
  name?: string | null;
}

export interface Calendar {
  id: string;
  name: string;
  timeZone: string;
  workingWeek: Record<Weekday, WorkingWindow[]>;
  /** The working time of one business day, ISO-8601 (e.g. PT9H). */
  businessDay: string;
  years: number[];
  /** Only when one calendar is read. */
  days?: CalendarDay[];
}

export interface CalendarInput {
  id?: string;
  name: string;
  timeZone?: string;
  workingWeek?: Partial<Record<Weekday, WorkingWindow[]>>;
}

export interface DaysResult {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
}

export interface Due {
  calendarId: string;
  start: string;
  businessTime: string;
  businessDays?: number;
  due: string;
}

const calendar = (id: string) => `/api/calendars/${encodeURIComponent(id)}`;
const adminCalendar = (id: string) => `/api/admin/calendars/${encodeURIComponent(id)}`;

export const fetchCalendars = (signal?: AbortSignal) => api<Calendar[]>('/api/calendars', { signal });

export const fetchCalendar = (id: string, year?: number, signal?: AbortSignal) =>
  api<Calendar>(`${calendar(id)}${queryString({ year })}`, { signal });

export const createCalendar = (input: CalendarInput) =>
  api<Calendar>('/api/admin/calendars', { method: 'POST', json: input });

export const updateCalendar = (id: string, input: CalendarInput) =>
  api<Calendar>(adminCalendar(id), { method: 'PUT', json: input });

export const deleteCalendar = (id: string) => api(adminCalendar(id), { method: 'DELETE' });

export const saveDays = (id: string, days: CalendarDay[]) =>
  api<DaysResult>(`${adminCalendar(id)}/days`, { method: 'POST', json: days });

export const deleteDay = (id: string, date: string) =>
  api(`${adminCalendar(id)}/days/${encodeURIComponent(date)}`, { method: 'DELETE' });

/** The address of the iCalendar export (downloaded by the browser itself). */
export const exportUrl = (id: string) => `${calendar(id)}/export.ics`;

/**
 * Sends an iCalendar file's text as a `text/calendar` body (the API's own headers, CSRF token
 * included); all of it is imported or nothing.
 */
export async function importCalendar(id: string, text: string): Promise<DaysResult> {
  const headers = { ...apiHeaders('POST'), 'Content-Type': 'text/calendar; charset=UTF-8' };
  const response = await fetch(`${adminCalendar(id)}/import`, {
    method: 'POST',
    headers,
    body: text,
    credentials: 'same-origin',
  });
  const body = await response.text();
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (parsed as Problem | undefined) ?? { status: response.status });
  }
  return parsed as DaysResult;
}

/** The deadline: `start` plus business time (ISO-8601 duration) or whole business days. */
export const fetchDue = (id: string, start: string, amount: { businessTime: string } | { businessDays: number }) =>
  api<Due>(`${calendar(id)}/due${queryString({ start, ...amount })}`);

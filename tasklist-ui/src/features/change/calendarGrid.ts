import dayjs, { type Dayjs } from 'dayjs';

export type CalendarMode = 'month' | 'week';

/** The days a month view (whole weeks, Monday first) or a week view (Monday to Sunday) shows around `anchor`. */
export function visibleDays(anchor: Dayjs, mode: CalendarMode): Dayjs[] {
  const monday = (d: Dayjs) => d.startOf('day').subtract((d.day() + 6) % 7, 'day');
  const first = mode === 'week' ? monday(anchor) : monday(anchor.startOf('month'));
  const last = mode === 'week' ? first.add(6, 'day') : monday(anchor.endOf('month')).add(6, 'day');
  const days: Dayjs[] = [];
  for (let d = first; !d.isAfter(last, 'day'); d = d.add(1, 'day')) days.push(d);
  return days;
}

/** Whether something from `start` to `end` touches the day. */
export function onDay(day: Dayjs, start: string, end: string): boolean {
  const from = day.startOf('day');
  const to = from.add(1, 'day');
  return dayjs(start).isBefore(to) && dayjs(end).isAfter(from);
}

/** The anchor one page earlier or later. */
export function step(anchor: Dayjs, mode: CalendarMode, direction: 1 | -1): Dayjs {
  return anchor.add(direction, mode === 'week' ? 'week' : 'month');
}

import { useEffect, useState } from 'react';
import type { MessageKey, Params } from '../../app/i18n';

type T = (key: MessageKey, params?: Params) => string;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration in words, coarse: "3 min", "2 h 5 min", "4 d 3 h". */
export function durationText(ms: number, t: T): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return t('tasks.duration.lessThanMinute');
  if (abs < HOUR) return t('tasks.duration.minutes', { n: Math.floor(abs / MINUTE) });
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const m = Math.floor((abs % HOUR) / MINUTE);
    return m === 0 || h >= 6 ? t('tasks.duration.hours', { n: h }) : t('tasks.duration.hoursMinutes', { h, m });
  }
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  return h === 0 || d >= 3 ? t('tasks.duration.days', { n: d }) : t('tasks.duration.daysHours', { d, h });
}

export type DueState = 'none' | 'overdue' | 'soon' | 'later';

/** "overdue 3 min" / "due in 12 min", and how urgent (soon: within the hour). */
export function dueText(due: string | null | undefined, now: number, t: T): { text: string; state: DueState } {
  if (!due) return { text: t('tasks.due.none'), state: 'none' };
  const at = new Date(due).getTime();
  if (Number.isNaN(at)) return { text: due, state: 'none' };
  const left = at - now;
  if (left <= 0) return { text: t('tasks.due.overdue', { duration: durationText(left, t) }), state: 'overdue' };
  return { text: t('tasks.due.in', { duration: durationText(left, t) }), state: left <= HOUR ? 'soon' : 'later' };
}

/** The current time, renewed every `everyMs` (30 s by default) so that badges tick. */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

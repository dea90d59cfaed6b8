import type { I18n } from '../../app/i18n';
import type { WorkingWindow } from './calendarApi';

/** Hours and minutes of an ISO-8601 duration of the form PTnHnMnS (whole minutes); undefined if not one. */
export function durationMinutes(iso: string): number | undefined {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso);
  if (!match || iso === 'PT') return undefined;
  return Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0) + Math.floor(Number(match[3] ?? 0) / 60);
}

/** A duration in words: "9 h", "8 h 30 min", "45 min"; the ISO text when it is not of that form. */
export function durationText(iso: string, t: I18n['t']): string {
  const total = durationMinutes(iso);
  if (total === undefined) return iso;
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours && minutes) return t('calendar.duration.hoursMinutes', { hours, minutes });
  if (hours) return t('calendar.duration.hours', { hours });
  return t('calendar.duration.minutes', { minutes });
}

/** Hours and minutes as an ISO-8601 duration (PT8H, PT1H30M, PT0S). */
export function businessTimeIso(hours: number, minutes: number): string {
  const h = Math.max(0, Math.floor(hours || 0));
  const m = Math.max(0, Math.floor(minutes || 0));
  if (!h && !m) return 'PT0S';
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
}

/** An instant as the calendar's zone shows it, with the weekday (e.g. "Thu, Oct 8, 2026, 10:00"). */
export function formatInZone(instant: string, timeZone: string, locale: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  try {
    return new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(date);
  } catch {
    return instant;
  }
}

/** The weekday of a yyyy-MM-dd date, in the language's short form. */
export function weekdayOf(date: string, locale: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return '';
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}

const TIME = /^([01]\d|2[0-4]):[0-5]\d$/;

/** Minutes after midnight of an HH:mm time (24:00 = 1440), or undefined. */
export function minuteOf(time: string): number | undefined {
  if (!TIME.test(time.trim())) return undefined;
  const [hours, minutes] = time.trim().split(':').map(Number);
  const total = hours * 60 + minutes;
  return total > 1440 ? undefined : total;
}

/** The working minutes of a list of windows (bad windows count nothing). */
export function windowsMinutes(windows: WorkingWindow[]): number {
  return windows.reduce((sum, window) => {
    const start = minuteOf(window.start);
    const end = minuteOf(window.end);
    return start !== undefined && end !== undefined && end > start ? sum + end - start : sum;
  }, 0);
}

/** The IANA zones the browser knows, for the time zone picker (the current one first if unknown). */
export function timeZones(current?: string): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : ['Asia/Shanghai', 'UTC'];
  const all = zones.includes('UTC') ? zones : [...zones, 'UTC'];
  return current && !all.includes(current) ? [current, ...all] : all;
}

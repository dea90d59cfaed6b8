import { describe, expect, it } from 'vitest';
import { format } from '../../app/i18n';
import { en } from '../../app/i18n/en';
import { businessTimeIso, durationMinutes, durationText, formatInZone, minuteOf, weekdayOf, windowsMinutes } from './calendarText';

const t = (key: keyof typeof en, params?: Record<string, string | number>) => format(en[key], params);

describe('calendar texts', () => {
  it('reads and writes business time as ISO-8601 durations', () => {
    expect(durationMinutes('PT9H')).toBe(540);
    expect(durationMinutes('PT8H30M')).toBe(510);
    expect(durationMinutes('PT45M')).toBe(45);
    expect(durationMinutes('P1D')).toBeUndefined();
    expect(durationText('PT9H', t)).toBe('9 h');
    expect(durationText('PT8H30M', t)).toBe('8 h 30 min');
    expect(durationText('PT540M', t)).toBe('9 h');
    expect(durationText('P2D', t)).toBe('P2D');
    expect(businessTimeIso(8, 0)).toBe('PT8H');
    expect(businessTimeIso(1, 30)).toBe('PT1H30M');
    expect(businessTimeIso(0, 0)).toBe('PT0S');
  });

  it('shows instants in the calendar’s zone, across daylight saving', () => {
    expect(formatInZone('2026-10-08T02:00:00Z', 'Asia/Shanghai', 'en-US')).toMatch(/Thu, Oct 8, 2026.*10:00/);
    expect(formatInZone('2026-03-30T08:00:00Z', 'Europe/Berlin', 'en-US')).toMatch(/Mon, Mar 30, 2026.*10:00/);
    expect(formatInZone('2026-03-27T08:00:00Z', 'Europe/Berlin', 'en-US')).toMatch(/Fri, Mar 27, 2026.*09:00/);
    expect(weekdayOf('2026-10-10', 'en-US')).toBe('Sat');
    expect(weekdayOf('2026-10-10', 'zh-CN')).toBe('周六');
  });

  it('counts the minutes of working windows, 24:00 included, bad windows not', () => {
    expect(minuteOf('24:00')).toBe(1440);
    expect(minuteOf('9:00')).toBeUndefined();
    expect(windowsMinutes([{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }])).toBe(480);
    expect(windowsMinutes([{ start: '18:00', end: '09:00' }, { start: 'x', end: '10:00' }])).toBe(0);
  });
});

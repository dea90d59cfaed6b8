import { describe, expect, it } from 'vitest';
import { isoToZoned, startOfDay, zonedToIso } from './oncallApi';

describe('wall-clock times in a schedule zone', () => {
  it('converts in Shanghai (no daylight saving)', () => {
    expect(zonedToIso('2026-12-03 09:00', 'Asia/Shanghai')).toBe('2026-12-03T01:00:00.000Z');
    expect(isoToZoned('2026-12-03T01:00:00Z', 'Asia/Shanghai')).toBe('2026-12-03 09:00');
  });

  it('moves a skipped time forward and takes the first of a repeated one (New York)', () => {
    // 2026-03-08 02:30 does not exist in New York; 2026-11-01 01:30 happens twice
    expect(zonedToIso('2026-03-08 02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedToIso('2026-11-01 01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedToIso('2026-07-01 12:00', 'America/New_York')).toBe('2026-07-01T16:00:00.000Z');
    expect(isoToZoned('2026-11-01T06:30:00Z', 'America/New_York')).toBe('2026-11-01 01:30');
  });

  it('refuses text that is not a time and finds the start of a local day', () => {
    expect(zonedToIso('tomorrow', 'UTC')).toBeNull();
    expect(zonedToIso('2026-13-01 00:00', 'UTC')).toBeNull();
    expect(startOfDay(Date.parse('2026-12-03T20:00:00Z'), 'Asia/Shanghai')).toBe('2026-12-03T16:00:00.000Z');
    expect(startOfDay(Date.parse('2026-12-03T20:00:00Z'), 'Asia/Shanghai', 2)).toBe('2026-12-05T16:00:00.000Z');
  });
});

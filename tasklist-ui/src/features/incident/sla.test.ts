import { describe, expect, it } from 'vitest';
import { DICTIONARIES, format, type MessageKey, type Params } from '../../app/i18n';
import type { Sla } from './incidentApi';
import { clockText, goalText, slaText, slaView } from './sla';

const en = (key: MessageKey, params?: Params) => format(DICTIONARIES.en[key], params);
const zh = (key: MessageKey, params?: Params) => format(DICTIONARIES.zh[key], params);

const NOW = Date.parse('2026-03-02T02:00:00Z');
const MIN = 60_000;

function sla(changes: Partial<Sla> = {}): Sla {
  return {
    target: 'response',
    goal: 'PT30M',
    calendarId: 'default',
    startTime: new Date(NOW - 10 * MIN).toISOString(),
    breachTime: new Date(NOW + 20 * MIN).toISOString(),
    breached: false,
    paused: false,
    met: null,
    stoppedAt: null,
    elapsedMillis: 10 * MIN,
    remainingMillis: 20 * MIN,
    withinCalendarHours: true,
    ...changes,
  };
}

describe('slaView and slaText', () => {
  it('counts the remaining time down with the clock while it runs', () => {
    const received = NOW;
    const view = slaView(sla(), NOW + 92_000, received);
    expect(view).toMatchObject({ state: 'running', breached: false, ticking: true });
    expect(view.remaining).toBe(20 * MIN - 92_000);
    expect(slaText(view, en)).toBe('18:28 left');
    expect(slaText(view, zh)).toBe('剩余 18:28');
  });

  it('warns when less than a quarter of the goal is left', () => {
    const view = slaView(sla({ elapsedMillis: 25 * MIN, remainingMillis: 5 * MIN - 30_000 }), NOW, NOW);
    expect(view.state).toBe('soon');
    expect(slaText(view, en)).toBe('04:30 left');
  });

  it('turns breached once the breach time passed, counting from the breach time', () => {
    const breachTime = new Date(NOW - 3 * MIN - 10_000).toISOString();
    const view = slaView(sla({ breachTime, remainingMillis: 0, breached: true }), NOW, NOW - 5000);
    expect(view).toMatchObject({ state: 'breached', breached: true, ticking: true });
    expect(slaText(view, en)).toBe('overdue 03:10');
    expect(slaText(view, zh)).toBe('已超时 03:10');
  });

  it('breaches on the client when the countdown reaches zero before the server says so', () => {
    const view = slaView(sla({ remainingMillis: 1000, breachTime: new Date(NOW + 1000).toISOString() }), NOW + 61_000, NOW);
    expect(view.state).toBe('breached');
    expect(slaText(view, en)).toBe('overdue 01:00');
  });

  it('stands still while paused and says so, breached or not', () => {
    const paused = sla({ paused: true, remainingMillis: 65 * MIN });
    const later = slaView(paused, NOW + 10 * MIN, NOW);
    expect(later).toMatchObject({ state: 'paused', remaining: 65 * MIN, ticking: false });
    expect(slaText(later, en)).toBe('paused · 1:05:00 left');
    expect(slaText(later, zh)).toBe('已暂停 · 剩余 1:05:00');
    const pausedLate = slaView(sla({ paused: true, breached: true, remainingMillis: -2 * MIN }), NOW + 10 * MIN, NOW);
    expect(slaText(pausedLate, en)).toBe('paused · overdue 02:00');
  });

  it('rests outside the business calendar’s hours', () => {
    const view = slaView(sla({ goal: '1BD', withinCalendarHours: false, remainingMillis: 3 * 60 * MIN }), NOW + 30 * MIN, NOW);
    expect(view).toMatchObject({ state: 'outsideHours', remaining: 3 * 60 * MIN, ticking: false });
    expect(slaText(view, en)).toBe('3:00:00 left · outside business hours');
  });

  it('reports a stopped clock as met or breached', () => {
    expect(slaText(slaView(sla({ met: true, stoppedAt: new Date(NOW).toISOString() }), NOW, NOW), en)).toBe('met');
    const missed = slaView(sla({ met: false, breached: true }), NOW, NOW);
    expect(missed.state).toBe('missed');
    expect(slaText(missed, zh)).toBe('已违约');
  });

  it('falls back to the breach time when the server sent no remaining time', () => {
    const view = slaView(sla({ remainingMillis: null }), NOW, NOW);
    expect(view.remaining).toBe(20 * MIN);
    expect(slaText(slaView(sla({ remainingMillis: null, breachTime: null }), NOW, NOW), en)).toBe('no due time');
  });
});

describe('clockText and goalText', () => {
  it('writes a countdown with seconds below a day, coarse above', () => {
    expect(clockText(5_000, en)).toBe('00:05');
    expect(clockText(-(59 * MIN + 59_000), en)).toBe('59:59');
    expect(clockText(2 * 60 * MIN + 3 * MIN + 4000, en)).toBe('2:03:04');
    expect(clockText(26 * 60 * MIN, en)).toBe('1 d 2 h');
    expect(clockText(26 * 60 * MIN, zh)).toBe('1 天 2 小时');
  });

  it('reads ISO durations and business days', () => {
    expect(goalText('PT5M', en)).toBe('5 min');
    expect(goalText('PT2H', en)).toBe('2 h');
    expect(goalText('PT1H30M', zh)).toBe('1 小时 30 分钟');
    expect(goalText('1BD', en)).toBe('1 business day');
    expect(goalText('3BD', zh)).toBe('3 个工作日');
    expect(goalText('P1D', en)).toBe('1 d');
    expect(goalText('soon', en)).toBe('soon');
    expect(goalText(null, en)).toBe('—');
  });
});

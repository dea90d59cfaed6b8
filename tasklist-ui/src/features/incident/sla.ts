import type { MessageKey, Params } from '../../app/i18n';
import { durationText } from '../tasks/due';
import type { Sla } from './incidentApi';

type T = (key: MessageKey, params?: Params) => string;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Where an SLA clock stands:
 * running (more than a quarter of the goal left), soon (less), breached (running past the goal),
 * paused (stopped by someone; may be breached too), outsideHours (the business calendar's clock
 * rests until the next working hour), met / missed (the clock stopped for good).
 */
export type SlaState = 'running' | 'soon' | 'breached' | 'paused' | 'outsideHours' | 'met' | 'missed';

export interface SlaView {
  state: SlaState;
  /** Business time left in ms; negative: how long overdue. Undefined once the clock stopped. */
  remaining?: number;
  breached: boolean;
  /** Whether the clock moves (so the display must tick every second). */
  ticking: boolean;
}

/**
 * The clock at `now`, from what the server said at `receivedAt`: its remaining business time goes
 * down with the wall clock only while the clock runs inside the calendar's hours; once breached,
 * the overdue time counts from the breach time.
 */
export function slaView(sla: Sla, now: number, receivedAt: number): SlaView {
  if (sla.met === true) return { state: 'met', breached: false, ticking: false };
  if (sla.met === false) return { state: 'missed', breached: true, ticking: false };
  const frozen = sla.paused || sla.withinCalendarHours === false;
  const breachAt = sla.breachTime ? Date.parse(sla.breachTime) : NaN;
  let remaining: number;
  if (typeof sla.remainingMillis === 'number') {
    remaining = frozen ? sla.remainingMillis : sla.remainingMillis - Math.max(0, now - receivedAt);
  } else if (!Number.isNaN(breachAt)) {
    remaining = breachAt - now;
  } else {
    remaining = Number.NaN;
  }
  const breached = sla.breached || remaining <= 0;
  if (breached) {
    const overdue = !frozen && !Number.isNaN(breachAt) ? now - breachAt : -remaining;
    remaining = -Math.max(0, Number.isNaN(overdue) ? 0 : overdue);
  }
  if (sla.paused) return { state: 'paused', remaining, breached, ticking: false };
  if (sla.withinCalendarHours === false) return { state: 'outsideHours', remaining, breached, ticking: false };
  if (breached) return { state: 'breached', remaining, breached, ticking: true };
  const total = (sla.elapsedMillis ?? 0) + (sla.remainingMillis ?? 0);
  const soon = total > 0 && remaining <= total / 4;
  return { state: soon ? 'soon' : 'running', remaining, breached, ticking: !Number.isNaN(remaining) };
}

const two = (n: number) => String(n).padStart(2, '0');

/** A countdown: "04:32", "1:02:03" below a day, then coarse ("2 d 3 h"). */
export function clockText(ms: number, t: T): string {
  const abs = Math.abs(ms);
  if (abs >= DAY) return durationText(abs, t);
  const totalSeconds = Math.floor(abs / SECOND);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** The clock in words: "04:32 left", "overdue 03:10", "paused · 1:00:00 left", "met". */
export function slaText(view: SlaView, t: T): string {
  if (view.state === 'met') return t('incident.sla.met');
  if (view.state === 'missed') return t('incident.sla.missed');
  if (view.remaining === undefined || Number.isNaN(view.remaining)) return t('incident.sla.unknown');
  const time = clockText(view.remaining, t);
  const core = view.breached ? t('incident.sla.overdue', { time }) : t('incident.sla.left', { time });
  if (view.state === 'paused') return `${t('incident.sla.paused')} · ${core}`;
  if (view.state === 'outsideHours') return `${core} · ${t('incident.sla.outsideHours')}`;
  return core;
}

/** A goal as people say it: "PT30M" is "30 min", "1BD" is "1 business day". */
export function goalText(goal: string | null | undefined, t: T): string {
  if (!goal) return '—';
  const businessDays = /^(\d+)BD$/i.exec(goal);
  if (businessDays) {
    const n = Number(businessDays[1]);
    return n === 1 ? t('incident.sla.businessDay') : t('incident.sla.businessDays', { n });
  }
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(goal);
  if (iso && goal.length > 1 && goal.toUpperCase() !== 'PT') {
    const [, d, h, m, s] = iso;
    const ms = Number(d ?? 0) * DAY + Number(h ?? 0) * HOUR + Number(m ?? 0) * MINUTE + Number(s ?? 0) * SECOND;
    return durationText(ms, t);
  }
  return goal;
}

import { Tooltip } from 'antd';
import { useI18n } from '../../app/i18n';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import { isoToZoned, startOfDay, type FinalSchedule, type Segment } from './oncallApi';
import './oncall.css';

const COLORS = ['#1677ff', '#13a8a8', '#722ed1', '#d46b08', '#389e0d', '#c41d7f', '#08979c', '#531dab', '#d4380d'];

/** A stable color per person. */
export function colorOf(user: string): string {
  let hash = 0;
  for (const ch of user) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length];
}

function Track({ segments, from, to, zone, kind, testId }: { segments: Segment[]; from: number; to: number; zone: string; kind: string; testId: string }) {
  const { t } = useI18n();
  const span = to - from;
  return (
    <div className={`suoke-oncall-track ${kind}`} data-testid={testId}>
      {segments.map((segment) => {
        const start = Math.max(from, Date.parse(segment.start));
        const end = Math.min(to, Date.parse(segment.end));
        if (end <= start) return null;
        const gap = segment.source === 'gap';
        const label = gap ? t('oncall.gap') : (segment.user ?? '');
        const title = `${label}: ${isoToZoned(segment.start, zone)} – ${isoToZoned(segment.end, zone)}`;
        return (
          <Tooltip key={`${segment.start}-${segment.user ?? 'gap'}`} title={title}>
            <div
              className={`suoke-oncall-bar ${segment.source}`}
              data-testid={gap ? 'final-gap' : `${kind}-bar`}
              data-user={segment.user ?? ''}
              data-source={segment.source}
              style={{
                left: `${((start - from) / span) * 100}%`,
                width: `${((end - start) / span) * 100}%`,
                background: gap ? undefined : colorOf(segment.user ?? ''),
              }}
            >
              {label}
            </div>
          </Tooltip>
        );
      })}
    </div>
  );
}

/**
 * The on-call calendar of a range: a row per layer (its own rotation), the overrides drawn over
 * them, and the final schedule with its gaps in red.
 */
export function Timeline({ schedule }: { schedule: FinalSchedule }) {
  const { t } = useI18n();
  // On a phone a day is a few pixels wide: its day of the month only, every other one past a week.
  const phone = useMediaQuery(PHONE);
  const from = Date.parse(schedule.from);
  const to = Date.parse(schedule.to);
  const zone = schedule.timeZone;
  const days: { at: number; label: string }[] = [];
  for (let i = 0; i < 62; i++) {
    const at = Date.parse(startOfDay(from, zone, i));
    if (at >= to) break;
    if (at >= from) days.push({ at, label: isoToZoned(at, zone).slice(phone ? 8 : 5, 10) });
  }
  const shown = phone && days.length > 7 ? days.filter((_, index) => index % 2 === 0) : days;
  const overrides: Segment[] = schedule.overrides.map((o) => ({ start: o.start, end: o.end, user: o.user, source: 'override', overrideId: o.id }));
  const layers = [...schedule.layers].sort((a, b) => b.position - a.position);
  return (
    <div className="suoke-oncall-timeline" data-testid="oncall-timeline">
      <div />
      <div className="suoke-oncall-days">
        {shown.map((day) => (
          <span key={day.at} className="suoke-oncall-day" style={{ left: `${((day.at - from) / (to - from)) * 100}%` }}>
            {day.label}
          </span>
        ))}
      </div>
      {layers.map((layer) => (
        <LayerRow key={layer.id} name={layer.name} segments={layer.segments} from={from} to={to} zone={zone} testId={`layer-track-${layer.id}`} />
      ))}
      <div className="suoke-oncall-label">{t('oncall.overrides')}</div>
      <Track segments={overrides} from={from} to={to} zone={zone} kind="override" testId="override-track" />
      <div className="suoke-oncall-label">
        <strong>{t('oncall.final')}</strong>
      </div>
      <Track segments={schedule.entries} from={from} to={to} zone={zone} kind="final" testId="final-track" />
    </div>
  );
}

function LayerRow({ name, segments, from, to, zone, testId }: { name: string; segments: Segment[]; from: number; to: number; zone: string; testId: string }) {
  return (
    <>
      <div className="suoke-oncall-label" title={name}>
        {name}
      </div>
      <Track segments={segments} from={from} to={to} zone={zone} kind="layer" testId={testId} />
    </>
  );
}

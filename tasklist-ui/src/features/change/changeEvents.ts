import type { MessageKey } from '../../app/i18n';
import type { ChangeEvent } from './changeApi';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(', ') : text(value));

/**
 * A timeline entry in the reader's language, from its kind and details; an entry this page does
 * not know keeps the server's summary.
 */
export function changeEventText(event: ChangeEvent, t: Translate, formatDateTime: (iso: string) => string): string {
  const d = event.details ?? {};
  switch (event.kind) {
    case 'requested':
    case 'window-refused':
    case 'escalated':
    case 'implementing':
    case 'window-overrun':
    case 'reviewed':
    case 'information-requested':
    case 'information-answered':
    case 'information-escalated':
      return t(`change.event.${event.kind}` as MessageKey);
    case 'approved':
    case 'rejected': {
      const level = text(d.level);
      return t(`change.event.${event.kind}` as MessageKey, {
        level: level ? t(`change.approval.level.${level}` as MessageKey) : '',
      });
    }
    case 'scheduled': {
      if (!d.windowStart || !d.windowEnd) return event.summary;
      const scheduled = t('change.event.scheduled', {
        start: formatDateTime(text(d.windowStart)),
        end: formatDateTime(text(d.windowEnd)),
      });
      const conflicts = list(d.conflicts);
      return conflicts ? `${scheduled}; ${t('change.event.scheduledConflicts', { changes: conflicts })}` : scheduled;
    }
    case 'frozen':
      return t('change.event.frozen', { incidents: list(d.incidents) });
    case 'freeze-lifted':
      return t('change.event.freeze-lifted', { incident: text(d.incident) });
    case 'closed':
      return t('change.event.closed', { code: d.closeCode ? t(`change.close.${text(d.closeCode)}` as MessageKey) : '' });
    case 'release-started':
    case 'release-refused':
      return t(`change.event.${event.kind}` as MessageKey, { release: text(d.release) });
    case 'release-verdict': {
      const step = typeof d.step === 'number' ? t('change.event.step', { n: d.step + 1 }) : t('change.event.performance');
      return t('change.event.release-verdict', {
        release: text(d.release),
        what: step,
        verdict: t(`change.event.verdict.${text(d.verdict)}` as MessageKey),
      });
    }
    case 'release-ended': {
      const outcome = t(`change.event.outcome.${text(d.outcome)}` as MessageKey);
      if (!d.release) return event.summary;
      return d.incident
        ? t('change.event.release-ended.incident', { release: text(d.release), outcome, incident: text(d.incident) })
        : t('change.event.release-ended', { release: text(d.release), outcome });
    }
    case 'caused-incident':
      return t('change.event.caused-incident', { incident: text(d.incident) });
    default:
      return event.summary;
  }
}

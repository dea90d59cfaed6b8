import { Tag, Tooltip } from 'antd';
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  ExclamationCircleOutlined,
  PauseCircleOutlined,
} from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../app/i18n';
import { useNow } from '../tasks/due';
import { STATUSES, type Sla } from './incidentApi';
import { goalText, slaText, slaView, type SlaState } from './sla';

const PRIORITY_COLORS: Record<string, string> = { P0: 'red', P1: 'volcano', P2: 'gold', P3: 'blue' };

/** P0 red, P1 orange, P2 gold, P3 blue. */
export function PriorityTag({ priority }: { priority?: string | null }) {
  const { t } = useI18n();
  if (!priority) return null;
  const known = priority in PRIORITY_COLORS;
  return (
    <Tooltip title={known ? t(`incident.priority.${priority}` as MessageKey) : undefined}>
      <Tag color={PRIORITY_COLORS[priority] ?? 'default'} data-testid="priority-tag" style={{ fontWeight: 600, marginInlineEnd: 0 }}>
        {priority}
      </Tag>
    </Tooltip>
  );
}

const STATUS_COLORS: Record<string, string> = {
  open: 'red',
  triaged: 'orange',
  acknowledged: 'blue',
  resolved: 'success',
  closed: 'default',
  cancelled: 'default',
};

export function statusLabel(status: string, t: ReturnType<typeof useI18n>['t']): string {
  return (STATUSES as readonly string[]).includes(status) ? t(`incident.status.${status}` as MessageKey) : status;
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="status-tag" data-status={status} style={{ marginInlineEnd: 0 }}>
      {statusLabel(status, t)}
    </Tag>
  );
}

const SLA_COLORS: Record<SlaState, string> = {
  running: 'blue',
  soon: 'warning',
  breached: 'error',
  paused: 'default',
  outsideHours: 'default',
  met: 'success',
  missed: 'error',
};

const SLA_ICONS: Record<SlaState, React.ReactNode> = {
  running: <ClockCircleOutlined />,
  soon: <ClockCircleOutlined />,
  breached: <ExclamationCircleOutlined />,
  paused: <PauseCircleOutlined />,
  outsideHours: <ClockCircleOutlined />,
  met: <CheckCircleOutlined />,
  missed: <CloseCircleOutlined />,
};

/**
 * An SLA clock as a tag that ticks every second while it runs: time left, red once breached,
 * "paused" while paused, met / breached once stopped. `receivedAt` is when the server sent it.
 */
export function SlaClock({ sla, receivedAt, withTarget = false }: { sla: Sla; receivedAt: number; withTarget?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const first = slaView(sla, Date.now(), receivedAt);
  const now = useNow(first.ticking ? 1000 : 30_000);
  const view = slaView(sla, now, receivedAt);
  const text = slaText(view, t);
  const target = t(`incident.sla.target.${sla.target}` as MessageKey);
  const due = sla.breachTime ? t('incident.sla.dueAt', { when: formatDateTime(sla.breachTime) }) : '';
  return (
    <Tooltip title={`${target} · ${t('incident.sla.goal')} ${goalText(sla.goal, t)}${due ? ` · ${due}` : ''}`}>
      <Tag
        color={SLA_COLORS[view.state]}
        icon={SLA_ICONS[view.state]}
        data-testid={`sla-${sla.target}`}
        data-state={view.state}
        style={{ marginInlineEnd: 0, fontVariantNumeric: 'tabular-nums' }}
      >
        {withTarget ? `${target} ${text}` : text}
      </Tag>
    </Tooltip>
  );
}

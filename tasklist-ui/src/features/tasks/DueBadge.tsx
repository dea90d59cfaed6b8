import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { dueText } from './due';

const COLORS = { overdue: 'error', soon: 'warning', later: 'default', none: 'default' } as const;

/** Due or overdue, relative to `now` (which the caller renews so that it ticks). */
export function DueBadge({ due, now }: { due?: string | null; now: number }) {
  const { t, formatDateTime } = useI18n();
  const { text, state } = dueText(due, now, t);
  if (state === 'none') return null;
  const tag = (
    <Tag
      color={COLORS[state]}
      icon={state === 'overdue' ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />}
      data-testid="due-badge"
      data-state={state}
      style={{ marginInlineEnd: 0 }}
    >
      {text}
    </Tag>
  );
  return <Tooltip title={formatDateTime(due)}>{tag}</Tooltip>;
}

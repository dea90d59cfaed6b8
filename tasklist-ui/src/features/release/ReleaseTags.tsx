import { Tag } from 'antd';
import { useI18n, type MessageKey } from '../../app/i18n';

const STATUS_COLORS: Record<string, string> = {
  requested: 'default',
  running: 'processing',
  paused: 'warning',
  promoted: 'success',
  'backed-out': 'error',
  refused: 'default',
};

export function ReleaseStatusTag({ status, testId }: { status: string; testId?: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid={testId} data-status={status}>{t(`release.status.${status}` as MessageKey)}</Tag>;
}

const VERDICT_COLORS: Record<string, string> = { Successful: 'success', Failed: 'error', Inconclusive: 'warning' };

export function VerdictTag({ verdict }: { verdict: string }) {
  const { t } = useI18n();
  return <Tag color={VERDICT_COLORS[verdict] ?? 'default'}>{t(`release.verdict.${verdict}` as MessageKey)}</Tag>;
}

export function StrategyLabel({ strategy }: { strategy: string }) {
  const { t } = useI18n();
  return <>{t(`release.strategy.${strategy}` as MessageKey)}</>;
}

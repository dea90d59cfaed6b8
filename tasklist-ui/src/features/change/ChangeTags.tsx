import { Tag } from 'antd';
import { useI18n, type MessageKey } from '../../app/i18n';
import { CHANGE_STATUSES, CHANGE_TYPES, CLOSE_CODES, RISKS } from './changeApi';

const STATUS_COLORS: Record<string, string> = {
  requested: 'orange',
  approved: 'blue',
  rejected: 'red',
  scheduled: 'geekblue',
  frozen: 'volcano',
  implementing: 'purple',
  closed: 'green',
  cancelled: 'default',
};
const RISK_COLORS: Record<string, string> = { low: 'green', medium: 'gold', high: 'red' };
const TYPE_COLORS: Record<string, string> = { normal: 'blue', standard: 'cyan', emergency: 'magenta' };
const CLOSE_COLORS: Record<string, string> = {
  successful: 'green',
  'successful-with-issues': 'gold',
  unsuccessful: 'red',
  'backed-out': 'volcano',
};

function known(list: readonly string[], value: string) {
  return list.includes(value);
}

export function ChangeStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="change-status">
      {known(CHANGE_STATUSES, status) ? t(`change.status.${status}` as MessageKey) : status}
    </Tag>
  );
}

export function RiskTag({ risk }: { risk: string | null }) {
  const { t } = useI18n();
  if (!risk) return null;
  return (
    <Tag color={RISK_COLORS[risk]} data-testid="change-risk">
      {known(RISKS, risk) ? t(`change.risk.${risk}` as MessageKey) : risk}
    </Tag>
  );
}

export function TypeTag({ type }: { type: string }) {
  const { t } = useI18n();
  return <Tag color={TYPE_COLORS[type]}>{known(CHANGE_TYPES, type) ? t(`change.type.${type}` as MessageKey) : type}</Tag>;
}

export function CloseCodeTag({ code }: { code: string | null }) {
  const { t } = useI18n();
  if (!code) return null;
  return (
    <Tag color={CLOSE_COLORS[code]} data-testid="change-close-code">
      {known(CLOSE_CODES, code) ? t(`change.close.${code}` as MessageKey) : code}
    </Tag>
  );
}

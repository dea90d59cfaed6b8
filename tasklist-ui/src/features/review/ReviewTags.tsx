import { Tag } from 'antd';
import { useI18n, type MessageKey } from '../../app/i18n';
import { REVIEW_STATUSES } from './reviewApi';

const COLORS: Record<string, string> = {
  requested: 'orange',
  'in-progress': 'blue',
  'in-approval': 'purple',
  'following-up': 'cyan',
  closed: 'green',
};

export function ReviewStatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  const known = (REVIEW_STATUSES as readonly string[]).includes(status);
  return (
    <Tag color={COLORS[status]} data-testid="review-status">
      {known ? t(`review.status.${status}` as MessageKey) : status}
    </Tag>
  );
}

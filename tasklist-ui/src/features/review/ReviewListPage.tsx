import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, Empty, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { REVIEW_STATUSES, fetchReviews, type ReviewSummary } from './reviewApi';
import { ReviewStatusTag } from './ReviewTags';

/** The event reviews the user may see, newest first, filtered by status. */
export default function ReviewListPage() {
  const { t, formatDateTime } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const [reviews, setReviews] = useState<ReviewSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetchReviews(status || undefined)
      .then((list) => !cancelled && (setReviews(list), setError(null)))
      .catch((e) => !cancelled && setError(problemText(e, t)));
    return () => {
      cancelled = true;
    };
  }, [status, t]);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('review.list.title')}
        </Typography.Title>
        <Select
          aria-label={t('review.list.status')}
          style={{ minWidth: 180 }}
          value={status}
          onChange={(value) => setParams(value ? { status: value } : {})}
          options={[
            { value: '', label: t('review.list.all') },
            ...REVIEW_STATUSES.map((value) => ({ value, label: t(`review.status.${value}` as MessageKey) })),
          ]}
        />
      </Flex>
      {error && <Alert type="error" showIcon message={error} />}
      <Card size="small">
        <Table<ReviewSummary>
          rowKey="incidentNumber"
          loading={reviews === null && !error}
          dataSource={reviews ?? []}
          locale={{ emptyText: <Empty description={t('review.list.empty')} /> }}
          pagination={false}
          onRow={(r) => ({ 'data-testid': `review-row-${r.incidentNumber}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t('review.col.incident'),
              render: (_, r) => <Link to={`/reviews/${r.incidentNumber}`}>{r.incidentNumber}</Link>,
            },
            { title: t('review.col.service'), dataIndex: 'service' },
            { title: 'P', dataIndex: 'priority', render: (p: string | null) => (p ? <Tag>{p}</Tag> : null) },
            { title: t('review.list.status'), render: (_, r) => <ReviewStatusTag status={r.status} /> },
            { title: t('review.col.owner'), dataIndex: 'reviewOwner' },
            {
              title: t('review.col.items'),
              render: (_, r) => (
                <Space>
                  <span>{t('review.items.summary', { open: r.openActionItems, total: r.actionItems })}</span>
                  {r.overdueActionItems > 0 && <Tag color="red">{t('review.items.overdue', { count: r.overdueActionItems })}</Tag>}
                </Space>
              ),
            },
            {
              title: t('review.col.startDue'),
              render: (_, r) => (r.status === 'requested' && r.startDue ? formatDateTime(r.startDue) : ''),
            },
          ]}
        />
      </Card>
    </Flex>
  );
}

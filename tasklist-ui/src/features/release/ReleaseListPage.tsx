import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Card, Empty, Flex, Input, Progress, Select, Table, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import { RELEASE_STATUSES, fetchReleases, type ReleaseSummary } from './releaseApi';
import { ReleaseStatusTag, StrategyLabel } from './ReleaseTags';
import './release.css';

/** Releases, newest first, filtered by status and service; cards on a phone. */
export default function ReleaseListPage() {
  const { t, formatDateTime } = useI18n();
  const phone = useMediaQuery(PHONE);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const service = params.get('service') ?? '';
  const [releases, setReleases] = useState<ReleaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetchReleases({ status: status || undefined, service: service || undefined, size: 50 })
      .then((page) => !cancelled && (setReleases(page.items), setError(null)))
      .catch((e) => !cancelled && setError(problemText(e, t)));
    return () => {
      cancelled = true;
    };
  }, [status, service, t]);

  const filter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('release.list.title')}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Input.Search
            aria-label={t('release.list.service')}
            placeholder={t('release.list.service')}
            defaultValue={service}
            allowClear
            onSearch={(value) => filter('service', value.trim())}
            style={{ width: 180 }}
          />
          <Select
            aria-label={t('release.col.status')}
            style={{ minWidth: 150 }}
            value={status}
            onChange={(value) => filter('status', value)}
            options={[
              { value: '', label: t('release.list.all') },
              ...RELEASE_STATUSES.map((value) => ({ value, label: t(`release.status.${value}` as MessageKey) })),
            ]}
          />
        </Flex>
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
      {phone ? (
        <Flex vertical gap={8} data-testid="release-cards">
          {releases?.length === 0 && <Empty description={t('release.list.empty')} />}
          {releases === null && !error && <Card size="small" loading />}
          {(releases ?? []).map((r) => (
            <Card
              key={r.id}
              size="small"
              hoverable
              data-testid={`release-row-${r.id}`}
              onClick={() => navigate(`/releases/${encodeURIComponent(r.id)}`)}
            >
              <Flex justify="space-between" align="start" gap={8}>
                <Link to={`/releases/${r.id}`} onClick={(event) => event.stopPropagation()} style={{ fontWeight: 600 }}>
                  {r.id}
                </Link>
                <ReleaseStatusTag status={r.status} />
              </Flex>
              {r.title && (
                <Typography.Text style={{ display: 'block', marginTop: 4 }} ellipsis>
                  {r.title}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {r.service} · {`${r.stableVersion} → ${r.newVersion}`} · <StrategyLabel strategy={r.strategy} />
              </Typography.Text>
              <Progress percent={r.currentWeight} size="small" style={{ marginTop: 4, marginBottom: 0 }} />
            </Card>
          ))}
        </Flex>
      ) : (
        <Card size="small">
          <Table<ReleaseSummary>
            rowKey="id"
            loading={releases === null && !error}
            dataSource={releases ?? []}
            scroll={{ x: 720 }}
            locale={{ emptyText: <Empty description={t('release.list.empty')} /> }}
            pagination={false}
            onRow={(r) => ({ 'data-testid': `release-row-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                title: t('release.col.id'),
                render: (_, r) => (
                  <Flex vertical>
                    <Link to={`/releases/${r.id}`}>{r.id}</Link>
                    {r.title && (
                      <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260, fontSize: 12 }}>
                        {r.title}
                      </Typography.Text>
                    )}
                  </Flex>
                ),
              },
              { title: t('release.list.service'), dataIndex: 'service' },
              { title: t('release.col.versions'), render: (_, r) => `${r.stableVersion} → ${r.newVersion}` },
              { title: t('release.col.strategy'), render: (_, r) => <StrategyLabel strategy={r.strategy} /> },
              { title: t('release.col.status'), render: (_, r) => <ReleaseStatusTag status={r.status} /> },
              {
                title: t('release.col.weight'),
                render: (_, r) => <Progress percent={r.currentWeight} size="small" style={{ minWidth: 100 }} />,
              },
              {
                title: t('release.col.change'),
                render: (_, r) => (r.changeId ? <Link to={`/changes/${r.changeId}`}>{r.changeId}</Link> : '—'),
                responsive: ['md'],
              },
              { title: t('release.col.created'), render: (_, r) => formatDateTime(r.createdAt), responsive: ['md'] },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import {
  fetchHandover,
  fetchHandovers,
  type Handover,
  type HandoverFilters,
  type HandoverPage as Page,
  type HandoverStatus,
} from './handoverApi';

const PAGE_SIZE = 20;
const STATUSES: HandoverStatus[] = ['requested', 'prefilled', 'written', 'acknowledged'];
const STATUS_COLORS: Record<HandoverStatus, string> = {
  requested: 'default',
  prefilled: 'processing',
  written: 'warning',
  acknowledged: 'success',
};

interface FilterValues {
  team?: string;
  person?: string;
  status?: HandoverStatus;
}

export function StatusTag({ status }: { status: HandoverStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{t(`handover.status.${status}` as MessageKey)}</Tag>;
}

/** The shift handover records: the history (filters, list) and one record with its snapshot. */
export default function HandoverPage() {
  const { t, formatDateTime } = useI18n();
  const phone = useMediaQuery(PHONE);
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<HandoverFilters>({});
  const [pageNumber, setPageNumber] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const openId = params.get('id');

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchHandovers(filters, pageNumber, PAGE_SIZE, controller.signal)
      .then((found) => {
        setPage(found);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(problemText(e, t));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [filters, pageNumber, t]);

  const search = (values: FilterValues) => {
    const trim = (value?: string) => value?.trim() || undefined;
    setFilters({ team: trim(values.team), person: trim(values.person), status: values.status || undefined });
    setPageNumber(0);
  };

  const open = useCallback(
    (id: number | null) => {
      const next = new URLSearchParams(params);
      if (id === null) next.delete('id');
      else next.set('id', String(id));
      setParams(next);
    },
    [params, setParams],
  );

  const columns: TableColumnsType<Handover> = [
    { title: t('handover.shiftStart'), dataIndex: 'shiftStart', render: (value: string) => formatDateTime(value) },
    {
      title: t('handover.team'),
      dataIndex: 'team',
      render: (_: unknown, row) => t('handover.teamTier', { team: row.team, tier: row.tier }),
    },
    {
      title: t('handover.people'),
      key: 'people',
      render: (_: unknown, row) => t('handover.fromTo', { outgoing: row.outgoingUser, incoming: row.incomingUser }),
    },
    {
      title: t('handover.statusLabel'),
      dataIndex: 'status',
      render: (_: unknown, row) => (
        <Space size={4} wrap>
          <StatusTag status={row.status} />
          {row.writeLate && <Tag color="error">{t('handover.late')}</Tag>}
        </Space>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('handover.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('handover.intro')}
      </Typography.Paragraph>
      <Card size="small">
        <Form layout={phone ? 'vertical' : 'inline'} onFinish={search}>
          <Form.Item name="team" label={t('handover.team')}>
            <Input allowClear data-testid="handover-team" />
          </Form.Item>
          <Form.Item name="person" label={t('handover.person')}>
            <Input allowClear data-testid="handover-person" />
          </Form.Item>
          <Form.Item name="status" label={t('handover.statusLabel')}>
            <Select
              allowClear
              style={{ minWidth: 140 }}
              data-testid="handover-status"
              options={STATUSES.map((status) => ({ value: status, label: t(`handover.status.${status}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="handover-search">
              {t('handover.search')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon message={error} />}
      <Table<Handover>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={page?.items ?? []}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t('handover.empty')} /> }}
        onRow={(row) => ({ onClick: () => open(row.id), style: { cursor: 'pointer' }, 'data-testid': `handover-row-${row.id}` }) as object}
        pagination={{
          current: pageNumber + 1,
          pageSize: PAGE_SIZE,
          total: page?.total ?? 0,
          showSizeChanger: false,
          onChange: (next) => setPageNumber(next - 1),
        }}
      />
      <Drawer
        open={openId !== null}
        onClose={() => open(null)}
        width={phone ? '100%' : 720}
        title={openId ? t('handover.detailTitle', { id: openId }) : ''}
        destroyOnHidden
      >
        {openId && <HandoverDetail id={openId} />}
      </Drawer>
    </Flex>
  );
}

function HandoverDetail({ id }: { id: string }) {
  const { t, formatDateTime } = useI18n();
  const [handover, setHandover] = useState<Handover | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setHandover(null);
    fetchHandover(id, controller.signal)
      .then((found) => {
        setHandover(found);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(problemText(e, t));
      });
    return () => controller.abort();
  }, [id, t]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!handover) return <Typography.Text type="secondary">{t('app.loading')}</Typography.Text>;
  const when = (value?: string | null) => (value ? formatDateTime(value) : '—');
  const text = (value?: string | null) =>
    value ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{value}</Typography.Paragraph> : '—';
  const snapshot = handover.snapshot;

  return (
    <Flex vertical gap="middle" data-testid="handover-detail">
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('handover.statusLabel')}>
          <Space size={4} wrap>
            <StatusTag status={handover.status} />
            {handover.writeLate && <Tag color="error">{t('handover.late')}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.team')}>
          {t('handover.teamTier', { team: handover.team, tier: handover.tier })}
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.shift')}>
          {when(handover.shiftStart)} – {when(handover.shiftEnd)}
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.writeDue')}>{when(handover.writeDue)}</Descriptions.Item>
        <Descriptions.Item label={t('handover.written')}>
          <span data-testid="handover-written">
            {handover.writtenAt
              ? t('handover.byAt', { who: handover.writtenBy ?? handover.outgoingUser, at: when(handover.writtenAt) })
              : t('handover.notYet', { who: handover.outgoingUser })}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('handover.acknowledged')}>
          <span data-testid="handover-acknowledged">
            {handover.acknowledgedAt
              ? t('handover.byAt', { who: handover.acknowledgedBy ?? handover.incomingUser, at: when(handover.acknowledgedAt) })
              : t('handover.notYet', { who: handover.incomingUser })}
          </span>
        </Descriptions.Item>
        {(handover.writeEscalatedAt || handover.acknowledgeEscalatedAt) && (
          <Descriptions.Item label={t('handover.escalated')}>
            {[handover.writeEscalatedAt, handover.acknowledgeEscalatedAt].filter(Boolean).map((at) => when(at)).join(', ')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('handover.notes')}>{text(handover.notes)}</Descriptions.Item>
        <Descriptions.Item label={t('handover.risks')}>{text(handover.risks)}</Descriptions.Item>
        <Descriptions.Item label={t('handover.plannedChanges')}>{text(handover.plannedChanges)}</Descriptions.Item>
        {handover.acknowledgementNote && (
          <Descriptions.Item label={t('handover.acknowledgementNote')}>{text(handover.acknowledgementNote)}</Descriptions.Item>
        )}
      </Descriptions>
      {snapshot ? (
        <>
          <Typography.Text type="secondary">{t('handover.gatheredAt', { at: when(snapshot.gatheredAt) })}</Typography.Text>
          <Card size="small" title={t('handover.openIncidents', { count: snapshot.openIncidents.length })}>
            <List
              size="small"
              dataSource={snapshot.openIncidents}
              locale={{ emptyText: t('handover.none') }}
              renderItem={(incident) => (
                <List.Item data-testid={`handover-incident-${incident.number}`}>
                  <Space wrap size={4}>
                    <Link to={`/incidents/${incident.number}`}>{incident.number}</Link>
                    {incident.priority && <Tag>{incident.priority}</Tag>}
                    <span>{incident.service}</span>
                    <Tag>{incident.status}</Tag>
                    {incident.sla
                      .filter((clock) => !clock.outcome)
                      .map((clock) => (
                        <Tag key={clock.target} color={clock.breached ? 'error' : clock.paused ? 'default' : 'blue'}>
                          {clock.breached
                            ? t('handover.sla.breached', { target: clock.target })
                            : clock.paused
                              ? t('handover.sla.paused', { target: clock.target })
                              : t('handover.sla.due', { target: clock.target, at: when(clock.breachTime) })}
                        </Tag>
                      ))}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t('handover.silences', { count: snapshot.silences.length })}>
            <List
              size="small"
              dataSource={snapshot.silences}
              locale={{ emptyText: t('handover.none') }}
              renderItem={(silence) => (
                <List.Item>
                  <Space wrap size={4}>
                    <Tag>{t(silence.kind === 'maintenance' ? 'handover.kind.maintenance' : 'handover.kind.silence')}</Tag>
                    <span>{silence.service}</span>
                    <span>
                      {when(silence.startsAt)} – {when(silence.endsAt)}
                    </span>
                    <Typography.Text type="secondary">{silence.reason}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t('handover.changes', { count: (snapshot.plannedChanges ?? []).length })}>
            <List
              size="small"
              dataSource={snapshot.plannedChanges ?? []}
              locale={{ emptyText: t('handover.none') }}
              renderItem={(change) => (
                <List.Item data-testid={`handover-change-${change.number}`}>
                  <Space wrap size={4}>
                    <Link to={`/changes/${change.number}`}>{change.number}</Link>
                    <span>{change.service}</span>
                    <Tag>{change.type}</Tag>
                    {change.risk && <Tag color={change.risk === 'high' ? 'error' : change.risk === 'medium' ? 'warning' : 'default'}>{change.risk}</Tag>}
                    <Tag>{change.status}</Tag>
                    <span>
                      {when(change.startsAt)} – {when(change.endsAt)}
                    </span>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t('handover.releases', { count: (snapshot.releases ?? []).length })}>
            <List
              size="small"
              dataSource={snapshot.releases ?? []}
              locale={{ emptyText: t('handover.none') }}
              renderItem={(release) => (
                <List.Item data-testid={`handover-release-${release.id}`}>
                  <Space wrap size={4}>
                    <Link to={`/releases/${release.id}`}>{release.id}</Link>
                    <span>{release.service}</span>
                    <span>
                      {release.stableVersion} → {release.newVersion}
                    </span>
                    {release.strategy && <Tag>{release.strategy}</Tag>}
                    <Tag color={release.status === 'paused' ? 'warning' : 'processing'}>{release.status}</Tag>
                    <span>{t('handover.releaseWeight', { weight: release.weight })}</span>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card size="small" title={t('handover.recentAlerts', { count: snapshot.recentAlerts.length })}>
            <List
              size="small"
              dataSource={snapshot.recentAlerts}
              locale={{ emptyText: t('handover.none') }}
              renderItem={(alert) => (
                <List.Item>
                  <Space wrap size={4}>
                    <Tag color={alert.status === 'firing' ? 'error' : 'success'}>{alert.status}</Tag>
                    <span>{alert.service}</span>
                    <span>{alert.summary}</span>
                    <Typography.Text type="secondary">{when(alert.lastSeenAt)}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </>
      ) : (
        <Alert type="info" showIcon message={t('handover.notPrefilled')} />
      )}
    </Flex>
  );
}

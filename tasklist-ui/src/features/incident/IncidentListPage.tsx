import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Pagination,
  Select,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { FilterOutlined, PlusOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import { useSession } from '../auth/session';
import { durationText, useNow } from '../tasks/due';
import {
  PRIORITIES,
  STATUSES,
  fetchIncidents,
  type IncidentPage,
  type IncidentQuery,
  type IncidentSummary,
  type Sla,
} from './incidentApi';
import { useIncidentEvents } from './incidentEvents';
import { PriorityTag, SlaClock, StatusTag, statusLabel } from './IncidentTags';
import './incident.css';

const PAGE_SIZE = 20;

/** What the page shows, kept in the address: the API's filters plus "mine" (handled by me). */
interface ListQuery {
  status?: string;
  priority?: string;
  service?: string;
  text?: string;
  from?: string;
  to?: string;
  mine?: boolean;
  page: number;
}

function queryFrom(params: URLSearchParams): ListQuery {
  const status = params.get('status') ?? '';
  const priority = params.get('priority') ?? '';
  return {
    status: (STATUSES as readonly string[]).includes(status) ? status : undefined,
    priority: (PRIORITIES as readonly string[]).includes(priority) ? priority : undefined,
    service: params.get('service') || undefined,
    text: params.get('text') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    mine: params.get('mine') === 'true' || undefined,
    page: Math.max(0, Number(params.get('page')) || 0),
  };
}

function paramsFrom(query: ListQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '' || value === false) continue;
    if (key === 'page' && value === 0) continue;
    params.set(key, String(value));
  }
  return params;
}

type Load =
  | { kind: 'loading'; page?: IncidentPage; receivedAt?: number }
  | { kind: 'loaded'; page: IncidentPage; receivedAt: number }
  | { kind: 'failed'; error: string; page?: IncidentPage; receivedAt?: number };

const bySla = (sla: Sla[]) => [...sla].sort((a, b) => (a.target === b.target ? 0 : a.target === 'response' ? -1 : 1));

/** Incidents: filters in the address, live updates, SLA clocks that tick; cards on a phone. */
export default function IncidentListPage() {
  const { t, formatDateTime } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFrom(params), [params]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [reloads, setReloads] = useState(0);
  const [updated, setUpdated] = useState<Set<string>>(new Set());
  const [filtersOpen, setFiltersOpen] = useState(false);
  const phone = useMediaQuery(PHONE);
  const now = useNow();
  const me = session.me?.username;

  // "mine" needs to know who I am (the session knows it before any page is shown)
  const assignee = query.mine ? me : undefined;
  useEffect(() => {
    if (query.mine && !assignee) return;
    const controller = new AbortController();
    const apiQuery: IncidentQuery = {
      status: query.status,
      priority: query.priority,
      service: query.service,
      assignee,
      from: query.from,
      to: query.to,
      text: query.text,
      page: query.page,
      size: PAGE_SIZE,
    };
    setLoad((previous) => ({ kind: 'loading', page: previous.page, receivedAt: previous.receivedAt }));
    fetchIncidents(apiQuery, controller.signal)
      .then((page) => setLoad({ kind: 'loaded', page, receivedAt: Date.now() }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad((previous) => ({ kind: 'failed', error: problemText(error, t), page: previous.page, receivedAt: previous.receivedAt }));
      });
    return () => controller.abort();
  }, [query, assignee, reloads, t]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  // An incident changed: reload the list (the change may move it in or out of the filter) and
  // mark its row for a moment.
  const live = useIncidentEvents(
    useCallback(
      (events) => {
        setUpdated(new Set(events.map((event) => event.number)));
        reload();
      },
      [reload],
    ),
  );
  useEffect(() => {
    if (updated.size === 0) return;
    const timer = window.setTimeout(() => setUpdated(new Set()), 3000);
    return () => window.clearTimeout(timer);
  }, [updated]);

  const update = (changes: Partial<ListQuery>) => setParams(paramsFrom({ ...query, page: 0, ...changes }));

  const page = load.page;
  const incidents = page?.items ?? [];
  const receivedAt = load.receivedAt ?? Date.now();

  const slaClocks = (incident: IncidentSummary) => (
    <Flex gap={4} wrap>
      {bySla(incident.sla ?? []).map((sla) => (
        <SlaClock key={sla.target} sla={sla} receivedAt={receivedAt} withTarget />
      ))}
    </Flex>
  );

  const age = (incident: IncidentSummary) => (
    <span title={formatDateTime(incident.createdAt)}>{durationText(now - new Date(incident.createdAt).getTime(), t)}</span>
  );

  const columns: TableColumnsType<IncidentSummary> = [
    {
      key: 'number',
      title: t('incident.col.number'),
      render: (_, incident) => (
        <Link to={`/incidents/${encodeURIComponent(incident.number)}`} data-testid={`incident-link-${incident.number}`}>
          <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
            {incident.number}
          </Typography.Text>
        </Link>
      ),
    },
    {
      key: 'title',
      title: t('incident.col.title'),
      render: (_, incident) => <Link to={`/incidents/${encodeURIComponent(incident.number)}`}>{incident.title}</Link>,
    },
    { key: 'service', title: t('incident.col.service'), dataIndex: 'service' },
    { key: 'priority', title: t('incident.col.priority'), render: (_, incident) => <PriorityTag priority={incident.priority} /> },
    { key: 'status', title: t('incident.col.status'), render: (_, incident) => <StatusTag status={incident.status} /> },
    {
      key: 'handler',
      title: t('incident.col.handler'),
      render: (_, incident) =>
        incident.handler ? (
          incident.handler === me ? `${incident.handler} (${t('tasks.me')})` : incident.handler
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { key: 'age', title: t('incident.col.age'), render: (_, incident) => age(incident) },
    { key: 'sla', title: t('incident.col.sla'), render: (_, incident) => slaClocks(incident) },
  ];

  const filters = (
    <Form layout="inline" className="suoke-filters" data-testid="incident-filters">
      <Form.Item label={t('incident.filter.status')}>
        <Select
          allowClear
          value={query.status}
          onChange={(status?: string) => update({ status })}
          options={STATUSES.map((status) => ({ value: status, label: statusLabel(status, t) }))}
          style={{ width: 130 }}
          data-testid="filter-status"
        />
      </Form.Item>
      <Form.Item label={t('incident.filter.priority')}>
        <Select
          allowClear
          value={query.priority}
          onChange={(priority?: string) => update({ priority })}
          options={PRIORITIES.map((priority) => ({ value: priority, label: priority }))}
          style={{ width: 90 }}
          data-testid="filter-priority"
        />
      </Form.Item>
      <Form.Item label={t('incident.filter.service')}>
        <Input
          allowClear
          defaultValue={query.service}
          key={`service-${query.service ?? ''}`}
          onBlur={(event) => event.target.value !== (query.service ?? '') && update({ service: event.target.value.trim() || undefined })}
          onPressEnter={(event) => update({ service: event.currentTarget.value.trim() || undefined })}
          style={{ width: 150 }}
          data-testid="filter-service"
        />
      </Form.Item>
      <Form.Item label={t('incident.filter.created')}>
        <DatePicker.RangePicker
          value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
          onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
            update({ from: range?.[0]?.startOf('day').toISOString(), to: range?.[1]?.endOf('day').toISOString() })
          }
          allowEmpty={[true, true]}
        />
      </Form.Item>
      <Form.Item>
        <Checkbox checked={!!query.mine} onChange={(event) => update({ mine: event.target.checked || undefined })} data-testid="filter-mine">
          {t('incident.filter.mine')}
        </Checkbox>
      </Form.Item>
      <Form.Item>
        <Button onClick={() => setParams(new URLSearchParams())}>{t('tasks.filter.reset')}</Button>
      </Form.Item>
    </Form>
  );

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={3} className="suoke-page-title" style={{ marginBottom: 0 }}>
          {t('incident.list.title')}
        </Typography.Title>
        <Space wrap>
          <Badge status={live ? 'processing' : 'default'} text={live ? t('tasks.live') : t('tasks.liveOff')} data-testid="live-indicator" />
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('app.retry')} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/incidents/new')} data-testid="report-incident">
            {t('incident.report')}
          </Button>
        </Space>
      </Flex>
      <span hidden data-testid="incidents-state" data-state={load.kind} />
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('incident.filter.text')}
          defaultValue={query.text}
          key={`text-${query.text ?? ''}`}
          onSearch={(text) => update({ text: text.trim() || undefined })}
          enterButton={<SearchOutlined />}
          style={{ maxWidth: phone ? undefined : 360, flex: phone ? 1 : undefined }}
          data-testid="incident-search"
        />
        {phone && (
          <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen((open) => !open)} aria-expanded={filtersOpen}>
            {t('tasks.filter.more')}
          </Button>
        )}
      </Flex>
      {(!phone || filtersOpen) && <div style={{ marginBottom: 12 }}>{filters}</div>}
      {load.kind === 'failed' && <Alert type="error" showIcon title={load.error} style={{ marginBottom: 12 }} data-testid="incidents-error" />}
      {phone ? (
        <Flex vertical gap={8} data-testid="incident-cards">
          {incidents.length === 0 && load.kind !== 'loading' && <Empty description={t('incident.empty')} />}
          {incidents.map((incident) => (
            <Card
              key={incident.number}
              size="small"
              hoverable
              className={`suoke-task-card${updated.has(incident.number) ? ' suoke-incident-updated' : ''}`}
              data-testid={`incident-row-${incident.number}`}
              onClick={() => navigate(`/incidents/${encodeURIComponent(incident.number)}`)}
            >
              <Flex justify="space-between" align="start" gap={8}>
                <Link
                  to={`/incidents/${encodeURIComponent(incident.number)}`}
                  onClick={(event) => event.stopPropagation()}
                  style={{ fontWeight: 600 }}
                >
                  {incident.title}
                </Link>
                <PriorityTag priority={incident.priority} />
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {incident.number} · {incident.service} · {age(incident)}
              </Typography.Text>
              <Flex wrap gap={4} style={{ marginTop: 6 }} align="center">
                <StatusTag status={incident.status} />
                {slaClocks(incident)}
                {incident.handler && <Typography.Text type="secondary">{incident.handler}</Typography.Text>}
              </Flex>
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<IncidentSummary>
          rowKey="number"
          columns={columns}
          dataSource={incidents}
          loading={load.kind === 'loading'}
          pagination={false}
          size="middle"
          locale={{ emptyText: <Empty description={t('incident.empty')} /> }}
          rowClassName={(incident) => (updated.has(incident.number) ? 'suoke-incident-updated' : '')}
          onRow={(incident) => ({ 'data-testid': `incident-row-${incident.number}` }) as React.HTMLAttributes<HTMLElement>}
          scroll={{ x: 'max-content' }}
          data-testid="incident-table"
        />
      )}
      <Flex justify="end" style={{ marginTop: 12 }}>
        <Pagination
          current={query.page + 1}
          pageSize={PAGE_SIZE}
          total={page?.total ?? 0}
          showSizeChanger={false}
          size={phone ? 'small' : undefined}
          showTotal={(total) => t('incident.total', { total })}
          onChange={(current) => setParams(paramsFrom({ ...query, page: current - 1 }))}
        />
      </Flex>
    </>
  );
}

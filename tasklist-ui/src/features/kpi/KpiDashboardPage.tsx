import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Drawer, Empty, Flex, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useI18n, type MessageKey } from '../../app/i18n';
import { ApiError } from '../../app/api';
import { problemText } from '../../app/problems';
import { useMediaQuery } from '../../app/useMediaQuery';
import { EChart } from './EChart';
import {
  availabilityOption,
  csatOption,
  groupsOption,
  onCallOption,
  priorityOption,
  slaOption,
  trendOption,
} from './chartOptions';
import {
  PRIORITIES,
  duration,
  fetchBreakdown,
  fetchIncidents,
  fetchOnCall,
  fetchOptions,
  fetchSummary,
  fetchTrend,
  percent,
  reportUrl,
  type Drill,
  type KpiAvailability,
  type KpiFilter,
  type KpiGroup,
  type KpiIncident,
  type KpiIncidentPage,
  type KpiOnCall,
  type KpiOptions,
  type KpiSummary,
} from './kpiApi';

interface Data {
  summary: KpiSummary;
  trend: KpiGroup[];
  byService: KpiGroup[];
  byTeam: KpiGroup[];
  onCall: KpiOnCall[];
}

/** A figure card: its value, a line below, and the incidents behind it on click. */
function FigureCard({
  title,
  value,
  note,
  onOpen,
  testId,
  alert,
}: {
  title: string;
  value: string | number;
  note?: string;
  onOpen?: () => void;
  testId: string;
  alert?: boolean;
}) {
  return (
    <Card
      size="small"
      hoverable={!!onOpen}
      onClick={onOpen}
      data-testid={testId}
      role={onOpen ? 'button' : undefined}
      tabIndex={onOpen ? 0 : undefined}
      onKeyDown={(e) => onOpen && (e.key === 'Enter' || e.key === ' ') && onOpen()}
    >
      <Statistic title={title} value={value} valueStyle={alert ? { color: '#cf1322' } : undefined} />
      {note && <Typography.Text type="secondary">{note}</Typography.Text>}
    </Card>
  );
}

/** The KPI dashboard: figures of a month, trends, breakdowns, availability and drill-down to the incidents. */
export default function KpiDashboardPage() {
  const { t, formatDateTime } = useI18n();
  const phone = useMediaQuery('(max-width: 480px)');
  const [params, setParams] = useSearchParams();
  const filter: KpiFilter = useMemo(
    () => ({
      month: params.get('month') ?? dayjs().format('YYYY-MM'),
      service: params.get('service') ?? undefined,
      team: params.get('team') ?? undefined,
      priority: params.get('priority') ?? undefined,
    }),
    [params],
  );
  const [options, setOptions] = useState<KpiOptions | null>(null);
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const [drillPage, setDrillPage] = useState(0);
  const [drilled, setDrilled] = useState<KpiIncidentPage | null>(null);

  const describe = useCallback(
    (e: unknown) => (e instanceof ApiError && e.status === 403 ? t('kpi.forbidden') : problemText(e, t)),
    [t],
  );

  useEffect(() => {
    fetchOptions().then(setOptions).catch((e) => setError(describe(e)));
  }, [describe]);

  useEffect(() => {
    let cancelled = false;
    setData(null);
    Promise.all([
      fetchSummary(filter),
      fetchTrend(filter),
      fetchBreakdown(filter, 'service'),
      fetchBreakdown(filter, 'team'),
      fetchOnCall(filter),
    ])
      .then(([summary, trend, byService, byTeam, onCall]) => {
        if (cancelled) return;
        setData({ summary, trend, byService, byTeam, onCall });
        setError(null);
      })
      .catch((e) => !cancelled && setError(describe(e)));
    return () => {
      cancelled = true;
    };
  }, [filter, describe]);

  useEffect(() => {
    if (!drill) {
      setDrilled(null);
      return undefined;
    }
    let cancelled = false;
    fetchIncidents(filter, drill, drillPage)
      .then((page) => !cancelled && setDrilled(page))
      .catch((e) => !cancelled && setError(describe(e)));
    return () => {
      cancelled = true;
    };
  }, [drill, drillPage, filter, describe]);

  const open = (next: Drill) => {
    setDrillPage(0);
    setDrilled(null);
    setDrill(next);
  };

  const setFilter = (key: keyof KpiFilter, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  const labels = useMemo(
    () => ({
      incidents: t('kpi.series.incidents'),
      mtta: t('kpi.series.mtta'),
      mttr: t('kpi.series.mttr'),
      met: t('kpi.series.met'),
      breached: t('kpi.series.breached'),
      availability: t('kpi.series.availability'),
      target: t('kpi.series.target'),
      csat: t('kpi.series.csat'),
      day: t('kpi.series.pages'),
      night: t('kpi.series.night'),
      response: t('kpi.target.response'),
      handling: t('kpi.target.handling'),
    }),
    [t],
  );

  const totals = data?.summary.totals;
  const reviews = data?.summary.reviews;

  return (
    <Flex vertical gap={16} data-testid="kpi-dashboard">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('kpi.title')}
        </Typography.Title>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={reportUrl(filter, 'csv')} data-testid="kpi-export-csv">
            {t('kpi.export.csv')}
          </Button>
          <Button icon={<DownloadOutlined />} href={reportUrl(filter, 'pdf')} data-testid="kpi-export-pdf">
            {t('kpi.export.pdf')}
          </Button>
        </Space>
      </Flex>
      <Flex wrap gap={8}>
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t('kpi.month')}
          value={dayjs(`${filter.month}-01`)}
          onChange={(value) => value && setFilter('month', value.format('YYYY-MM'))}
          data-testid="kpi-month"
        />
        <Select
          aria-label={t('kpi.service')}
          style={{ minWidth: 160 }}
          value={filter.service ?? ''}
          onChange={(value) => setFilter('service', value || undefined)}
          options={[
            { value: '', label: `${t('kpi.service')}: ${t('kpi.all')}` },
            ...(options?.services ?? []).map((s) => ({ value: s, label: s })),
          ]}
        />
        <Select
          aria-label={t('kpi.team')}
          style={{ minWidth: 160 }}
          value={filter.team ?? ''}
          onChange={(value) => setFilter('team', value || undefined)}
          options={[
            { value: '', label: `${t('kpi.team')}: ${t('kpi.all')}` },
            ...(options?.teams ?? []).map((s) => ({ value: s, label: s })),
          ]}
        />
        <Select
          aria-label={t('kpi.priority')}
          style={{ minWidth: 120 }}
          value={filter.priority ?? ''}
          onChange={(value) => setFilter('priority', value || undefined)}
          options={[
            { value: '', label: `${t('kpi.priority')}: ${t('kpi.all')}` },
            ...PRIORITIES.map((p) => ({ value: p, label: p })),
          ]}
        />
      </Flex>
      {error && <Alert type="error" showIcon message={error} data-testid="kpi-error" />}
      {data && (
        <Typography.Text type="secondary">
          {t('kpi.period', {
            first: data.summary.period.firstDay,
            last: data.summary.period.lastDay,
            zone: data.summary.period.zone,
          })}{' '}
          · {t('kpi.drill.hint')}
        </Typography.Text>
      )}
      {!data && !error && <Card loading />}
      {data && totals && reviews && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={12} sm={8} lg={6} xl={4}>
              <FigureCard
                testId="kpi-card-incidents"
                title={t('kpi.card.incidents')}
                value={totals.incidents}
                note={t('kpi.card.cancelled', { count: totals.cancelled })}
                onOpen={() => open({ figure: 'incidents' })}
              />
            </Col>
            <Col xs={12} sm={8} lg={6} xl={4}>
              <FigureCard
                testId="kpi-card-mtta"
                title={t('kpi.card.mtta')}
                value={duration(totals.mttaSeconds)}
                note={t('kpi.card.of', { part: totals.acknowledged, whole: totals.incidents })}
                onOpen={() => open({ figure: 'acknowledged' })}
              />
            </Col>
            <Col xs={12} sm={8} lg={6} xl={4}>
              <FigureCard
                testId="kpi-card-mttr"
                title={t('kpi.card.mttr')}
                value={duration(totals.mttrSeconds)}
                note={t('kpi.card.of', { part: totals.resolved, whole: totals.incidents })}
                onOpen={() => open({ figure: 'resolved' })}
              />
            </Col>
            <Col xs={12} sm={8} lg={6} xl={4}>
              <FigureCard
                testId="kpi-card-tth"
                title={t('kpi.card.tth')}
                value={duration(totals.timeToHandleSeconds)}
                note={t('kpi.card.of', { part: totals.handled, whole: totals.incidents })}
              />
            </Col>
            <Col xs={12} sm={8} lg={6} xl={4}>
              <FigureCard
                testId="kpi-card-sla"
                title={t('kpi.card.sla')}
                value={percent(totals.slaAchievement)}
                note={t('kpi.card.of', { part: totals.slaMet, whole: totals.slaMet + totals.slaBreached })}
                alert={totals.slaBreached > 0}
                onOpen={() => open({ figure: 'sla-breached' })}
              />
            </Col>
            <Col xs={12} sm={8} lg={6} xl={4}>
              <FigureCard
                testId="kpi-card-escalation"
                title={t('kpi.card.escalation')}
                value={percent(totals.escalationRate)}
                note={t('kpi.card.of', { part: totals.escalated, whole: totals.incidents })}
                onOpen={() => open({ figure: 'escalated' })}
              />
            </Col>
            <Col xs={12} sm={8} lg={6} xl={4}>
              <FigureCard
                testId="kpi-card-csat"
                title={t('kpi.card.csat')}
                value={totals.csat === null ? '–' : totals.csat.toFixed(2)}
                note={t('kpi.card.responses', { count: totals.rated })}
                onOpen={() => open({ figure: 'rated' })}
              />
            </Col>
            <Col xs={12} sm={8} lg={6} xl={4}>
              <FigureCard
                testId="kpi-card-reviews"
                title={t('kpi.card.reviews')}
                value={percent(reviews.completionRate, 0)}
                note={t('kpi.card.of', { part: reviews.closed, whole: reviews.reviews })}
                onOpen={() => open({ figure: 'reviews-open' })}
              />
            </Col>
            <Col xs={12} sm={8} lg={6} xl={4}>
              <FigureCard
                testId="kpi-card-overdue"
                title={t('kpi.card.overdue')}
                value={reviews.actionItemsOverdue}
                note={t('kpi.card.of', { part: reviews.actionItemsOpen, whole: reviews.actionItems })}
                alert={reviews.actionItemsOverdue > 0}
                onOpen={() => open({ figure: 'actions-overdue' })}
              />
            </Col>
            <Col xs={12} sm={8} lg={6} xl={4}>
              <FigureCard
                testId="kpi-card-pages"
                title={t('kpi.card.pages')}
                value={`${data.summary.pages} (${data.summary.nightPages})`}
              />
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('kpi.chart.trend')}>
                <EChart
                  label={t('kpi.chart.trend')}
                  testId="kpi-chart-trend"
                  option={trendOption(data.trend, labels)}
                  onClick={(c) => open({ figure: 'incidents', month: c.name })}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('kpi.chart.priority')}>
                <EChart
                  label={t('kpi.chart.priority')}
                  testId="kpi-chart-priority"
                  option={priorityOption(totals.byPriority, labels)}
                  onClick={(c) => open({ figure: 'incidents', priority: c.name })}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('kpi.chart.sla')}>
                <EChart
                  label={t('kpi.chart.sla')}
                  testId="kpi-chart-sla"
                  option={slaOption(data.summary.sla, labels)}
                  onClick={(c) => {
                    const row = data.summary.sla[c.dataIndex];
                    if (row) {
                      open({
                        figure: c.seriesIndex === 0 ? 'sla-met' : 'sla-breached',
                        target: row.target,
                        priority: row.priority,
                      });
                    }
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('kpi.chart.services')}>
                <EChart
                  label={t('kpi.chart.services')}
                  testId="kpi-chart-services"
                  option={groupsOption(data.byService, labels)}
                  onClick={(c) => open({ figure: c.seriesIndex === 0 ? 'incidents' : 'sla-breached', service: c.name })}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('kpi.chart.availability')}>
            <Row gutter={[12, 12]}>
              <Col xs={24} lg={10}>
                <EChart
                  label={t('kpi.chart.availability')}
                  testId="kpi-chart-availability"
                  option={availabilityOption(data.summary.availability, labels)}
                  onClick={(c) => open({ figure: 'outage', service: c.name })}
                />
              </Col>
              <Col xs={24} lg={14}>
                <AvailabilityTable
                  rows={data.summary.availability}
                  phone={phone}
                  onOpen={(service) => open({ figure: 'outage', service })}
                />
              </Col>
            </Row>
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('kpi.chart.csat')}>
                <EChart
                  label={t('kpi.chart.csat')}
                  testId="kpi-chart-csat"
                  option={csatOption(data.byTeam, labels)}
                  onClick={(c) => open({ figure: 'rated', team: c.name })}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('kpi.chart.oncall')}>
                {data.onCall.length === 0 ? (
                  <Empty description={t('kpi.empty')} />
                ) : (
                  <EChart label={t('kpi.chart.oncall')} testId="kpi-chart-oncall" option={onCallOption(data.onCall, labels)} />
                )}
              </Card>
            </Col>
          </Row>
        </>
      )}
      <Drawer
        open={!!drill}
        onClose={() => setDrill(null)}
        width={phone ? '100%' : 760}
        title={drill ? t('kpi.drill.title', { figure: t(`kpi.figure.${drill.figure}` as MessageKey) }) : ''}
        data-testid="kpi-drill"
      >
        {drill && (
          <Space wrap style={{ marginBottom: 8 }}>
            {drill.month && <Tag>{drill.month}</Tag>}
            {drill.service && <Tag>{drill.service}</Tag>}
            {drill.team && <Tag>{drill.team}</Tag>}
            {drill.priority && <Tag>{drill.priority}</Tag>}
            {drill.target && <Tag>{t(`kpi.target.${drill.target}` as MessageKey)}</Tag>}
            {drilled && <Typography.Text type="secondary">{t('kpi.drill.total', { count: drilled.total })}</Typography.Text>}
          </Space>
        )}
        <Table<KpiIncident>
          rowKey="number"
          size="small"
          loading={!!drill && !drilled}
          dataSource={drilled?.items ?? []}
          scroll={{ x: true }}
          onRow={(r) => ({ 'data-testid': `kpi-drill-row-${r.number}` }) as React.HTMLAttributes<HTMLElement>}
          pagination={{
            current: (drilled?.page ?? 0) + 1,
            pageSize: drilled?.size ?? 20,
            total: drilled?.total ?? 0,
            showSizeChanger: false,
            onChange: (page) => setDrillPage(page - 1),
          }}
          columns={[
            {
              title: t('kpi.drill.number'),
              render: (_, r) => <Link to={`/incidents/${r.number}`}>{r.number}</Link>,
            },
            { title: t('kpi.drill.title.col'), dataIndex: 'title', ellipsis: true, responsive: ['md'] },
            { title: 'P', dataIndex: 'priority', render: (p: string | null) => (p ? <Tag>{p}</Tag> : null) },
            { title: t('kpi.service'), dataIndex: 'service', responsive: ['sm'] },
            { title: t('kpi.drill.created'), render: (_, r) => formatDateTime(r.createdAt), responsive: ['md'] },
            { title: t('kpi.drill.ack'), render: (_, r) => duration(r.ackSeconds) },
            { title: t('kpi.drill.resolve'), render: (_, r) => duration(r.resolveSeconds) },
            { title: t('kpi.drill.rating'), dataIndex: 'satisfaction', responsive: ['sm'] },
            {
              title: t('kpi.drill.outage'),
              responsive: ['sm'],
              render: (_, r) =>
                r.outageMinutes === null ? '' : `${r.outageKind} ${t('kpi.availability.minutes', { minutes: Math.round(r.outageMinutes) })}`,
            },
          ]}
        />
      </Drawer>
    </Flex>
  );
}

/** Availability per service with target, downtime and the error budget left (red once spent). */
function AvailabilityTable({
  rows,
  phone,
  onOpen,
}: {
  rows: KpiAvailability[];
  phone: boolean;
  onOpen: (service: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Table<KpiAvailability>
      rowKey={(r) => `${r.service}-${r.month}`}
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={phone ? { x: true } : undefined}
      locale={{ emptyText: <Empty description={t('kpi.availability.empty')} /> }}
      onRow={(r) => ({ 'data-testid': `kpi-availability-${r.service}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t('kpi.availability.service'),
          render: (_, r) => (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(r.service)}>
              {r.service}
            </Button>
          ),
        },
        { title: t('kpi.availability.class'), dataIndex: 'serviceClass', responsive: ['sm'] },
        {
          title: t('kpi.availability.value'),
          render: (_, r) => <Tag color={r.met ? 'green' : 'red'}>{percent(r.availability, 3)}</Tag>,
        },
        { title: t('kpi.availability.target'), render: (_, r) => percent(r.target, 1) },
        {
          title: t('kpi.availability.downtime'),
          render: (_, r) => t('kpi.availability.minutes', { minutes: r.downtimeMinutes.toFixed(1) }),
        },
        {
          title: t('kpi.availability.budgetLeft'),
          render: (_, r) => (
            <Typography.Text type={r.budgetLeftMinutes < 0 ? 'danger' : undefined}>
              {t('kpi.availability.minutes', { minutes: r.budgetLeftMinutes.toFixed(1) })} ({percent(r.budgetLeftRatio, 0)})
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

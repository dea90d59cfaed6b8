import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { HeatMapOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import { BatchOperationsCard } from './BatchOperationsCard';
import { countText, fetchDefinitions, fetchInstances, type DefinitionStats, type InstanceFilter, type InstancePage, type InstanceRow } from './operationsApi';

const PAGE_SIZE = 25;
const FILTER_KEYS = ['processDefinitionId', 'version', 'state', 'withIncident', 'businessKey', 'startedFrom', 'startedTo', 'variableName', 'variableValue'] as const;

/** The filter written in the page's address (so a filtered list can be bookmarked and shared). */
export function filterFromParams(params: URLSearchParams): InstanceFilter {
  const filter: InstanceFilter = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value === null || value === '') continue;
    if (key === 'version') filter.version = Number(value);
    else if (key === 'withIncident') filter.withIncident = value === 'true';
    else filter[key] = value;
  }
  return filter;
}

export function paramsFromFilter(filter: InstanceFilter): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filter[key];
    if (value !== undefined && value !== null && value !== '') params[key] = String(value);
  }
  return params;
}

function stateTag(row: InstanceRow, t: ReturnType<typeof useI18n>['t']) {
  const color = row.state === 'ACTIVE' ? 'orange' : row.state === 'COMPLETED' ? 'green' : 'default';
  return (
    <Space size={4} wrap>
      <Tag color={color}>{t(`ops.state.${row.state}` as 'ops.state.ACTIVE')}</Tag>
      {row.hasIncident && <Tag color="red">{t('ops.incident')}</Tag>}
    </Space>
  );
}

/**
 * Operate's start page (operators; auditors read): the process versions with their counts, and
 * the instances with filters in the address, newest first, in cursor pages (next page continues
 * after the last row; no offsets).
 */
export default function OperationsPage() {
  const { t, formatDateTime } = useI18n();
  const phone = useMediaQuery(PHONE);
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const [definitions, setDefinitions] = useState<DefinitionStats[] | null>(null);
  const [page, setPage] = useState<InstancePage | null>(null);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();

  useEffect(() => {
    const controller = new AbortController();
    fetchDefinitions(controller.signal).then(setDefinitions).catch((e) => !controller.signal.aborted && setError(problemText(e, t)));
    return () => controller.abort();
  }, [t]);

  const cursor = cursors[cursors.length - 1];
  const load = useCallback(
    (signal?: AbortSignal) => {
      setPage(null);
      fetchInstances(filter, cursor, PAGE_SIZE, signal)
        .then((p) => {
          setPage(p);
          setError(null);
        })
        .catch((e) => !signal?.aborted && setError(problemText(e, t)));
    },
    [filter, cursor, t],
  );
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal);
    return () => controller.abort();
  }, [load]);
  const reload = useCallback(() => load(), [load]);

  useEffect(() => {
    form.setFieldsValue({
      ...filter,
      started: filter.startedFrom || filter.startedTo ? [filter.startedFrom ? dayjs(filter.startedFrom) : null, filter.startedTo ? dayjs(filter.startedTo) : null] : undefined,
    });
  }, [filter, form]);

  const apply = (values: InstanceFilter & { started?: [Dayjs | null, Dayjs | null] }) => {
    const { started, ...rest } = values;
    setCursors([null]);
    setParams(paramsFromFilter({ ...rest, startedFrom: started?.[0]?.toISOString(), startedTo: started?.[1]?.toISOString() }));
  };

  const processes = [...new Set((definitions ?? []).map((d) => d.processDefinitionId))];

  return (
    <Flex vertical gap={16}>
      {error && <Alert type="error" showIcon title={error} />}
      <Card title={t('ops.definitions')} size="small">
        <Table<DefinitionStats>
          rowKey="processDefinitionKey"
          size="small"
          loading={definitions === null && !error}
          dataSource={definitions ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            {
              title: t('ops.col.process'),
              key: 'process',
              render: (_, d) => (
                <Typography.Link onClick={() => apply({ processDefinitionId: d.processDefinitionId, version: d.version })}>
                  {d.name}
                </Typography.Link>
              ),
            },
            { title: t('ops.col.version'), dataIndex: 'version', key: 'version', width: 80 },
            { title: t('ops.col.active'), key: 'active', width: 90, render: (_, d) => countText(d.active, d.atLeast?.includes('active')) },
            {
              title: t('ops.col.incidents'),
              key: 'incidents',
              width: 110,
              render: (_, d) =>
                d.withIncident > 0 ? (
                  <Typography.Link type="danger" onClick={() => apply({ processDefinitionId: d.processDefinitionId, version: d.version, withIncident: true })}>
                    {countText(d.withIncident, d.atLeast?.includes('withIncident'))}
                  </Typography.Link>
                ) : (
                  0
                ),
            },
            ...(phone ? [] : [{ title: t('ops.col.completed'), key: 'completed', width: 100,
              render: (_: unknown, d: DefinitionStats) => countText(d.completed, d.atLeast?.includes('completed')) }]),
            {
              title: '',
              key: 'heat',
              render: (_, d) => (
                <Link to={`/operations/definitions/${d.processDefinitionKey}/heatmap`} aria-label={t('ops.heatmap')}>
                  <HeatMapOutlined /> {phone ? '' : t('ops.heatmap')}
                </Link>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('ops.instances')} size="small" extra={page && <span data-testid="instances-total">{t('ops.instances.total', { total: countText(page.total, page.hasMoreTotal) })}</span>}>
        <Form form={form} layout={phone ? 'vertical' : 'inline'} onFinish={apply} style={{ marginBottom: 12, rowGap: 8 }}>
          <Form.Item name="processDefinitionId" label={t('ops.filter.process')}>
            <Select allowClear showSearch style={{ minWidth: 200 }} options={processes.map((p) => ({ value: p, label: p }))} />
          </Form.Item>
          <Form.Item name="version" label={t('ops.filter.version')}>
            <InputNumber min={1} style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="state" label={t('ops.filter.state')}>
            <Select
              allowClear
              style={{ width: 120 }}
              options={['ACTIVE', 'COMPLETED', 'TERMINATED'].map((s) => ({ value: s, label: t(`ops.state.${s}` as 'ops.state.ACTIVE') }))}
            />
          </Form.Item>
          <Form.Item name="withIncident" label={t('ops.filter.withIncident')} valuePropName="checked">
            <Switch data-testid="filter-incident" />
          </Form.Item>
          <Form.Item name="businessKey" label={t('ops.filter.businessKey')}>
            <Input allowClear style={{ width: 160 }} data-testid="filter-business-key" />
          </Form.Item>
          <Form.Item name="started" label={t('ops.filter.started')}>
            <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item name="variableName" label={t('ops.filter.variableName')}>
            <Input allowClear style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="variableValue" label={t('ops.filter.variableValue')}>
            <Input allowClear style={{ width: 130 }} placeholder='"abc"' />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" data-testid="apply-filter">
              {t('ops.filter.apply')}
            </Button>
            <Button onClick={() => apply({})}>{t('ops.filter.reset')}</Button>
          </Space>
        </Form>
        <Table<InstanceRow>
          rowKey="processInstanceKey"
          size="small"
          loading={page === null && !error}
          dataSource={page?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            {
              title: t('ops.col.key'),
              key: 'key',
              render: (_, r) => (
                <Link to={`/operations/instances/${r.processInstanceKey}`} data-testid={`instance-${r.processInstanceKey}`}>
                  {r.processInstanceKey}
                </Link>
              ),
            },
            { title: t('ops.col.process'), key: 'process', render: (_, r) => `${r.processDefinitionId} v${r.version}` },
            { title: t('ops.col.state'), key: 'state', render: (_, r) => stateTag(r, t) },
            { title: t('ops.col.started'), key: 'started', render: (_, r) => formatDateTime(r.startDate) },
            ...(phone ? [] : [{ title: t('ops.col.ended'), key: 'ended', render: (_: unknown, r: InstanceRow) => formatDateTime(r.endDate) }]),
          ]}
        />
        <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
          <Button disabled={cursors.length === 1} onClick={() => setCursors([null])}>
            {t('ops.page.first')}
          </Button>
          <Button disabled={!page?.next} onClick={() => page?.next && setCursors([...cursors, page.next])} data-testid="next-page">
            {t('ops.page.next')}
          </Button>
        </Flex>
      </Card>
      <BatchOperationsCard filter={filter} total={page ? countText(page.total, page.hasMoreTotal) : null} definitions={definitions ?? []} onFinished={reload} />
    </Flex>
  );
}

export { stateTag };

import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import {
  Alert,
  App,
  theme,
  Badge,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Pagination,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { FilterOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import { useSession } from '../auth/session';
import { DueBadge } from './DueBadge';
import { useNow } from './due';
import { useTaskEvents } from './taskEvents';
import {
  claimTask,
  fetchTasks,
  processLabel,
  taskName,
  type Order,
  type Sort,
  type TaskPage,
  type TaskQuery,
  type TaskSummary,
  type View,
} from './tasksApi';

const VIEWS: View[] = ['mine', 'groups', 'all'];
const SORTS: Sort[] = ['due', 'priority', 'created'];
const PAGE_SIZE = 20;

/** The query the page shows, kept in the address (so Back and a reload keep it). */
function queryFrom(params: URLSearchParams): TaskQuery {
  const view = params.get('view') as View;
  const sort = params.get('sort') as Sort;
  const priority = params.get('priority');
  return {
    view: VIEWS.includes(view) ? view : 'all',
    process: params.get('process') || undefined,
    candidateGroup: params.get('candidateGroup') || undefined,
    priority: priority && !Number.isNaN(Number(priority)) ? Number(priority) : undefined,
    dueBefore: params.get('dueBefore') || undefined,
    overdue: params.get('overdue') === 'true' || undefined,
    followUp: params.get('followUp') === 'true' || undefined,
    text: params.get('text') || undefined,
    sort: SORTS.includes(sort) ? sort : 'due',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
    page: Math.max(0, Number(params.get('page')) || 0),
    size: PAGE_SIZE,
  };
}

function paramsFrom(query: TaskQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'size' || value === undefined || value === '' || value === false) continue;
    if (key === 'page' && value === 0) continue;
    params.set(key, String(value));
  }
  return params;
}

type Load = { kind: 'loading'; page?: TaskPage } | { kind: 'loaded'; page: TaskPage; text: string } | { kind: 'failed'; error: string; page?: TaskPage };

export default function InboxPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFrom(params), [params]);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [reloads, setReloads] = useState(0);
  const [claiming, setClaiming] = useState<string>();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const phone = useMediaQuery(PHONE);
  const now = useNow();
  const me = session.me;
  const { token } = theme.useToken();

  // A message handed over by the task page (completed).
  const flash = (location.state as { flash?: string } | null)?.flash;
  useEffect(() => {
    if (flash) {
      void message.success(flash);
      navigate(location.pathname + location.search, { replace: true, state: null });
    }
  }, [flash, message, navigate, location.pathname, location.search]);

  useEffect(() => {
    const controller = new AbortController();
    setLoad((previous) => ({ kind: 'loading', page: 'page' in previous ? previous.page : undefined }));
    fetchTasks(query, controller.signal)
      .then((page) => setLoad({ kind: 'loaded', page, text: query.text ?? '' }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad((previous) => ({ kind: 'failed', error: problemText(error, t), page: previous.page }));
      });
    return () => controller.abort();
  }, [query, reloads, t]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const live = useTaskEvents(reload);

  const update = (changes: Partial<TaskQuery>) => {
    const next = { ...query, page: 0, ...changes };
    setParams(paramsFrom(next));
  };

  async function claim(task: TaskSummary) {
    setClaiming(task.key);
    try {
      await claimTask(task.key);
      void message.success(t('tasks.claimed', { name: taskName(task) }));
      reload();
    } catch (error) {
      void message.error(problemText(error, t));
    } finally {
      setClaiming(undefined);
    }
  }

  const page = load.page;
  const tasks = page?.items ?? [];

  const assigneeText = (task: TaskSummary) =>
    task.assignee ? (task.assignee === me?.username ? `${task.assignee} (${t('tasks.me')})` : task.assignee) : undefined;

  const claimButton = (task: TaskSummary, block = false) =>
    !task.assignee ? (
      <Button
        type="primary"
        size={block ? 'middle' : 'small'}
        block={block}
        loading={claiming === task.key}
        onClick={(event) => {
          event.stopPropagation();
          void claim(task);
        }}
        data-testid={`claim-${task.key}`}
      >
        {t('tasks.claim')}
      </Button>
    ) : null;

  const columns: TableColumnsType<TaskSummary> = [
    {
      key: 'name',
      title: t('tasks.col.name'),
      render: (_, task) => (
        <Link to={`/tasks/${task.key}`} data-testid={`task-link-${task.key}`}>
          {taskName(task)}
        </Link>
      ),
    },
    { key: 'process', title: t('tasks.col.process'), render: (_, task) => processLabel(task) },
    {
      key: 'businessKey',
      title: t('tasks.col.businessKey'),
      dataIndex: 'businessKey',
      render: (value?: string) => value && <Typography.Text code>{value}</Typography.Text>,
    },
    {
      key: 'candidateGroups',
      title: t('tasks.col.candidateGroups'),
      render: (_, task) => task.candidateGroups.map((group) => <Tag key={group}>{group}</Tag>),
    },
    {
      key: 'assignee',
      title: t('tasks.col.assignee'),
      render: (_, task) => assigneeText(task) ?? <Typography.Text type="secondary">{t('tasks.unassigned')}</Typography.Text>,
    },
    { key: 'priority', title: t('tasks.col.priority'), dataIndex: 'priority', align: 'right', width: 80 },
    {
      key: 'due',
      title: t('tasks.col.due'),
      render: (_, task) => (
        <Space orientation="vertical" size={2}>
          <DueBadge due={task.dueDate} now={now} />
          {task.followUpDate && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tasks.followUp', { when: formatDateTime(task.followUpDate) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'created',
      title: t('tasks.col.created'),
      render: (_, task) => formatDateTime(task.creationDate),
      responsive: ['xxl'],
    },
    { key: 'actions', title: t('tasks.col.actions'), render: (_, task) => claimButton(task), width: 96, fixed: 'right' },
  ];

  const tabs = VIEWS.map((view) => ({
    key: view,
    label: (
      <span data-testid={`view-${view}`}>
        {t(`tasks.view.${view}`)}{' '}
        <Badge
          count={page?.counts?.[view] ?? 0}
          showZero
          overflowCount={9999}
          color={view === query.view ? token.colorPrimary : token.colorTextQuaternary}
          data-testid={`count-${view}`}
        />
      </span>
    ),
  }));

  const filters = (
    <Form layout="inline" className="suoke-filters" data-testid="task-filters">
      <Form.Item label={t('tasks.filter.process')}>
        <Input
          allowClear
          defaultValue={query.process}
          key={`process-${query.process ?? ''}`}
          onBlur={(event) => event.target.value !== (query.process ?? '') && update({ process: event.target.value || undefined })}
          onPressEnter={(event) => update({ process: event.currentTarget.value || undefined })}
          style={{ width: 160 }}
        />
      </Form.Item>
      <Form.Item label={t('tasks.filter.candidateGroup')}>
        <Select
          allowClear
          value={query.candidateGroup}
          onChange={(value?: string) => update({ candidateGroup: value })}
          options={(me?.groups ?? []).map((group) => ({ value: group, label: group }))}
          style={{ width: 160 }}
        />
      </Form.Item>
      <Form.Item label={t('tasks.filter.priority')}>
        <InputNumber
          min={0}
          value={query.priority}
          onChange={(value) => update({ priority: value ?? undefined })}
          style={{ width: 90 }}
        />
      </Form.Item>
      <Form.Item label={t('tasks.filter.dueBefore')}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={query.dueBefore ? dayjs(query.dueBefore) : null}
          onChange={(value: Dayjs | null) => update({ dueBefore: value ? value.toISOString() : undefined })}
        />
      </Form.Item>
      <Form.Item>
        <Checkbox checked={!!query.overdue} onChange={(event) => update({ overdue: event.target.checked || undefined })}>
          {t('tasks.filter.overdue')}
        </Checkbox>
      </Form.Item>
      <Form.Item>
        <Checkbox checked={!!query.followUp} onChange={(event) => update({ followUp: event.target.checked || undefined })}>
          {t('tasks.filter.followUp')}
        </Checkbox>
      </Form.Item>
      <Form.Item label={t('tasks.sort')}>
        <Space.Compact>
          <Select<Sort>
            value={query.sort}
            onChange={(sort) => update({ sort })}
            options={SORTS.map((sort) => ({ value: sort, label: t(`tasks.sort.${sort}`) }))}
            style={{ width: 120 }}
            data-testid="sort"
          />
          <Select<Order>
            value={query.order}
            onChange={(order) => update({ order })}
            options={[
              { value: 'asc', label: t('tasks.order.asc') },
              { value: 'desc', label: t('tasks.order.desc') },
            ]}
            style={{ width: 112 }}
          />
        </Space.Compact>
      </Form.Item>
      <Form.Item>
        <Button onClick={() => setParams(paramsFrom({ view: query.view, page: 0, size: PAGE_SIZE }))}>
          {t('tasks.filter.reset')}
        </Button>
      </Form.Item>
    </Form>
  );

  const emptyText = t(`tasks.empty.${query.view}`);

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} className="suoke-page-title" style={{ marginBottom: 0 }}>
          {t('tasks.title')}
        </Typography.Title>
        <Space>
          <Badge
            status={live ? 'processing' : 'default'}
            text={live ? t('tasks.live') : t('tasks.liveOff')}
            data-testid="live-indicator"
          />
          <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('app.retry')} />
        </Space>
      </Flex>
      <Tabs
        activeKey={query.view}
        items={tabs}
        onChange={(view) => update({ view: view as View })}
        data-testid="task-views"
      />
      {/* what the list shows right now, for tests that must wait for a search's result */}
      <span hidden data-testid="inbox-state" data-state={load.kind} data-text={load.kind === 'loaded' ? load.text : ''} />
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('tasks.filter.text')}
          defaultValue={query.text}
          key={`text-${query.text ?? ''}`}
          onSearch={(text) => update({ text: text || undefined })}
          enterButton={<SearchOutlined />}
          style={{ maxWidth: phone ? undefined : 360, flex: phone ? 1 : undefined }}
          data-testid="task-search"
        />
        {phone && (
          <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen((open) => !open)} aria-expanded={filtersOpen}>
            {t('tasks.filter.more')}
          </Button>
        )}
      </Flex>
      {(!phone || filtersOpen) && <div style={{ marginBottom: 12 }}>{filters}</div>}
      {load.kind === 'failed' && (
        <Alert type="error" showIcon title={load.error} style={{ marginBottom: 12 }} data-testid="tasks-error" />
      )}
      {phone ? (
        <Flex vertical gap={8} data-testid="task-cards">
          {tasks.length === 0 && load.kind !== 'loading' && <Empty description={emptyText} />}
          {tasks.map((task) => (
            <Card
              key={task.key}
              className="suoke-task-card"
              size="small"
              data-testid={`task-row-${task.key}`}
              data-row-key={task.key}
              onClick={() => navigate(`/tasks/${task.key}`)}
              hoverable
            >
              <Flex justify="space-between" align="start" gap={8}>
                <Link to={`/tasks/${task.key}`} onClick={(event) => event.stopPropagation()} style={{ fontWeight: 600 }}>
                  {taskName(task)}
                </Link>
                <DueBadge due={task.dueDate} now={now} />
              </Flex>
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
                {processLabel(task)}
                {task.businessKey ? ` · ${task.businessKey}` : ''}
              </Typography.Text>
              <Flex wrap gap={4} style={{ marginTop: 6 }} align="center">
                {task.candidateGroups.map((group) => (
                  <Tag key={group}>{group}</Tag>
                ))}
                {task.priority !== undefined && task.priority !== null && (
                  <Tag color="blue">
                    {t('tasks.col.priority')} {task.priority}
                  </Tag>
                )}
                <Typography.Text type="secondary">{assigneeText(task) ?? t('tasks.unassigned')}</Typography.Text>
              </Flex>
              {!task.assignee && <div style={{ marginTop: 8 }}>{claimButton(task, true)}</div>}
            </Card>
          ))}
        </Flex>
      ) : (
        <Table<TaskSummary>
          rowKey="key"
          columns={columns}
          dataSource={tasks}
          loading={load.kind === 'loading'}
          pagination={false}
          size="middle"
          locale={{ emptyText: <Empty description={emptyText} /> }}
          onRow={(task) => ({ 'data-testid': `task-row-${task.key}` }) as React.HTMLAttributes<HTMLElement>}
          scroll={{ x: 'max-content' }}
          data-testid="task-table"
        />
      )}
      <Flex justify="end" style={{ marginTop: 12 }}>
        <Pagination
          current={query.page + 1}
          pageSize={PAGE_SIZE}
          total={page?.total ?? 0}
          showSizeChanger={false}
          size={phone ? 'small' : undefined}
          showTotal={(total) => t('tasks.total', { total })}
          onChange={(current) => setParams(paramsFrom({ ...query, page: current - 1 }))}
          hideOnSinglePage={false}
        />
      </Flex>
    </>
  );
}

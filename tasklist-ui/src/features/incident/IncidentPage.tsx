import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  Alert,
  App,
  Badge,
  Breadcrumb,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Result,
  Row,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import {
  AlertOutlined,
  CheckOutlined,
  EditOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { ApiError } from '../../app/api';
import { useI18n, type MessageKey } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import { useSession } from '../auth/session';
import { DueBadge } from '../tasks/DueBadge';
import { useNow } from '../tasks/due';
import { ActionDialog } from './IncidentActions';
import { ACTIONS, fetchIncident, type Action, type IncidentAlert, type IncidentDetail, type OpenTask, type Sla } from './incidentApi';
import { useIncidentEvents } from './incidentEvents';
import { PriorityTag, SlaClock, StatusTag } from './IncidentTags';
import { goalText } from './sla';
import './incident.css';
import { SimilarDocuments } from '../knowledge/SimilarDocuments';

// bpmn-js is large: its own chunk, loaded when an incident page shows the diagram.
const ProcessDiagram = lazy(() => import('./ProcessDiagram'));

type Load =
  | { kind: 'loading' }
  | { kind: 'loaded'; incident: IncidentDetail; receivedAt: number }
  | { kind: 'failed'; error: unknown };

/** The order of the action buttons; the roles and SLA ones have their own places. */
const BAR_ACTIONS: Action[] = ['acknowledge', 'resolve', 'close', 'escalate', 'priority', 'notes', 'reopen', 'cancel'];

const TIMELINE_COLORS: [RegExp, string][] = [
  [/escalat|breach|reopen/i, 'red'],
  [/resolv|close|confirm/i, 'green'],
  [/acknowledg|assign|role/i, 'blue'],
];

function timelineColor(action: string): string {
  return TIMELINE_COLORS.find(([pattern]) => pattern.test(action))?.[1] ?? 'gray';
}

/** The task a deep link asks for (`?task=acknowledge` from a page by DingTalk or SMS). */
function openTaskFor(tasks: OpenTask[], wanted: string): OpenTask | undefined {
  const name = wanted.toLowerCase().replace(/[-_]/g, '');
  return tasks.find((task) => task.elementId.toLowerCase() === name || task.elementId.toLowerCase().startsWith(name));
}

/** One incident: SLA clocks, actions, roles, alerts, timeline, process diagram and open tasks. */
export default function IncidentPage() {
  const { number = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [dialog, setDialog] = useState<Action>();
  const [version, setVersion] = useState(0);
  const phone = useMediaQuery(PHONE);
  const now = useNow();
  const wantedTask = params.get('task');
  const me = session.me?.username;

  const reload = useCallback(
    (signal?: AbortSignal) =>
      fetchIncident(number, signal)
        .then((incident) => setLoad({ kind: 'loaded', incident, receivedAt: Date.now() }))
        .catch((error: unknown) => {
          if (!signal?.aborted) setLoad((previous) => (previous.kind === 'loaded' && !(error instanceof ApiError && error.status === 404) ? previous : { kind: 'failed', error }));
        }),
    [number],
  );

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    void reload(controller.signal);
    return () => controller.abort();
  }, [reload]);

  // A message handed over by the report form.
  const flash = (location.state as { flash?: string } | null)?.flash;
  useEffect(() => {
    if (flash) {
      void message.success(flash);
      navigate(location.pathname + location.search, { replace: true, state: null });
    }
  }, [flash, message, navigate, location.pathname, location.search]);

  const live = useIncidentEvents(
    useCallback(
      (events) => {
        if (events.some((event) => event.number === number)) {
          void reload();
          setVersion((n) => n + 1);
        }
      },
      [number, reload],
    ),
  );

  if (load.kind === 'loading') {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (load.kind === 'failed') {
    const notFound = load.error instanceof ApiError && load.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('incident.notFound', { number }) : problemText(load.error, t)}
        extra={
          <Link to="/incidents">
            <Button type="primary">{t('incident.back')}</Button>
          </Link>
        }
      />
    );
  }

  const { incident, receivedAt } = load;
  const allowed = new Set((incident.actions ?? []).filter((action) => (ACTIONS as readonly string[]).includes(action)));
  const done = () => {
    setDialog(undefined);
    setVersion((n) => n + 1);
    void reload();
  };

  const person = (user?: string | null) =>
    user ? (user === me ? `${user} (${t('tasks.me')})` : user) : <Typography.Text type="secondary">—</Typography.Text>;

  // ---- the deep link's callout: the asked-for action first
  let callout: React.ReactNode = null;
  if (wantedTask) {
    const asksAcknowledge = wantedTask.toLowerCase() === 'acknowledge';
    const task = openTaskFor(incident.openTasks ?? [], wantedTask);
    if (asksAcknowledge && allowed.has('acknowledge')) {
      callout = (
        <Alert
          type="warning"
          showIcon
          icon={<AlertOutlined />}
          className="suoke-incident-callout"
          data-testid="deep-link-callout"
          title={t('incident.deepLink.acknowledge', { number: incident.number })}
          description={
            <Button type="primary" size="large" block={phone} icon={<CheckOutlined />} onClick={() => setDialog('acknowledge')} data-testid="callout-acknowledge">
              {t('incident.action.acknowledge')}
            </Button>
          }
        />
      );
    } else if (!asksAcknowledge && task) {
      callout = (
        <Alert
          type="info"
          showIcon
          className="suoke-incident-callout"
          data-testid="deep-link-callout"
          title={t('incident.deepLink.task', { name: task.name || task.elementId })}
          description={
            <Link to={`/tasks/${task.key}`}>
              <Button type="primary" size="large" block={phone}>
                {t('tasks.open')}
              </Button>
            </Link>
          }
        />
      );
    } else {
      callout = (
        <Alert
          type="info"
          showIcon
          data-testid="deep-link-callout"
          title={
            asksAcknowledge && incident.acknowledgedAt
              ? t('incident.deepLink.alreadyAcknowledged', { who: incident.handler ?? '—', when: formatDateTime(incident.acknowledgedAt) })
              : t('incident.deepLink.nothing')
          }
        />
      );
    }
  }

  const actionBar = (
    <Space wrap data-testid="incident-actions">
      {BAR_ACTIONS.filter((action) => allowed.has(action)).map((action) => (
        <Button
          key={action}
          type={action === 'acknowledge' || action === 'resolve' ? 'primary' : 'default'}
          danger={action === 'cancel'}
          onClick={() => setDialog(action)}
          data-testid={`action-${action}-button`}
        >
          {t(`incident.action.${action}` as MessageKey)}
        </Button>
      ))}
    </Space>
  );

  const slaCard = (
    <Card
      size="small"
      title={t('incident.sla.title')}
      extra={
        <Space>
          {allowed.has('slaPause') && (
            <Button size="small" icon={<PauseCircleOutlined />} onClick={() => setDialog('slaPause')} data-testid="action-slaPause-button">
              {t('incident.action.slaPause')}
            </Button>
          )}
          {allowed.has('slaResume') && (
            <Button size="small" icon={<PlayCircleOutlined />} onClick={() => setDialog('slaResume')} data-testid="action-slaResume-button">
              {t('incident.action.slaResume')}
            </Button>
          )}
        </Space>
      }
    >
      {(incident.sla ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incident.sla.none')} />
      ) : (
        <Row gutter={[16, 12]}>
          {[...incident.sla]
            .sort((a, b) => (a.target === b.target ? 0 : a.target === 'response' ? -1 : 1))
            .map((sla: Sla) => (
              <Col xs={24} md={12} key={sla.target} data-testid={`sla-card-${sla.target}`}>
                <Typography.Text strong>{t(`incident.sla.target.${sla.target}` as MessageKey)}</Typography.Text>
                <div style={{ margin: '6px 0', fontSize: 16 }}>
                  <SlaClock sla={sla} receivedAt={receivedAt} />
                </div>
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    { key: 'goal', label: t('incident.sla.goal'), children: goalText(sla.goal, t) },
                    { key: 'start', label: t('incident.sla.start'), children: formatDateTime(sla.startTime) || '—' },
                    { key: 'due', label: t('incident.sla.due'), children: formatDateTime(sla.breachTime) || '—' },
                    ...(sla.stoppedAt ? [{ key: 'stopped', label: t('incident.sla.stopped'), children: formatDateTime(sla.stoppedAt) }] : []),
                    ...(sla.calendarId ? [{ key: 'calendar', label: t('incident.sla.calendar'), children: sla.calendarId }] : []),
                  ]}
                />
              </Col>
            ))}
        </Row>
      )}
    </Card>
  );

  const rolesCard = (
    <Card
      size="small"
      title={t('incident.roles.title')}
      extra={
        allowed.has('roles') && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setDialog('roles')} data-testid="action-roles-button">
            {t('incident.action.roles')}
          </Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={1}
        data-testid="incident-roles"
        items={[
          { key: 'commander', label: t('incident.field.commander'), children: person(incident.roles?.commander ?? incident.commander) },
          { key: 'communicationsLead', label: t('incident.field.communicationsLead'), children: person(incident.roles?.communicationsLead) },
          { key: 'scribe', label: t('incident.field.scribe'), children: person(incident.roles?.scribe) },
        ]}
      />
    </Card>
  );

  const outage = incident.outage;
  const outageCard = (
    <Card
      size="small"
      title={t('incident.outage.title')}
      data-testid="incident-outage"
      extra={
        allowed.has('outage') && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setDialog('outage')} data-testid="action-outage-button">
            {t('incident.action.outage')}
          </Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'outage',
            label: t('incident.outage.title'),
            children: outage
              ? `${t(`incident.outage.kind.${outage.kind}` as MessageKey)} · ${formatDateTime(outage.start)} – ${
                  outage.end ? formatDateTime(outage.end) : t('incident.outage.ongoing')
                }`
              : t('incident.outage.none'),
          },
          ...(incident.satisfaction
            ? [
                {
                  key: 'satisfaction',
                  label: t('incident.field.satisfaction'),
                  children: `${'★'.repeat(incident.satisfaction.rating)}${'☆'.repeat(5 - incident.satisfaction.rating)}${
                    incident.satisfaction.comment ? ` ${incident.satisfaction.comment}` : ''
                  }`,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );

  const tasksCard = (
    <Card size="small" title={t('incident.tasks.title')}>
      {(incident.openTasks ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incident.tasks.none')} />
      ) : (
        <Flex vertical gap={12} data-testid="incident-tasks">
          {(incident.openTasks ?? []).map((task) => (
            <Flex key={task.key} vertical gap={4}>
              <Flex justify="space-between" gap={8} wrap>
                <Link to={`/tasks/${task.key}`} data-testid={`open-task-${task.key}`} style={{ fontWeight: 600 }}>
                  {task.name || task.elementId}
                </Link>
                <DueBadge due={task.dueDate} now={now} />
              </Flex>
              <Flex gap={4} wrap align="center">
                {(task.candidateGroups ?? []).map((group) => (
                  <Tag key={group}>{group}</Tag>
                ))}
                <Typography.Text type="secondary">{task.assignee ? person(task.assignee) : t('tasks.unassigned')}</Typography.Text>
              </Flex>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );

  const factsCard = (
    <Card size="small" title={t('incident.facts.title')}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'service', label: t('incident.col.service'), children: incident.service },
          ...(incident.serviceClass
            ? [{ key: 'serviceClass', label: t('incident.facts.serviceClass'), children: t(`services.class.${incident.serviceClass}` as MessageKey) }]
            : []),
          {
            key: 'severity',
            label: t('incident.form.severity'),
            children: incident.severity ? t(`incident.severity.${incident.severity}` as MessageKey) : '—',
          },
          { key: 'source', label: t('incident.facts.source'), children: incident.source ? t(`incident.source.${incident.source}` as MessageKey) : '—' },
          { key: 'reporter', label: t('incident.facts.reporter'), children: person(incident.reporter) },
          { key: 'handler', label: t('incident.col.handler'), children: person(incident.handler) },
          { key: 'tier', label: t('incident.facts.tier'), children: incident.tier ?? '—' },
          {
            key: 'paged',
            label: t('incident.facts.pagedGroups'),
            children: (incident.pagedGroups ?? []).length ? (incident.pagedGroups ?? []).map((group) => <Tag key={group}>{group}</Tag>) : '—',
          },
          { key: 'created', label: t('incident.facts.createdAt'), children: formatDateTime(incident.createdAt) },
          ...(incident.acknowledgedAt ? [{ key: 'ack', label: t('incident.facts.acknowledgedAt'), children: formatDateTime(incident.acknowledgedAt) }] : []),
          ...(incident.resolvedAt ? [{ key: 'resolved', label: t('incident.facts.resolvedAt'), children: formatDateTime(incident.resolvedAt) }] : []),
          ...(incident.closedAt ? [{ key: 'closed', label: t('incident.facts.closedAt'), children: formatDateTime(incident.closedAt) }] : []),
          ...(incident.processInstanceKey
            ? [{ key: 'instance', label: t('task.facts.instance'), children: <Typography.Text copyable>{incident.processInstanceKey}</Typography.Text> }]
            : []),
        ]}
      />
    </Card>
  );

  const alertColumns: TableColumnsType<IncidentAlert> = [
    {
      key: 'status',
      title: t('incident.col.status'),
      render: (_, alert) => (
        <Tag color={alert.status === 'firing' ? 'red' : 'green'}>{t(alert.status === 'firing' ? 'incident.alert.firing' : 'incident.alert.resolved')}</Tag>
      ),
    },
    { key: 'summary', title: t('incident.alert.summary'), render: (_, alert) => alert.summary || <Typography.Text code>{alert.fingerprint}</Typography.Text> },
    {
      key: 'labels',
      title: t('incident.alert.labels'),
      render: (_, alert) => (
        <Flex gap={4} wrap>
          {Object.entries(alert.labels ?? {}).map(([label, value]) => (
            <Tag key={label} style={{ marginInlineEnd: 0 }}>
              {label}={value}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { key: 'startsAt', title: t('incident.alert.startsAt'), render: (_, alert) => formatDateTime(alert.startsAt) },
    {
      key: 'endsAt',
      title: t('incident.alert.endsAt'),
      render: (_, alert) => (alert.status === 'resolved' ? formatDateTime(alert.endsAt) : '—'),
      responsive: ['lg'],
    },
    { key: 'lastSeenAt', title: t('incident.alert.lastSeenAt'), render: (_, alert) => formatDateTime(alert.lastSeenAt), responsive: ['lg'] },
    { key: 'count', title: t('incident.alert.count'), dataIndex: 'count', align: 'right' },
    {
      key: 'source',
      title: t('incident.alert.source'),
      render: (_, alert) =>
        alert.generatorUrl && /^https?:\/\//i.test(alert.generatorUrl) ? (
          <a href={alert.generatorUrl} target="_blank" rel="noreferrer noopener">
            {t('incident.alert.open')}
          </a>
        ) : null,
    },
  ];

  const alertsCard = (
    <Card size="small" title={t('incident.alerts.title')}>
      <Table<IncidentAlert>
        rowKey="fingerprint"
        size="small"
        columns={alertColumns}
        dataSource={incident.alerts ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('incident.alerts.none') }}
        data-testid="incident-alerts"
      />
    </Card>
  );

  // newest first; of entries at the same time, the later one in the answer first
  const timeline = (incident.timeline ?? [])
    .map((entry, index) => ({ entry, index, at: new Date(entry.at).getTime() }))
    .sort((a, b) => b.at - a.at || b.index - a.index)
    .map(({ entry }) => entry);
  const timelineCard = (
    <Card size="small" title={t('incident.timeline.title')}>
      {timeline.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incident.timeline.none')} />
      ) : (
        <Timeline
          data-testid="incident-timeline"
          items={timeline.map((entry, index) => ({
            key: `${entry.at}-${index}`,
            color: timelineColor(entry.action),
            content: (
              <div data-testid="timeline-entry">
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(entry.at)} · {entry.actor || t('incident.timeline.system')}
                </Typography.Text>
                <div data-action={entry.action}>{entry.summary || entry.action}</div>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );

  const diagramCard = (
    <Card size="small" title={t('incident.diagram.title')}>
      <Suspense
        fallback={
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        }
      >
        <ProcessDiagram number={incident.number} version={version} />
      </Suspense>
    </Card>
  );

  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/incidents">{t('incident.list.title')}</Link> }, { title: incident.number }]} style={{ marginBottom: 8 }} />
      <Flex justify="space-between" align="start" wrap gap={8} style={{ marginBottom: 12 }}>
        <div style={{ minWidth: 0 }}>
          <Space wrap size={6} align="center">
            <Typography.Text code data-testid="incident-number">
              {incident.number}
            </Typography.Text>
            <PriorityTag priority={incident.priority} />
            <StatusTag status={incident.status} />
            <Tag>{incident.service}</Tag>
          </Space>
          <Typography.Title level={3} className="suoke-page-title" style={{ margin: '4px 0 0' }} data-testid="incident-title">
            {incident.title}
          </Typography.Title>
        </div>
        <Space>
          <Badge status={live ? 'processing' : 'default'} text={live ? t('tasks.live') : t('tasks.liveOff')} data-testid="live-indicator" />
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('app.retry')}
            onClick={() => {
              setVersion((n) => n + 1);
              void reload();
            }}
          />
        </Space>
      </Flex>
      <Flex vertical gap={16}>
        {callout}
        {actionBar}
        {incident.description && (
          <Typography.Paragraph className="suoke-incident-description" data-testid="incident-description">
            {incident.description}
          </Typography.Paragraph>
        )}
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={16}>
            <Flex vertical gap={16}>
              {slaCard}
              {alertsCard}
              {timelineCard}
              {diagramCard}
            </Flex>
          </Col>
          <Col xs={24} lg={8}>
            <Flex vertical gap={16}>
              {tasksCard}
              {rolesCard}
              {outageCard}
              {factsCard}
              <SimilarDocuments incidentNumber={incident.number} />
            </Flex>
          </Col>
        </Row>
      </Flex>
      <ActionDialog incident={incident} action={dialog} onClose={() => setDialog(undefined)} onDone={done} />
    </>
  );
}

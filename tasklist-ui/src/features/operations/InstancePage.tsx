import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Drawer, Flex, Form, Input, InputNumber, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { ApiError } from '../../app/api';
import { applyFieldErrors, problemText } from '../../app/problems';
import { useSession } from '../auth/session';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import { instanceMarks, type Flow } from './instanceMarks';
import type { Decoration } from './OpsDiagram';
import { stateTag } from './OperationsPage';
import { MigrationFields } from './MigrationFields';
import {
  cancelInstance,
  fetchDefinitions,
  fetchInstance,
  migrateInstance,
  fetchVariableHistory,
  fetchXml,
  modifyInstance,
  resolveIncident,
  retryIncident,
  setVariables,
  type DefinitionStats,
  type IncidentRow,
  type InstanceDetail,
  type VariableChange,
  type VariableRow,
} from './operationsApi';

const OpsDiagram = lazy(() => import('./OpsDiagram'));

type Action =
  | { kind: 'retry'; incident: IncidentRow }
  | { kind: 'resolve'; incident: IncidentRow }
  | { kind: 'variable'; variable?: VariableRow }
  | { kind: 'cancel' }
  | { kind: 'modify' }
  | { kind: 'migrate' };

/** The diagram's decoration of an instance: markers and per-element counts. */
export function decorationOf(detail: InstanceDetail, flows: Flow[]): Decoration {
  const marks = instanceMarks(detail.elements, detail.incidents, flows);
  const markers = [
    ...marks.completed.map((id) => ({ id, marker: 'suoke-ops-completed' })),
    ...marks.flows.map((id) => ({ id, marker: 'suoke-ops-completed' })),
    ...marks.active.map((id) => ({ id, marker: 'suoke-ops-active' })),
    ...marks.incident.map((id) => ({ id, marker: 'suoke-ops-incident' })),
  ];
  const badges: Decoration['badges'] = [];
  Object.entries(detail.counts).forEach(([id, c]) => {
    if (c.incidents > 0) badges.push({ id, text: String(c.incidents), className: 'suoke-ops-badge suoke-ops-badge-incident', position: { top: -9, right: 9 } });
    if (c.active > 0) badges.push({ id, text: String(c.active), className: 'suoke-ops-badge suoke-ops-badge-active', position: { bottom: 9, left: -9 } });
    if (c.completed > 0) badges.push({ id, text: String(c.completed), className: 'suoke-ops-badge suoke-ops-badge-completed', position: { bottom: 9, right: 9 } });
  });
  return { markers, badges };
}

/**
 * One instance for operators (auditors read): the diagram marked with running steps, the path
 * taken, incidents and per-element counts; incidents with their error message (retry, resolve);
 * variables by scope with their history (edit); element instances; cancel and modify (move a
 * token). Every repair asks for a reason, which goes into the audit trail.
 */
export default function InstancePage() {
  const { key = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const operator = useSession().hasRole('OPERATOR');
  const phone = useMediaQuery(PHONE);
  const [detail, setDetail] = useState<InstanceDetail | null>(null);
  const [xml, setXml] = useState<string | null>(null);
  const [error, setError] = useState<{ status?: number; text: string } | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [history, setHistory] = useState<VariableChange[] | null>(null);
  const [versions, setVersions] = useState<DefinitionStats[]>([]);
  const [form] = Form.useForm();

  const load = useCallback(() => {
    const controller = new AbortController();
    fetchInstance(key, controller.signal)
      .then((d) => {
        setDetail(d);
        return fetchXml(d.instance.processDefinitionKey, controller.signal).then(setXml);
      })
      .catch((e) => !controller.signal.aborted && setError({ status: e instanceof ApiError ? e.status : undefined, text: problemText(e, t) }));
    return () => controller.abort();
  }, [key, t]);
  useEffect(load, [load]);

  const decorate = useCallback((flows: Flow[]) => (detail ? decorationOf(detail, flows) : { markers: [], badges: [] }), [detail]);

  const scopes = useMemo(() => {
    const names = new Map<string, string>();
    names.set(key, t('ops.variables.instanceScope'));
    detail?.elements.forEach((e) => names.set(e.elementInstanceKey, `${e.elementName ?? e.elementId} (${e.elementInstanceKey})`));
    return names;
  }, [detail, key, t]);

  const open = (next: Action) => {
    form.resetFields();
    if (next.kind === 'variable' && next.variable) form.setFieldsValue({ name: next.variable.name, value: next.variable.value, scopeKey: next.variable.scopeKey });
    if (next.kind === 'retry') form.setFieldsValue({ retries: 1 });
    if (next.kind === 'migrate' && detail) {
      // each active element mapped to the element of the same id, the operator changes what moved
      const active = [...new Set(detail.elements.filter((e) => e.state === 'ACTIVE' && e.type !== 'PROCESS').map((e) => e.elementId))];
      form.setFieldsValue({ mappingInstructions: active.map((id) => ({ sourceElementId: id, targetElementId: id })) });
      fetchDefinitions()
        .then((all) => setVersions(all.filter((d) => d.processDefinitionId === detail.instance.processDefinitionId
          && d.processDefinitionKey !== detail.instance.processDefinitionKey)))
        .catch(() => setVersions([]));
    }
    setAction(next);
  };

  const submit = async (values: {
    reason: string; retries?: number; name?: string; value?: string; scopeKey?: string; activate?: string; terminate?: string[];
    targetProcessDefinitionKey?: string; mappingInstructions?: { sourceElementId: string; targetElementId: string }[];
  }) => {
    if (!action) return;
    try {
      switch (action.kind) {
        case 'retry':
          await retryIncident(action.incident.incidentKey, values.retries ?? 1, values.reason);
          break;
        case 'resolve':
          await resolveIncident(action.incident.incidentKey, values.reason);
          break;
        case 'variable': {
          let value: unknown;
          try {
            value = JSON.parse(values.value ?? '');
          } catch {
            form.setFields([{ name: 'value', errors: [t('ops.variables.badJson')] }]);
            return;
          }
          await setVariables(key, { [values.name as string]: value }, values.reason, values.scopeKey === key ? undefined : values.scopeKey);
          break;
        }
        case 'cancel':
          await cancelInstance(key, values.reason);
          break;
        case 'migrate':
          await migrateInstance(key, {
            targetProcessDefinitionKey: values.targetProcessDefinitionKey ?? '',
            mappingInstructions: values.mappingInstructions ?? [],
          }, values.reason);
          break;
        case 'modify':
          await modifyInstance(key, values.activate ? [{ elementId: values.activate }] : [], values.terminate ?? [], values.reason);
          break;
      }
      setAction(null);
      message.success(t('ops.done'));
      setTimeout(load, 600);
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(problemText(e, t));
    }
  };

  if (error) return <Alert type={error.status === 404 ? 'warning' : 'error'} showIcon title={error.status === 404 ? t('ops.instance.notFound', { key }) : error.text} />;
  if (!detail) return <Spin />;
  const instance = detail.instance;
  const active = instance.state === 'ACTIVE';
  const flowNodeIds = xml ? [...xml.matchAll(/<(?:bpmn:)?(?:\w*[Tt]ask|\w*[Ee]vent|\w*[Gg]ateway|subProcess|callActivity)\b[^>]*\sid="([^"]+)"/g)].map((m) => m[1]) : [];

  return (
    <Flex vertical gap={16}>
      <Card
        title={<span data-testid="instance-title">{t('ops.instance.title', { key })}</span>}
        extra={<Link to="/operations">{t('ops.instance.back')}</Link>}
        size="small"
      >
        <Descriptions size="small" column={phone ? 1 : 3}>
          <Descriptions.Item label={t('ops.col.process')}>{`${instance.processDefinitionId} v${instance.version}`}</Descriptions.Item>
          <Descriptions.Item label={t('ops.col.state')}>
            <span data-testid="instance-state" data-state={instance.state}>{stateTag(instance, t)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('ops.col.started')}>{formatDateTime(instance.startDate)}</Descriptions.Item>
          {instance.endDate && <Descriptions.Item label={t('ops.col.ended')}>{formatDateTime(instance.endDate)}</Descriptions.Item>}
        </Descriptions>
        {detail.truncated && <Alert type="info" showIcon title={t('ops.instance.truncated')} />}
        {operator && active && (
          <Space wrap style={{ marginTop: 8 }}>
            <Button onClick={() => open({ kind: 'modify' })} data-testid="modify">{t('ops.modify')}</Button>
            <Button onClick={() => open({ kind: 'migrate' })} data-testid="migrate">{t('ops.migrate')}</Button>
            <Button danger onClick={() => open({ kind: 'cancel' })} data-testid="cancel-instance">{t('ops.cancel')}</Button>
          </Space>
        )}
      </Card>
      <Card size="small">
        {xml ? (
          <Suspense fallback={<Spin />}>
            <OpsDiagram xml={xml} decorate={decorate} testId="instance-diagram" />
          </Suspense>
        ) : (
          <Spin />
        )}
        <Flex gap={4} wrap style={{ marginTop: 8 }}>
          <Tag color="orange">{t('ops.diagram.active')}</Tag>
          <Tag color="green">{t('ops.diagram.completed')}</Tag>
          <Tag color="red">{t('ops.diagram.incident')}</Tag>
        </Flex>
      </Card>
      <Card size="small" title={t('ops.incidents')}>
        <Table<IncidentRow>
          rowKey="incidentKey"
          size="small"
          dataSource={detail.incidents.filter((i) => i.state === 'ACTIVE')}
          locale={{ emptyText: t('ops.incidents.none') }}
          pagination={false}
          scroll={{ x: true }}
          columns={[
            { title: t('ops.incident.element'), dataIndex: 'elementId', key: 'element' },
            ...(phone ? [] : [{ title: t('ops.incident.type'), dataIndex: 'errorType', key: 'type' }]),
            { title: t('ops.incident.message'), key: 'message', render: (_, i) => <span data-testid={`incident-message-${i.elementId}`}>{i.errorMessage}</span> },
            { title: t('ops.incident.created'), key: 'created', render: (_, i) => formatDateTime(i.creationTime) },
            ...(operator
              ? [
                  {
                    title: '',
                    key: 'actions',
                    render: (_: unknown, i: IncidentRow) => (
                      <Space wrap>
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => open(i.jobKey ? { kind: 'retry', incident: i } : { kind: 'resolve', incident: i })}
                          data-testid={`retry-${i.elementId}`}
                        >
                          {t('ops.retry')}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('ops.variables')}
        extra={
          <Space>
            <Button size="small" onClick={() => fetchVariableHistory(key).then(setHistory).catch((e) => message.error(problemText(e, t)))}>
              {t('ops.variables.history')}
            </Button>
            {operator && active && <Button size="small" onClick={() => open({ kind: 'variable' })}>{t('ops.variables.add')}</Button>}
          </Space>
        }
      >
        <Table<VariableRow>
          rowKey="variableKey"
          size="small"
          dataSource={[...detail.variables].sort((a, b) => (a.scopeKey === key ? -1 : 0) - (b.scopeKey === key ? -1 : 0) || a.name.localeCompare(b.name))}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: t('ops.variables.scope'), key: 'scope', render: (_, v) => scopes.get(v.scopeKey) ?? v.scopeKey },
            { title: t('ops.variables.name'), dataIndex: 'name', key: 'name' },
            { title: t('ops.variables.value'), key: 'value', render: (_, v) => <Typography.Text code ellipsis style={{ maxWidth: phone ? 140 : 420 }} data-testid={`variable-${v.name}`}>{v.value}</Typography.Text> },
            ...(operator && active
              ? [{ title: '', key: 'edit', render: (_: unknown, v: VariableRow) => <Button size="small" onClick={() => open({ kind: 'variable', variable: v })} data-testid={`edit-variable-${v.name}`}>{t('ops.variables.edit')}</Button> }]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={t('ops.elements')}>
        <Table
          rowKey="elementInstanceKey"
          size="small"
          dataSource={detail.elements}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: t('ops.incident.element'), key: 'el', render: (_, e) => e.elementName ?? e.elementId },
            { title: t('ops.col.state'), dataIndex: 'state', key: 'state' },
            { title: t('ops.col.started'), key: 's', render: (_, e) => formatDateTime(e.startDate) },
            ...(phone ? [] : [{ title: t('ops.col.ended'), key: 'e', render: (_: unknown, e: { endDate: string | null }) => formatDateTime(e.endDate) }]),
          ]}
        />
      </Card>
      <Drawer open={history !== null} onClose={() => setHistory(null)} title={t('ops.variables.historyTitle')} size={phone ? '100%' : 560}>
        <Table<VariableChange>
          rowKey={(c, i) => `${c.at}-${c.name}-${i}`}
          size="small"
          dataSource={history ?? []}
          pagination={false}
          columns={[
            { title: t('ops.variables.name'), dataIndex: 'name', key: 'n' },
            { title: t('ops.variables.value'), key: 'v', render: (_, c) => <Typography.Text code>{c.value}</Typography.Text> },
            { title: t('ops.col.started'), key: 'at', render: (_, c) => `${formatDateTime(c.at)} · ${c.actor}` },
          ]}
        />
      </Drawer>
      <Modal
        open={action !== null}
        title={
          action?.kind === 'retry' || action?.kind === 'resolve' ? t('ops.retry') : action?.kind === 'variable' ? t('ops.variables.edit') : action?.kind === 'cancel' ? t('ops.cancel') : action?.kind === 'migrate' ? t('ops.migrate.title') : t('ops.modify.title')
        }
        onCancel={() => setAction(null)}
        onOk={() => form.submit()}
        okButtonProps={{ danger: action?.kind === 'cancel', id: 'confirm-action' }}
        destroyOnHidden
      >
        {action?.kind === 'cancel' && <Alert type="warning" showIcon title={t('ops.cancel.confirm', { key })} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          {action?.kind === 'retry' && (
            <Form.Item name="retries" label={t('ops.retry.retries')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} />
            </Form.Item>
          )}
          {action?.kind === 'variable' && (
            <>
              <Form.Item name="scopeKey" label={t('ops.variables.scope')} initialValue={key}>
                <Select options={[...scopes.entries()].map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="name" label={t('ops.variables.name')} rules={[{ required: true }]}>
                <Input disabled={!!action.variable} data-testid="variable-name" />
              </Form.Item>
              <Form.Item name="value" label={t('ops.variables.value')} rules={[{ required: true }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} data-testid="variable-value" />
              </Form.Item>
            </>
          )}
          {action?.kind === 'migrate' && <MigrationFields versions={versions} />}
          {action?.kind === 'modify' && (
            <>
              <Form.Item name="activate" label={t('ops.modify.activate')}>
                <Select allowClear showSearch options={flowNodeIds.map((id) => ({ value: id, label: id }))} />
              </Form.Item>
              <Form.Item name="terminate" label={t('ops.modify.terminate')}>
                <Select
                  mode="multiple"
                  options={detail.elements
                    .filter((e) => e.state === 'ACTIVE' && e.type !== 'PROCESS')
                    .map((e) => ({ value: e.elementInstanceKey, label: `${e.elementName ?? e.elementId} (${e.elementInstanceKey})` }))}
                />
              </Form.Item>
            </>
          )}
          <Form.Item name="reason" label={t('ops.reason')} rules={[{ required: true, whitespace: true, message: t('ops.reason.required') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

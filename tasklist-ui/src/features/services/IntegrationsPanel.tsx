import { useMemo, useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { useList } from '../admin/useList';
import {
  INTEGRATION_TYPES,
  createIntegration,
  deleteIntegration,
  fetchIntegrations,
  integrationEndpoint,
  type Integration,
  type IntegrationInput,
  type IntegrationType,
} from './servicesApi';

interface Values {
  type?: IntegrationType;
  name: string;
  service?: string;
  heartbeatInterval?: string;
}

const ISO_DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** What to configure in the alert source, for the token shown once. */
function Setup({ integration }: { integration: Integration }) {
  const { t } = useI18n();
  const endpoint = integrationEndpoint(integration.type, integration.token ?? '', window.location.origin);
  const example =
    integration.type === 'alertmanager'
      ? `receivers:\n  - name: suoke-ops\n    webhook_configs:\n      - url: ${endpoint.url}\n        send_resolved: true`
      : integration.type === 'events-v2'
        ? JSON.stringify(
            {
              routing_key: endpoint.routingKey,
              event_action: 'trigger',
              payload: { summary: '…', source: integration.service, severity: 'critical' },
            },
            null,
            2,
          )
        : undefined;
  return (
    <>
      <Alert type="warning" showIcon title={t('services.integration.once')} style={{ marginBottom: 12 }} />
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          {
            key: 'url',
            label: t('services.integration.url'),
            children: (
              <Typography.Text copyable data-testid="integration-url">
                {endpoint.url}
              </Typography.Text>
            ),
          },
          ...(endpoint.routingKey
            ? [
                {
                  key: 'routingKey',
                  label: 'routing_key',
                  children: (
                    <Typography.Text copyable code data-testid="integration-routing-key">
                      {endpoint.routingKey}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
          {
            key: 'token',
            label: t('services.integration.token'),
            children: (
              <Typography.Text copyable code data-testid="integration-token">
                {integration.token}
              </Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t(`services.integration.howto.${integration.type}` as MessageKey, { interval: integration.heartbeatInterval ?? '' })}
      </Typography.Paragraph>
      {example && (
        <Typography.Paragraph>
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{example}</pre>
        </Typography.Paragraph>
      )}
    </>
  );
}

/** The alert integrations: list (per service), create (the token is shown once), delete. */
export function IntegrationsPanel({
  services,
  service,
  onService,
}: {
  services: { value: string; label: string }[];
  service?: string;
  onService: (service?: string) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const integrations = useList(fetchIntegrations);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Integration>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);

  const shown = useMemo(
    () => (service ? integrations.items.filter((integration) => integration.service === service) : integrations.items),
    [integrations.items, service],
  );

  function open() {
    setFormError(undefined);
    form.resetFields();
    form.setFieldsValue({ type: undefined, name: '', service, heartbeatInterval: '' });
    setCreating(true);
  }

  async function save(values: Values) {
    setSaving(true);
    setFormError(undefined);
    const input: IntegrationInput = {
      type: values.type!,
      name: values.name.trim(),
      service: values.service ?? '',
      ...(values.type === 'heartbeat' ? { heartbeatInterval: values.heartbeatInterval?.trim() } : {}),
    };
    try {
      const integration = await createIntegration(input);
      setCreating(false);
      setCreated({ ...input, ...integration });
      integrations.reload();
    } catch (error) {
      applyFieldErrors(form, error);
      setFormError(problemText(error, t));
    } finally {
      setSaving(false);
    }
  }

  async function remove(integration: Integration) {
    try {
      await deleteIntegration(integration.id);
      void message.success(t('admin.deleted', { name: integration.name }));
      integrations.reload();
    } catch (error) {
      void message.error(problemText(error, t));
    }
  }

  const columns: TableColumnsType<Integration> = [
    { key: 'name', title: t('services.integration.name'), render: (_, integration) => <Typography.Text strong>{integration.name}</Typography.Text> },
    {
      key: 'type',
      title: t('services.integration.type'),
      render: (_, integration) => (
        <Tag color="geekblue">
          {(INTEGRATION_TYPES as readonly string[]).includes(integration.type)
            ? t(`services.integration.type.${integration.type}` as MessageKey)
            : integration.type}
        </Tag>
      ),
    },
    { key: 'service', title: t('incident.col.service'), dataIndex: 'service' },
    { key: 'interval', title: t('services.integration.heartbeatInterval'), dataIndex: 'heartbeatInterval', render: (value?: string) => value || '—' },
    { key: 'created', title: t('tasks.col.created'), render: (_, integration) => formatDateTime(integration.createdAt) || '—', responsive: ['md'] },
    { key: 'lastSeen', title: t('services.integration.lastSeenAt'), render: (_, integration) => formatDateTime(integration.lastSeenAt) || '—' },
    {
      key: 'actions',
      title: t('tasks.col.actions'),
      render: (_, integration) => (
        <Popconfirm
          title={t('services.integration.deleteConfirm', { name: integration.name })}
          okText={t('admin.delete')}
          cancelText={t('admin.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove(integration)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('admin.delete')} ${integration.name}`} data-testid={`delete-integration-${integration.id}`} />
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('services.filterService')}
          value={service}
          onChange={(value?: string) => onService(value)}
          options={services}
          style={{ minWidth: 200 }}
          data-testid="integrations-service-filter"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={open} data-testid="create-integration">
          {t('services.integration.create')}
        </Button>
      </Flex>
      {integrations.error && <Alert type="error" showIcon title={integrations.error} style={{ marginBottom: 16 }} />}
      <Table<Integration>
        rowKey="id"
        columns={columns}
        dataSource={shown}
        loading={integrations.loading}
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(integration) => ({ 'data-testid': `integration-row-${integration.id}` }) as React.HTMLAttributes<HTMLElement>}
        data-testid="integrations-table"
      />
      <Modal
        open={creating}
        title={t('services.integration.create')}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        forceRender
        data-testid="integration-dialog"
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="integration-form-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional">
          <Form.Item name="type" label={t('services.integration.type')} rules={[{ required: true, message: t('admin.required') }]}>
            <Select
              options={INTEGRATION_TYPES.map((value) => ({ value, label: t(`services.integration.type.${value}` as MessageKey) }))}
              data-testid="integration-type"
            />
          </Form.Item>
          <Form.Item name="name" label={t('services.integration.name')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
            <Input data-testid="integration-name" />
          </Form.Item>
          <Form.Item name="service" label={t('incident.col.service')} rules={[{ required: true, message: t('admin.required') }]}>
            <Select showSearch options={services} data-testid="integration-service" />
          </Form.Item>
          {type === 'heartbeat' && (
            <Form.Item
              name="heartbeatInterval"
              label={t('services.integration.heartbeatInterval')}
              extra={t('services.integration.heartbeatHelp')}
              rules={[
                { required: true, whitespace: true, message: t('admin.required') },
                { pattern: ISO_DURATION, message: t('services.integration.durationInvalid') },
              ]}
            >
              <Input placeholder="PT5M" data-testid="integration-interval" />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={created !== undefined}
        title={t('services.integration.created', { name: created?.name ?? '' })}
        onCancel={() => setCreated(undefined)}
        footer={
          <Button type="primary" onClick={() => setCreated(undefined)} data-testid="integration-done">
            {t('services.integration.done')}
          </Button>
        }
        width={640}
        destroyOnHidden
        data-testid="integration-token-dialog"
      >
        {created && <Setup integration={created} />}
      </Modal>
    </>
  );
}

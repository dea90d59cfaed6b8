import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ApiOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../app/api';
import { useI18n, type MessageKey } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { fetchGroups } from '../admin/adminApi';
import { useList } from '../admin/useList';
import { IntegrationsPanel } from './IntegrationsPanel';
import { LabelPairsField } from './LabelPairsField';
import { SilencesPanel } from './SilencesPanel';
import {
  SERVICE_CLASSES,
  createService,
  deleteService,
  fetchServices,
  updateService,
  type LabelRule,
  type Service,
} from './servicesApi';

type Tab = 'services' | 'integrations' | 'silences';
const TABS: Tab[] = ['services', 'integrations', 'silences'];

interface Values {
  name: string;
  displayName?: string;
  serviceClass?: string;
  ownerGroup?: string;
  tier1Group?: string;
  tier2Group?: string;
  tier3Group?: string;
  calendarId?: string;
  labelRules: LabelRule[];
}

const blank = (value?: string | null) => (value && value.trim() ? value.trim() : null);

/** The business calendars to choose from (their own administration page keeps them); "default" always. */
async function fetchCalendarIds(signal?: AbortSignal): Promise<string[]> {
  try {
    const body = await api<unknown>('/api/admin/calendars', { signal });
    const items = Array.isArray(body) ? body : ((body as { items?: unknown[] })?.items ?? []);
    const ids = items
      .map((item) => (typeof item === 'string' ? item : (item as { id?: string })?.id))
      .filter((id): id is string => typeof id === 'string' && id.length > 0);
    return [...new Set(['default', ...ids])];
  } catch {
    return ['default'];
  }
}

/** Administration of the service catalog, the alert integrations and the maintenance windows. */
export default function ServicesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'services';
  const serviceFilter = params.get('service') ?? undefined;
  const services = useList(fetchServices);
  const groups = useList(fetchGroups);
  const calendars = useList(fetchCalendarIds);
  const [editing, setEditing] = useState<Service | 'new'>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<Values>();
  const creating = editing === 'new';

  const go = useCallback(
    (next: Tab, service?: string) => {
      const search = new URLSearchParams();
      if (next !== 'services') search.set('tab', next);
      if (service) search.set('service', service);
      setParams(search);
    },
    [setParams],
  );

  const groupOptions = groups.items.map((group) => ({
    value: group.name,
    label: group.displayName && group.displayName !== group.name ? `${group.displayName} (${group.name})` : group.name,
  }));
  const serviceOptions = useMemo(
    () =>
      services.items.map((service) => ({
        value: service.name,
        label: service.displayName && service.displayName !== service.name ? `${service.displayName} (${service.name})` : service.name,
      })),
    [services.items],
  );

  function open(service: Service | 'new') {
    setFormError(undefined);
    setEditing(service);
    form.resetFields();
    form.setFieldsValue(
      service === 'new'
        ? { name: '', displayName: '', serviceClass: undefined, ownerGroup: undefined, tier1Group: undefined, tier2Group: undefined, tier3Group: undefined, calendarId: 'default', labelRules: [] }
        : {
            name: service.name,
            displayName: service.displayName ?? '',
            serviceClass: service.serviceClass,
            ownerGroup: service.ownerGroup ?? undefined,
            tier1Group: service.tier1Group ?? undefined,
            tier2Group: service.tier2Group ?? undefined,
            tier3Group: service.tier3Group ?? undefined,
            calendarId: service.calendarId ?? '',
            labelRules: service.labelRules ?? [],
          },
    );
  }

  async function save(values: Values) {
    setSaving(true);
    setFormError(undefined);
    const input: Service = {
      name: values.name.trim(),
      displayName: blank(values.displayName),
      serviceClass: values.serviceClass ?? '',
      ownerGroup: blank(values.ownerGroup),
      tier1Group: blank(values.tier1Group),
      tier2Group: blank(values.tier2Group),
      tier3Group: blank(values.tier3Group),
      calendarId: blank(values.calendarId),
      labelRules: (values.labelRules ?? []).map((rule) => ({ label: rule.label.trim(), value: rule.value.trim() })),
    };
    try {
      await (creating ? createService(input) : updateService(input));
      void message.success(t('admin.saved', { name: input.name }));
      setEditing(undefined);
      services.reload();
    } catch (error) {
      applyFieldErrors(form, error);
      setFormError(problemText(error, t));
    } finally {
      setSaving(false);
    }
  }

  async function remove(service: Service) {
    try {
      await deleteService(service.name);
      void message.success(t('admin.deleted', { name: service.name }));
      services.reload();
    } catch (error) {
      void message.error(problemText(error, t));
    }
  }

  const tier = (group?: string | null) => (group ? <Tag>{group}</Tag> : <Typography.Text type="secondary">—</Typography.Text>);

  const columns: TableColumnsType<Service> = [
    {
      key: 'name',
      title: t('services.name'),
      render: (_, service) => (
        <Flex vertical>
          <Typography.Text strong>{service.name}</Typography.Text>
          {service.displayName && service.displayName !== service.name && <Typography.Text type="secondary">{service.displayName}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'class',
      title: t('services.serviceClass'),
      render: (_, service) => (
        <Tag color={service.serviceClass === 'core' ? 'red' : service.serviceClass === 'agent' ? 'orange' : 'blue'}>
          {(SERVICE_CLASSES as readonly string[]).includes(service.serviceClass)
            ? t(`services.class.${service.serviceClass}` as MessageKey)
            : service.serviceClass}
        </Tag>
      ),
    },
    { key: 'owner', title: t('services.ownerGroup'), render: (_, service) => tier(service.ownerGroup) },
    {
      key: 'tiers',
      title: t('services.tiers'),
      render: (_, service) => (
        <Space size={2} wrap>
          {tier(service.tier1Group)}
          {tier(service.tier2Group)}
          {tier(service.tier3Group)}
        </Space>
      ),
    },
    { key: 'calendar', title: t('services.calendarId'), dataIndex: 'calendarId', responsive: ['md'] },
    {
      key: 'rules',
      title: t('services.labelRules'),
      responsive: ['lg'],
      render: (_, service) =>
        (service.labelRules ?? []).length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {(service.labelRules ?? []).map((rule, index) => (
              <Tag key={index} style={{ marginInlineEnd: 0 }}>
                {rule.label}={rule.value}
              </Tag>
            ))}
          </Flex>
        ),
    },
    {
      key: 'actions',
      title: t('tasks.col.actions'),
      render: (_, service) => (
        <Space>
          <Button
            size="small"
            icon={<ApiOutlined />}
            onClick={() => go('integrations', service.name)}
            aria-label={`${t('services.tab.integrations')} ${service.name}`}
            data-testid={`integrations-of-${service.name}`}
          />
          <Button size="small" icon={<EditOutlined />} onClick={() => open(service)} aria-label={`${t('admin.edit')} ${service.name}`} data-testid={`edit-service-${service.name}`} />
          <Popconfirm
            title={t('admin.deleteConfirm', { name: service.name })}
            okText={t('admin.delete')}
            cancelText={t('admin.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(service)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('admin.delete')} ${service.name}`} data-testid={`delete-service-${service.name}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  const servicesTab = (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="create-service">
          {t('services.create')}
        </Button>
      </Flex>
      {services.error && <Alert type="error" showIcon title={services.error} style={{ marginBottom: 16 }} />}
      <Table<Service>
        rowKey="name"
        columns={columns}
        dataSource={services.items}
        loading={services.loading}
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(service) => ({ 'data-testid': `service-row-${service.name}` }) as React.HTMLAttributes<HTMLElement>}
        data-testid="services-table"
      />
    </>
  );

  return (
    <>
      <Typography.Title level={3} className="suoke-page-title">
        {t('services.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => go(key as Tab, key === 'services' ? undefined : serviceFilter)}
        items={[
          { key: 'services', label: t('services.tab.services'), children: servicesTab },
          {
            key: 'integrations',
            label: t('services.tab.integrations'),
            children: <IntegrationsPanel services={serviceOptions} service={serviceFilter} onService={(service) => go('integrations', service)} />,
          },
          {
            key: 'silences',
            label: t('services.tab.silences'),
            children: <SilencesPanel services={serviceOptions} service={serviceFilter} onService={(service) => go('silences', service)} />,
          },
        ]}
        destroyOnHidden
      />
      <Modal
        open={editing !== undefined}
        title={creating ? t('services.create') : t('services.edit', { name: editing?.name ?? '' })}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        forceRender
        width={640}
        data-testid="service-dialog"
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="service-form-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional">
          <Flex gap={12} wrap>
            <Form.Item
              name="name"
              label={t('services.name')}
              rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
              extra={creating ? t('services.nameHelp') : undefined}
              style={{ flex: '1 1 200px' }}
            >
              <Input disabled={!creating} autoComplete="off" data-testid="service-name" />
            </Form.Item>
            <Form.Item name="displayName" label={t('services.displayName')} style={{ flex: '1 1 200px' }}>
              <Input data-testid="service-display-name" />
            </Form.Item>
          </Flex>
          <Form.Item name="serviceClass" label={t('services.serviceClass')} rules={[{ required: true, message: t('admin.required') }]}>
            <Select
              options={SERVICE_CLASSES.map((serviceClass) => ({
                value: serviceClass,
                label: `${t(`services.class.${serviceClass}` as MessageKey)} · ${t(`services.class.${serviceClass}.help` as MessageKey)}`,
              }))}
              data-testid="service-class"
            />
          </Form.Item>
          <Form.Item name="ownerGroup" label={t('services.ownerGroup')} extra={t('services.ownerGroupHelp')}>
            <Select allowClear showSearch options={groupOptions} data-testid="service-owner" />
          </Form.Item>
          <Flex gap={12} wrap>
            {(['tier1Group', 'tier2Group', 'tier3Group'] as const).map((name) => (
              <Form.Item key={name} name={name} label={t(`services.${name}` as MessageKey)} style={{ flex: '1 1 160px' }}>
                <Select allowClear showSearch options={groupOptions} data-testid={`service-${name}`} />
              </Form.Item>
            ))}
          </Flex>
          <Form.Item name="calendarId" label={t('services.calendarId')} extra={t('services.calendarHelp')}>
            <AutoComplete options={calendars.items.map((id) => ({ value: id }))}>
              <Input data-testid="service-calendar" />
            </AutoComplete>
          </Form.Item>
          <LabelPairsField name="labelRules" label={t('services.labelRules')} help={t('services.labelRulesHelp')} testId="service-rules" />
        </Form>
      </Modal>
    </>
  );
}

import { useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { useList } from '../admin/useList';
import { useNow } from '../tasks/due';
import { LabelPairsField } from './LabelPairsField';
import { createSilence, deleteSilence, fetchSilences, type LabelRule, type Silence, type SilenceInput } from './servicesApi';

interface Values {
  service?: string;
  window?: [Dayjs | null, Dayjs | null] | null;
  reason: string;
  matchers: LabelRule[];
}

/** Active, scheduled or over, at `now`. */
export function silenceState(silence: Pick<Silence, 'startsAt' | 'endsAt'>, now: number): 'active' | 'scheduled' | 'expired' {
  if (new Date(silence.endsAt).getTime() <= now) return 'expired';
  if (new Date(silence.startsAt).getTime() > now) return 'scheduled';
  return 'active';
}

const STATE_COLORS = { active: 'green', scheduled: 'blue', expired: 'default' } as const;

/** Maintenance windows (silences): while one is active, matching alerts of its service open no incident. */
export function SilencesPanel({
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
  const silences = useList(fetchSilences);
  const now = useNow();
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<Values>();

  const shown = useMemo(
    () => (service ? silences.items.filter((silence) => silence.service === service) : silences.items),
    [silences.items, service],
  );

  function open() {
    setFormError(undefined);
    form.resetFields();
    form.setFieldsValue({ service, window: null, reason: '', matchers: [] });
    setCreating(true);
  }

  async function save(values: Values) {
    setSaving(true);
    setFormError(undefined);
    const input: SilenceInput = {
      service: values.service ?? '',
      startsAt: values.window?.[0]?.toISOString() ?? '',
      endsAt: values.window?.[1]?.toISOString() ?? '',
      reason: values.reason.trim(),
      matchers: (values.matchers ?? []).map((matcher) => ({ label: matcher.label.trim(), value: matcher.value.trim() })),
    };
    try {
      await createSilence(input);
      void message.success(t('services.silence.saved'));
      setCreating(false);
      silences.reload();
    } catch (error) {
      // the window's two ends are one field here
      applyFieldErrors(form, error);
      const fields = error instanceof ApiError && error.status === 400 ? error.fieldErrors() : {};
      const windowErrors = [...(fields.startsAt ?? []), ...(fields.endsAt ?? [])];
      if (windowErrors.length) form.setFields([{ name: 'window', errors: windowErrors }]);
      setFormError(problemText(error, t));
    } finally {
      setSaving(false);
    }
  }

  async function remove(silence: Silence) {
    try {
      await deleteSilence(silence.id);
      void message.success(t('services.silence.deleted'));
      silences.reload();
    } catch (error) {
      void message.error(problemText(error, t));
    }
  }

  const columns: TableColumnsType<Silence> = [
    {
      key: 'state',
      title: t('incident.col.status'),
      render: (_, silence) => {
        const state = silenceState(silence, now);
        return <Tag color={STATE_COLORS[state]}>{t(`services.silence.state.${state}`)}</Tag>;
      },
    },
    { key: 'service', title: t('incident.col.service'), dataIndex: 'service' },
    { key: 'startsAt', title: t('services.silence.startsAt'), render: (_, silence) => formatDateTime(silence.startsAt) },
    { key: 'endsAt', title: t('services.silence.endsAt'), render: (_, silence) => formatDateTime(silence.endsAt) },
    { key: 'reason', title: t('services.silence.reason'), dataIndex: 'reason' },
    {
      key: 'matchers',
      title: t('services.silence.matchers'),
      render: (_, silence) =>
        (silence.matchers ?? []).length === 0 ? (
          <Typography.Text type="secondary">{t('services.silence.allAlerts')}</Typography.Text>
        ) : (
          <Flex gap={4} wrap>
            {silence.matchers.map((matcher, index) => (
              <Tag key={index} style={{ marginInlineEnd: 0 }}>
                {matcher.label}={matcher.value}
              </Tag>
            ))}
          </Flex>
        ),
    },
    { key: 'createdBy', title: t('services.silence.createdBy'), dataIndex: 'createdBy', responsive: ['md'] },
    {
      key: 'actions',
      title: t('tasks.col.actions'),
      render: (_, silence) => (
        <Popconfirm
          title={t('services.silence.deleteConfirm')}
          okText={t('admin.delete')}
          cancelText={t('admin.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove(silence)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('admin.delete')} ${silence.service} ${formatDateTime(silence.startsAt)}`}
            data-testid={`delete-silence-${silence.id}`} />
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
          data-testid="silences-service-filter"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={open} data-testid="create-silence">
          {t('services.silence.create')}
        </Button>
      </Flex>
      {silences.error && <Alert type="error" showIcon title={silences.error} style={{ marginBottom: 16 }} />}
      <Table<Silence>
        rowKey="id"
        columns={columns}
        dataSource={shown}
        loading={silences.loading}
        size="middle"
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(silence) => ({ 'data-testid': `silence-row-${silence.id}` }) as React.HTMLAttributes<HTMLElement>}
        data-testid="silences-table"
      />
      <Modal
        open={creating}
        title={t('services.silence.create')}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        forceRender
        width={600}
        data-testid="silence-dialog"
      >
        <Typography.Paragraph type="secondary">{t('services.silence.intro')}</Typography.Paragraph>
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="silence-form-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional">
          <Form.Item name="service" label={t('incident.col.service')} rules={[{ required: true, message: t('admin.required') }]}>
            <Select showSearch options={services} data-testid="silence-service" />
          </Form.Item>
          <Form.Item
            name="window"
            label={t('services.silence.window')}
            rules={[
              {
                validator: (_, value?: [Dayjs | null, Dayjs | null] | null) =>
                  value?.[0] && value?.[1] ? Promise.resolve() : Promise.reject(new Error(t('admin.required'))),
              },
            ]}
          >
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="silence-window" />
          </Form.Item>
          <Form.Item name="reason" label={t('services.silence.reason')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
            <Input.TextArea rows={2} data-testid="silence-reason" />
          </Form.Item>
          <LabelPairsField name="matchers" label={t('services.silence.matchers')} help={t('services.silence.matchersHelp')} testId="silence-matchers" />
        </Form>
      </Modal>
    </>
  );
}

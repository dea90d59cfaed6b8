import { useEffect, useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n, type MessageKey } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { fetchServices, fetchTemplates, requestChange, type Change, type Template } from './changeApi';

interface Values {
  type: 'normal' | 'standard' | 'emergency';
  templateKey?: string;
  title?: string;
  description?: string;
  service?: string;
  implementerGroup?: string;
  plannedStart?: Dayjs;
  plannedEnd?: Dayjs;
  incidentNumber?: string;
}

/** The change request form in a dialog: normal, standard (from a template) or emergency (for an incident). */
export function ChangeRequestForm({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (change: Change) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form) ?? 'normal';
  const [templates, setTemplates] = useState<Template[]>([]);
  const [services, setServices] = useState<{ name: string; displayName: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    fetchTemplates().then((list) => setTemplates(list.filter((x) => x.active))).catch(() => setTemplates([]));
    fetchServices().then(setServices).catch(() => setServices([]));
  }, [open]);

  const submit = async (values: Values) => {
    setSaving(true);
    setError(null);
    try {
      const created = await requestChange({
        type: values.type,
        templateKey: values.type === 'standard' ? values.templateKey : undefined,
        title: values.title || undefined,
        description: values.description || undefined,
        service: values.type === 'normal' ? values.service : undefined,
        implementerGroup: values.implementerGroup || undefined,
        plannedStart: values.plannedStart?.toISOString(),
        plannedEnd: values.plannedEnd?.toISOString(),
        incidentNumber: values.type === 'emergency' ? values.incidentNumber : undefined,
      });
      form.resetFields();
      onCreated(created);
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(problemText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const required = [{ required: true, message: t('change.form.required') }];
  return (
    <Modal
      open={open}
      title={t('change.form.title')}
      okText={t('change.form.submit')}
      cancelText={t('change.form.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ type: 'normal' }} onFinish={submit} data-testid="change-request-form">
        <Form.Item name="type" label={t('change.form.type')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'normal', label: t('change.type.normal') },
              { value: 'standard', label: t('change.type.standard') },
              { value: 'emergency', label: t('change.type.emergency') },
            ]}
          />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t(`change.form.type.${type}.help` as MessageKey)}</Typography.Paragraph>
        {type === 'standard' && (
          <Form.Item name="templateKey" label={t('change.form.template')} rules={required}>
            <Select
              showSearch
              optionFilterProp="label"
              options={templates.map((x) => ({ value: x.key, label: `${x.title} (${x.service}, v${x.version})` }))}
            />
          </Form.Item>
        )}
        {type === 'emergency' && (
          <Form.Item name="incidentNumber" label={t('change.form.incident')} rules={required}>
            <Input placeholder="INC-20261204-0001" />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('change.form.titleField')} rules={type === 'standard' ? [] : required}>
          <Input maxLength={200} />
        </Form.Item>
        {type === 'normal' && (
          <Form.Item name="service" label={t('change.form.service')} rules={required}>
            <Select showSearch optionFilterProp="label" options={services.map((s) => ({ value: s.name, label: `${s.displayName} (${s.name})` }))} />
          </Form.Item>
        )}
        {type !== 'standard' && (
          <Form.Item name="implementerGroup" label={t('change.form.implementerGroup')} extra={t('change.form.implementerGroup.help')}>
            <Input />
          </Form.Item>
        )}
        {type !== 'emergency' && (
          <Form.Item name="plannedStart" label={t('change.form.plannedStart')} rules={type === 'normal' ? required : []}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        )}
        {type === 'normal' && (
          <Form.Item name="plannedEnd" label={t('change.form.plannedEnd')} rules={required}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="description" label={t('change.form.description')}>
          <Input.TextArea rows={3} maxLength={10000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Radio, Rate, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../app/api';
import { useI18n, type MessageKey } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { PRIORITIES, performAction, type Action, type IncidentDetail } from './incidentApi';

type FieldKind = 'text' | 'textarea' | 'priority' | 'resolutionType' | 'checkbox' | 'rating' | 'datetime' | 'outageKind';

interface FieldSpec {
  name: string;
  kind: FieldKind;
  required?: boolean;
  /** Whether a help line (incident.field.<name>.help) goes under the field. */
  help?: boolean;
  pattern?: RegExp;
}

interface DialogSpec {
  fields: FieldSpec[];
  danger?: boolean;
  /** A sentence above the fields (what the action does). */
  intro?: boolean;
}

/** The body each action posts, field by field (an action without fields posts `{}`). */
export const DIALOGS: Record<Action, DialogSpec> = {
  acknowledge: { fields: [], intro: true },
  escalate: { fields: [{ name: 'reason', kind: 'textarea', required: true }], intro: true },
  priority: {
    fields: [
      { name: 'priority', kind: 'priority', required: true },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    intro: true,
  },
  notes: { fields: [{ name: 'text', kind: 'textarea', required: true }] },
  resolve: {
    fields: [
      { name: 'resolutionType', kind: 'resolutionType', required: true },
      { name: 'resolutionSummary', kind: 'textarea', required: true },
      { name: 'reviewRequested', kind: 'checkbox', help: true },
    ],
  },
  close: {
    fields: [
      { name: 'comment', kind: 'textarea' },
      { name: 'satisfaction', kind: 'rating', help: true },
      { name: 'satisfactionComment', kind: 'textarea' },
    ],
    intro: true,
  },
  reopen: { fields: [{ name: 'reason', kind: 'textarea', required: true }], intro: true },
  cancel: {
    fields: [
      { name: 'duplicateOf', kind: 'text', help: true, pattern: /^INC-\d{8}-\d{4,}$/ },
      { name: 'reason', kind: 'textarea', required: true },
    ],
    danger: true,
    intro: true,
  },
  roles: {
    fields: [
      { name: 'commander', kind: 'text' },
      { name: 'communicationsLead', kind: 'text' },
      { name: 'scribe', kind: 'text' },
    ],
    intro: true,
  },
  slaPause: { fields: [{ name: 'reason', kind: 'textarea', required: true }], intro: true },
  slaResume: { fields: [], intro: true },
  outage: {
    fields: [
      { name: 'start', kind: 'datetime', required: true },
      { name: 'end', kind: 'datetime', help: true },
      { name: 'kind', kind: 'outageKind', required: true },
    ],
    intro: true,
  },
};

type Values = Record<string, string | boolean | number | Dayjs | null | undefined>;

function initialValues(action: Action, incident: IncidentDetail): Values {
  const values: Values = {};
  for (const field of DIALOGS[action].fields) {
    values[field.name] = field.kind === 'checkbox' ? false : field.kind === 'rating' || field.kind === 'datetime' ? null : '';
  }
  if (action === 'outage') {
    values.start = incident.outage?.start ? dayjs(incident.outage.start) : null;
    values.end = incident.outage?.end ? dayjs(incident.outage.end) : null;
    values.kind = incident.outage?.kind ?? 'full';
  }
  if (action === 'priority') values.priority = incident.priority;
  if (action === 'roles') {
    values.commander = incident.roles?.commander ?? '';
    values.communicationsLead = incident.roles?.communicationsLead ?? '';
    values.scribe = incident.roles?.scribe ?? '';
  }
  return values;
}

/** The JSON body: strings trimmed, an empty optional text sent as null. */
export function actionBody(action: Action, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of DIALOGS[action].fields) {
    const value = values[field.name];
    if (field.kind === 'checkbox') body[field.name] = !!value;
    else if (field.kind === 'rating') body[field.name] = typeof value === 'number' && value > 0 ? value : null;
    else if (field.kind === 'datetime') body[field.name] = dayjs.isDayjs(value) ? value.toISOString() : null;
    else body[field.name] = typeof value === 'string' && value.trim() ? value.trim() : null;
  }
  return body;
}

/**
 * The dialog of one incident action: its fields (none for a plain confirmation), the server's
 * field errors on the fields and any other refusal above them. Calls `onDone` after success.
 */
export function ActionDialog({
  incident,
  action,
  onClose,
  onDone,
}: {
  incident: IncidentDetail;
  action?: Action;
  onClose: () => void;
  onDone: (action: Action) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!action) return;
    setError(undefined);
    form.resetFields();
    form.setFieldsValue(initialValues(action, incident));
    // only when a dialog opens: a reload of the incident meanwhile must not wipe what is typed
  }, [action, form]);

  if (!action) return null;
  const spec = DIALOGS[action];

  async function submit(values: Values) {
    if (!action) return;
    setSaving(true);
    setError(undefined);
    try {
      await performAction(incident.number, action, actionBody(action, values));
      void message.success(t(`incident.done.${action}` as MessageKey, { number: incident.number }));
      onDone(action);
    } catch (failure) {
      const onFields = applyFieldErrors(form, failure);
      setError(onFields ? t('task.invalidLocal') : problemText(failure, t));
      if (failure instanceof ApiError && failure.status === 409) onDone(action);
    } finally {
      setSaving(false);
    }
  }

  const label = (name: string) => t(`incident.field.${name}` as MessageKey);
  const required = (field: FieldSpec) =>
    field.required
      ? [
          field.kind === 'datetime'
            ? { required: true, type: 'object' as const, message: t('admin.required') } // a dayjs value
            : { required: true, whitespace: field.kind !== 'priority', message: t('admin.required') },
        ]
      : [];

  const input = (field: FieldSpec) => {
    switch (field.kind) {
      case 'textarea':
        return <Input.TextArea rows={3} maxLength={4000} data-testid={`action-${field.name}`} />;
      case 'priority':
        return (
          <Select
            options={PRIORITIES.map((priority) => ({
              value: priority,
              label: `${priority} · ${t(`incident.priority.${priority}` as MessageKey)}`,
            }))}
            data-testid="action-priority"
          />
        );
      case 'resolutionType':
        return (
          <Radio.Group data-testid="action-resolutionType">
            <Space orientation="vertical">
              <Radio value="workaround">{t('incident.resolution.workaround')}</Radio>
              <Radio value="permanent-fix">{t('incident.resolution.permanent-fix')}</Radio>
            </Space>
          </Radio.Group>
        );
      case 'checkbox':
        return <Checkbox data-testid={`action-${field.name}`}>{label(field.name)}</Checkbox>;
      case 'rating':
        return <Rate data-testid={`action-${field.name}`} />;
      case 'datetime':
        return <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid={`action-${field.name}`} />;
      case 'outageKind':
        return (
          <Radio.Group data-testid="action-kind">
            <Radio value="full">{t('incident.outage.kind.full')}</Radio>
            <Radio value="partial">{t('incident.outage.kind.partial')}</Radio>
          </Radio.Group>
        );
      default:
        return <Input data-testid={`action-${field.name}`} />;
    }
  };

  return (
    <Modal
      open
      title={t(`incident.action.${action}` as MessageKey)}
      okText={t(`incident.action.${action}` as MessageKey)}
      cancelText={t('incident.dialog.back')}
      okButtonProps={{ danger: spec.danger, 'data-testid': 'action-ok' }}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
      data-testid="action-dialog"
    >
      {spec.intro && (
        <Typography.Paragraph type="secondary">{t(`incident.intro.${action}` as MessageKey, { number: incident.number })}</Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="action-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        {spec.fields.map((field) => (
          <Form.Item
            key={field.name}
            name={field.name}
            label={field.kind === 'checkbox' ? undefined : label(field.name)}
            valuePropName={field.kind === 'checkbox' ? 'checked' : 'value'}
            extra={field.help ? t(`incident.field.${field.name}.help` as MessageKey) : undefined}
            rules={[
              ...required(field),
              ...(field.pattern ? [{ pattern: field.pattern, message: t('incident.field.pattern', { example: 'INC-20260101-0001' }) }] : []),
            ]}
          >
            {input(field)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Alert,
  App,
  AutoComplete,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Typography,
} from 'antd';
import { useI18n, type MessageKey } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { fetchCatalog } from '../services/servicesApi';
import { SEVERITIES, reportIncident, type NewIncident, type Severity } from './incidentApi';

interface Values {
  title: string;
  service: string;
  severity: Severity;
  affectedUsers: number;
  dataOrSafetyImpact: boolean;
  description?: string;
}

/** Reporting an incident by hand: what, where, how bad; then on to the new incident. */
export default function ReportIncidentPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [services, setServices] = useState<{ value: string; label: string }[]>([]);
  // The service catalog offers the names; a name typed by hand is checked by the server.
  useEffect(() => {
    const controller = new AbortController();
    fetchCatalog(controller.signal)
      .then((list) =>
        setServices(
          list.map((service) => ({
            value: service.name,
            label: service.displayName && service.displayName !== service.name ? `${service.displayName} (${service.name})` : service.name,
          })),
        ),
      )
      .catch(() => undefined);
    return () => controller.abort();
  }, []);

  async function submit(values: Values) {
    setSaving(true);
    setFormError(undefined);
    const input: NewIncident = {
      title: values.title.trim(),
      description: values.description?.trim() || null,
      service: values.service.trim(),
      severity: values.severity,
      affectedUsers: values.affectedUsers ?? 0,
      dataOrSafetyImpact: !!values.dataOrSafetyImpact,
    };
    try {
      const created = await reportIncident(input);
      navigate(`/incidents/${encodeURIComponent(created.number)}`, {
        state: { flash: t('incident.reported', { number: created.number }) },
      });
    } catch (error) {
      const onFields = applyFieldErrors(form, error);
      setFormError(onFields ? t('task.invalidLocal') : problemText(error, t));
      void message.error(problemText(error, t));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Breadcrumb
        items={[{ title: <Link to="/incidents">{t('incident.list.title')}</Link> }, { title: t('incident.report') }]}
        style={{ marginBottom: 8 }}
      />
      <Typography.Title level={3} className="suoke-page-title">
        {t('incident.report')}
      </Typography.Title>
      <Card size="small" style={{ maxWidth: 760 }}>
        <Alert type="info" showIcon title={t('incident.form.intro')} style={{ marginBottom: 16 }} />
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="report-error" />}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          initialValues={{ title: '', service: '', severity: undefined, affectedUsers: 0, dataOrSafetyImpact: false, description: '' }}
          onFinish={submit}
          data-testid="report-form"
        >
          <Form.Item
            name="title"
            label={t('incident.form.title')}
            rules={[
              { required: true, whitespace: true, message: t('admin.required') },
              { max: 200, message: t('incident.form.tooLong', { max: 200 }) },
            ]}
          >
            <Input maxLength={200} showCount placeholder={t('incident.form.titlePlaceholder')} data-testid="report-title" />
          </Form.Item>
          <Form.Item
            name="service"
            label={t('incident.form.service')}
            rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
            extra={t('incident.form.serviceHelp')}
          >
            <AutoComplete
              options={services}
              filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase())}
            >
              <Input data-testid="report-service" />
            </AutoComplete>
          </Form.Item>
          <Form.Item name="severity" label={t('incident.form.severity')} rules={[{ required: true, message: t('incident.form.severityRequired') }]}>
            <Radio.Group data-testid="report-severity">
              <Space orientation="vertical">
                {SEVERITIES.map((severity) => (
                  <Radio key={severity} value={severity} data-testid={`severity-${severity}`}>
                    <Typography.Text strong>{t(`incident.severity.${severity}` as MessageKey)}</Typography.Text>
                    <Typography.Text type="secondary"> — {t(`incident.severity.${severity}.help` as MessageKey)}</Typography.Text>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            name="affectedUsers"
            label={t('incident.form.affectedUsers')}
            extra={t('incident.form.affectedUsersHelp')}
            rules={[{ required: true, message: t('admin.required') }]}
          >
            <InputNumber min={0} precision={0} style={{ width: 200 }} data-testid="report-affected" />
          </Form.Item>
          <Form.Item name="dataOrSafetyImpact" valuePropName="checked" extra={t('incident.form.impactHelp')}>
            <Checkbox data-testid="report-impact">{t('incident.form.impact')}</Checkbox>
          </Form.Item>
          <Form.Item
            name="description"
            label={t('incident.form.description')}
            extra={t('incident.form.descriptionHelp')}
            rules={[{ max: 10000, message: t('incident.form.tooLong', { max: 10000 }) }]}
          >
            <Input.TextArea rows={5} data-testid="report-description" />
          </Form.Item>
          <Flex justify="end" gap={8}>
            <Button onClick={() => navigate('/incidents')}>{t('admin.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="report-submit">
              {t('incident.form.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}

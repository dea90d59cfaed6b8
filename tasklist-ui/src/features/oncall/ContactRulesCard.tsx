import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../app/i18n';
import { ApiError } from '../../app/api';
import { problemText } from '../../app/problems';
import { fetchContactRules, saveContactRules, type ContactRule } from './oncallApi';

const CHANNELS = ['sms', 'voice', 'dingtalk', 'email'];

/**
 * How a page reaches me: my channels in order, each after a delay (the first at once); later steps
 * are not sent once the incident is acknowledged. Without rules: SMS, then a call.
 */
export default function ContactRulesCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ rules: ContactRule[] }>();
  const [loaded, setLoaded] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    fetchContactRules(controller.signal)
      .then((rules) => {
        form.setFieldsValue({ rules });
        setLoaded(true);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setProblems([problemText(e, t)]);
      });
    return () => controller.abort();
  }, [form, t]);

  const save = async ({ rules }: { rules: ContactRule[] }) => {
    setSaving(true);
    setProblems([]);
    try {
      const saved = await saveContactRules(rules ?? []);
      form.setFieldsValue({ rules: saved });
      message.success(t('oncall.contact.saved'));
    } catch (e) {
      setProblems(e instanceof ApiError && e.status === 400
        ? Object.entries(e.fieldErrors()).map(([field, reasons]) => `${field}: ${reasons.join('; ')}`)
        : [problemText(e, t)]);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('oncall.contact.title')} data-testid="contact-rules">
      <Typography.Paragraph type="secondary">{t('oncall.contact.intro')}</Typography.Paragraph>
      {problems.length > 0 && (
        <Alert type="error" style={{ marginBottom: 8 }} data-testid="contact-problems"
          title={problems.map((p) => <div key={p}>{p}</div>)} />
      )}
      <Form form={form} onFinish={save} disabled={!loaded}>
        <Form.List name="rules">
          {(rules, { add, remove }) => (
            <Flex vertical gap={4}>
              {rules.length === 0 && <Typography.Text type="secondary">{t('oncall.contact.default')}</Typography.Text>}
              {rules.map((rule, index) => (
                <Flex key={rule.key} gap={8} wrap align="center" data-testid={`contact-rule-${index}`}>
                  <Typography.Text>{index + 1}.</Typography.Text>
                  <Form.Item name={[rule.name, 'channel']} style={{ marginBottom: 0, width: 140 }}>
                    <Select options={CHANNELS.map((c) => ({ value: c, label: t(`oncall.contact.channel.${c}` as MessageKey) }))} />
                  </Form.Item>
                  <Form.Item name={[rule.name, 'delayMinutes']} style={{ marginBottom: 0 }}>
                    <InputNumber min={0} max={120} addonAfter={t('oncall.contact.minutesLater')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('oncall.delete')} onClick={() => remove(rule.name)} />
                </Flex>
              ))}
              <Flex gap={8} wrap>
                <Button size="small" icon={<PlusOutlined />} onClick={() => add({ channel: 'sms', delayMinutes: rules.length === 0 ? 0 : 5 })}
                  data-testid="contact-add">
                  {t('oncall.contact.add')}
                </Button>
                <Button size="small" type="primary" htmlType="submit" loading={saving} data-testid="contact-save">
                  {t('oncall.save')}
                </Button>
              </Flex>
            </Flex>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

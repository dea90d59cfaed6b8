import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, Form, Input, InputNumber, Modal, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import {
  createSchedule,
  fetchNow,
  fetchSchedules,
  fetchServices,
  isoToZoned,
  type Schedule,
  type ServiceNow,
  type ServiceSummary,
} from './oncallApi';
import EscalationPolicies from './EscalationPolicies';
import { colorOf } from './Timeline';

/** Who is on call now for one service, tier by tier. */
function ServiceNowCard({ service }: { service: ServiceSummary }) {
  const { t } = useI18n();
  const [tiers, setTiers] = useState<(ServiceNow | string)[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    Promise.all(
      [1, 2, 3].map((tier) => fetchNow(service.name, tier, controller.signal).catch((error: unknown) => problemText(error, t))),
    ).then((answers) => {
      if (!controller.signal.aborted) setTiers(answers);
    });
    return () => controller.abort();
  }, [service.name, t]);
  return (
    <Card size="small" title={`${service.displayName} (${service.name})`} data-testid={`now-${service.name}`}>
      {tiers.map((answer, index) =>
        typeof answer === 'string' ? (
          <Alert key={index} type="error" title={answer} />
        ) : (
          <Flex key={answer.tier} gap={8} align="baseline" wrap style={{ marginBottom: 4 }} data-testid={`now-${service.name}-tier${answer.tier}`}>
            <Typography.Text strong>{t('oncall.tier', { tier: answer.tier })}</Typography.Text>
            <Typography.Text type="secondary">{answer.group}</Typography.Text>
            {answer.people.length === 0 && <Tag color="red">{t('oncall.nobody')}</Tag>}
            {answer.people.map((person) => (
              <Tag key={person.user} color={colorOf(person.user)}>
                {person.displayName || person.user}
                {person.shiftEnd && answer.schedules.length > 0 && (
                  <> · {t('oncall.until', { time: isoToZoned(person.shiftEnd, answer.schedules[0].timeZone) })}</>
                )}
              </Tag>
            ))}
            {answer.fallback && <Typography.Text type="secondary">{t('oncall.fallback')}</Typography.Text>}
            {answer.schedules.map((s) => (
              <Link key={s.scheduleId} to={`/oncall/schedules/${s.scheduleId}`}>
                {s.scheduleName}
              </Link>
            ))}
          </Flex>
        ),
      )}
    </Card>
  );
}

interface CreateForm {
  name: string;
  team: string;
  timeZone: string;
  swapApproval: boolean;
  reminderLeadMinutes: number;
}

/** On call: who is on call now per service, and the schedules (managers create them here). */
export default function OnCallPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'now' || params.get('tab') === 'policies' ? params.get('tab')! : 'schedules';
  const [schedules, setSchedules] = useState<Schedule[] | null>(null);
  const [services, setServices] = useState<ServiceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [saving, setSaving] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [form] = Form.useForm<CreateForm>();

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    Promise.all([fetchSchedules(controller.signal), fetchServices(controller.signal)])
      .then(([s, services]) => {
        setSchedules(s);
        setServices(services);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(problemText(e, t));
      });
    return () => controller.abort();
  }, [reloads, t]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const submit = async (values: CreateForm) => {
    setSaving(true);
    try {
      const created = await createSchedule({ ...values, layers: [] });
      message.success(t('oncall.created', { name: created.name }));
      setCreating(false);
      navigate(`/oncall/schedules/${created.id}`);
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(problemText(e, t));
    } finally {
      setSaving(false);
    }
  };

  const schedulesTab = (
    <Flex vertical gap={12}>
      <Flex gap={8}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-schedule">
          {t('oncall.newSchedule')}
        </Button>
        <Button icon={<ReloadOutlined />} onClick={reload}>
          {t('oncall.reload')}
        </Button>
        <Link to="/oncall/my">
          <Button>{t('oncall.myShifts')}</Button>
        </Link>
      </Flex>
      <Table<Schedule>
        rowKey="id"
        dataSource={schedules ?? []}
        loading={schedules === null && !error}
        pagination={false}
        locale={{ emptyText: <Empty description={t('oncall.noSchedules')} /> }}
        columns={[
          {
            key: 'name',
            title: t('oncall.col.name'),
            render: (_, s) => (
              <Link to={`/oncall/schedules/${s.id}`} data-testid={`schedule-link-${s.id}`}>
                {s.name}
              </Link>
            ),
          },
          { key: 'team', title: t('oncall.col.team'), dataIndex: 'team' },
          { key: 'zone', title: t('oncall.col.timeZone'), dataIndex: 'timeZone' },
          { key: 'layers', title: t('oncall.col.layers'), render: (_, s) => s.layers.length },
        ]}
      />
    </Flex>
  );

  const nowTab = (
    <Flex vertical gap={12}>
      {services && services.length === 0 && <Empty description={t('oncall.noServices')} />}
      {(services ?? []).map((service) => (
        <ServiceNowCard key={service.name} service={service} />
      ))}
    </Flex>
  );

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('oncall.title')}
      </Typography.Title>
      {error && <Alert type="error" title={error} action={<Button onClick={reload}>{t('app.retry')}</Button>} />}
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'schedules' ? {} : { tab: key })}
        items={[
          { key: 'schedules', label: t('oncall.tab.schedules'), children: schedulesTab },
          { key: 'now', label: t('oncall.tab.now'), children: nowTab },
          { key: 'policies', label: t('oncall.tab.policies'), children: <EscalationPolicies services={services ?? []} /> },
        ]}
      />
      <Modal
        open={creating}
        title={t('oncall.newSchedule')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('oncall.save')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form<CreateForm>
          form={form}
          layout="vertical"
          initialValues={{ timeZone: 'Asia/Shanghai', swapApproval: false, reminderLeadMinutes: 60 }}
          onFinish={submit}
          preserve={false}
          data-testid="schedule-form"
        >
          <Form.Item name="name" label={t('oncall.field.name')} rules={[{ required: true, message: t('oncall.required') }]}>
            <Input data-testid="schedule-name" />
          </Form.Item>
          <Form.Item name="team" label={t('oncall.field.team')} rules={[{ required: true, message: t('oncall.required') }]}>
            <Input data-testid="schedule-team" />
          </Form.Item>
          <Form.Item name="timeZone" label={t('oncall.field.timeZone')} rules={[{ required: true, message: t('oncall.required') }]}>
            <Input data-testid="schedule-zone" />
          </Form.Item>
          <Form.Item name="reminderLeadMinutes" label={t('oncall.field.reminder')}>
            <InputNumber min={0} max={10080} />
          </Form.Item>
          <Form.Item name="swapApproval" valuePropName="checked">
            <Checkbox>{t('oncall.field.swapApproval')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

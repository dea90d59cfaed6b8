import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../app/i18n';
import { ApiError } from '../../app/api';
import { applyFieldErrors, problemText } from '../../app/problems';
import {
  createPolicy,
  deletePolicy,
  fetchPolicies,
  isoMinutes,
  minutesIso,
  updatePolicy,
  type EscalationPolicy,
  type PolicyInput,
  type PolicyLevel,
  type ServiceSummary,
} from './oncallApi';

const PRIORITIES = ['P0', 'P1', 'P2', 'P3'];

interface TargetForm {
  type: string;
  id: string;
  tier?: number;
}

interface LevelForm {
  targets: TargetForm[];
  minutes: number;
  roundRobin: boolean;
  businessHoursOnlyFor: string[];
}

interface PolicyForm {
  id: string;
  name: string;
  description?: string;
  team: string;
  calendarId: string;
  repeat: number;
  repageMinutes?: number | null;
  services: string[];
  levels: LevelForm[];
}

function toForm(policy: EscalationPolicy): PolicyForm {
  const repage = isoMinutes(policy.repageAfter);
  return {
    id: policy.id,
    name: policy.name,
    description: policy.description ?? undefined,
    team: policy.team,
    calendarId: policy.calendarId,
    repeat: policy.repeat,
    repageMinutes: Number.isNaN(repage) ? null : repage,
    services: policy.services,
    levels: policy.levels.map((level) => ({
      targets: level.targets.map((target) => ({ type: target.type, id: target.id, tier: target.tier ?? undefined })),
      minutes: isoMinutes(level.acknowledgeWithin),
      roundRobin: level.roundRobin,
      businessHoursOnlyFor: level.businessHoursOnlyFor,
    })),
  };
}

function toInput(values: PolicyForm): PolicyInput {
  return {
    id: values.id,
    name: values.name,
    description: values.description || null,
    team: values.team,
    calendarId: values.calendarId || 'default',
    repeat: values.repeat ?? 0,
    repageAfter: values.repageMinutes ? minutesIso(values.repageMinutes) : null,
    services: values.services ?? [],
    levels: (values.levels ?? []).map((level) => ({
      targets: (level.targets ?? []).map((target) => ({
        type: target.type,
        id: target.id,
        tier: target.type === 'schedule' ? (target.tier ?? 1) : null,
      })),
      acknowledgeWithin: minutesIso(level.minutes ?? 5),
      roundRobin: !!level.roundRobin,
      businessHoursOnlyFor: level.businessHoursOnlyFor ?? [],
    })),
  };
}

const EMPTY_LEVEL: LevelForm = { targets: [{ type: 'schedule', id: '', tier: 1 }], minutes: 5, roundRobin: false, businessHoursOnlyFor: [] };

/** One level in a line: whom it pages, how long it waits, its conditions. */
function LevelLine({ level, index }: { level: PolicyLevel; index: number }) {
  const { t } = useI18n();
  const minutes = isoMinutes(level.acknowledgeWithin);
  return (
    <Flex gap={4} wrap align="baseline" data-testid={`policy-level-${index}`}>
      <Typography.Text strong>{t('oncall.policy.levelN', { n: index + 1 })}</Typography.Text>
      {level.targets.map((target) => (
        <Tag key={`${target.type}:${target.id}`}>
          {t(`oncall.policy.target.${target.type}` as MessageKey)} {target.id}
          {target.type === 'schedule' && target.tier ? ` · ${t('oncall.tier', { tier: target.tier })}` : ''}
        </Tag>
      ))}
      <Typography.Text type="secondary">
        {t('oncall.policy.waits', { minutes: Number.isNaN(minutes) ? level.acknowledgeWithin : minutes })}
        {level.roundRobin ? ` · ${t('oncall.policy.roundRobin')}` : ''}
        {level.businessHoursOnlyFor.length > 0
          ? ` · ${t('oncall.policy.businessHoursOnly', { priorities: level.businessHoursOnlyFor.join(', ') })}`
          : ''}
      </Typography.Text>
    </Flex>
  );
}

/**
 * The escalation policies tab: every policy with its levels, services and repeats; the team's
 * managers (and administrators) create, change and delete them; the server names every bad field.
 */
export default function EscalationPolicies({ services }: { services: ServiceSummary[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [policies, setPolicies] = useState<EscalationPolicy[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<EscalationPolicy | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [reloads, setReloads] = useState(0);
  const [form] = Form.useForm<PolicyForm>();

  useEffect(() => {
    const controller = new AbortController();
    fetchPolicies(controller.signal)
      .then((found) => {
        setPolicies(found);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(problemText(e, t));
      });
    return () => controller.abort();
  }, [reloads, t]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const open = (policy: EscalationPolicy | 'new') => {
    setProblems([]);
    setEditing(policy);
  };

  const submit = async (values: PolicyForm) => {
    setSaving(true);
    setProblems([]);
    try {
      const input = toInput(values);
      const saved = editing === 'new' ? await createPolicy(input) : await updatePolicy((editing as EscalationPolicy).id, input);
      message.success(t('oncall.policy.saved', { name: saved.name }));
      setEditing(null);
      reload();
    } catch (e) {
      applyFieldErrors(form, e);
      if (e instanceof ApiError && e.status === 400) {
        setProblems(Object.entries(e.fieldErrors()).map(([field, reasons]) => `${field}: ${reasons.join('; ')}`));
      } else {
        setProblems([problemText(e, t)]);
      }
    } finally {
      setSaving(false);
    }
  };

  const remove = async (policy: EscalationPolicy) => {
    try {
      await deletePolicy(policy.id);
      message.success(t('oncall.policy.deleted', { name: policy.name }));
      reload();
    } catch (e) {
      message.error(problemText(e, t));
    }
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('oncall.policy.intro')}
      </Typography.Paragraph>
      <Flex gap={8}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="new-policy">
          {t('oncall.policy.new')}
        </Button>
      </Flex>
      {error && <Alert type="error" title={error} />}
      <Table<EscalationPolicy>
        rowKey="id"
        dataSource={policies ?? []}
        loading={policies === null && !error}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: <Empty description={t('oncall.policy.none')} /> }}
        columns={[
          {
            key: 'name',
            title: t('oncall.col.name'),
            render: (_, p) => (
              <Flex vertical>
                <Typography.Text strong data-testid={`policy-${p.id}`}>{p.name}</Typography.Text>
                <Typography.Text type="secondary">{p.id}</Typography.Text>
              </Flex>
            ),
          },
          { key: 'team', title: t('oncall.col.team'), dataIndex: 'team' },
          {
            key: 'services',
            title: t('oncall.policy.services'),
            render: (_, p) => (p.services.length === 0 ? '—' : p.services.map((s) => <Tag key={s}>{s}</Tag>)),
          },
          {
            key: 'levels',
            title: t('oncall.policy.levels'),
            render: (_, p) => (
              <Flex vertical gap={2}>
                {p.levels.map((level, index) => (
                  <LevelLine key={index} level={level} index={index} />
                ))}
                <Typography.Text type="secondary">
                  {t('oncall.policy.repeatSummary', { repeat: p.repeat })}
                  {p.repageAfter ? ` · ${t('oncall.policy.repageSummary', { minutes: isoMinutes(p.repageAfter) })}` : ''}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'actions',
            title: '',
            render: (_, p) => (
              <Space>
                <Button size="small" icon={<EditOutlined />} onClick={() => open(p)} data-testid={`edit-policy-${p.id}`}>
                  {t('oncall.policy.edit')}
                </Button>
                <Popconfirm title={t('oncall.policy.confirmDelete')} onConfirm={() => remove(p)}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('oncall.delete')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('oncall.policy.new') : t('oncall.policy.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('oncall.save')}
        confirmLoading={saving}
        width={760}
        destroyOnHidden
      >
        <Form<PolicyForm>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={submit}
          initialValues={editing && editing !== 'new'
            ? toForm(editing)
            : { calendarId: 'default', repeat: 0, services: [], levels: [EMPTY_LEVEL] }}
          data-testid="policy-form"
        >
          {problems.length > 0 && (
            <Alert type="error" style={{ marginBottom: 12 }} data-testid="policy-problems"
              title={problems.map((problem) => <div key={problem}>{problem}</div>)} />
          )}
          <Flex gap={12} wrap>
            <Form.Item name="id" label={t('oncall.policy.id')} style={{ flex: '1 1 200px' }}
              rules={[{ required: true, message: t('oncall.required') }]}>
              <Input disabled={editing !== 'new'} data-testid="policy-id" />
            </Form.Item>
            <Form.Item name="name" label={t('oncall.field.name')} style={{ flex: '2 1 260px' }}
              rules={[{ required: true, message: t('oncall.required') }]}>
              <Input data-testid="policy-name" />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item name="team" label={t('oncall.field.team')} style={{ flex: '1 1 200px' }}
              rules={[{ required: true, message: t('oncall.required') }]}>
              <Input data-testid="policy-team" />
            </Form.Item>
            <Form.Item name="calendarId" label={t('oncall.policy.calendar')} style={{ flex: '1 1 140px' }}>
              <Input />
            </Form.Item>
            <Form.Item name="repeat" label={t('oncall.policy.repeat')} style={{ flex: '0 1 120px' }}>
              <InputNumber min={0} max={9} />
            </Form.Item>
            <Form.Item name="repageMinutes" label={t('oncall.policy.repage')} style={{ flex: '0 1 180px' }}>
              <InputNumber min={1} max={10080} />
            </Form.Item>
          </Flex>
          <Form.Item name="services" label={t('oncall.policy.services')}>
            <Select mode="multiple" data-testid="policy-services"
              options={services.map((s) => ({ value: s.name, label: `${s.displayName} (${s.name})` }))} />
          </Form.Item>
          <Form.List name="levels">
            {(levels, { add, remove }) => (
              <Flex vertical gap={8}>
                {levels.map((level, index) => (
                  <Card key={level.key} size="small" title={t('oncall.policy.levelN', { n: index + 1 })}
                    extra={levels.length > 1 && (
                      <Button size="small" type="text" icon={<MinusCircleOutlined />} onClick={() => remove(level.name)}
                        aria-label={t('oncall.delete')} />
                    )}>
                    <Form.List name={[level.name, 'targets']}>
                      {(targets, targetOps) => (
                        <Flex vertical gap={4}>
                          {targets.map((target) => (
                            <Flex key={target.key} gap={8} wrap align="start">
                              <Form.Item name={[target.name, 'type']} style={{ marginBottom: 4, width: 120 }}>
                                <Select data-testid={`policy-type-${index}-${target.name}`} options={['schedule', 'user', 'group'].map((type) => ({
                                  value: type, label: t(`oncall.policy.target.${type}` as MessageKey),
                                }))} />
                              </Form.Item>
                              <Form.Item name={[target.name, 'id']} style={{ marginBottom: 4, flex: '1 1 160px' }}
                                rules={[{ required: true, message: t('oncall.required') }]}>
                                <Input placeholder={t('oncall.policy.targetId')} data-testid={`policy-target-${index}-${target.name}`} />
                              </Form.Item>
                              <Form.Item noStyle shouldUpdate>
                                {() => form.getFieldValue(['levels', level.name, 'targets', target.name, 'type']) === 'schedule' && (
                                  <Form.Item name={[target.name, 'tier']} style={{ marginBottom: 4 }}>
                                    <InputNumber min={1} max={3} addonBefore={t('oncall.policy.tier')} />
                                  </Form.Item>
                                )}
                              </Form.Item>
                              {targets.length > 1 && (
                                <Button type="text" icon={<MinusCircleOutlined />} onClick={() => targetOps.remove(target.name)}
                                  aria-label={t('oncall.delete')} />
                              )}
                            </Flex>
                          ))}
                          <Button size="small" icon={<PlusOutlined />} style={{ alignSelf: 'flex-start' }}
                            onClick={() => targetOps.add({ type: 'user', id: '' })}>
                            {t('oncall.policy.addTarget')}
                          </Button>
                        </Flex>
                      )}
                    </Form.List>
                    <Flex gap={12} wrap align="center" style={{ marginTop: 8 }}>
                      <Form.Item name={[level.name, 'minutes']} label={t('oncall.policy.acknowledgeWithin')} style={{ marginBottom: 0 }}>
                        <InputNumber min={1} max={1440} data-testid={`policy-minutes-${index}`} />
                      </Form.Item>
                      <Form.Item name={[level.name, 'roundRobin']} valuePropName="checked" style={{ marginBottom: 0 }}>
                        <Checkbox>{t('oncall.policy.roundRobin')}</Checkbox>
                      </Form.Item>
                      <Form.Item name={[level.name, 'businessHoursOnlyFor']} label={t('oncall.policy.businessHoursOnlyFor')}
                        style={{ marginBottom: 0 }}>
                        <Checkbox.Group options={PRIORITIES} />
                      </Form.Item>
                    </Flex>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add(EMPTY_LEVEL)} data-testid="policy-add-level">
                  {t('oncall.policy.addLevel')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Flex>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { useSession } from '../auth/session';
import {
  addLayer,
  addOverride,
  deleteLayer,
  deleteOverride,
  fetchFinal,
  fetchSchedule,
  fetchScheduleSwaps,
  isoToZoned,
  requestSwap,
  startOfDay,
  swapAction,
  takeShift,
  zonedToIso,
  type FinalSchedule,
  type Schedule,
  type Swap,
} from './oncallApi';
import { Timeline } from './Timeline';

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

type Dialog = null | 'layer' | 'override' | 'take' | 'swap';

interface RangeForm {
  user?: string;
  counterpart?: string;
  start: string;
  end: string;
  returnStart?: string;
  returnEnd?: string;
  note?: string;
}

interface LayerForm {
  name: string;
  members: string[];
  turn: string;
  turnHours?: number;
  handoffTime: string;
  startDate: string;
  timeZone?: string;
  windowStart?: string;
  windowEnd?: string;
  windowDays?: string[];
  businessCalendar?: string;
  skipOnLeave?: boolean;
}

/** One schedule: its calendar (layers, overrides, final schedule with gaps), dialogs to change it, and its swaps. */
export default function SchedulePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const session = useSession();
  const me = session.me?.username;
  const [params, setParams] = useSearchParams();
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [final, setFinal] = useState<FinalSchedule | null>(null);
  const [swaps, setSwaps] = useState<Swap[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [saving, setSaving] = useState(false);
  const [rangeForm] = Form.useForm<RangeForm>();
  const [layerForm] = Form.useForm<LayerForm>();
  const days = Number(params.get('days')) === 14 ? 14 : 7;
  const offset = Number(params.get('offset')) || 0;

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    fetchSchedule(id, controller.signal)
      .then(async (s) => {
        const from = startOfDay(Date.now(), s.timeZone, offset);
        const to = startOfDay(Date.now(), s.timeZone, offset + days);
        const [f, sw] = await Promise.all([fetchFinal(id, from, to, controller.signal), fetchScheduleSwaps(id, controller.signal)]);
        setSchedule(s);
        setFinal(f);
        setSwaps(sw);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(problemText(e, t));
      });
    return () => controller.abort();
  }, [id, offset, days, reloads, t]);

  const zone = schedule?.timeZone ?? 'UTC';
  const members = useMemo(() => [...new Set(schedule?.layers.flatMap((l) => l.members) ?? [])], [schedule]);

  const open = (which: Dialog) => setDialog(which);

  const run = async (action: () => Promise<unknown>, done: MessageKey, form?: Parameters<typeof applyFieldErrors>[0]) => {
    setSaving(true);
    try {
      await action();
      message.success(t(done));
      setDialog(null);
      reload();
    } catch (e) {
      if (!form || !applyFieldErrors(form, e)) message.error(problemText(e, t));
    } finally {
      setSaving(false);
    }
  };

  /** The form's wall-clock texts as instants in the schedule's zone; marks the bad ones. */
  const instants = (values: RangeForm, names: (keyof RangeForm)[]) => {
    const result: Record<string, string> = {};
    const bad: { name: keyof RangeForm; errors: string[] }[] = [];
    for (const name of names) {
      const text = values[name];
      if (!text) continue;
      const iso = zonedToIso(text, zone);
      if (iso) result[name] = iso;
      else bad.push({ name, errors: [t('oncall.badTime')] });
    }
    if (bad.length > 0) {
      rangeForm.setFields(bad);
      return null;
    }
    return result;
  };

  const submitRange = (values: RangeForm) => {
    if (!schedule) return;
    const times = instants(values, ['start', 'end', 'returnStart', 'returnEnd']);
    if (!times) return;
    if (dialog === 'override') {
      void run(() => addOverride(schedule.id, { user: values.user!, start: times.start, end: times.end, note: values.note }), 'oncall.overrideSaved', rangeForm);
    } else if (dialog === 'take') {
      void run(() => takeShift(schedule.id, { start: times.start, end: times.end, note: values.note }), 'oncall.taken', rangeForm);
    } else if (dialog === 'swap') {
      void run(
        () =>
          requestSwap(schedule.id, {
            counterpart: values.counterpart!,
            start: times.start,
            end: times.end,
            returnStart: times.returnStart,
            returnEnd: times.returnEnd,
            note: values.note,
          }),
        'oncall.swapRequested',
        rangeForm,
      );
    }
  };

  const submitLayer = (values: LayerForm) => {
    if (!schedule) return;
    const restrictions =
      values.windowStart && values.windowEnd ? [{ days: values.windowDays ?? [], start: values.windowStart, end: values.windowEnd }] : [];
    void run(
      () =>
        addLayer(schedule.id, {
          name: values.name,
          members: values.members ?? [],
          turn: values.turn,
          turnHours: values.turn === 'custom' ? values.turnHours : undefined,
          handoffTime: values.handoffTime,
          startDate: values.startDate,
          timeZone: values.timeZone || undefined,
          restrictions,
          businessCalendar: values.businessCalendar || undefined,
          skipOnLeave: values.skipOnLeave,
        }),
      'oncall.layerSaved',
      layerForm,
    );
  };

  if (error) return <Alert type="error" title={error} action={<Button onClick={reload}>{t('app.retry')}</Button>} />;
  if (!schedule || !final) return <Spin />;

  const gaps = final.gaps.length;
  const when = (iso?: string | null) => (iso ? isoToZoned(iso, zone) : '');
  const swapActions = (swap: Swap) => {
    const buttons: { action: 'accept' | 'decline' | 'approve' | 'reject' | 'cancel'; label: MessageKey }[] = [];
    if (swap.status === 'requested' && swap.counterpart === me) buttons.push({ action: 'accept', label: 'oncall.swap.accept' }, { action: 'decline', label: 'oncall.swap.decline' });
    if (swap.status === 'accepted' && schedule.canEdit) buttons.push({ action: 'approve', label: 'oncall.swap.approve' }, { action: 'reject', label: 'oncall.swap.reject' });
    if ((swap.status === 'requested' || swap.status === 'accepted') && swap.requester === me) buttons.push({ action: 'cancel', label: 'oncall.swap.cancel' });
    return (
      <Space>
        {buttons.map((b) => (
          <Button key={b.action} size="small" data-testid={`swap-${b.action}-${swap.id}`} onClick={() => void run(() => swapAction(swap.id, b.action), 'oncall.swapUpdated')}>
            {t(b.label)}
          </Button>
        ))}
      </Space>
    );
  };

  const rangeFields = (
    <>
      <Form.Item name="start" label={t('oncall.field.start', { zone })} rules={[{ required: true, message: t('oncall.required') }]}>
        <Input placeholder="YYYY-MM-DD HH:mm" data-testid="range-start" />
      </Form.Item>
      <Form.Item name="end" label={t('oncall.field.end', { zone })} rules={[{ required: true, message: t('oncall.required') }]}>
        <Input placeholder="YYYY-MM-DD HH:mm" data-testid="range-end" />
      </Form.Item>
    </>
  );

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="schedule-title">
          {schedule.name}
        </Typography.Title>
        <Space wrap>
          <Link to="/oncall">{t('oncall.back')}</Link>
          {schedule.canEdit && (
            <Button icon={<PlusOutlined />} onClick={() => open('layer')} data-testid="add-layer">
              {t('oncall.addLayer')}
            </Button>
          )}
          {schedule.canEdit && (
            <Button type="primary" onClick={() => open('override')} data-testid="add-override">
              {t('oncall.addOverride')}
            </Button>
          )}
          <Button onClick={() => open('take')} data-testid="take-shift">
            {t('oncall.takeShift')}
          </Button>
          <Button onClick={() => open('swap')} data-testid="request-swap">
            {t('oncall.requestSwap')}
          </Button>
        </Space>
      </Flex>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
        <Descriptions.Item label={t('oncall.col.team')}>{schedule.team}</Descriptions.Item>
        <Descriptions.Item label={t('oncall.col.timeZone')}>{schedule.timeZone}</Descriptions.Item>
        <Descriptions.Item label={t('oncall.field.reminder')}>{schedule.reminderLeadMinutes}</Descriptions.Item>
        <Descriptions.Item label={t('oncall.field.swapApproval')}>{schedule.swapApproval ? t('oncall.yes') : t('oncall.no')}</Descriptions.Item>
      </Descriptions>
      <Card
        size="small"
        title={t('oncall.range', { from: when(final.from), to: when(final.to) })}
        extra={
          <Space>
            <Button size="small" icon={<LeftOutlined />} aria-label={t('oncall.earlier')} onClick={() => setParams({ offset: String(offset - days), days: String(days) })} />
            <Select size="small" value={days} onChange={(value) => setParams({ offset: String(offset), days: String(value) })} options={[7, 14].map((d) => ({ value: d, label: t('oncall.days', { days: d }) }))} />
            <Button size="small" icon={<RightOutlined />} aria-label={t('oncall.later')} onClick={() => setParams({ offset: String(offset + days), days: String(days) })} />
            <Button size="small" icon={<ReloadOutlined />} aria-label={t('oncall.reload')} onClick={reload} />
          </Space>
        }
      >
        {gaps > 0 ? (
          <Alert type="error" showIcon style={{ marginBottom: 8 }} data-testid="gap-alert" title={t('oncall.gaps', { count: gaps })} />
        ) : (
          <Alert type="success" showIcon style={{ marginBottom: 8 }} title={t('oncall.noGaps')} />
        )}
        {schedule.layers.length === 0 && <Empty description={t('oncall.noLayers')} />}
        <Timeline schedule={final} />
      </Card>
      <Card size="small" title={t('oncall.layers')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={[...schedule.layers].reverse()}
          columns={[
            { key: 'name', title: t('oncall.col.name'), dataIndex: 'name' },
            { key: 'members', title: t('oncall.field.members'), render: (_, l) => l.members.join(' → ') },
            { key: 'turn', title: t('oncall.field.turn'), render: (_, l) => `${t(`oncall.turn.${l.turn}` as MessageKey)} · ${l.handoffTime} · ${l.startDate}` },
            {
              key: 'limits',
              title: t('oncall.limits'),
              render: (_, l) => (
                <Space wrap size={4}>
                  {l.restrictions.map((r, i) => (
                    <Tag key={i}>{`${r.days.length ? r.days.map((d) => d.slice(0, 3)).join(',') : t('oncall.everyDay')} ${r.start}-${r.end}`}</Tag>
                  ))}
                  {l.businessCalendar && <Tag color="blue">{t('oncall.businessHoursOf', { calendar: l.businessCalendar })}</Tag>}
                  {l.skipOnLeave && <Tag>{t('oncall.skipsLeave')}</Tag>}
                </Space>
              ),
            },
            {
              key: 'actions',
              title: '',
              render: (_, l) =>
                schedule.canEdit ? (
                  <Popconfirm title={t('oncall.deleteLayer')} onConfirm={() => void run(() => deleteLayer(schedule.id, l.id), 'oncall.layerDeleted')}>
                    <Button size="small" danger>
                      {t('oncall.delete')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('oncall.overrides')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={final.overrides}
          locale={{ emptyText: t('oncall.noOverrides') }}
          data-testid="override-table"
          columns={[
            { key: 'user', title: t('oncall.field.user'), dataIndex: 'user' },
            { key: 'range', title: t('oncall.col.range'), render: (_, o) => `${when(o.start)} – ${when(o.end)}` },
            { key: 'kind', title: t('oncall.col.kind'), render: (_, o) => <Tag>{t(`oncall.kind.${o.kind}` as MessageKey)}</Tag> },
            { key: 'replaces', title: t('oncall.col.replaces'), render: (_, o) => o.replaces ?? '—' },
            {
              key: 'actions',
              title: '',
              render: (_, o) =>
                schedule.canEdit || (o.kind === 'take' && o.user === me) ? (
                  <Popconfirm title={t('oncall.deleteOverride')} onConfirm={() => void run(() => deleteOverride(schedule.id, o.id), 'oncall.overrideDeleted')}>
                    <Button size="small" danger>
                      {t('oncall.delete')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('oncall.swaps')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={swaps}
          locale={{ emptyText: t('oncall.noSwaps') }}
          columns={[
            { key: 'who', title: t('oncall.col.swap'), render: (_, s) => `${s.requester} → ${s.counterpart}` },
            { key: 'range', title: t('oncall.col.range'), render: (_, s) => `${when(s.start)} – ${when(s.end)}${s.returnStart ? ` ⇄ ${when(s.returnStart)} – ${when(s.returnEnd)}` : ''}` },
            { key: 'status', title: t('oncall.col.status'), render: (_, s) => <Tag data-testid={`swap-status-${s.id}`}>{t(`oncall.swapStatus.${s.status}` as MessageKey)}</Tag> },
            { key: 'actions', title: '', render: (_, s) => swapActions(s) },
          ]}
        />
      </Card>

      <Modal
        open={dialog === 'override' || dialog === 'take' || dialog === 'swap'}
        title={dialog === 'override' ? t('oncall.addOverride') : dialog === 'take' ? t('oncall.takeShift') : t('oncall.requestSwap')}
        onCancel={() => setDialog(null)}
        onOk={() => rangeForm.submit()}
        okText={t('oncall.save')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form<RangeForm> form={rangeForm} layout="vertical" onFinish={submitRange} preserve={false} data-testid="range-form">
          {dialog === 'override' && (
            <Form.Item name="user" label={t('oncall.field.user')} rules={[{ required: true, message: t('oncall.required') }]}>
              <Input data-testid="range-user" />
            </Form.Item>
          )}
          {dialog === 'swap' && (
            <Form.Item name="counterpart" label={t('oncall.field.counterpart')} rules={[{ required: true, message: t('oncall.required') }]}>
              <Select data-testid="range-counterpart" options={members.filter((m) => m !== me).map((m) => ({ value: m, label: m }))} />
            </Form.Item>
          )}
          {rangeFields}
          {dialog === 'swap' && (
            <>
              <Typography.Paragraph type="secondary">{t('oncall.swapReturnHint')}</Typography.Paragraph>
              <Form.Item name="returnStart" label={t('oncall.field.returnStart', { zone })}>
                <Input placeholder="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Form.Item name="returnEnd" label={t('oncall.field.returnEnd', { zone })}>
                <Input placeholder="YYYY-MM-DD HH:mm" />
              </Form.Item>
            </>
          )}
          <Form.Item name="note" label={t('oncall.field.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={dialog === 'layer'} title={t('oncall.addLayer')} onCancel={() => setDialog(null)} onOk={() => layerForm.submit()} okText={t('oncall.save')} confirmLoading={saving} destroyOnHidden>
        <Form<LayerForm>
          form={layerForm}
          layout="vertical"
          onFinish={submitLayer}
          preserve={false}
          initialValues={{ turn: 'weekly', handoffTime: '09:00', startDate: isoToZoned(Date.now(), zone).slice(0, 10), members: [] }}
          data-testid="layer-form"
        >
          <Form.Item name="name" label={t('oncall.field.name')} rules={[{ required: true, message: t('oncall.required') }]}>
            <Input data-testid="layer-name" />
          </Form.Item>
          <Form.Item name="members" label={t('oncall.field.members')} extra={t('oncall.membersHint')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} data-testid="layer-members" open={false} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="turn" label={t('oncall.field.turn')}>
              <Select style={{ width: 140 }} options={['daily', 'weekly', 'custom'].map((v) => ({ value: v, label: t(`oncall.turn.${v}` as MessageKey) }))} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.turn !== b.turn}>
              {({ getFieldValue }) =>
                getFieldValue('turn') === 'custom' ? (
                  <Form.Item name="turnHours" label={t('oncall.field.turnHours')}>
                    <InputNumber min={1} max={8784} />
                  </Form.Item>
                ) : null
              }
            </Form.Item>
            <Form.Item name="handoffTime" label={t('oncall.field.handoff')}>
              <Input style={{ width: 100 }} placeholder="HH:mm" data-testid="layer-handoff" />
            </Form.Item>
            <Form.Item name="startDate" label={t('oncall.field.startDate')}>
              <Input style={{ width: 140 }} placeholder="YYYY-MM-DD" data-testid="layer-start" />
            </Form.Item>
            <Form.Item name="timeZone" label={t('oncall.field.layerZone')}>
              <Input style={{ width: 180 }} placeholder={zone} />
            </Form.Item>
          </Space>
          <Typography.Text type="secondary">{t('oncall.restrictionHint')}</Typography.Text>
          <Space wrap>
            <Form.Item name="windowStart" label={t('oncall.field.windowStart')}>
              <Input style={{ width: 100 }} placeholder="HH:mm" />
            </Form.Item>
            <Form.Item name="windowEnd" label={t('oncall.field.windowEnd')}>
              <Input style={{ width: 100 }} placeholder="HH:mm" />
            </Form.Item>
            <Form.Item name="windowDays" label={t('oncall.field.windowDays')}>
              <Select mode="multiple" style={{ minWidth: 200 }} options={DAYS.map((d) => ({ value: d, label: t(`oncall.day.${d}` as MessageKey) }))} />
            </Form.Item>
          </Space>
          <Form.Item name="businessCalendar" label={t('oncall.field.businessCalendar')} extra={t('oncall.businessCalendarHint')}>
            <Input placeholder="default" />
          </Form.Item>
          <Form.Item name="skipOnLeave" valuePropName="checked">
            <Checkbox>{t('oncall.field.skipOnLeave')}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

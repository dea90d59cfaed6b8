import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, DatePicker, Empty, Flex, Form, Input, List, Modal, Popconfirm, Radio, Segmented, Select, Space, Tag, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { useSession } from '../auth/session';
import { createWindow, deleteWindow, fetchCalendar, fetchServices, type CalendarView } from './changeApi';
import { onDay, step, visibleDays, type CalendarMode } from './calendarGrid';
import './change.css';

interface WindowValues {
  kind: string;
  service?: string;
  title: string;
  start: Dayjs;
  end: Dayjs;
}

/** The change calendar: maintenance and blackout windows, booked changes and their conflicts, by month or week. */
export default function ChangeCalendarPage() {
  const { t, formatDateTime } = useI18n();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const mode: CalendarMode = params.get('view') === 'week' ? 'week' : 'month';
  const anchor = useMemo(() => (params.get('date') ? dayjs(params.get('date')) : dayjs()), [params]);
  const service = params.get('service') ?? '';
  const [view, setView] = useState<CalendarView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [services, setServices] = useState<{ name: string; displayName: string }[]>([]);
  const [adding, setAdding] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<WindowValues>();
  const isManager = session.me?.groups.includes('change-managers') ?? false;
  const days = useMemo(() => visibleDays(anchor, mode), [anchor, mode]);

  const load = useCallback(() => {
    const from = days[0].toISOString();
    const to = days[days.length - 1].add(1, 'day').toISOString();
    fetchCalendar(from, to, service || undefined)
      .then((v) => (setView(v), setError(null)))
      .catch((e) => setError(problemText(e, t)));
  }, [days, service, t]);

  useEffect(() => load(), [load]);
  useEffect(() => {
    fetchServices().then(setServices).catch(() => setServices([]));
  }, []);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  const conflicted = new Set((view?.conflicts ?? []).flatMap((c) => [c.change, c.otherChange]));
  const weekdays = t('change.calendar.weekday').split(',');

  const save = async (values: WindowValues) => {
    setSaving(true);
    try {
      await createWindow({ kind: values.kind, service: values.service || undefined, title: values.title, start: values.start.toISOString(), end: values.end.toISOString() });
      setAdding(false);
      form.resetFields();
      load();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(problemText(e, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('change.calendar.title')}
        </Typography.Title>
        <Space wrap>
          <Link to="/changes">{t('change.back')}</Link>
          {isManager && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('change.calendar.add')}
            </Button>
          )}
        </Space>
      </Flex>
      <Flex wrap gap={8} align="center">
        <Segmented
          value={mode}
          onChange={(v) => set({ view: v === 'week' ? 'week' : '' })}
          options={[
            { value: 'month', label: t('change.calendar.month') },
            { value: 'week', label: t('change.calendar.week') },
          ]}
        />
        <Button aria-label={t('change.calendar.prev')} icon={<LeftOutlined />} onClick={() => set({ date: step(anchor, mode, -1).format('YYYY-MM-DD') })} />
        <Button onClick={() => set({ date: '' })}>{t('change.calendar.today')}</Button>
        <Button aria-label={t('change.calendar.next')} icon={<RightOutlined />} onClick={() => set({ date: step(anchor, mode, 1).format('YYYY-MM-DD') })} />
        <Typography.Text strong data-testid="calendar-period">
          {mode === 'month' ? anchor.format('YYYY-MM') : `${days[0].format('YYYY-MM-DD')} – ${days[6].format('MM-DD')}`}
        </Typography.Text>
        <Select
          aria-label={t('change.calendar.service')}
          style={{ minWidth: 180 }}
          value={service}
          onChange={(v) => set({ service: v })}
          options={[{ value: '', label: t('change.calendar.allServices') }, ...services.map((s) => ({ value: s.name, label: s.displayName }))]}
        />
        <Space size={4} wrap>
          <Tag color="red">{t('change.calendar.blackout')}</Tag>
          <Tag color="green">{t('change.calendar.maintenance')}</Tag>
          <Tag color="blue">{t('change.calendar.change')}</Tag>
          <Tag color="orange">{t('change.calendar.conflicts')}</Tag>
        </Space>
      </Flex>
      {error && <Alert type="error" showIcon message={error} />}
      <div className={`change-calendar change-calendar-${mode}`} data-testid="change-calendar">
        {weekdays.map((w) => (
          <div key={w} className="change-calendar-head">
            {w}
          </div>
        ))}
        {days.map((day) => {
          const windows = (view?.windows ?? []).filter((w) => onDay(day, w.start, w.end));
          const changes = (view?.changes ?? []).filter((c) => onDay(day, c.start, c.end));
          const outside = mode === 'month' && day.month() !== anchor.month();
          return (
            <div key={day.format('YYYY-MM-DD')} className={`change-calendar-day${outside ? ' outside' : ''}${day.isSame(dayjs(), 'day') ? ' today' : ''}`} data-testid={`day-${day.format('YYYY-MM-DD')}`}>
              <div className="change-calendar-date">{day.format(mode === 'month' ? 'D' : 'MM-DD')}</div>
              {windows.map((w) => (
                <Tag key={`w${w.id}`} color={w.kind === 'blackout' ? 'red' : 'green'} className="change-calendar-item" title={`${w.title} ${formatDateTime(w.start)} – ${formatDateTime(w.end)}`}>
                  {w.title}
                </Tag>
              ))}
              {changes.map((c) => (
                <Link key={c.number} to={`/changes/${c.number}`}>
                  <Tag color={conflicted.has(c.number) ? 'orange' : 'blue'} className="change-calendar-item" title={`${c.number} ${c.title} (${c.service})`}>
                    {mode === 'week' ? `${dayjs(c.start).format('HH:mm')} ${c.number}` : c.number}
                  </Tag>
                </Link>
              ))}
            </div>
          );
        })}
      </div>
      <Flex wrap gap={16}>
        <Card size="small" title={t('change.calendar.conflicts')} style={{ flex: '1 1 320px' }} data-testid="calendar-conflicts">
          {(view?.conflicts ?? []).length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('change.calendar.noConflicts')} />
          ) : (
            <List
              size="small"
              dataSource={view?.conflicts ?? []}
              renderItem={(c) => (
                <List.Item>
                  <Space wrap>
                    <Link to={`/changes/${c.change}`}>{c.change}</Link>↔<Link to={`/changes/${c.otherChange}`}>{c.otherChange}</Link>
                    <Tag color="orange">{c.reason}</Tag>
                    <span>
                      {formatDateTime(c.start)} – {formatDateTime(c.end)}
                    </span>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
        <Card size="small" title={t('change.calendar.windows')} style={{ flex: '1 1 320px' }}>
          {(view?.windows ?? []).length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('change.calendar.noWindows')} />
          ) : (
            <List
              size="small"
              dataSource={view?.windows ?? []}
              renderItem={(w) => (
                <List.Item
                  actions={
                    isManager
                      ? [
                          <Popconfirm key="d" title={t('change.calendar.delete')} onConfirm={() => deleteWindow(w.id).then(load)}>
                            <Button size="small" danger>
                              {t('change.calendar.delete')}
                            </Button>
                          </Popconfirm>,
                        ]
                      : []
                  }
                >
                  <Space wrap>
                    <Tag color={w.kind === 'blackout' ? 'red' : 'green'}>{w.kind === 'blackout' ? t('change.calendar.blackout') : t('change.calendar.maintenance')}</Tag>
                    <span>{w.title}</span>
                    <span>{w.service ?? t('change.calendar.everyService')}</span>
                    <span>
                      {formatDateTime(w.start)} – {formatDateTime(w.end)}
                    </span>
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Card>
      </Flex>
      <Modal
        open={adding}
        title={t('change.calendar.add')}
        okText={t('change.ok')}
        cancelText={t('change.form.cancel')}
        confirmLoading={saving}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'blackout' }} onFinish={save} data-testid="window-form">
          <Form.Item name="kind" label={t('change.calendar.kind')}>
            <Radio.Group
              options={[
                { value: 'blackout', label: t('change.calendar.blackout') },
                { value: 'maintenance', label: t('change.calendar.maintenance') },
              ]}
            />
          </Form.Item>
          <Form.Item name="service" label={t('change.calendar.service')}>
            <Select allowClear placeholder={t('change.calendar.everyService')} options={services.map((s) => ({ value: s.name, label: s.displayName }))} />
          </Form.Item>
          <Form.Item name="title" label={t('change.calendar.windowTitle')} rules={[{ required: true, message: t('change.form.required') }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="start" label={t('change.calendar.start')} rules={[{ required: true, message: t('change.form.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="end" label={t('change.calendar.end')} rules={[{ required: true, message: t('change.form.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, List, Modal, Popconfirm, Row, Select, Spin, Tabs, Tag, Typography } from 'antd';
import { CalendarOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { createCalendar, deleteCalendar, fetchCalendar, fetchCalendars, type Calendar } from './calendarApi';
import { durationText, timeZones } from './calendarText';
import { DaysPanel } from './DaysPanel';
import { DeadlineCalculator } from './DeadlineCalculator';
import { WorkingWeekEditor } from './WorkingWeekEditor';

const DEFAULT_ID = 'default';

interface CreateValues {
  id: string;
  name: string;
  timeZone: string;
}

/**
 * Business calendars for administrators: the list, and for the chosen one (`?calendar=` in the
 * address) its working week, its holidays and make-up working days by year (add, remove, import
 * and export iCalendar) and a deadline calculator.
 */
export default function CalendarsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [calendars, setCalendars] = useState<Calendar[]>([]);
  const [listError, setListError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [listVersion, setListVersion] = useState(0);
  const [current, setCurrent] = useState<Calendar>();
  const [currentError, setCurrentError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<CreateValues>();
  const selectedId = params.get('calendar') ?? DEFAULT_ID;
  const zones = useMemo(() => timeZones().map((zone) => ({ value: zone, label: zone })), []);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchCalendars(controller.signal)
      .then((loaded) => {
        setCalendars(loaded);
        setListError(undefined);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setListError(problemText(failure, t));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [listVersion, t]);

  const loadCurrent = useCallback(
    (signal?: AbortSignal) =>
      fetchCalendar(selectedId, undefined, signal)
        .then((loaded) => {
          setCurrent(loaded);
          setCurrentError(undefined);
        })
        .catch((failure: unknown) => {
          if (!signal?.aborted) {
            setCurrent(undefined);
            setCurrentError(problemText(failure, t));
          }
        }),
    [selectedId, t],
  );

  useEffect(() => {
    const controller = new AbortController();
    void loadCurrent(controller.signal);
    return () => controller.abort();
  }, [loadCurrent]);

  const select = (id: string) => setParams(id === DEFAULT_ID ? {} : { calendar: id });
  const changed = useCallback(() => {
    setListVersion((n) => n + 1);
    void loadCurrent();
  }, [loadCurrent]);

  function openCreate() {
    setCreateError(undefined);
    form.resetFields();
    form.setFieldsValue({ id: '', name: '', timeZone: 'Asia/Shanghai' });
    setCreating(true);
  }

  async function create(values: CreateValues) {
    setSaving(true);
    setCreateError(undefined);
    try {
      const created = await createCalendar({ id: values.id.trim(), name: values.name.trim(), timeZone: values.timeZone });
      void message.success(t('calendar.saved', { name: created.name }));
      setCreating(false);
      setListVersion((n) => n + 1);
      select(created.id);
    } catch (failure) {
      applyFieldErrors(form, failure);
      setCreateError(problemText(failure, t));
    } finally {
      setSaving(false);
    }
  }

  async function remove(calendar: Calendar) {
    try {
      await deleteCalendar(calendar.id);
      void message.success(t('admin.deleted', { name: calendar.name }));
      setListVersion((n) => n + 1);
      select(DEFAULT_ID);
    } catch (failure) {
      void message.error(problemText(failure, t));
    }
  }

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={8}>
        <Typography.Title level={3} className="suoke-page-title" style={{ margin: 0 }}>
          {t('calendar.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={openCreate} data-testid="create-calendar">
          {t('calendar.create')}
        </Button>
      </Flex>
      {listError && <Alert type="error" showIcon title={listError} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={7}>
          <Card size="small" title={t('calendar.list')}>
            <List<Calendar>
              loading={loading}
              dataSource={calendars}
              renderItem={(calendar) => (
                <List.Item
                  onClick={() => select(calendar.id)}
                  style={{ cursor: 'pointer', background: calendar.id === selectedId ? 'rgba(22, 119, 255, 0.08)' : undefined, paddingInline: 8 }}
                  data-testid={`calendar-${calendar.id}`}
                >
                  <List.Item.Meta
                    avatar={<CalendarOutlined />}
                    title={
                      <Flex gap={6} wrap>
                        <span>{calendar.name}</span>
                        {calendar.id === DEFAULT_ID && <Tag color="gold">{t('calendar.default')}</Tag>}
                      </Flex>
                    }
                    description={`${calendar.id} · ${calendar.timeZone}`}
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={17}>
          {currentError && <Alert type="error" showIcon title={currentError} />}
          {!current && !currentError && (
            <Flex justify="center" style={{ padding: 48 }}>
              <Spin />
            </Flex>
          )}
          {current && (
            <Card
              title={
                <Flex vertical>
                  <span data-testid="current-calendar">{current.name}</span>
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                    {current.id} · {current.timeZone} · {t('calendar.businessDay', { duration: durationText(current.businessDay, t) })}
                  </Typography.Text>
                </Flex>
              }
              extra={
                current.id !== DEFAULT_ID && (
                  <Popconfirm
                    title={t('calendar.deleteConfirm', { name: current.name })}
                    okText={t('admin.delete')}
                    cancelText={t('admin.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove(current)}
                  >
                    <Button danger icon={<DeleteOutlined />} data-testid="delete-calendar">
                      {t('admin.delete')}
                    </Button>
                  </Popconfirm>
                )
              }
            >
              <Tabs
                items={[
                  { key: 'days', label: t('calendar.tab.days'), children: <DaysPanel key={current.id} calendar={current} onChanged={changed} /> },
                  { key: 'week', label: t('calendar.tab.week'), children: <WorkingWeekEditor calendar={current} onSaved={changed} /> },
                  { key: 'deadline', label: t('calendar.tab.deadline'), children: <DeadlineCalculator calendar={current} /> },
                ]}
              />
            </Card>
          )}
          {!current && currentError === undefined && calendars.length === 0 && !loading && <Empty description={t('calendar.select')} />}
        </Col>
      </Row>
      <Modal
        open={creating}
        title={t('calendar.create')}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        forceRender
      >
        {createError && <Alert type="error" showIcon title={createError} style={{ marginBottom: 12 }} />}
        <Form<CreateValues> form={form} layout="vertical" onFinish={create} requiredMark="optional">
          <Form.Item name="id" label={t('calendar.id')} extra={t('calendar.idHelp')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
            <Input data-testid="new-calendar-id" />
          </Form.Item>
          <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
            <Input data-testid="new-calendar-name" />
          </Form.Item>
          <Form.Item name="timeZone" label={t('calendar.timeZone')} extra={t('calendar.createHint')}>
            <Select showSearch options={zones} data-testid="new-calendar-time-zone" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

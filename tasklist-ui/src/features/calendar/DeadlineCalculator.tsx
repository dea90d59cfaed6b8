import { useState } from 'react';
import { Alert, Button, DatePicker, Descriptions, Flex, Form, InputNumber, Radio, Space } from 'antd';
import { CalculatorOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { fetchDue, type Calendar, type Due } from './calendarApi';
import { businessTimeIso, durationText, formatInZone } from './calendarText';

interface Values {
  start: Dayjs;
  mode: 'time' | 'days';
  hours?: number;
  minutes?: number;
  days?: number;
}

/** Start plus business time (or business days) on the calendar: the deadline, as the server computes it. */
export function DeadlineCalculator({ calendar }: { calendar: Calendar }) {
  const { t, locale, formatDateTime } = useI18n();
  const [form] = Form.useForm<Values>();
  const mode = Form.useWatch('mode', form) ?? 'time';
  const [due, setDue] = useState<Due>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function compute(values: Values) {
    setBusy(true);
    setError(undefined);
    try {
      const start = (values.start ?? dayjs()).toISOString();
      const amount = values.mode === 'days'
        ? { businessDays: Math.max(0, Math.floor(values.days ?? 0)) }
        : { businessTime: businessTimeIso(values.hours ?? 0, values.minutes ?? 0) };
      setDue(await fetchDue(calendar.id, start, amount));
    } catch (failure) {
      setDue(undefined);
      setError(problemText(failure, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex vertical gap={12}>
      <Form<Values>
        form={form}
        layout="inline"
        onFinish={compute}
        initialValues={{ start: dayjs(), mode: 'time', hours: 8, minutes: 0, days: 1 }}
        className="suoke-filters"
      >
        <Form.Item name="start" label={t('calendar.deadline.start')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowClear={false} data-testid="deadline-start" />
        </Form.Item>
        <Form.Item name="mode" label={t('calendar.deadline.mode')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'time', label: t('calendar.deadline.mode.time') },
              { value: 'days', label: t('calendar.deadline.mode.days') },
            ]}
          />
        </Form.Item>
        {mode === 'days' ? (
          <Form.Item name="days" label={t('calendar.deadline.days')}>
            <InputNumber min={0} max={3650} precision={0} data-testid="deadline-days" />
          </Form.Item>
        ) : (
          <Space>
            <Form.Item name="hours" label={t('calendar.deadline.hours')}>
              <InputNumber min={0} max={87600} precision={0} data-testid="deadline-hours" />
            </Form.Item>
            <Form.Item name="minutes" label={t('calendar.deadline.minutes')}>
              <InputNumber min={0} max={59} precision={0} data-testid="deadline-minutes" />
            </Form.Item>
          </Space>
        )}
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy} data-testid="deadline-compute">
            {t('calendar.deadline.compute')}
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
      {due && (
        <Descriptions bordered size="small" column={1} data-testid="deadline-result">
          <Descriptions.Item label={`${t('calendar.deadline.due')} (${calendar.timeZone})`}>
            <strong data-testid="deadline-due">{formatInZone(due.due, calendar.timeZone, locale)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('calendar.deadline.dueLocal')}>{formatDateTime(due.due)}</Descriptions.Item>
          <Descriptions.Item label={t('calendar.deadline.added')}>
            {durationText(due.businessTime, t)}
            {due.businessDays !== undefined ? ` (${due.businessDays} × ${durationText(calendar.businessDay, t)})` : ''}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Flex>
  );
}

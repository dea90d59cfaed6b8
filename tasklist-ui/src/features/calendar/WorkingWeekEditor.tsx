import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { WEEKDAYS, updateCalendar, type Calendar, type Weekday, type WorkingWindow } from './calendarApi';
import { durationText, timeZones, windowsMinutes } from './calendarText';

type Week = Record<Weekday, WorkingWindow[]>;

const NINE_TO_SIX: WorkingWindow = { start: '09:00', end: '18:00' };

function copyWeek(week: Partial<Week> | undefined): Week {
  const copy = {} as Week;
  for (const day of WEEKDAYS) copy[day] = (week?.[day] ?? []).map((window) => ({ ...window }));
  return copy;
}

/**
 * A calendar's name, time zone and working week: per weekday whether it is worked and its working
 * windows (e.g. 09:00-12:00 and 13:00-18:00). The server checks everything; its field errors
 * (`workingWeek.MONDAY[0].end`, ...) are shown on the weekday they name.
 */
export function WorkingWeekEditor({ calendar, onSaved }: { calendar: Calendar; onSaved: (calendar: Calendar) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [name, setName] = useState(calendar.name);
  const [timeZone, setTimeZone] = useState(calendar.timeZone);
  const [week, setWeek] = useState<Week>(() => copyWeek(calendar.workingWeek));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const zones = useMemo(() => timeZones(calendar.timeZone).map((zone) => ({ value: zone, label: zone })), [calendar.timeZone]);

  useEffect(() => {
    setName(calendar.name);
    setTimeZone(calendar.timeZone);
    setWeek(copyWeek(calendar.workingWeek));
    setErrors({});
    setError(undefined);
  }, [calendar]);

  function change(day: Weekday, windows: WorkingWindow[]) {
    setWeek((current) => ({ ...current, [day]: windows }));
  }

  /** The server's reasons for one weekday (any field under workingWeek.<DAY>). */
  function dayErrors(day: Weekday): string[] {
    return Object.entries(errors)
      .filter(([field]) => field === `workingWeek.${day}` || field.startsWith(`workingWeek.${day}[`))
      .flatMap(([field, reasons]) => reasons.map((reason) => (field.includes('[') ? `${field.slice(field.indexOf('['))}: ${reason}` : reason)));
  }

  async function save() {
    setSaving(true);
    setError(undefined);
    setErrors({});
    try {
      const saved = await updateCalendar(calendar.id, { name: name.trim(), timeZone, workingWeek: week });
      void message.success(t('calendar.saved', { name: saved.name }));
      onSaved(saved);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 400) setErrors(failure.fieldErrors());
      setError(problemText(failure, t));
    } finally {
      setSaving(false);
    }
  }

  const weekErrors = errors['workingWeek'];
  return (
    <Flex vertical gap={12}>
      {error && <Alert type="error" showIcon title={error} />}
      <Form layout="vertical" requiredMark="optional">
        <Flex gap={16} wrap>
          <Form.Item
            label={t('calendar.name')}
            required
            validateStatus={errors['name'] ? 'error' : undefined}
            help={errors['name']?.join(' ')}
            style={{ minWidth: 240, flex: 1 }}
          >
            <Input value={name} onChange={(event) => setName(event.target.value)} data-testid="calendar-name" />
          </Form.Item>
          <Form.Item
            label={t('calendar.timeZone')}
            validateStatus={errors['timeZone'] ? 'error' : undefined}
            help={errors['timeZone']?.join(' ')}
            style={{ minWidth: 240, flex: 1 }}
          >
            <Select showSearch value={timeZone} onChange={setTimeZone} options={zones} data-testid="calendar-time-zone" />
          </Form.Item>
        </Flex>
      </Form>
      <Typography.Text type="secondary">{t('calendar.week.hint')}</Typography.Text>
      {weekErrors && <Alert type="error" showIcon title={weekErrors.join(' ')} data-testid="week-error" />}
      {WEEKDAYS.map((day) => {
        const windows = week[day];
        const reasons = dayErrors(day);
        return (
          <Flex key={day} gap={12} align="flex-start" wrap data-testid={`weekday-${day}`}>
            <Flex gap={8} align="center" style={{ width: 170 }}>
              <Switch
                checked={windows.length > 0}
                onChange={(on) => change(day, on ? [{ ...NINE_TO_SIX }] : [])}
                aria-label={`${t(`calendar.weekday.${day}`)} ${t('calendar.week.working')}`}
                data-testid={`working-${day}`}
              />
              <Typography.Text strong>{t(`calendar.weekday.${day}`)}</Typography.Text>
            </Flex>
            <Flex vertical gap={6} style={{ flex: 1, minWidth: 260 }}>
              {windows.length === 0 && <Typography.Text type="secondary">{t('calendar.week.off')}</Typography.Text>}
              {windows.map((window, index) => (
                <Space key={index} wrap>
                  <Input
                    value={window.start}
                    style={{ width: 90 }}
                    placeholder="09:00"
                    aria-label={`${t(`calendar.weekday.${day}`)} ${t('calendar.week.start')} ${index + 1}`}
                    data-testid={`window-${day}-${index}-start`}
                    onChange={(event) => change(day, windows.map((w, i) => (i === index ? { ...w, start: event.target.value } : w)))}
                  />
                  <span>–</span>
                  <Input
                    value={window.end}
                    style={{ width: 90 }}
                    placeholder="18:00"
                    aria-label={`${t(`calendar.weekday.${day}`)} ${t('calendar.week.end')} ${index + 1}`}
                    data-testid={`window-${day}-${index}-end`}
                    onChange={(event) => change(day, windows.map((w, i) => (i === index ? { ...w, end: event.target.value } : w)))}
                  />
                  <Button
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('calendar.week.removeWindow')}
                    onClick={() => change(day, windows.filter((_, i) => i !== index))}
                  />
                </Space>
              ))}
              {reasons.map((reason) => (
                <Typography.Text key={reason} type="danger">
                  {reason}
                </Typography.Text>
              ))}
            </Flex>
            <Flex gap={8} align="center">
              {windows.length > 0 && (
                <Typography.Text type="secondary">{durationText(`PT${windowsMinutes(windows)}M`, t)}</Typography.Text>
              )}
              <Button
                size="small"
                icon={<PlusOutlined />}
                data-testid={`add-window-${day}`}
                onClick={() => change(day, [...windows, windows.length ? { start: '', end: '' } : { ...NINE_TO_SIX }])}
              >
                {t('calendar.week.addWindow')}
              </Button>
            </Flex>
          </Flex>
        );
      })}
      <div>
        <Button type="primary" icon={<SaveOutlined />} loading={saving} onClick={() => void save()} data-testid="save-week">
          {t('calendar.week.save')}
        </Button>
      </div>
    </Flex>
  );
}

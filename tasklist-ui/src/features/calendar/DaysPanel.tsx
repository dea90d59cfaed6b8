import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
  type TableColumnsType,
} from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import {
  deleteDay,
  exportUrl,
  fetchCalendar,
  importCalendar,
  saveDays,
  type Calendar,
  type CalendarDay,
  type DayKind,
} from './calendarApi';
import { weekdayOf } from './calendarText';

interface AddValues {
  date?: Dayjs | null;
  kind: DayKind;
  name?: string;
}

const KIND_COLOR: Record<DayKind, string> = { HOLIDAY: 'red', WORKDAY: 'blue' };

/** A chosen file's text (UTF-8, as iCalendar is). */
function readText(file: Blob): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, 'UTF-8');
  });
}

/**
 * A calendar's public holidays and make-up working days, one year at a time: list, add or change
 * one day, remove one, import an iCalendar file (all or nothing), export the calendar as .ics.
 */
export function DaysPanel({ calendar, onChanged }: { calendar: Calendar; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number>(() =>
    calendar.years.includes(thisYear) || calendar.years.length === 0 ? thisYear : calendar.years[calendar.years.length - 1],
  );
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [addError, setAddError] = useState<string>();
  const [importError, setImportError] = useState<string>();
  const [version, setVersion] = useState(0);
  const [form] = Form.useForm<AddValues>();

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchCalendar(calendar.id, year, controller.signal)
      .then((loaded) => {
        setDays(loaded.days ?? []);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(problemText(failure, t));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [calendar.id, year, version, t]);

  const reload = useCallback(() => {
    setVersion((n) => n + 1);
    onChanged();
  }, [onChanged]);

  const years = useMemo(
    () => [...new Set([...calendar.years, thisYear, thisYear + 1, year])].sort((a, b) => a - b).map((y) => ({ value: y, label: String(y) })),
    [calendar.years, thisYear, year],
  );

  async function add(values: AddValues) {
    setAddError(undefined);
    const date = values.date?.format('YYYY-MM-DD');
    if (!date) return;
    try {
      await saveDays(calendar.id, [{ date, kind: values.kind, name: values.name?.trim() || null }]);
      void message.success(t('calendar.days.added', { date }));
      form.resetFields(['date', 'name']);
      if (Number(date.slice(0, 4)) !== year) setYear(Number(date.slice(0, 4)));
      reload();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 400) {
        // the list's first (only) element: [0].date, [0].kind, [0].name
        const fields = Object.entries(failure.fieldErrors())
          .map(([field, reasons]) => ({ name: field.replace(/^\[0\]\./, ''), errors: reasons }))
          .filter((field) => ['date', 'kind', 'name'].includes(field.name));
        form.setFields(fields as { name: keyof AddValues; errors: string[] }[]);
      }
      setAddError(problemText(failure, t));
    }
  }

  async function remove(day: CalendarDay) {
    try {
      await deleteDay(calendar.id, day.date);
      void message.success(t('calendar.days.removed', { date: day.date }));
      reload();
    } catch (failure) {
      void message.error(problemText(failure, t));
    }
  }

  async function importFile(file: File) {
    setImportError(undefined);
    try {
      const result = await importCalendar(calendar.id, await readText(file));
      void message.success(t('calendar.imported', { added: result.added, updated: result.updated, unchanged: result.unchanged, skipped: result.skipped }));
      reload();
    } catch (failure) {
      const reasons = failure instanceof ApiError ? failure.fieldErrors()['file'] : undefined;
      setImportError(reasons?.join(' ') ?? problemText(failure, t));
    }
  }

  const holidays = days.filter((day) => day.kind === 'HOLIDAY').length;
  const columns: TableColumnsType<CalendarDay> = [
    {
      key: 'date',
      title: t('calendar.days.date'),
      dataIndex: 'date',
      render: (date: string) => (
        <Space>
          <Typography.Text strong>{date}</Typography.Text>
          <Typography.Text type="secondary">{weekdayOf(date, locale)}</Typography.Text>
        </Space>
      ),
    },
    {
      key: 'kind',
      title: t('calendar.days.kind'),
      dataIndex: 'kind',
      render: (kind: DayKind) => <Tag color={KIND_COLOR[kind]}>{t(`calendar.kind.${kind}`)}</Tag>,
    },
    { key: 'name', title: t('calendar.days.name'), dataIndex: 'name' },
    {
      key: 'actions',
      title: '',
      render: (_, day) => (
        <Popconfirm
          title={t('calendar.days.removeConfirm', { date: day.date })}
          okText={t('admin.delete')}
          cancelText={t('admin.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove(day)}
        >
          <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('admin.delete')} ${day.date}`} />
        </Popconfirm>
      ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap justify="space-between">
        <Space wrap>
          <span>{t('calendar.days.year')}</span>
          <Select value={year} onChange={setYear} options={years} style={{ width: 100 }} data-testid="days-year" />
          <Typography.Text type="secondary" data-testid="days-summary">
            {t('calendar.days.summary', { holidays, workdays: days.length - holidays })}
          </Typography.Text>
        </Space>
        <Space wrap>
          <Upload
            accept=".ics,text/calendar"
            showUploadList={false}
            beforeUpload={(file) => {
              void importFile(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="import-ics">
              {t('calendar.import')}
            </Button>
          </Upload>
          <Button icon={<DownloadOutlined />} href={exportUrl(calendar.id)} download={`${calendar.id}.ics`} data-testid="export-ics">
            {t('calendar.export')}
          </Button>
        </Space>
      </Flex>
      <Typography.Text type="secondary">{t('calendar.importHint')}</Typography.Text>
      {importError && <Alert type="error" showIcon title={importError} closable onClose={() => setImportError(undefined)} data-testid="import-error" />}
      {error && <Alert type="error" showIcon title={error} />}
      <Form<AddValues> form={form} layout="inline" onFinish={add} initialValues={{ kind: 'HOLIDAY' }} className="suoke-filters">
        <Form.Item name="date" rules={[{ required: true, message: t('admin.required') }]}>
          <DatePicker placeholder={t('calendar.days.date')} data-testid="day-date" />
        </Form.Item>
        <Form.Item name="kind">
          <Select
            style={{ width: 170 }}
            data-testid="day-kind"
            options={(['HOLIDAY', 'WORKDAY'] as DayKind[]).map((kind) => ({ value: kind, label: t(`calendar.kind.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item name="name">
          <Input placeholder={t('calendar.days.name')} data-testid="day-name" />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} data-testid="add-day">
            {t('calendar.days.add')}
          </Button>
        </Form.Item>
      </Form>
      {addError && <Alert type="error" showIcon title={addError} />}
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        columns={columns}
        dataSource={days}
        loading={loading}
        locale={{ emptyText: t('calendar.days.empty', { year }) }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}

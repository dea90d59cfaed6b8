import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  Row,
  Space,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckCircleOutlined, DownloadOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import { auditRowKey, exportUrl, fetchAudit, verifyChain, type AuditFilters, type AuditPage as Page, type AuditRow, type Verification } from './auditApi';

const PAGE_SIZE = 50;

interface FilterValues {
  actor?: string;
  action?: string;
  time?: [Dayjs | null, Dayjs | null] | null;
  processInstanceKey?: string;
  businessKey?: string;
  taskKey?: string;
  q?: string;
}

function filtersOf(values: FilterValues): AuditFilters {
  const trim = (value?: string) => value?.trim() || undefined;
  return {
    actor: trim(values.actor),
    action: trim(values.action),
    from: values.time?.[0]?.toISOString(),
    to: values.time?.[1]?.toISOString(),
    processInstanceKey: trim(values.processInstanceKey),
    businessKey: trim(values.businessKey),
    taskKey: trim(values.taskKey),
    q: trim(values.q),
  };
}

function detailText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The audit trail for auditors: search, details, CSV export and the hash-chain check. */
export default function AuditPage() {
  const { t, formatDateTime } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(0);
  const [result, setResult] = useState<Page>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [verification, setVerification] = useState<Verification>();
  const [verifyError, setVerifyError] = useState<string>();
  const [verifying, setVerifying] = useState(false);
  const phone = useMediaQuery(PHONE);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    fetchAudit(filters, page, PAGE_SIZE, controller.signal)
      .then(setResult)
      .catch((failure: unknown) => {
        if (!controller.signal.aborted) setError(problemText(failure, t));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [filters, page, t]);

  async function verify() {
    setVerifying(true);
    setVerification(undefined);
    setVerifyError(undefined);
    try {
      setVerification(await verifyChain());
    } catch (failure) {
      setVerifyError(problemText(failure, t));
    } finally {
      setVerifying(false);
    }
  }

  const columns: TableColumnsType<AuditRow> = [
    { key: 'seq', title: t('audit.col.seq'), dataIndex: 'seq', width: 80, responsive: ['sm'] },
    { key: 'time', title: t('audit.col.time'), render: (_, row) => formatDateTime(row.occurredAt) },
    { key: 'actor', title: t('audit.col.actor'), dataIndex: 'actor' },
    { key: 'action', title: t('audit.col.action'), dataIndex: 'action', render: (action: string) => <Typography.Text code>{action}</Typography.Text> },
    {
      key: 'object',
      title: t('audit.col.object'),
      render: (_, row) => [row.objectType, row.objectId].filter(Boolean).join(' '),
      responsive: ['md'],
    },
    { key: 'processInstanceKey', title: t('audit.col.processInstanceKey'), dataIndex: 'processInstanceKey', responsive: ['lg'] },
    { key: 'businessKey', title: t('audit.col.businessKey'), dataIndex: 'businessKey', responsive: ['md'] },
    { key: 'taskKey', title: t('audit.col.taskKey'), dataIndex: 'taskKey', responsive: ['lg'] },
  ];

  const details = (row: AuditRow) => {
    const entries = Object.entries(row.details ?? {});
    return (
      <Descriptions
        size="small"
        bordered
        column={1}
        layout={phone ? 'vertical' : 'horizontal'}
        title={t('audit.details')}
        data-testid={`audit-details-${auditRowKey(row)}`}
        items={[
          ...(phone
            ? [
                { key: '_obj', label: t('audit.col.object'), children: [row.objectType, row.objectId].filter(Boolean).join(' ') || '—' },
                { key: '_pi', label: t('audit.col.processInstanceKey'), children: row.processInstanceKey || '—' },
                { key: '_bk', label: t('audit.col.businessKey'), children: row.businessKey || '—' },
                { key: '_tk', label: t('audit.col.taskKey'), children: row.taskKey || '—' },
              ]
            : []),
          ...(row.position != null
            ? [{ key: '_position', label: t('audit.col.position'), children: String(row.position) }]
            : []),
          ...entries.map(([name, value]) => ({
            key: name,
            label: name,
            children: <span style={{ wordBreak: 'break-all' }}>{detailText(value)}</span>,
          })),
        ]}
      >
        {entries.length === 0 && !phone && t('audit.noDetails')}
      </Descriptions>
    );
  };

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} className="suoke-page-title" style={{ margin: 0 }}>
          {t('audit.title')}
        </Typography.Title>
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            href={exportUrl(filters)}
            download
            data-testid="audit-export"
          >
            {t('audit.export')}
          </Button>
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={() => void verify()} data-testid="audit-verify">
            {t('audit.verify')}
          </Button>
        </Space>
      </Flex>
      {verification && (
        <Alert
          closable
          onClose={() => setVerification(undefined)}
          style={{ marginBottom: 16 }}
          data-testid="audit-verification"
          type={verification.valid ? 'success' : 'error'}
          showIcon
          icon={verification.valid ? <CheckCircleOutlined /> : undefined}
          title={
            verification.valid
              ? t('audit.verify.valid', { checked: verification.checked })
              : t('audit.verify.broken', {
                  seq: verification.firstBrokenSeq ?? '?',
                  id: verification.firstBrokenId ?? '?',
                  reason: verification.reason ?? '',
                  checked: verification.checked,
                })
          }
        />
      )}
      {verifyError && <Alert type="error" showIcon title={verifyError} style={{ marginBottom: 16 }} />}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterValues>
          form={form}
          layout="vertical"
          className="suoke-filters"
          data-testid="audit-filters"
          onFinish={(values) => {
            setPage(0);
            setFilters(filtersOf(values));
          }}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="q" label={t('audit.filter.q')}>
                <Input allowClear data-testid="audit-q" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={6}>
              <Form.Item name="actor" label={t('audit.filter.actor')}>
                <Input allowClear data-testid="audit-actor" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={6}>
              <Form.Item name="action" label={t('audit.filter.action')}>
                <Input allowClear data-testid="audit-action" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="time" label={t('audit.filter.time')}>
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} lg={6}>
              <Form.Item name="processInstanceKey" label={t('audit.filter.processInstanceKey')}>
                <Input allowClear data-testid="audit-process-instance" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8} lg={6}>
              <Form.Item name="businessKey" label={t('audit.filter.businessKey')}>
                <Input allowClear data-testid="audit-business-key" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8} lg={6}>
              <Form.Item name="taskKey" label={t('audit.filter.taskKey')}>
                <Input allowClear data-testid="audit-task-key" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={6}>
              <Form.Item label={phone ? undefined : ' '} colon={false}>
                <Space>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
                    {t('audit.search')}
                  </Button>
                  <Button
                    onClick={() => {
                      form.resetFields();
                      setPage(0);
                      setFilters({});
                    }}
                  >
                    {t('audit.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="audit-error" />}
      <Table<AuditRow>
        rowKey={auditRowKey}
        columns={columns}
        dataSource={result?.items ?? []}
        loading={loading}
        size="small"
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: details, expandRowByClick: true }}
        onRow={(row) => ({ 'data-testid': `audit-row-${auditRowKey(row)}` }) as React.HTMLAttributes<HTMLElement>}
        data-testid="audit-table"
        pagination={{
          current: page + 1,
          pageSize: PAGE_SIZE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('audit.total', { total }),
          onChange: (current) => setPage(current - 1),
          size: phone ? 'small' : undefined,
        }}
      />
    </>
  );
}

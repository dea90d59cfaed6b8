import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Empty, Flex, Input, Select, Space, Table, Typography } from 'antd';
import { CalendarOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { CHANGE_STATUSES, CHANGE_TYPES, fetchChanges, type Change, type ChangePage } from './changeApi';
import { ChangeStatusTag, CloseCodeTag, RiskTag, TypeTag } from './ChangeTags';
import { ChangeRequestForm } from './ChangeRequestForm';

/** Changes, newest first, with filters kept in the address, and the change request form. */
export default function ChangeListPage() {
  const { t, formatDateTime } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? '';
  const status = params.get('status') ?? '';
  const mine = params.get('mine') === 'true';
  const text = params.get('text') ?? '';
  const page = Number(params.get('page') ?? '0') || 0;
  const [data, setData] = useState<ChangePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [requesting, setRequesting] = useState(false);

  useEffect(() => {
    let cancelled = false;
    fetchChanges({ type, status, mine, text, page })
      .then((result) => !cancelled && (setData(result), setError(null)))
      .catch((e) => !cancelled && setError(problemText(e, t)));
    return () => {
      cancelled = true;
    };
  }, [type, status, mine, text, page, t]);

  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next);
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('change.list.title')}
        </Typography.Title>
        <Space wrap>
          <Link to="/changes/calendar">
            <Button icon={<CalendarOutlined />}>{t('change.list.calendar')}</Button>
          </Link>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)}>
            {t('change.list.request')}
          </Button>
        </Space>
      </Flex>
      <Flex wrap gap={8} align="center">
        <Select
          aria-label={t('change.col.type')}
          style={{ minWidth: 140 }}
          value={type}
          onChange={(value) => set('type', value)}
          options={[{ value: '', label: t('change.list.all') }, ...CHANGE_TYPES.map((v) => ({ value: v, label: t(`change.type.${v}` as MessageKey) }))]}
        />
        <Select
          aria-label={t('change.col.status')}
          style={{ minWidth: 160 }}
          value={status}
          onChange={(value) => set('status', value)}
          options={[{ value: '', label: t('change.list.all') }, ...CHANGE_STATUSES.map((v) => ({ value: v, label: t(`change.status.${v}` as MessageKey) }))]}
        />
        <Checkbox checked={mine} onChange={(e) => set('mine', e.target.checked ? 'true' : '')}>
          {t('change.list.mine')}
        </Checkbox>
        <Input.Search
          allowClear
          style={{ maxWidth: 260 }}
          placeholder={t('change.list.search')}
          defaultValue={text}
          onSearch={(value) => set('text', value.trim())}
        />
      </Flex>
      {error && <Alert type="error" showIcon message={error} />}
      <Card size="small">
        <Table<Change>
          rowKey="number"
          size="middle"
          scroll={{ x: 'max-content' }}
          loading={data === null && !error}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty description={t('change.list.empty')} /> }}
          pagination={{
            current: page + 1,
            pageSize: data?.size ?? 20,
            total: data?.total ?? 0,
            showSizeChanger: false,
            onChange: (p) => {
              const next = new URLSearchParams(params);
              next.set('page', String(p - 1));
              setParams(next);
            },
          }}
          onRow={(c) => ({ 'data-testid': `change-row-${c.number}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('change.col.number'), render: (_, c) => <Link to={`/changes/${c.number}`}>{c.number}</Link> },
            { title: t('change.col.title'), dataIndex: 'title', ellipsis: true },
            { title: t('change.col.type'), render: (_, c) => <TypeTag type={c.changeType} /> },
            { title: t('change.col.service'), dataIndex: 'service' },
            { title: t('change.col.risk'), render: (_, c) => <RiskTag risk={c.risk} /> },
            {
              title: t('change.col.status'),
              render: (_, c) => (
                <Space size={4}>
                  <ChangeStatusTag status={c.status} />
                  <CloseCodeTag code={c.closeCode} />
                </Space>
              ),
            },
            {
              title: t('change.col.window'),
              render: (_, c) => (c.windowStart ? `${formatDateTime(c.windowStart)} – ${formatDateTime(c.windowEnd)}` : ''),
            },
            { title: t('change.col.requester'), dataIndex: 'requester' },
          ]}
        />
      </Card>
      <ChangeRequestForm open={requesting} onClose={() => setRequesting(false)} onCreated={(c) => navigate(`/changes/${c.number}`)} />
    </Flex>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { CalendarOutlined, DownloadOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { useSession } from '../auth/session';
import './oncall.css';
import ContactRulesCard from './ContactRulesCard';
import {
  addLeave,
  browserZone,
  deleteLeave,
  fetchFeedState,
  fetchLeaves,
  fetchMyShifts,
  fetchMySwaps,
  newFeed,
  swapAction,
  zonedToIso,
  type Leave,
  type Shift,
  type Swap,
} from './oncallApi';

/** My shifts of the next 30 days, the swaps asked by me or of me, and my calendar feed. */
export default function MyShiftsPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const me = useSession().me?.username;
  const [shifts, setShifts] = useState<Shift[] | null>(null);
  const [swaps, setSwaps] = useState<Swap[]>([]);
  const [feed, setFeed] = useState<{ exists: boolean; createdAt?: string } | null>(null);
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const [leaves, setLeaves] = useState<Leave[]>([]);
  const [leaveForm] = Form.useForm<{ start: string; end: string; note?: string }>();
  const zone = browserZone();
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const yearAhead = new Date(Date.now() + 366 * 86_400_000).toISOString();
    Promise.all([
      fetchMyShifts(from, to, controller.signal),
      fetchMySwaps(controller.signal),
      fetchFeedState(controller.signal),
      me ? fetchLeaves(me, from, yearAhead, controller.signal) : Promise.resolve([]),
    ])
      .then(([s, sw, f, l]) => {
        setShifts(s.shifts);
        setSwaps(sw);
        setFeed(f);
        setLeaves(l);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(problemText(e, t));
      });
    return () => controller.abort();
  }, [reloads, me, t]);

  const act = async (swap: Swap, action: 'accept' | 'decline' | 'cancel') => {
    try {
      await swapAction(swap.id, action);
      message.success(t('oncall.swapUpdated'));
      reload();
    } catch (e) {
      message.error(problemText(e, t));
    }
  };

  const saveLeave = async (values: { start: string; end: string; note?: string }) => {
    const start = zonedToIso(values.start, zone);
    const end = zonedToIso(values.end, zone);
    if (!start || !end) {
      leaveForm.setFields([
        ...(start ? [] : [{ name: 'start' as const, errors: [t('oncall.badTime')] }]),
        ...(end ? [] : [{ name: 'end' as const, errors: [t('oncall.badTime')] }]),
      ]);
      return;
    }
    try {
      await addLeave({ start, end, note: values.note });
      message.success(t('oncall.leaveSaved'));
      leaveForm.resetFields();
      reload();
    } catch (e) {
      if (!applyFieldErrors(leaveForm, e)) message.error(problemText(e, t));
    }
  };

  const removeLeave = async (leave: Leave) => {
    try {
      await deleteLeave(leave.id);
      reload();
    } catch (e) {
      message.error(problemText(e, t));
    }
  };

  const makeFeed = async () => {
    try {
      const made = await newFeed();
      setFeedUrl(made.url);
      setFeed({ exists: true, createdAt: made.createdAt });
    } catch (e) {
      message.error(problemText(e, t));
    }
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('oncall.myShifts')}
      </Typography.Title>
      {error && <Alert type="error" title={error} />}
      <ContactRulesCard />
      <Card size="small" title={t('oncall.next30')}>
        {shifts === null && !error && <Spin />}
        {shifts && shifts.length === 0 && <Empty description={t('oncall.noShifts')} />}
        <Flex vertical gap={6} data-testid="my-shifts">
          {(shifts ?? []).map((shift) => (
            <Space key={`${shift.scheduleId}-${shift.start}`} wrap className="suoke-oncall-row">
              <Link to={`/oncall/schedules/${shift.scheduleId}`}>{shift.scheduleName}</Link>
              <Typography.Text>
                {formatDateTime(shift.start)} – {formatDateTime(shift.end)}
              </Typography.Text>
              {shift.source !== 'layer' && <Tag>{t(`oncall.source.${shift.source}` as MessageKey)}</Tag>}
            </Space>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t('oncall.swaps')}>
        {swaps.length === 0 && <Typography.Text type="secondary">{t('oncall.noSwaps')}</Typography.Text>}
        <Flex vertical gap={6}>
          {swaps.map((swap) => (
            <Flex key={swap.id} gap={8} wrap align="center" className="suoke-oncall-row">
              <Typography.Text>{`${swap.requester} → ${swap.counterpart}`}</Typography.Text>
              <Typography.Text type="secondary">
                {formatDateTime(swap.start)} – {formatDateTime(swap.end)}
              </Typography.Text>
              <Tag>{t(`oncall.swapStatus.${swap.status}` as MessageKey)}</Tag>
              {swap.status === 'requested' && swap.counterpart === me && (
                <>
                  <Button size="small" type="primary" onClick={() => void act(swap, 'accept')} data-testid={`my-swap-accept-${swap.id}`}>
                    {t('oncall.swap.accept')}
                  </Button>
                  <Button size="small" onClick={() => void act(swap, 'decline')}>
                    {t('oncall.swap.decline')}
                  </Button>
                </>
              )}
              {(swap.status === 'requested' || swap.status === 'accepted') && swap.requester === me && (
                <Button size="small" onClick={() => void act(swap, 'cancel')}>
                  {t('oncall.swap.cancel')}
                </Button>
              )}
            </Flex>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t('oncall.leave')}>
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('oncall.leaveHint', { zone })}</Typography.Text>
          {leaves.map((leave) => (
            <Flex key={leave.id} gap={8} wrap align="center" className="suoke-oncall-row" data-testid={`leave-${leave.id}`}>
              <Typography.Text>
                {formatDateTime(leave.start)} – {formatDateTime(leave.end)}
              </Typography.Text>
              <Popconfirm title={t('oncall.leaveDelete')} onConfirm={() => void removeLeave(leave)}>
                <Button size="small" danger>
                  {t('oncall.delete')}
                </Button>
              </Popconfirm>
            </Flex>
          ))}
          <Form form={leaveForm} layout="inline" onFinish={(values) => void saveLeave(values)} data-testid="leave-form">
            <Form.Item name="start" rules={[{ required: true, message: t('oncall.required') }]}>
              <Input placeholder={`${t('oncall.leaveFrom')} YYYY-MM-DD HH:mm`} data-testid="leave-start" />
            </Form.Item>
            <Form.Item name="end" rules={[{ required: true, message: t('oncall.required') }]}>
              <Input placeholder={`${t('oncall.leaveTo')} YYYY-MM-DD HH:mm`} data-testid="leave-end" />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" data-testid="leave-save">
                {t('oncall.leaveAdd')}
              </Button>
            </Form.Item>
          </Form>
        </Flex>
      </Card>
      <Card size="small" title={t('oncall.feed')}>
        <Flex vertical gap={8}>
          <Typography.Paragraph style={{ margin: 0 }}>{t('oncall.feedHint')}</Typography.Paragraph>
          {feed?.exists && !feedUrl && (
            <Typography.Text type="secondary">{t('oncall.feedExists', { date: formatDateTime(feed.createdAt ?? null) })}</Typography.Text>
          )}
          {feedUrl && (
            <Alert
              type="warning"
              title={t('oncall.feedOnce')}
              description={
                <Typography.Text copyable code data-testid="feed-url">
                  {feedUrl}
                </Typography.Text>
              }
            />
          )}
          <Space wrap>
            <Button icon={<CalendarOutlined />} onClick={() => void makeFeed()} data-testid="new-feed">
              {feed?.exists ? t('oncall.feedRenew') : t('oncall.feedCreate')}
            </Button>
            <Button icon={<DownloadOutlined />} href="/api/oncall/my-shifts.ics">
              {t('oncall.download')}
            </Button>
          </Space>
        </Flex>
      </Card>
    </Flex>
  );
}

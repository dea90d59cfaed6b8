import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, List, Modal, Radio, Row, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n, type MessageKey } from '../../app/i18n';
import { changeEventText } from './changeEvents';
import { applyFieldErrors, problemText } from '../../app/problems';
import { fetchChange, releaseEnded, requestInformation, scheduleChange, type Approval, type ChangeDetail } from './changeApi';
import { ChangeStatusTag, CloseCodeTag, RiskTag, TypeTag } from './ChangeTags';

type Dialog = 'schedule' | 'information' | 'release' | null;

/** One change: facts, assessment, approvals, conflicts, open tasks, timeline and the actions the server allows. */
export default function ChangePage() {
  const { number = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<ChangeDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [saving, setSaving] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [scheduleForm] = Form.useForm<{ windowStart?: Dayjs; windowEnd?: Dayjs }>();
  const [infoForm] = Form.useForm<{ requestedFrom?: string; question?: string }>();
  const [releaseForm] = Form.useForm<{ outcome?: string; releaseId?: string }>();

  const load = useCallback(() => {
    fetchChange(number)
      .then((d) => (setDetail(d), setError(null)))
      .catch((e) => setError(problemText(e, t)));
  }, [number, t]);

  useEffect(() => {
    load();
  }, [load]);

  const close = () => {
    setDialog(null);
    setDialogError(null);
  };

  const run = async (action: () => Promise<unknown>, form: Parameters<typeof applyFieldErrors>[0], done: string) => {
    setSaving(true);
    setDialogError(null);
    try {
      await action();
      message.success(done);
      close();
      load();
    } catch (e) {
      if (!applyFieldErrors(form, e)) setDialogError(problemText(e, t));
    } finally {
      setSaving(false);
    }
  };

  if (error) return <Alert type="error" showIcon message={error} action={<Link to="/changes">{t('change.back')}</Link>} />;
  if (!detail) return <Spin />;
  const c = detail.change;
  const range = (a: string | null, b: string | null) => (a ? `${formatDateTime(a)} – ${formatDateTime(b)}` : '—');
  const answers = Object.entries(c.assessment ?? {});

  return (
    <Flex vertical gap={16}>
      <Link to="/changes">← {t('change.back')}</Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap align="center">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {c.number}
          </Typography.Title>
          <TypeTag type={c.changeType} />
          <ChangeStatusTag status={c.status} />
          <RiskTag risk={c.risk} />
          <CloseCodeTag code={c.closeCode} />
        </Space>
        <Space wrap>
          {detail.actions.includes('schedule') && (
            <Button type="primary" onClick={() => setDialog('schedule')}>
              {t('change.action.schedule')}
            </Button>
          )}
          {detail.actions.includes('request-information') && <Button onClick={() => setDialog('information')}>{t('change.action.requestInformation')}</Button>}
          {detail.actions.includes('release-ended') && <Button onClick={() => setDialog('release')}>{t('change.action.releaseEnded')}</Button>}
        </Space>
      </Flex>
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="change-title">
        {c.title}
      </Typography.Title>
      {c.description && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Typography.Paragraph>}
      {detail.conflicts.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="change-conflicts"
          message={t('change.detail.conflicts')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {detail.conflicts.map((x) => (
                <li key={x.otherChange}>
                  {t('change.detail.conflict', { other: x.otherChange, service: x.otherService, reason: x.reason, start: formatDateTime(x.start), end: formatDateTime(x.end) })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('change.detail.facts')}>
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label={t('change.col.service')}>{c.service}</Descriptions.Item>
                <Descriptions.Item label={t('change.detail.requester')}>{c.requester}</Descriptions.Item>
                <Descriptions.Item label={t('change.detail.implementerGroup')}>{c.implementerGroup}</Descriptions.Item>
                {c.templateKey && <Descriptions.Item label={t('change.detail.template')}>{`${c.templateKey} v${c.templateVersion}`}</Descriptions.Item>}
                {c.incidentNumber && (
                  <Descriptions.Item label={t('change.detail.incident')}>
                    <Link to={`/incidents/${c.incidentNumber}`}>{c.incidentNumber}</Link>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('change.detail.planned')}>{range(c.plannedStart, c.plannedEnd)}</Descriptions.Item>
                <Descriptions.Item label={t('change.detail.window')}>
                  <span data-testid="change-window">{range(c.windowStart, c.windowEnd)}</span>
                </Descriptions.Item>
                {c.reviewed && <Descriptions.Item label={t('change.detail.reviewed')}>✓</Descriptions.Item>}
              </Descriptions>
            </Card>
            {answers.length > 0 && (
              <Card size="small" title={t('change.detail.assessment')}>
                <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                  {answers.map(([k, v]) => (
                    <Descriptions.Item key={k} label={k}>
                      {String(v)}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </Card>
            )}
            <Card size="small" title={t('change.detail.approvals')}>
              <Table<Approval>
                size="small"
                rowKey={(a) => `${a.level}-${a.approver}-${a.decidedAt}`}
                pagination={false}
                dataSource={detail.approvals}
                locale={{ emptyText: t('change.detail.noApprovals') }}
                data-testid="change-approvals"
                showHeader={false}
                columns={[
                  { title: '', render: (_, a) => t(`change.approval.level.${a.level}` as MessageKey) },
                  { title: '', dataIndex: 'approver' },
                  {
                    title: '',
                    render: (_, a) => (
                      <Tag color={a.decision.startsWith('approve') ? 'green' : 'red'}>{t(`change.approval.${a.decision}` as MessageKey)}</Tag>
                    ),
                  },
                  { title: '', dataIndex: 'comment' },
                  { title: '', render: (_, a) => formatDateTime(a.decidedAt) },
                ]}
              />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('change.detail.tasks')}>
              {detail.openTasks.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('change.detail.noTasks')} />
              ) : (
                <List
                  size="small"
                  dataSource={detail.openTasks}
                  renderItem={(task) => (
                    <List.Item>
                      <Link to={`/tasks/${task.key}`}>{task.name}</Link>
                      <span>{task.assignee ?? task.candidateGroups.join(', ')}</span>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            <Card size="small" title={t('change.detail.timeline')}>
              <Timeline
                data-testid="change-timeline"
                items={[...detail.timeline].reverse().map((e) => ({
                  key: `${e.at}-${e.kind}`,
                  color: e.kind === 'rejected' || e.kind === 'frozen' || e.kind === 'window-refused' ? 'red' : e.kind === 'closed' ? 'green' : 'blue',
                  children: (
                    <>
                      <Typography.Text strong title={e.summary}>{changeEventText(e, t, formatDateTime)}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary">
                        {formatDateTime(e.at)}
                        {e.actor ? ` · ${e.actor}` : ''}
                      </Typography.Text>
                    </>
                  ),
                }))}
              />
            </Card>
          </Flex>
        </Col>
      </Row>

      <Modal
        open={dialog === 'schedule'}
        title={t('change.schedule.title')}
        okText={t('change.ok')}
        cancelText={t('change.form.cancel')}
        confirmLoading={saving}
        onCancel={close}
        onOk={() => scheduleForm.submit()}
        destroyOnHidden
      >
        {dialogError && <Alert type="error" showIcon message={dialogError} style={{ marginBottom: 12 }} />}
        <Form
          form={scheduleForm}
          layout="vertical"
          data-testid="schedule-form"
          onFinish={(v) =>
            run(
              async () => {
                const result = await scheduleChange(number, v.windowStart!.toISOString(), v.windowEnd!.toISOString());
                if (result.conflicts.length > 0) message.warning(t('change.schedule.conflicts', { list: result.conflicts.map((x) => x.otherChange).join(', ') }));
              },
              scheduleForm,
              t('change.schedule.done'),
            )
          }
        >
          <Form.Item name="windowStart" label={t('change.schedule.start')} rules={[{ required: true, message: t('change.form.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="windowEnd" label={t('change.schedule.end')} rules={[{ required: true, message: t('change.form.required') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={dialog === 'information'}
        title={t('change.info.title')}
        okText={t('change.ok')}
        cancelText={t('change.form.cancel')}
        confirmLoading={saving}
        onCancel={close}
        onOk={() => infoForm.submit()}
        destroyOnHidden
      >
        {dialogError && <Alert type="error" showIcon message={dialogError} style={{ marginBottom: 12 }} />}
        <Form
          form={infoForm}
          layout="vertical"
          initialValues={{ requestedFrom: c.implementerGroup }}
          onFinish={(v) => run(() => requestInformation(number, v.requestedFrom ?? '', v.question ?? ''), infoForm, t('change.info.sent'))}
        >
          <Form.Item name="requestedFrom" label={t('change.info.group')} rules={[{ required: true, message: t('change.form.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="question" label={t('change.info.question')} rules={[{ required: true, message: t('change.form.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={dialog === 'release'}
        title={t('change.release.title')}
        okText={t('change.ok')}
        cancelText={t('change.form.cancel')}
        confirmLoading={saving}
        onCancel={close}
        onOk={() => releaseForm.submit()}
        destroyOnHidden
      >
        {dialogError && <Alert type="error" showIcon message={dialogError} style={{ marginBottom: 12 }} />}
        <Form
          form={releaseForm}
          layout="vertical"
          initialValues={{ outcome: 'successful' }}
          onFinish={(v) => run(() => releaseEnded(number, v.outcome ?? 'successful', v.releaseId || undefined), releaseForm, t('change.ok'))}
        >
          <Form.Item name="outcome" label={t('change.release.outcome')}>
            <Radio.Group
              options={[
                { value: 'successful', label: t('change.release.successful') },
                { value: 'backed-out', label: t('change.release.backed-out') },
              ]}
            />
          </Form.Item>
          <Form.Item name="releaseId" label={t('change.release.id')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { DeleteOutlined, EyeInvisibleOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../app/api';
import { useI18n, type MessageKey } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import {
  ITEM_PRIORITIES,
  ITEM_TYPES,
  addTimelineEntry,
  decide,
  editTimelineEntry,
  fetchReview,
  overdue,
  replaceActionItems,
  updateSections,
  type ActionItem,
  type ReviewDetail,
  type ReviewSections,
  type TimelineEntry,
} from './reviewApi';
import { ReviewStatusTag } from './ReviewTags';
import { SimilarDocuments } from '../knowledge/SimilarDocuments';

const SECTION_TEXTS = ['rootCause', 'contributingFactors', 'impactData', 'wentWell'] as const;

/** One event review: timeline (assembled, editable), sections, action items and the approval. */
export default function ReviewPage() {
  const { number = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const [review, setReview] = useState<ReviewDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    fetchReview(number)
      .then((r) => (setReview(r), setError(null)))
      .catch((e) =>
        setError(e instanceof ApiError && e.status === 404 ? t('review.notFound', { number }) : problemText(e, t)),
      );
  }, [number, t]);
  useEffect(load, [load]);

  if (error && !review) {
    return (
      <Flex vertical gap={12}>
        <Alert type="error" showIcon message={error} />
        <Link to="/reviews">{t('review.back')}</Link>
      </Flex>
    );
  }
  if (!review) return <Spin />;
  const can = (action: string) => review.actions.includes(action);
  const sectionName = (s: string) => t(`review.section.${s}` as MessageKey);

  return (
    <Flex vertical gap={16}>
      <Link to="/reviews">{t('review.back')}</Link>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('review.title', { number: review.incidentNumber })}
        </Typography.Title>
        <ReviewStatusTag status={review.status} />
        {review.priority && <Tag>{review.priority}</Tag>}
      </Flex>
      {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} />}
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('review.col.incident')}>
          <Link to={`/incidents/${review.incidentNumber}`}>{review.incidentNumber}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('review.col.service')}>{review.service}</Descriptions.Item>
        <Descriptions.Item label={t('review.owner')}>{review.reviewOwner}</Descriptions.Item>
        <Descriptions.Item label={t('review.ownerGroup')}>{review.ownerGroup}</Descriptions.Item>
        {review.status === 'requested' && review.startDue && (
          <Descriptions.Item label={t('review.startDue')}>{formatDateTime(review.startDue)}</Descriptions.Item>
        )}
      </Descriptions>
      {review.lateStartEscalatedAt && (
        <Alert type="warning" showIcon message={t('review.lateStart', { at: formatDateTime(review.lateStartEscalatedAt) })} />
      )}
      {review.approvedBy && (
        <Alert
          type="success"
          showIcon
          message={t('review.approvedBy', { user: review.approvedBy, at: formatDateTime(review.approvedAt) })}
          description={
            review.documentId ? <Link to={`/knowledge/${review.documentId}`}>{t('review.published')}</Link> : undefined
          }
        />
      )}
      {review.openTasks.map((task) => (
        <Alert
          key={task.key}
          type="info"
          message={<Link to={`/tasks/${task.key}`}>{t('review.openTask', { name: task.name ?? task.elementId })}</Link>}
        />
      ))}
      {review.missingSections.length > 0 && review.status !== 'requested' && (
        <Alert
          type="warning"
          showIcon
          data-testid="missing-sections"
          message={t('review.missing', { sections: review.missingSections.map(sectionName).join(', ') })}
        />
      )}
      {can('approve') && <ApprovalCard review={review} onChange={setReview} onError={setError} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <TimelineCard review={review} onChange={setReview} onError={setError} />
        </Col>
        <Col xs={24} xl={12}>
          <SectionsCard review={review} onChange={setReview} onError={setError} />
        </Col>
      </Row>
      <ItemsCard review={review} onChange={setReview} onError={setError} />
      <SimilarDocuments incidentNumber={review.incidentNumber} />
    </Flex>
  );
}

interface CardProps {
  review: ReviewDetail;
  onChange: (review: ReviewDetail) => void;
  onError: (text: string | null) => void;
}

function TimelineCard({ review, onChange, onError }: CardProps) {
  const { t, formatDateTime } = useI18n();
  const editable = review.actions.includes('editTimeline');
  const [editing, setEditing] = useState<number | null>(null);
  const [text, setText] = useState('');
  const [form] = Form.useForm<{ at: Dayjs; summary: string }>();

  const change = (entry: TimelineEntry, patch: { summary?: string; hidden?: boolean }) =>
    editTimelineEntry(review.incidentNumber, entry.id, patch)
      .then((r) => (onChange(r), setEditing(null)))
      .catch((e) => onError(problemText(e, t)));

  const add = (values: { at: Dayjs; summary: string }) =>
    addTimelineEntry(review.incidentNumber, { at: values.at.toISOString(), summary: values.summary })
      .then((r) => (onChange(r), form.resetFields()))
      .catch((e) => applyFieldErrors(form, e) || onError(problemText(e, t)));

  return (
    <Card size="small" title={t('review.timeline.title')}>
      {review.timeline.length === 0 ? (
        <Typography.Text type="secondary">{t('review.timeline.empty')}</Typography.Text>
      ) : (
        <Timeline
          items={review.timeline.map((entry) => ({
            key: entry.id,
            color: entry.hidden ? 'gray' : entry.kind === 'manual' ? 'green' : 'blue',
            children: (
              <div data-testid={`timeline-${entry.id}`} style={{ opacity: entry.hidden ? 0.55 : 1 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(entry.at)} {entry.actor ? `· ${entry.actor}` : ''}
                  {entry.hidden ? ` · ${t('review.timeline.hidden')}` : ''}
                  {entry.editedBy ? ` · ${t('review.timeline.edited', { user: entry.editedBy })}` : ''}
                </Typography.Text>
                {editing === entry.id ? (
                  <Flex gap={8} vertical>
                    <Input.TextArea aria-label={t('review.timeline.summary')} value={text} onChange={(e) => setText(e.target.value)} autoSize />
                    <Space>
                      <Button size="small" type="primary" onClick={() => change(entry, { summary: text })}>
                        {t('review.timeline.save')}
                      </Button>
                      <Button size="small" onClick={() => setEditing(null)}>
                        {t('review.timeline.cancel')}
                      </Button>
                    </Space>
                  </Flex>
                ) : (
                  <div>
                    <Typography.Text delete={entry.hidden}>{entry.summary}</Typography.Text>
                    {editable && (
                      <Space size={4} style={{ marginLeft: 8 }}>
                        <Button size="small" type="link" onClick={() => (setEditing(entry.id), setText(entry.summary))}>
                          {t('review.timeline.edit')}
                        </Button>
                        <Button
                          size="small"
                          type="link"
                          icon={entry.hidden ? <EyeOutlined /> : <EyeInvisibleOutlined />}
                          onClick={() => change(entry, { hidden: !entry.hidden })}
                        >
                          {entry.hidden ? t('review.timeline.show') : t('review.timeline.hide')}
                        </Button>
                      </Space>
                    )}
                  </div>
                )}
              </div>
            ),
          }))}
        />
      )}
      {editable && (
        <Form form={form} layout="inline" onFinish={add} style={{ rowGap: 8 }}>
          <Form.Item name="at" rules={[{ required: true }]}>
            <DatePicker showTime aria-label={t('review.timeline.at')} placeholder={t('review.timeline.at')} />
          </Form.Item>
          <Form.Item name="summary" rules={[{ required: true }]} style={{ flex: 1, minWidth: 200 }}>
            <Input aria-label={t('review.timeline.summary')} placeholder={t('review.timeline.summary')} maxLength={5000} />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />}>
            {t('review.timeline.add')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

function SectionsCard({ review, onChange, onError }: CardProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const editable = review.actions.includes('editSections');
  const [form] = Form.useForm<ReviewSections>();
  useEffect(() => form.setFieldsValue(review.sections), [form, review.sections]);

  const save = (values: ReviewSections) =>
    updateSections(review.incidentNumber, values)
      .then((r) => (onChange(r), message.success(t('review.sections.saved'))))
      .catch((e) => applyFieldErrors(form, e) || onError(problemText(e, t)));

  return (
    <Card size="small" title={t('review.sections.title')}>
      <Form form={form} layout="vertical" onFinish={save} disabled={!editable}>
        {SECTION_TEXTS.slice(0, 2).map((name) => (
          <Form.Item key={name} name={name} label={t(`review.section.${name}` as MessageKey)}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} maxLength={20000} />
          </Form.Item>
        ))}
        <Typography.Text strong>{t('review.section.impact')}</Typography.Text>
        <Flex gap={12} wrap>
          <Form.Item name="impactUsers" label={t('review.section.impactUsers')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="impactDurationMinutes" label={t('review.section.impactDurationMinutes')}>
            <InputNumber min={0} />
          </Form.Item>
        </Flex>
        {SECTION_TEXTS.slice(2).map((name) => (
          <Form.Item key={name} name={name} label={t(`review.section.${name}` as MessageKey)}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 12 }} maxLength={20000} />
          </Form.Item>
        ))}
        {editable && (
          <Button type="primary" htmlType="submit">
            {t('review.sections.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

interface ItemRow {
  title: string;
  owner: string;
  dueDate: Dayjs | null;
  priority: string;
  type: string;
}

function ItemsCard({ review, onChange, onError }: CardProps) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const editable = review.actions.includes('editActionItems');
  const [form] = Form.useForm<{ items: ItemRow[] }>();
  useEffect(
    () =>
      form.setFieldsValue({
        items: review.actionItems.map((i) => ({ ...i, dueDate: dayjs(i.dueDate) })),
      }),
    [form, review.actionItems],
  );

  const save = (values: { items: ItemRow[] }) =>
    replaceActionItems(
      review.incidentNumber,
      (values.items ?? []).map((i) => ({ ...i, dueDate: i.dueDate ? i.dueDate.format('YYYY-MM-DD') : '' })),
    )
      .then((r) => (onChange(r), message.success(t('review.items.saved'))))
      .catch((e) => applyFieldErrors(form, e) || onError(problemText(e, t)));

  if (editable) {
    return (
      <Card size="small" title={t('review.items.title')}>
        <Form form={form} onFinish={save}>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} wrap data-testid="item-editor">
                    <Form.Item name={[field.name, 'title']} rules={[{ required: true }]} style={{ flex: 2, minWidth: 200, marginBottom: 0 }}>
                      <Input placeholder={t('review.item.title')} aria-label={t('review.item.title')} maxLength={500} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'owner']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                      <Input placeholder={t('review.item.owner')} aria-label={t('review.item.owner')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueDate']} rules={[{ required: true }]} style={{ marginBottom: 0 }}>
                      <DatePicker placeholder={t('review.item.dueDate')} aria-label={t('review.item.dueDate')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'priority']} initialValue="medium" style={{ marginBottom: 0 }}>
                      <Select
                        aria-label={t('review.item.priority')}
                        style={{ width: 110 }}
                        options={ITEM_PRIORITIES.map((p) => ({ value: p, label: t(`review.item.priority.${p}` as MessageKey) }))}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'type']} initialValue="fix" style={{ marginBottom: 0 }}>
                      <Select
                        aria-label={t('review.item.type')}
                        style={{ width: 110 }}
                        options={ITEM_TYPES.map((p) => ({ value: p, label: t(`review.item.type.${p}` as MessageKey) }))}
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('review.item.remove')} onClick={() => remove(field.name)} />
                  </Flex>
                ))}
                <Space>
                  <Button icon={<PlusOutlined />} onClick={() => add({ priority: 'medium', type: 'fix' })}>
                    {t('review.items.add')}
                  </Button>
                  <Button type="primary" htmlType="submit">
                    {t('review.items.save')}
                  </Button>
                </Space>
              </Flex>
            )}
          </Form.List>
        </Form>
      </Card>
    );
  }
  return (
    <Card size="small" title={t('review.items.title')}>
      <Table<ActionItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={review.actionItems}
        locale={{ emptyText: t('review.items.empty') }}
        onRow={(item) => ({ 'data-testid': `item-${item.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('review.item.title'), dataIndex: 'title' },
          { title: t('review.item.owner'), dataIndex: 'owner' },
          {
            title: t('review.item.dueDate'),
            render: (_, item) => (
              <Space size={4} wrap>
                <span>{formatDateTime(item.dueDate)}</span>
                {overdue(item) && <Tag color="red">{t('review.item.overdue')}</Tag>}
                {item.redated > 0 && <Tag>{t('review.item.redated', { count: item.redated })}</Tag>}
              </Space>
            ),
          },
          { title: t('review.item.priority'), render: (_, item) => t(`review.item.priority.${item.priority}` as MessageKey) },
          { title: t('review.item.type'), render: (_, item) => t(`review.item.type.${item.type}` as MessageKey) },
          {
            title: t('review.item.state'),
            render: (_, item) => (
              <Flex vertical>
                <Tag color={item.state === 'done' ? 'green' : item.state === 'not-done' ? 'default' : 'blue'}>
                  {t(`review.item.state.${item.state}` as MessageKey)}
                </Tag>
                {item.reason && <Typography.Text type="secondary">{item.reason}</Typography.Text>}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}

function ApprovalCard({ review, onChange, onError }: CardProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = (approved: boolean) => {
    if (!approved && !comment.trim()) {
      setCommentError(t('review.approval.commentRequired'));
      return;
    }
    setBusy(true);
    decide(review.incidentNumber, approved, comment.trim() || undefined)
      .then((r) => {
        onChange(r);
        message.success(approved ? t('review.approval.approved') : t('review.approval.changesRequested'));
      })
      .catch((e) => onError(problemText(e, t)))
      .finally(() => setBusy(false));
  };

  return (
    <Card size="small" title={t('review.approval.title')} data-testid="approval">
      <Flex vertical gap={8}>
        <Input.TextArea
          aria-label={t('review.approval.comment')}
          placeholder={t('review.approval.comment')}
          value={comment}
          status={commentError ? 'error' : undefined}
          onChange={(e) => (setComment(e.target.value), setCommentError(null))}
          maxLength={2000}
        />
        {commentError && <Typography.Text type="danger">{commentError}</Typography.Text>}
        <Space>
          <Button type="primary" loading={busy} onClick={() => send(true)}>
            {t('review.approval.approve')}
          </Button>
          <Button loading={busy} onClick={() => send(false)}>
            {t('review.approval.requestChanges')}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}

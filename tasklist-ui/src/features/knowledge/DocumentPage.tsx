import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Col, Flex, Row, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { useSession } from '../auth/session';
import {
  fetchDiff,
  fetchDocument,
  fetchVersions,
  type KnowledgeDiff,
  type KnowledgeDocument,
  type KnowledgeVersion,
} from './knowledgeApi';
import { Markdown } from './Markdown';
import { typeLabel } from './KnowledgeSearchPage';
import './knowledge.css';

/** One document: its current version rendered, its versions (who, when, note) and the diff between two. */
export default function DocumentPage() {
  const { id = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const session = useSession();
  const [document, setDocument] = useState<KnowledgeDocument | null>(null);
  const [versions, setVersions] = useState<KnowledgeVersion[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [diff, setDiff] = useState<KnowledgeDiff | null>(null);

  useEffect(() => {
    let cancelled = false;
    Promise.all([fetchDocument(id), fetchVersions(id)])
      .then(([doc, list]) => {
        if (cancelled) return;
        setDocument(doc);
        setVersions(list);
        if (list.length > 1) {
          setFrom(list[1].version);
          setTo(list[0].version);
        }
      })
      .catch((e) =>
        !cancelled && setError(e instanceof ApiError && e.status === 404 ? t('knowledge.notFound', { id }) : problemText(e, t)),
      );
    return () => {
      cancelled = true;
    };
  }, [id, t]);

  const compare = useCallback(() => {
    if (from === undefined || to === undefined) return;
    fetchDiff(id, from, to)
      .then(setDiff)
      .catch((e) => setError(problemText(e, t)));
  }, [id, from, to, t]);

  if (error) {
    return (
      <Flex vertical gap={12}>
        <Alert type="error" showIcon message={error} />
        <Link to="/knowledge">{t('knowledge.back')}</Link>
      </Flex>
    );
  }
  if (!document) return <Spin />;
  const writable = document.type !== 'post-incident-review' && !session.hasRole('AUDITOR');
  const versionOptions = versions.map((v) => ({ value: v.version, label: t('knowledge.version', { version: v.version }) }));

  return (
    <Flex vertical gap={16}>
      <Link to="/knowledge">{t('knowledge.back')}</Link>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="document-title">
          {document.title}
        </Typography.Title>
        {writable && (
          <Link to={`/knowledge/${document.id}/edit`}>
            <Button icon={<EditOutlined />}>{t('knowledge.edit')}</Button>
          </Link>
        )}
      </Flex>
      <Space wrap>
        <Tag color="blue">{typeLabel(t, document.type)}</Tag>
        {document.services.map((s) => (
          <Tag key={`s-${s}`}>{s}</Tag>
        ))}
        {document.tags.map((s) => (
          <Tag key={`t-${s}`} color="geekblue">
            #{s}
          </Tag>
        ))}
        {document.incidentNumber && (
          <>
            <Link to={`/incidents/${document.incidentNumber}`}>{t('knowledge.incident', { number: document.incidentNumber })}</Link>
            <Link to={`/reviews/${document.incidentNumber}`}>{t('knowledge.review')}</Link>
          </>
        )}
        <Typography.Text type="secondary">
          {t('knowledge.updated', { version: document.version, user: document.updatedBy, at: formatDateTime(document.updatedAt) })}
        </Typography.Text>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Markdown text={document.body} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('knowledge.versions')}>
            <Table
              size="small"
              rowKey="version"
              pagination={false}
              dataSource={versions}
              columns={[
                { title: '#', dataIndex: 'version', width: 48 },
                {
                  title: t('knowledge.versions'),
                  render: (_, v: KnowledgeVersion) => (
                    <Flex vertical>
                      <Typography.Text>{v.author}</Typography.Text>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(v.createdAt)}
                      </Typography.Text>
                      {v.changeNote && <Typography.Text style={{ fontSize: 12 }}>{v.changeNote}</Typography.Text>}
                    </Flex>
                  ),
                },
              ]}
            />
            {versions.length > 1 && (
              <Space wrap style={{ marginTop: 12 }}>
                <Select aria-label={t('knowledge.compareFrom')} value={from} onChange={setFrom} options={versionOptions} style={{ width: 110 }} />
                <Select aria-label={t('knowledge.compareTo')} value={to} onChange={setTo} options={versionOptions} style={{ width: 110 }} />
                <Button onClick={compare}>{t('knowledge.compare')}</Button>
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      {diff && (
        <Card size="small" title={t('knowledge.diff.title', { from: diff.from, to: diff.to })} data-testid="diff">
          {diff.titleChanged && <Typography.Paragraph>{t('knowledge.diff.titleChanged')}</Typography.Paragraph>}
          {diff.tagsAdded.length > 0 && <Typography.Paragraph>{t('knowledge.diff.tagsAdded', { tags: diff.tagsAdded.join(', ') })}</Typography.Paragraph>}
          {diff.tagsRemoved.length > 0 && (
            <Typography.Paragraph>{t('knowledge.diff.tagsRemoved', { tags: diff.tagsRemoved.join(', ') })}</Typography.Paragraph>
          )}
          <div className="knowledge-diff">
            {diff.lines.map((line, i) => (
              <div key={i} className={line.op} data-op={line.op}>
                {line.op === 'added' ? '+ ' : line.op === 'removed' ? '- ' : '  '}
                {line.text}
              </div>
            ))}
          </div>
        </Card>
      )}
    </Flex>
  );
}

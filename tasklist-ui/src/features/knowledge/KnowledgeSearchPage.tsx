import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Empty, Flex, Input, List, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useI18n, type MessageKey } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { useSession } from '../auth/session';
import { DOCUMENT_TYPES, searchDocuments, type SearchPage } from './knowledgeApi';
import { Highlight } from './Highlight';
import './knowledge.css';

export function typeLabel(t: (key: MessageKey) => string, type: string): string {
  return (DOCUMENT_TYPES as readonly string[]).includes(type) ? t(`knowledge.type.${type}` as MessageKey) : type;
}

/** Search of the knowledge base: words in any language, filters by type, service and tag, highlighted hits. */
export default function KnowledgeSearchPage() {
  const { t, formatDateTime } = useI18n();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = params.get('type') ?? '';
  const service = params.get('service') ?? '';
  const tag = params.get('tag') ?? '';
  const [text, setText] = useState(q);
  const [page, setPage] = useState<SearchPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    searchDocuments({ q: q || undefined, type: type || undefined, service: service || undefined, tag: tag || undefined })
      .then((result) => !cancelled && (setPage(result), setError(null)))
      .catch((e) => !cancelled && setError(problemText(e, t)));
    return () => {
      cancelled = true;
    };
  }, [q, type, service, tag, t]);

  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const options = (counts: Record<string, number> | undefined, label?: (key: string) => string) =>
    Object.entries(counts ?? {}).map(([key, count]) => ({ value: key, label: `${label ? label(key) : key} (${count})` }));
  const auditor = session.hasRole('AUDITOR');

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('knowledge.title')}
        </Typography.Title>
        {!auditor && (
          <Link to="/knowledge/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('knowledge.new')}
            </Button>
          </Link>
        )}
      </Flex>
      <Input.Search
        aria-label={t('knowledge.search')}
        placeholder={t('knowledge.search')}
        enterButton={t('knowledge.searchButton')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(value) => set('q', value.trim())}
        allowClear
      />
      <Space wrap>
        <Select
          aria-label={t('knowledge.filter.type')}
          placeholder={t('knowledge.filter.type')}
          style={{ minWidth: 180 }}
          allowClear
          value={type || undefined}
          onChange={(value) => set('type', value ?? '')}
          options={DOCUMENT_TYPES.map((value) => ({ value, label: typeLabel(t, value) }))}
        />
        <Select
          aria-label={t('knowledge.filter.service')}
          placeholder={t('knowledge.filter.service')}
          style={{ minWidth: 180 }}
          allowClear
          value={service || undefined}
          onChange={(value) => set('service', value ?? '')}
          options={options(page?.facets.services)}
        />
        <Select
          aria-label={t('knowledge.filter.tag')}
          placeholder={t('knowledge.filter.tag')}
          style={{ minWidth: 180 }}
          allowClear
          value={tag || undefined}
          onChange={(value) => set('tag', value ?? '')}
          options={options(page?.facets.tags)}
        />
      </Space>
      {error && <Alert type="error" showIcon message={error} />}
      {page && (
        <Card size="small" title={t('knowledge.results', { total: page.total })}>
          {page.items.length === 0 ? (
            <Empty description={t('knowledge.empty')} />
          ) : (
            <List
              dataSource={page.items}
              renderItem={(hit) => (
                <List.Item key={hit.document.id} data-testid={`knowledge-hit-${hit.document.id}`}>
                  <Flex vertical gap={4} style={{ width: '100%' }}>
                    <Space wrap>
                      <Link to={`/knowledge/${hit.document.id}`}>
                        <Typography.Text strong>
                          {hit.highlights.title?.[0] ? <Highlight fragment={hit.highlights.title[0]} /> : hit.document.title}
                        </Typography.Text>
                      </Link>
                      <Tag color="blue">{typeLabel(t, hit.document.type)}</Tag>
                      {hit.document.services.map((s) => (
                        <Tag key={`s-${s}`}>{s}</Tag>
                      ))}
                      {hit.document.tags.map((s) => (
                        <Tag key={`t-${s}`} color="geekblue">
                          #{s}
                        </Tag>
                      ))}
                    </Space>
                    {(hit.highlights.body ?? []).map((fragment, i) => (
                      <Typography.Text key={i} type="secondary" data-testid="knowledge-fragment">
                        … <Highlight fragment={fragment} /> …
                      </Typography.Text>
                    ))}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('knowledge.updated', {
                        version: hit.document.version,
                        user: hit.document.updatedBy,
                        at: formatDateTime(hit.document.updatedAt),
                      })}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
    </Flex>
  );
}

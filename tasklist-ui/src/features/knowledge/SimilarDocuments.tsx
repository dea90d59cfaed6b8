import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Card, Empty, List, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { fetchSimilar, type SearchResult, type Similar } from './knowledgeApi';
import { typeLabel } from './KnowledgeSearchPage';

/**
 * "Similar incidents and runbooks" for an incident, from its service and alert labels; a card any
 * page about an incident can show. Shows nothing when the incident cannot be read.
 */
export function SimilarDocuments({ incidentNumber }: { incidentNumber: string }) {
  const { t } = useI18n();
  const [similar, setSimilar] = useState<Similar | null>(null);

  useEffect(() => {
    let cancelled = false;
    fetchSimilar(incidentNumber)
      .then((result) => !cancelled && setSimilar(result))
      .catch(() => !cancelled && setSimilar(null));
    return () => {
      cancelled = true;
    };
  }, [incidentNumber]);

  if (!similar) return null;
  const items: SearchResult[] = [...similar.incidents, ...similar.runbooks];
  return (
    <Card size="small" title={t('knowledge.similar.title')} data-testid="similar-documents">
      {items.length === 0 ? (
        <Empty description={t('knowledge.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item key={item.document.id}>
              <Link to={`/knowledge/${item.document.id}`}>
                <Typography.Text>{item.document.title}</Typography.Text>
              </Link>
              <Tag color="blue">{typeLabel(t, item.document.type)}</Tag>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

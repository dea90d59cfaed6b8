import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Spin, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { componentsOf, fetchHealth, type HealthReport } from './healthApi';
import { StatusTag } from './StatusTag';
import { useI18n } from '../../app/i18n';

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; report: HealthReport }
  | { kind: 'failed'; error: string };

/** Small panel showing the backend's overall health and that of each component. */
export function SystemStatus() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchHealth(controller.signal)
      .then((report) => setState({ kind: 'loaded', report }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
      });
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  return (
    <Card
      size="small"
      title={t('status.title')}
      data-testid="system-status"
      extra={
        <Button
          type="text"
          size="small"
          icon={<ReloadOutlined />}
          onClick={reload}
          aria-label={t('status.refresh')}
        />
      }
    >
      {state.kind === 'loading' && <Spin size="small" />}
      {state.kind === 'failed' && (
        <Alert type="error" showIcon title={t('status.unavailable')} description={state.error} />
      )}
      {state.kind === 'loaded' && <Report report={state.report} />}
    </Card>
  );
}

function Report({ report }: { report: HealthReport }) {
  const { t } = useI18n();
  const components = componentsOf(report);
  return (
    <Flex vertical gap={6}>
      <Flex justify="space-between" align="center" data-component="overall" data-status={report.status}>
        <Typography.Text strong>{t('status.overall')}</Typography.Text>
        <StatusTag status={report.status} />
      </Flex>
      {components.length === 0 && (
        <Typography.Text type="secondary">{t('status.noComponents')}</Typography.Text>
      )}
      {components.map(({ name, status }) => (
        <Flex
          key={name}
          justify="space-between"
          align="center"
          data-component={name}
          data-status={status}
        >
          <Typography.Text code>{name}</Typography.Text>
          <StatusTag status={status} />
        </Flex>
      ))}
    </Flex>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, List, Modal, Progress, Select, Space, Tag, Typography } from 'antd';
import { useI18n, type MessageKey } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { useSession } from '../auth/session';
import { MigrationFields } from './MigrationFields';
import { fetchBatches, startBatch, type Batch, type BatchType, type DefinitionStats, type InstanceFilter } from './operationsApi';

const RUNNING = new Set(['CREATED', 'ACTIVE', 'SUSPENDED']);

/**
 * Batch operations over the instance list's filter (operators start them; auditors see them): cancel
 * the instances, resolve their incidents or migrate them, then the progress of each batch, read
 * again every two seconds while one runs, with the failed items' messages.
 */
export function BatchOperationsCard({ filter, total, definitions, onFinished }: {
  filter: InstanceFilter;
  total: string | null;
  definitions: DefinitionStats[];
  /** Called when the batches running before have all ended (the list shows their effect). */
  onFinished?: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const operator = useSession().hasRole('OPERATOR');
  const [batches, setBatches] = useState<Batch[] | null>(null);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const type = Form.useWatch('type', form) as BatchType | undefined;

  const load = useCallback(() => {
    fetchBatches().then(setBatches).catch(() => setBatches([]));
  }, []);
  useEffect(load, [load]);
  const running = (batches ?? []).some((b) => b.state !== null && RUNNING.has(b.state));
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(load, 2000);
    return () => clearInterval(timer);
  }, [running, load]);
  const wasRunning = useRef(false);
  useEffect(() => {
    if (batches === null) return;
    if (wasRunning.current && !running) onFinished?.();
    wasRunning.current = running;
    // looked at on each answer of the batches (running may stay false when a batch ends between two looks)
  }, [batches]);

  const versions = definitions.filter((d) => d.processDefinitionId === filter.processDefinitionId);
  const submit = async (values: { type: BatchType; reason: string; targetProcessDefinitionKey?: string; mappingInstructions?: { sourceElementId: string; targetElementId: string }[] }) => {
    try {
      await startBatch(values.type, filter, values.reason, values.type === 'migrate'
        ? { targetProcessDefinitionKey: values.targetProcessDefinitionKey ?? '', mappingInstructions: values.mappingInstructions ?? [] }
        : undefined);
      setOpen(false);
      message.success(t('ops.done'));
      wasRunning.current = true; // the new batch counts as running until it is seen finished
      setTimeout(load, 500);
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(problemText(e, t));
    }
  };

  return (
    <Card
      size="small"
      title={t('ops.batch.recent')}
      data-testid="batches"
      extra={operator && (
        <Button onClick={() => { form.resetFields(); setOpen(true); }} disabled={!filter.processDefinitionId} data-testid="start-batch"
          title={filter.processDefinitionId ? undefined : t('ops.batch.needsProcess')}>
          {t('ops.batch.start')}
        </Button>
      )}
    >
      <List<Batch>
        size="small"
        dataSource={batches ?? []}
        loading={batches === null}
        locale={{ emptyText: t('ops.batch.none') }}
        renderItem={(b) => {
          const done = (b.completed ?? 0) + (b.failed ?? 0);
          const percent = b.total ? Math.round((done / b.total) * 100) : b.state === 'COMPLETED' ? 100 : 0;
          return (
            <List.Item data-testid={`batch-${b.key}`}>
              <Flex vertical style={{ width: '100%' }} gap={4}>
                <Space wrap size={4}>
                  <Typography.Text strong>{b.type ? t(`ops.batch.type.${b.type}` as MessageKey) : b.key}</Typography.Text>
                  <Tag color={b.state === 'COMPLETED' ? 'success' : b.failed ? 'error' : 'processing'}>{b.state}</Tag>
                  <Typography.Text type="secondary">{b.startDate ? formatDateTime(b.startDate) : ''}</Typography.Text>
                </Space>
                <Progress percent={percent} size="small" status={b.failed ? 'exception' : b.state === 'COMPLETED' ? 'success' : 'active'} />
                <Typography.Text type="secondary">
                  {t('ops.batch.progress', { completed: b.completed ?? 0, failed: b.failed ?? 0, total: b.total ?? '…' })}
                </Typography.Text>
              </Flex>
            </List.Item>
          );
        }}
      />
      <Modal open={open} title={t('ops.batch.title')} onCancel={() => setOpen(false)} onOk={() => form.submit()}
        okButtonProps={{ danger: type === 'cancel', id: 'confirm-batch' }} destroyOnHidden>
        <Alert type="warning" showIcon title={t('ops.batch.scope', { total: total ?? '…' })} style={{ marginBottom: 12 }} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ type: 'cancel' }}>
          <Form.Item name="type" label={t('ops.batch.type')} rules={[{ required: true }]}>
            <Select data-testid="batch-type" options={(['cancel', 'resolve-incidents', 'migrate'] as const).map((value) => ({ value, label: t(`ops.batch.type.${value}`) }))} />
          </Form.Item>
          {type === 'migrate' && <MigrationFields versions={versions} />}
          <Form.Item name="reason" label={t('ops.reason')} rules={[{ required: true, whitespace: true, message: t('ops.reason.required') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="batch-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

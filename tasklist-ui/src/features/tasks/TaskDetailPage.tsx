import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { useSession } from '../auth/session';
import { DueBadge } from './DueBadge';
import { useNow } from './due';
import { mapFieldErrors } from './formSchema';
import { TaskForm, type TaskFormHandle } from './TaskForm';
import {
  assignTask,
  claimTask,
  completeTask,
  fetchTask,
  processLabel,
  taskName,
  unclaimTask,
  type TaskDetail,
} from './tasksApi';

type Load = { kind: 'loading' } | { kind: 'loaded'; task: TaskDetail } | { kind: 'failed'; error: unknown };

interface ServerErrors {
  fields: { key: string; label: string; reasons: string[] }[];
  summary?: string;
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value, null, 2);
  return String(value);
}

/** One task: its facts, claim/unclaim/assign, and its form (or its variables) to complete it. */
export default function TaskDetailPage() {
  const { key = '' } = useParams();
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const now = useNow();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [busy, setBusy] = useState<string>();
  const [serverErrors, setServerErrors] = useState<ServerErrors>();
  const [localInvalid, setLocalInvalid] = useState(false);
  const [assignOpen, setAssignOpen] = useState(false);
  const [assignForm] = Form.useForm<{ assignee: string }>();
  const formRef = useRef<TaskFormHandle>(null);

  const reload = useCallback(
    (signal?: AbortSignal) =>
      fetchTask(key, signal)
        .then((task) => setLoad({ kind: 'loaded', task }))
        .catch((error: unknown) => {
          if (!signal?.aborted) setLoad({ kind: 'failed', error });
        }),
    [key],
  );

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ kind: 'loading' });
    void reload(controller.signal);
    return () => controller.abort();
  }, [reload]);

  if (load.kind === 'loading') {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin size="large" />
      </Flex>
    );
  }
  if (load.kind === 'failed') {
    const notFound = load.error instanceof ApiError && load.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('task.notFound') : problemText(load.error, t)}
        extra={
          <Link to="/inbox">
            <Button type="primary">{t('app.backHome')}</Button>
          </Link>
        }
      />
    );
  }

  const task = load.task;
  const name = taskName(task);

  async function act(action: string, call: () => Promise<unknown>, success: string) {
    setBusy(action);
    try {
      await call();
      void message.success(success);
      await reload();
    } catch (error) {
      void message.error(problemText(error, t));
      if (error instanceof ApiError && (error.status === 404 || error.status === 409)) await reload();
    } finally {
      setBusy(undefined);
    }
  }

  async function complete() {
    setServerErrors(undefined);
    setLocalInvalid(false);
    let variables: Record<string, unknown> = {};
    if (task.form) {
      const data = formRef.current?.submit();
      if (!data) {
        setLocalInvalid(true);
        return;
      }
      variables = data;
    }
    setBusy('complete');
    try {
      await completeTask(task.key, variables);
      navigate('/inbox', { state: { flash: t('task.completed', { name }) } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && (error.problem.errors?.length ?? 0) > 0) {
        const { byFieldId, byKey, other } = mapFieldErrors(task.form, error.fieldErrors());
        formRef.current?.showErrors(byFieldId);
        setServerErrors({
          fields: [
            ...Object.entries(byKey).map(([key, value]) => ({ key, ...value })),
            ...Object.entries(other).map(([key, reasons]) => ({ key, label: key, reasons })),
          ],
        });
        void message.error(t('task.invalidLocal'));
      } else {
        void message.error(problemText(error, t));
        setServerErrors({ fields: [], summary: problemText(error, t) });
      }
    } finally {
      setBusy(undefined);
    }
  }

  const mine = !!task.assignee && task.assignee === session.me?.username;
  const notice = !task.canComplete
    ? task.assignee && !mine
      ? t('task.notYours', { assignee: task.assignee })
      : t('task.claimFirst')
    : undefined;

  const actions = (
    <Space wrap>
      {task.canClaim && (
        <Button
          type="primary"
          loading={busy === 'claim'}
          onClick={() => act('claim', () => claimTask(task.key), t('tasks.claimed', { name }))}
          data-testid="claim"
        >
          {t('tasks.claim')}
        </Button>
      )}
      {task.canUnclaim && (
        <Button
          loading={busy === 'unclaim'}
          onClick={() => act('unclaim', () => unclaimTask(task.key), t('tasks.unclaimed', { name }))}
          data-testid="unclaim"
        >
          {t('tasks.unclaim')}
        </Button>
      )}
      {task.canAssign && (
        <Button onClick={() => setAssignOpen(true)} data-testid="assign">
          {t('tasks.assign')}
        </Button>
      )}
    </Space>
  );

  return (
    <>
      <Breadcrumb items={[{ title: <Link to="/inbox">{t('task.back')}</Link> }, { title: name }]} style={{ marginBottom: 8 }} />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Space align="center" wrap>
          <Typography.Title level={3} className="suoke-page-title" style={{ margin: 0 }} data-testid="task-title">
            {name}
          </Typography.Title>
          <DueBadge due={task.dueDate} now={now} />
        </Space>
        {actions}
      </Flex>
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'process', label: t('task.facts.process'), children: processLabel(task) },
              { key: 'businessKey', label: t('task.facts.businessKey'), children: task.businessKey || '—' },
              { key: 'instance', label: t('task.facts.instance'), children: <Typography.Text copyable>{task.processInstanceKey}</Typography.Text> },
              { key: 'element', label: t('task.facts.element'), children: task.elementId },
              {
                key: 'assignee',
                label: t('task.facts.assignee'),
                children: task.assignee ? (mine ? `${task.assignee} (${t('tasks.me')})` : task.assignee) : t('tasks.unassigned'),
              },
              {
                key: 'candidates',
                label: t('task.facts.candidates'),
                children: (
                  <Space size={4} wrap>
                    {task.candidateGroups.map((group) => (
                      <Tag key={`g-${group}`}>{group}</Tag>
                    ))}
                    {task.candidateUsers.map((user) => (
                      <Tag key={`u-${user}`} color="blue">
                        {user}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
              { key: 'priority', label: t('task.facts.priority'), children: task.priority ?? '—' },
              { key: 'created', label: t('task.facts.created'), children: formatDateTime(task.creationDate) || '—' },
              { key: 'due', label: t('task.facts.due'), children: formatDateTime(task.dueDate) || '—' },
              ...(task.followUpDate
                ? [{ key: 'followUp', label: t('task.facts.followUp'), children: formatDateTime(task.followUpDate) }]
                : []),
            ]}
          />
        </Card>

        <Card size="small" title={task.form ? t('task.form') : t('task.variables')}>
          {notice && <Alert type="info" showIcon title={notice} style={{ marginBottom: 12 }} data-testid="task-notice" />}
          {serverErrors && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="task-errors"
              style={{ marginBottom: 12 }}
              title={serverErrors.summary ?? t('task.invalid')}
              description={
                serverErrors.fields.length > 0 && (
                  <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                    {serverErrors.fields.map((field) => (
                      <li key={field.key} data-field={field.key}>
                        <strong>{field.label}</strong>: {field.reasons.join('; ')}
                      </li>
                    ))}
                  </ul>
                )
              }
            />
          )}
          {localInvalid && <Alert type="warning" showIcon title={t('task.invalidLocal')} style={{ marginBottom: 12 }} />}
          {task.form ? (
            <TaskForm ref={formRef} schema={task.form} data={task.variables} readOnly={!task.canComplete} />
          ) : Object.keys(task.variables).length === 0 ? (
            <Empty description={t('task.noVariables')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Descriptions
              size="small"
              bordered
              column={1}
              data-testid="task-variables"
              items={Object.entries(task.variables).map(([name, value]) => ({
                key: name,
                label: name,
                children: <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>{valueText(value)}</pre>,
              }))}
            />
          )}
          <Flex justify="end" style={{ marginTop: 16 }}>
            <Button
              type="primary"
              size="large"
              disabled={!task.canComplete}
              loading={busy === 'complete'}
              onClick={() => void complete()}
              data-testid="complete"
            >
              {t('task.complete')}
            </Button>
          </Flex>
        </Card>
      </Flex>

      <Modal
        open={assignOpen}
        title={t('task.assignTitle')}
        okText={t('tasks.assign')}
        cancelText={t('admin.cancel')}
        confirmLoading={busy === 'assign'}
        onCancel={() => setAssignOpen(false)}
        onOk={() => assignForm.submit()}
        destroyOnHidden
      >
        <Form
          form={assignForm}
          layout="vertical"
          onFinish={async ({ assignee }) => {
            await act('assign', () => assignTask(task.key, assignee.trim()), t('tasks.assigned', { name, assignee: assignee.trim() }));
            setAssignOpen(false);
          }}
        >
          <Form.Item
            name="assignee"
            label={t('task.assignee')}
            rules={[{ required: true, whitespace: true, message: t('task.assignee.required') }]}
          >
            <Input autoFocus list="task-candidate-users" data-testid="assignee-input" />
          </Form.Item>
          <datalist id="task-candidate-users">
            {task.candidateUsers.map((user) => (
              <option key={user} value={user} />
            ))}
          </datalist>
        </Form>
      </Modal>
    </>
  );
}

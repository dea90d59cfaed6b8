import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Badge, Button, Card, Flex, List, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { ApiError } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import type { EditorHandle } from './BpmnEditor';
import {
  deployDraft,
  draftFileUrl,
  fetchDraft,
  problemsFromReasons,
  saveDraft,
  validateDraft,
  type Draft,
  type ModelProblem,
} from './modelsApi';

const BpmnEditor = lazy(() => import('./BpmnEditor'));
const DmnEditor = lazy(() => import('./DmnEditor'));
const FormEditor = lazy(() => import('./FormEditor'));

/**
 * A draft in its editor (BPMN modeler with Camunda 8 properties, DMN editor or form editor):
 * save (the database keeps it; nothing deployed), validate on the server with the deploy-time
 * rules (problems listed and drawn on their elements), deploy as a new version, download the file
 * to commit under processes/.
 */
export default function ModelEditorPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<ModelProblem[] | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const editor = useRef<EditorHandle | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchDraft(id, controller.signal)
      .then(setDraft)
      .catch((e) => !controller.signal.aborted && setError(problemText(e, t)));
    return () => controller.abort();
  }, [id, t]);

  const onReady = useCallback((handle: EditorHandle) => {
    editor.current = handle;
  }, []);
  const onChange = useCallback(() => setDirty(true), []);

  const save = async (): Promise<boolean> => {
    if (!draft || !editor.current) return false;
    const content = await editor.current.content();
    const saved = await saveDraft(draft.id, { resourceName: draft.resourceName, content });
    setDraft({ ...saved, content: draft.content });
    setDirty(false);
    return true;
  };

  const show = (found: ModelProblem[]) => {
    setProblems(found);
    editor.current?.showProblems(found);
  };

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.problem.errors?.some((p) => p.field === 'resources')) {
        show(problemsFromReasons(e.problem.errors.filter((p) => p.field === 'resources').map((p) => p.reason)));
      } else {
        message.error(problemText(e, t));
      }
    } finally {
      setBusy(false);
    }
  };

  const onSave = () => run(async () => {
    await save();
    message.success(t('editor.saved'));
  });
  const onValidate = () => run(async () => {
    await save();
    const result = await validateDraft(id);
    show(result.problems);
  });
  const onDeploy = () => run(async () => {
    await save();
    const result = await validateDraft(id);
    show(result.problems);
    if (!result.valid) return;
    const deployed = await deployDraft(id);
    message.success(t('editor.deployed', { resources: deployed.resources.map((r) => `${r.id} v${r.version}`).join(', ') }));
  });

  if (error) return <Alert type="error" showIcon title={t('editor.loadFailed', { detail: error })} />;
  if (!draft || draft.content === null) return <Spin />;

  return (
    <Card
      title={
        <Space wrap>
          <span data-testid="draft-name">{draft.resourceName}</span>
          {draft.baseId && <Tag>{t('editor.base', { id: draft.baseId, version: draft.baseVersion ?? '' })}</Tag>}
          {dirty && <Badge status="warning" text={t('editor.unsaved')} />}
        </Space>
      }
      extra={<Link to="/models?tab=drafts">{t('editor.back')}</Link>}
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Button icon={<SaveOutlined />} onClick={onSave} loading={busy} data-testid="save-draft">
          {t('editor.save')}
        </Button>
        <Button icon={<CheckCircleOutlined />} onClick={onValidate} loading={busy} data-testid="validate-draft">
          {t('editor.validate')}
        </Button>
        <Popconfirm title={t('editor.deployConfirm', { name: draft.resourceName })} onConfirm={onDeploy}>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={busy} data-testid="deploy-draft">
            {t('editor.deploy')}
          </Button>
        </Popconfirm>
        <Button icon={<DownloadOutlined />} href={draftFileUrl(draft.id)} onClick={(e) => dirty && e.preventDefault()} disabled={dirty}>
          {t('models.download')}
        </Button>
      </Flex>
      {problems && (
        <div data-testid="validation-result" data-valid={problems.length === 0} style={{ marginBottom: 12 }}>
          {problems.length === 0 ? (
            <Alert type="success" showIcon title={t('editor.valid')} />
          ) : (
            <Alert
              type="error"
              showIcon
              title={t('editor.invalid', { count: problems.length })}
              description={
                <List
                  size="small"
                  dataSource={problems}
                  renderItem={(p) => (
                    <List.Item>
                      <Typography.Text>
                        {p.elementId ? (
                          <Typography.Link onClick={() => p.elementId && editor.current?.select?.(p.elementId)}>
                            {t('editor.problem.element', { id: p.elementId })}
                          </Typography.Link>
                        ) : (
                          t('editor.problem.file')
                        )}
                        {': '}
                        {p.message}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              }
            />
          )}
        </div>
      )}
      <Suspense fallback={<Spin />}>
        {draft.kind === 'bpmn' && <BpmnEditor xml={draft.content} onReady={onReady} onChange={onChange} />}
        {draft.kind === 'dmn' && <DmnEditor xml={draft.content} onReady={onReady} />}
        {draft.kind === 'form' && <FormEditor json={draft.content} onReady={onReady} />}
      </Suspense>
    </Card>
  );
}

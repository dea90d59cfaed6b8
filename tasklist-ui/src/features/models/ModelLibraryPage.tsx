import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Dropdown, Form, Input, Modal, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DiffOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { problemText } from '../../app/problems';
import { useSession } from '../auth/session';
import { PHONE, useMediaQuery } from '../../app/useMediaQuery';
import {
  createDraft,
  deleteDraft,
  draftFileUrl,
  fetchContent,
  fetchDrafts,
  fetchModels,
  resourceNameOf,
  type Draft,
  type DraftKind,
  type Model,
  type ModelVersion,
} from './modelsApi';
import { emptyBpmn, emptyDmn, emptyForm } from './emptyModels';

const ModelDiff = lazy(() => import('./ModelDiff'));

const ID_RULE = /^[A-Za-z][A-Za-z0-9_-]{0,99}$/;

/**
 * The model library of process designers (operators and auditors read it): every deployed
 * process, decision and form with its versions, who deployed each and when; open a version in the
 * editor (as a new draft), compare two versions of a process; the drafts.
 */
export default function ModelLibraryPage() {
  const { t, formatDateTime } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const designer = session.hasRole('DESIGNER');
  const navigate = useNavigate();
  const phone = useMediaQuery(PHONE);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'drafts' && designer ? 'drafts' : 'library';
  const [models, setModels] = useState<Model[] | null>(null);
  const [drafts, setDrafts] = useState<Draft[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [diff, setDiff] = useState<Model | null>(null);
  const [creating, setCreating] = useState<DraftKind | null>(null);
  const [form] = Form.useForm<{ id: string }>();

  const load = useCallback(() => {
    const controller = new AbortController();
    fetchModels(controller.signal)
      .then(setModels)
      .catch((e) => !controller.signal.aborted && setError(problemText(e, t)));
    if (designer) fetchDrafts(controller.signal).then(setDrafts).catch(() => undefined);
    return () => controller.abort();
  }, [designer, t]);
  useEffect(load, [load]);

  const openVersion = async (model: Model, version: ModelVersion) => {
    try {
      const content = await fetchContent(model.kind, model.id, version.version);
      const draft = await createDraft({
        resourceName: resourceNameOf(model, version),
        content,
        baseId: model.id,
        baseVersion: version.version,
      });
      navigate(`/models/${draft.id}`);
    } catch (e) {
      message.error(problemText(e, t));
    }
  };

  const createNew = async ({ id }: { id: string }) => {
    if (!creating) return;
    const content = creating === 'bpmn' ? emptyBpmn(id) : creating === 'dmn' ? emptyDmn(id) : emptyForm(id);
    try {
      const draft = await createDraft({ resourceName: `${id}.${creating}`, content });
      setCreating(null);
      navigate(`/models/${draft.id}`);
    } catch (e) {
      message.error(problemText(e, t));
    }
  };

  const versionColumns = (model: Model) => [
    { title: t('models.col.versions'), dataIndex: 'version', key: 'version', width: 90 },
    {
      title: t('models.col.deployedBy'),
      key: 'by',
      render: (_: unknown, v: ModelVersion) => v.deployedBy ?? <Typography.Text type="secondary">{t('models.unknownDeployer')}</Typography.Text>,
    },
    { title: t('models.col.deployedAt'), key: 'at', render: (_: unknown, v: ModelVersion) => (v.deployedAt ? formatDateTime(v.deployedAt) : '') },
    ...(designer
      ? [
          {
            title: '',
            key: 'actions',
            render: (_: unknown, v: ModelVersion) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => openVersion(model, v)} data-testid={`edit-${model.id}-${v.version}`}>
                {t('models.editVersion', { version: v.version })}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const library = (
    <Table<Model>
      rowKey={(m) => `${m.kind}:${m.id}`}
      dataSource={models ?? []}
      loading={models === null && !error}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('models.empty') }}
      size={phone ? 'small' : 'middle'}
      scroll={{ x: true }}
      expandable={{ expandedRowRender: (m) => <Table rowKey="version" size="small" pagination={false} columns={versionColumns(m)} dataSource={m.versions} /> }}
      columns={[
        { title: t('models.col.kind'), key: 'kind', render: (_, m) => <Tag>{t(`models.kind.${m.kind}` as const)}</Tag>, width: 90 },
        { title: t('models.col.id'), dataIndex: 'id', key: 'id', render: (id: string) => <span data-testid={`model-${id}`}>{id}</span> },
        ...(phone ? [] : [{ title: t('models.col.name'), dataIndex: 'name', key: 'name' }]),
        { title: t('models.col.latest'), key: 'latest', render: (_, m) => m.versions[0]?.version },
        ...(phone
          ? []
          : [
              { title: t('models.col.deployedBy'), key: 'by', render: (_: unknown, m: Model) => m.versions[0]?.deployedBy ?? '' },
              { title: t('models.col.deployedAt'), key: 'at', render: (_: unknown, m: Model) => (m.versions[0]?.deployedAt ? formatDateTime(m.versions[0].deployedAt) : '') },
            ]),
        {
          title: '',
          key: 'actions',
          render: (_, m) => (
            <Space wrap>
              {designer && (
                <Button size="small" icon={<EditOutlined />} onClick={() => openVersion(m, m.versions[0])} data-testid={`edit-${m.id}`}>
                  {t('models.edit')}
                </Button>
              )}
              {m.kind === 'process' && m.versions.length > 1 && (
                <Button size="small" icon={<DiffOutlined />} onClick={() => setDiff(m)}>
                  {t('models.diff')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );

  const draftList = (
    <Table<Draft>
      rowKey="id"
      dataSource={drafts ?? []}
      loading={drafts === null}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('models.drafts.empty') }}
      size={phone ? 'small' : 'middle'}
      scroll={{ x: true }}
      columns={[
        { title: t('models.col.resource'), key: 'name', render: (_, d) => <Link to={`/models/${d.id}`}>{d.resourceName}</Link> },
        { title: t('models.col.kind'), dataIndex: 'kind', key: 'kind', render: (k: string) => <Tag>{k.toUpperCase()}</Tag> },
        { title: t('models.col.updated'), key: 'updated', render: (_, d) => `${formatDateTime(d.updatedAt)} · ${d.updatedBy}` },
        {
          title: '',
          key: 'actions',
          render: (_, d) => (
            <Space wrap>
              <Button size="small" icon={<DownloadOutlined />} href={draftFileUrl(d.id)}>
                {t('models.download')}
              </Button>
              <Popconfirm
                title={t('models.drafts.deleteConfirm', { name: d.resourceName })}
                onConfirm={() => deleteDraft(d.id).then(load).catch((e) => message.error(problemText(e, t)))}
              >
                <Button size="small" danger>
                  {t('models.drafts.delete')}
                </Button>
              </Popconfirm>
            </Space>
          ),
        },
      ]}
    />
  );

  return (
    <Card
      title={t('models.title')}
      extra={
        designer && (
          <Dropdown
            menu={{
              items: (['bpmn', 'dmn', 'form'] as DraftKind[]).map((kind) => ({ key: kind, label: t(`models.new.${kind}` as const) })),
              onClick: ({ key }) => {
                form.resetFields();
                setCreating(key as DraftKind);
              },
            }}
          >
            <Button type="primary" icon={<PlusOutlined />} data-testid="new-model">
              {t('models.new')}
            </Button>
          </Dropdown>
        )
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {designer ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'drafts' ? { tab: 'drafts' } : {})}
          items={[
            { key: 'library', label: t('models.tab.library'), children: library },
            { key: 'drafts', label: t('models.tab.drafts'), children: draftList },
          ]}
        />
      ) : (
        library
      )}
      <Modal
        open={creating !== null}
        title={creating ? t(`models.new.${creating}` as const) : ''}
        onCancel={() => setCreating(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={createNew}>
          <Form.Item name="id" label={t('models.new.id')} rules={[{ required: true, pattern: ID_RULE, message: t('models.new.idRule') }]}>
            <Input autoFocus />
          </Form.Item>
        </Form>
      </Modal>
      {diff && (
        <Suspense fallback={null}>
          <ModelDiff model={diff} onClose={() => setDiff(null)} />
        </Suspense>
      )}
    </Card>
  );
}



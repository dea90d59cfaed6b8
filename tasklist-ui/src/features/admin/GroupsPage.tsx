import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { createGroup, deleteGroup, fetchGroups, updateGroup, type Group } from './adminApi';
import { useList } from './useList';

interface Values {
  name: string;
  displayName?: string;
}

function people(names?: string[]) {
  return (
    <Space size={4} wrap>
      {(names ?? []).map((name) => (
        <Tag key={name}>{name}</Tag>
      ))}
    </Space>
  );
}

/** Groups: list with members and managers, create, rename (display name), delete. */
export default function GroupsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const groups = useList(fetchGroups);
  const [editing, setEditing] = useState<Group | 'new'>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<Values>();
  const creating = editing === 'new';

  function open(group: Group | 'new') {
    setFormError(undefined);
    setEditing(group);
    form.resetFields();
    form.setFieldsValue(group === 'new' ? { name: '', displayName: '' } : { name: group.name, displayName: group.displayName ?? '' });
  }

  async function save(values: Values) {
    setSaving(true);
    setFormError(undefined);
    const input: Group = { name: values.name.trim(), displayName: values.displayName?.trim() || null };
    try {
      await (creating ? createGroup(input) : updateGroup(input));
      void message.success(t('admin.saved', { name: input.name }));
      setEditing(undefined);
      groups.reload();
    } catch (error) {
      applyFieldErrors(form, error);
      setFormError(problemText(error, t));
    } finally {
      setSaving(false);
    }
  }

  async function remove(group: Group) {
    try {
      await deleteGroup(group.name);
      void message.success(t('admin.deleted', { name: group.name }));
      groups.reload();
    } catch (error) {
      void message.error(problemText(error, t));
    }
  }

  const columns: TableColumnsType<Group> = [
    { key: 'name', title: t('admin.group.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { key: 'displayName', title: t('admin.group.displayName'), dataIndex: 'displayName' },
    { key: 'members', title: t('admin.group.members'), render: (_, group) => people(group.members) },
    { key: 'managers', title: t('admin.group.managers'), render: (_, group) => people(group.managers), responsive: ['md'] },
    {
      key: 'actions',
      title: t('tasks.col.actions'),
      render: (_, group) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={() => open(group)} aria-label={`${t('admin.edit')} ${group.name}`} />
          <Popconfirm
            title={t('admin.deleteConfirm', { name: group.name })}
            okText={t('admin.delete')}
            cancelText={t('admin.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(group)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('admin.delete')} ${group.name}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} className="suoke-page-title" style={{ margin: 0 }}>
          {t('admin.groups.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="create-group">
          {t('admin.create')}
        </Button>
      </Flex>
      {groups.error && <Alert type="error" showIcon title={groups.error} style={{ marginBottom: 16 }} />}
      <Table<Group> rowKey="name" columns={columns} dataSource={groups.items} loading={groups.loading} size="middle" scroll={{ x: 'max-content' }} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
      <Modal
        open={editing !== undefined}
        title={creating ? t('admin.group.create') : t('admin.group.edit', { name: editing?.name ?? '' })}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        forceRender
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} />}
        <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional">
          <Form.Item name="name" label={t('admin.group.name')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
            <Input disabled={!creating} data-testid="group-name" />
          </Form.Item>
          <Form.Item name="displayName" label={t('admin.group.displayName')}>
            <Input data-testid="group-display-name" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import { createUser, deleteUser, fetchGroups, fetchUsers, updateUser, type User, type UserInput } from './adminApi';
import { useList } from './useList';

interface Values {
  username: string;
  password?: string;
  displayName?: string;
  email?: string;
  mobile?: string;
  dingtalkUserId?: string;
  groups: string[];
  managedGroups: string[];
  enabled: boolean;
}

const blank = (value?: string | null) => (value && value.trim() ? value.trim() : null);

/** Users: list, create, edit (password optional then), delete. */
export default function UsersPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const users = useList(fetchUsers);
  const groups = useList(fetchGroups);
  const [editing, setEditing] = useState<User | 'new'>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [form] = Form.useForm<Values>();
  const creating = editing === 'new';

  const groupOptions = groups.items.map((group) => ({
    value: group.name,
    label: group.displayName && group.displayName !== group.name ? `${group.displayName} (${group.name})` : group.name,
  }));

  function open(user: User | 'new') {
    setFormError(undefined);
    setEditing(user);
    form.resetFields();
    form.setFieldsValue(
      user === 'new'
        ? { username: '', groups: [], managedGroups: [], enabled: true }
        : {
            username: user.username,
            displayName: user.displayName ?? undefined,
            email: user.email ?? undefined,
            mobile: user.mobile ?? undefined,
            dingtalkUserId: user.dingtalkUserId ?? undefined,
            groups: user.groups ?? [],
            managedGroups: user.managedGroups ?? [],
            enabled: user.enabled,
            password: undefined,
          },
    );
  }

  async function save(values: Values) {
    setSaving(true);
    setFormError(undefined);
    const input: UserInput = {
      username: values.username.trim(),
      displayName: blank(values.displayName),
      email: blank(values.email),
      mobile: blank(values.mobile),
      dingtalkUserId: blank(values.dingtalkUserId),
      groups: values.groups ?? [],
      managedGroups: values.managedGroups ?? [],
      enabled: values.enabled,
      ...(values.password ? { password: values.password } : {}),
    };
    try {
      await (creating ? createUser(input) : updateUser(input));
      void message.success(t('admin.saved', { name: input.username }));
      setEditing(undefined);
      users.reload();
    } catch (error) {
      applyFieldErrors(form, error);
      setFormError(problemText(error, t));
    } finally {
      setSaving(false);
    }
  }

  async function remove(user: User) {
    try {
      await deleteUser(user.username);
      void message.success(t('admin.deleted', { name: user.username }));
      users.reload();
    } catch (error) {
      void message.error(problemText(error, t));
    }
  }

  const columns: TableColumnsType<User> = [
    { key: 'username', title: t('admin.user.username'), dataIndex: 'username', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { key: 'displayName', title: t('admin.user.displayName'), dataIndex: 'displayName' },
    { key: 'email', title: t('admin.user.email'), dataIndex: 'email', responsive: ['md'] },
    {
      key: 'groups',
      title: t('admin.user.groups'),
      render: (_, user) => (
        <Space size={4} wrap>
          {(user.groups ?? []).map((group) => (
            <Tag key={group} color={(user.managedGroups ?? []).includes(group) ? 'gold' : undefined}>
              {group}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'enabled',
      title: t('admin.user.enabled'),
      render: (_, user) => (user.enabled ? <Tag color="green">{t('admin.user.enabled')}</Tag> : <Tag>{t('admin.user.disabled')}</Tag>),
    },
    {
      key: 'actions',
      title: t('tasks.col.actions'),
      render: (_, user) => (
        <Space>
          <Button size="small" icon={<EditOutlined />} onClick={() => open(user)} aria-label={`${t('admin.edit')} ${user.username}`} data-testid={`edit-user-${user.username}`} />
          <Popconfirm
            title={t('admin.deleteConfirm', { name: user.username })}
            okText={t('admin.delete')}
            cancelText={t('admin.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove(user)}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('admin.delete')} ${user.username}`} data-testid={`delete-user-${user.username}`} />
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Title level={3} className="suoke-page-title" style={{ margin: 0 }}>
          {t('admin.users.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="create-user">
          {t('admin.create')}
        </Button>
      </Flex>
      {users.error && <Alert type="error" showIcon title={users.error} style={{ marginBottom: 16 }} />}
      <Table<User> rowKey="username" columns={columns} dataSource={users.items} loading={users.loading} size="middle" scroll={{ x: 'max-content' }} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
      <Modal
        open={editing !== undefined}
        title={creating ? t('admin.user.create') : t('admin.user.edit', { name: editing?.username ?? '' })}
        okText={t('admin.save')}
        cancelText={t('admin.cancel')}
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setEditing(undefined)}
        forceRender
        data-testid="user-dialog"
      >
        {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} data-testid="user-form-error" />}
        <Form<Values> form={form} layout="vertical" onFinish={save} requiredMark="optional">
          <Form.Item name="username" label={t('admin.user.username')} rules={[{ required: true, whitespace: true, message: t('admin.required') }]}>
            <Input disabled={!creating} autoComplete="off" data-testid="user-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('admin.user.password')}
            rules={creating ? [{ required: true, message: t('admin.required') }] : []}
            extra={creating ? undefined : t('admin.user.passwordKeep')}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
          <Form.Item name="displayName" label={t('admin.user.displayName')}>
            <Input data-testid="user-display-name" />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="email" label={t('admin.user.email')} style={{ flex: '1 1 200px' }}>
              <Input type="email" data-testid="user-email" />
            </Form.Item>
            <Form.Item name="mobile" label={t('admin.user.mobile')} style={{ flex: '1 1 160px' }}>
              <Input data-testid="user-mobile" />
            </Form.Item>
          </Flex>
          <Form.Item name="dingtalkUserId" label={t('admin.user.dingtalkUserId')}>
            <Input />
          </Form.Item>
          <Form.Item name="groups" label={t('admin.user.groups')}>
            <Select mode="multiple" options={groupOptions} allowClear data-testid="user-groups" />
          </Form.Item>
          <Form.Item name="managedGroups" label={t('admin.user.managedGroups')}>
            <Select mode="multiple" options={groupOptions} allowClear />
          </Form.Item>
          <Form.Item name="enabled" label={t('admin.user.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

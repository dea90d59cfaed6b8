import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Select, Spin, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { applyFieldErrors, problemText } from '../../app/problems';
import {
  WRITABLE_TYPES,
  createDocument,
  fetchDocument,
  updateDocument,
  type DocumentInput,
  type KnowledgeDocument,
} from './knowledgeApi';
import { Markdown } from './Markdown';
import { typeLabel } from './KnowledgeSearchPage';

interface Values {
  type: string;
  title: string;
  body: string;
  services: string[];
  tags: string[];
  changeNote?: string;
}

/** Writes a new document or a new version of one (on top of the version it loaded), with a live preview. */
export default function DocumentEditPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [loaded, setLoaded] = useState<KnowledgeDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const body = Form.useWatch('body', form) ?? '';

  useEffect(() => {
    if (!id) return;
    fetchDocument(id)
      .then((doc) => {
        setLoaded(doc);
        form.setFieldsValue({ type: doc.type, title: doc.title, body: doc.body, services: doc.services, tags: doc.tags });
      })
      .catch((e) => setError(problemText(e, t)));
  }, [id, form, t]);

  const save = async (values: Values) => {
    setSaving(true);
    setError(null);
    const input: DocumentInput = {
      type: values.type,
      title: values.title,
      body: values.body,
      services: values.services ?? [],
      tags: values.tags ?? [],
      changeNote: values.changeNote || undefined,
      baseVersion: loaded?.version,
    };
    try {
      const saved = id ? await updateDocument(id, input) : await createDocument(input);
      message.success(t('knowledge.form.saved', { version: saved.version }));
      navigate(`/knowledge/${saved.id}`);
    } catch (e) {
      if (!applyFieldErrors(form, e)) setError(problemText(e, t));
    } finally {
      setSaving(false);
    }
  };

  if (id && !loaded && !error) return <Spin />;
  const required = [{ required: true, message: t('knowledge.form.required') }];
  return (
    <Flex vertical gap={16}>
      <Link to={id ? `/knowledge/${id}` : '/knowledge'}>{t('knowledge.back')}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {loaded ? t('knowledge.form.editTitle', { title: loaded.title }) : t('knowledge.form.newTitle')}
      </Typography.Title>
      {error && <Alert type="error" showIcon message={error} />}
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ type: 'runbook', services: [], tags: [] }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="type" label={t('knowledge.form.type')} rules={required}>
              <Select options={WRITABLE_TYPES.map((value) => ({ value, label: typeLabel(t, value) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="title" label={t('knowledge.form.title')} rules={required}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="services" label={t('knowledge.form.services')}>
              <Select mode="tags" tokenSeparators={[',', ' ']} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tags" label={t('knowledge.form.tags')}>
              <Select mode="tags" tokenSeparators={[',']} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Form.Item name="body" label={t('knowledge.form.body')} rules={required}>
              <Input.TextArea autoSize={{ minRows: 14, maxRows: 40 }} />
            </Form.Item>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('knowledge.form.preview')}>
              <Markdown text={body} />
            </Card>
          </Col>
          {id && (
            <Col span={24}>
              <Form.Item name="changeNote" label={t('knowledge.form.changeNote')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('knowledge.form.save')}
        </Button>
      </Form>
    </Flex>
  );
}

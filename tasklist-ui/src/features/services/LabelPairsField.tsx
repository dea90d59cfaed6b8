import { Button, Flex, Form, Input } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';

/** A list of label = value pairs in a form (a service's label rules, a silence's matchers). */
export function LabelPairsField({ name, label, help, testId }: { name: string; label: string; help?: string; testId: string }) {
  const { t } = useI18n();
  return (
    <Form.Item label={label} extra={help} required={false}>
      <Form.List name={name}>
        {(fields, { add, remove }, { errors }) => (
          <Flex vertical gap={4} data-testid={testId}>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="start">
                <Form.Item
                  name={[field.name, 'label']}
                  rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
                  style={{ flex: 1, marginBottom: 4 }}
                >
                  <Input placeholder={t('services.label')} aria-label={t('services.label')} data-testid={`${testId}-label-${field.name}`} />
                </Form.Item>
                <span style={{ lineHeight: '32px' }}>=</span>
                <Form.Item
                  name={[field.name, 'value']}
                  rules={[{ required: true, whitespace: true, message: t('admin.required') }]}
                  style={{ flex: 1, marginBottom: 4 }}
                >
                  <Input placeholder={t('services.value')} aria-label={t('services.value')} data-testid={`${testId}-value-${field.name}`} />
                </Form.Item>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  onClick={() => remove(field.name)}
                  aria-label={t('admin.delete')}
                  style={{ marginTop: 0 }}
                />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', value: '' })} data-testid={`${testId}-add`}>
              {t('services.addPair')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}

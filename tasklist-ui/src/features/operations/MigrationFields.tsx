import { Button, Flex, Form, Input, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n';
import type { DefinitionStats } from './operationsApi';

/**
 * The fields of a migration plan inside a form: the target version (other versions of the
 * process) and one row per active element mapped to an element id of the target version.
 * Form values: {@code targetProcessDefinitionKey}, {@code mappingInstructions}.
 */
export function MigrationFields({ versions }: { versions: DefinitionStats[] }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="targetProcessDefinitionKey" label={t('ops.migrate.target')} rules={[{ required: true }]}>
        <Select
          data-testid="migration-target"
          options={versions.map((d) => ({ value: d.processDefinitionKey, label: `${d.processDefinitionId} v${d.version}` }))}
        />
      </Form.Item>
      <Form.Item label={t('ops.migrate.mapping')} required>
        <Form.List name="mappingInstructions">
          {(fields, { add, remove }) => (
            <Flex vertical gap={4}>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item name={[field.name, 'sourceElementId']} rules={[{ required: true }]} style={{ flex: 1, marginBottom: 4 }}>
                    <Input data-testid={`mapping-source-${field.name}`} />
                  </Form.Item>
                  <span>→</span>
                  <Form.Item name={[field.name, 'targetElementId']} rules={[{ required: true }]} style={{ flex: 1, marginBottom: 4 }}>
                    <Input data-testid={`mapping-target-${field.name}`} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="remove" />
                </Flex>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ sourceElementId: '', targetElementId: '' })}>
                {t('ops.migrate.addMapping')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}

import { Tag } from 'antd';
import type { HealthStatus } from './healthApi';

const COLORS: Record<string, string> = {
  UP: 'green',
  DOWN: 'red',
  OUT_OF_SERVICE: 'red',
};

export function StatusTag({ status }: { status: HealthStatus }) {
  return (
    <Tag color={COLORS[status] ?? 'default'} data-testid="status-tag">
      {status}
    </Tag>
  );
}

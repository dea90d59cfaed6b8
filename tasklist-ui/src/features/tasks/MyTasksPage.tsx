import { Card, Col, Empty, Row, Typography } from 'antd';
import { SystemStatus } from '../health/SystemStatus';

/** Home page: the user's open tasks (none yet) next to the system status. */
export function MyTasksPage() {
  return (
    <>
      <Typography.Title level={3}>My tasks</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Empty description="No tasks assigned to you" />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <SystemStatus />
        </Col>
      </Row>
    </>
  );
}

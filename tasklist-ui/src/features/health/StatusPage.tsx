import { Col, Row, Typography } from 'antd';
import { useI18n } from '../../app/i18n';
import { SystemStatus } from './SystemStatus';

/** The backend's health, component by component. */
export default function StatusPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3} className="suoke-page-title">
        {t('status.title')}
      </Typography.Title>
      <Row>
        <Col xs={24} md={12} lg={8}>
          <SystemStatus />
        </Col>
      </Row>
    </>
  );
}

import { Card, Col, Row, Skeleton } from 'antd';

/** The charts section's shape while the dashboard or the chart chunk loads. */
export function ChartsSkeleton() {
  return (
    <Row gutter={[16, 16]}>
      {[0, 1].map((i) => (
        <Col key={i} xs={24} xl={12}>
          <Card size="small">
            <Skeleton.Node active style={{ width: '100%', height: 300 }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

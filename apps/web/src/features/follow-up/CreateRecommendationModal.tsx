/**
 * "Thêm kiến nghị" (the office): text, kind, sector, owner division, deadline, the units that raised it and when. While
 * the text is typed, the points already in the register that look like it are listed (POST /api/recommendations/similar),
 * so a point raised again is opened and recorded there instead of becoming a second entry.
 */
import { RECOMMENDATION_KINDS, type RecommendationKind } from '@nhip/contracts';
import { Alert, Col, Form, Input, List, Modal, Row, Select, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useL, useLang } from '../../app/i18n';
import { DateField, todayVN } from '../../components/DateField';
import { useOrgUnits } from '../../components/orgUnits';
import { useSectors } from '../../components/sectors';
import { applyServerError, ServerErrorAlert } from '../../components/serverError';
import { viSearch } from '../conferences/shared';
import { fuApi, useRefreshFollowUp } from './api';
import { kindLabel, useDivisions, usePeriodOptions } from './shared';

type Values = {
  text: string; kind: RecommendationKind; sector?: string; owner: string; deadline: string; raisedBy?: string[]; period?: string; raisedOn?: string; cooperating?: string[];
};
type Match = { id: number; text: string; score: number; recurring: boolean };

export function CreateRecommendationModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: number) => void }) {
  const l = useL();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const sectors = useSectors();
  const { divisions } = useDivisions();
  const units = useOrgUnits();
  const periods = usePeriodOptions();
  const refresh = useRefreshFollowUp();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const text = Form.useWatch('text', form) ?? '';
  const [matches, setMatches] = useState<Match[]>([]);

  useEffect(() => {
    const t = text.trim();
    if (t.length < 12) {
      setMatches([]);
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      fuApi.similar(t, 5).then((r) => live && setMatches(r.matches.filter((m) => m.score >= 0.3)), () => live && setMatches([]));
    }, 400);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [text]);

  const unitOptions = useMemo(
    () => (units.data ?? []).filter((u) => u.type !== 'department').sort((a, b) => a.name.localeCompare(b.name, 'vi')).map((u) => ({ value: u.code, label: u.name })),
    [units.data],
  );

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const r = await fuApi.create({
        text: v.text, kind: v.kind, owner: v.owner, deadline: v.deadline, sector: v.sector || undefined, raisedBy: v.raisedBy?.length ? v.raisedBy : undefined,
        period: v.period || undefined, raisedOn: v.raisedOn || undefined, cooperating: v.cooperating?.length ? v.cooperating : undefined,
      });
      void refresh();
      onCreated(r.id);
    } catch (e) {
      setError(applyServerError(form, e, ['text', 'kind', 'sector', 'owner', 'deadline', 'raisedBy', 'period', 'raisedOn', 'cooperating']));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={l('Thêm kiến nghị vào sổ theo dõi', 'New recommendation')}
      okText={l('Ghi vào sổ', 'Save')}
      cancelText={l('Hủy', 'Cancel')}
      onOk={() => void submit()}
      confirmLoading={saving}
      onCancel={onClose}
      width={760}
      destroyOnHidden
    >
      <ServerErrorAlert message={error} onClose={() => setError(null)} />
      <Form form={form} layout="vertical" initialValues={{ kind: 'proposal', raisedOn: todayVN() }} requiredMark="optional">
        <Form.Item name="text" label={l('Nội dung kiến nghị', 'Text')} rules={[{ required: true, whitespace: true, message: l('Hãy nhập nội dung kiến nghị.', 'Enter the text.') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} showCount />
        </Form.Item>
        {matches.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={l('Có thể kiến nghị này đã được nêu trước đây', 'This may have been raised before')}
            description={
              <List
                size="small"
                dataSource={matches}
                renderItem={(m) => (
                  <List.Item style={{ paddingInline: 0 }}>
                    <div>
                      <Link to={`/follow-up/${m.id}`} target="_blank">
                        #{m.id} {m.text.length > 160 ? `${m.text.slice(0, 160)}…` : m.text}
                      </Link>{' '}
                      <Tag color={m.recurring ? 'orange' : 'default'}>
                        {m.recurring ? l('Hệ thống cho là nêu lại', 'Likely the same point') : l('Giống một phần', 'Partly alike')} · {Math.round(m.score * 100)}%
                      </Tag>
                    </div>
                  </List.Item>
                )}
              />
            }
          />
        ) : null}
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={l('Loại', 'Kind')} rules={[{ required: true }]}>
              <Select options={RECOMMENDATION_KINDS.map((k) => ({ value: k, label: kindLabel(k, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="sector" label={l('Lĩnh vực', 'Sector')}>
              <Select allowClear showSearch={viSearch} options={(sectors.data ?? []).map((s) => ({ value: s.code, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="owner" label={l('Phòng chủ trì', 'Owner division')} rules={[{ required: true, message: l('Hãy chọn phòng chủ trì.', 'Choose the owner.') }]}>
              <Select showSearch={viSearch} options={divisions.map((d) => ({ value: d.code, label: d.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="deadline" label={l('Hạn giải quyết', 'Deadline')} rules={[{ required: true, message: l('Hãy chọn hạn giải quyết.', 'Choose a deadline.') }]}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="raisedBy" label={l('Đơn vị đã nêu', 'Raised by')}>
              <Select mode="multiple" allowClear showSearch={viSearch} options={unitOptions} maxTagCount="responsive" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="cooperating" label={l('Đơn vị phối hợp', 'Co-operating units')}>
              <Select mode="multiple" allowClear showSearch={viSearch} options={unitOptions} maxTagCount="responsive" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="period" label={l('Kỳ nêu kiến nghị', 'Period raised')}>
              <Select allowClear showSearch={viSearch} options={periods} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="raisedOn" label={l('Ngày nêu', 'Raised on')}>
              <DateField style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {l('Hạn giải quyết không được trước ngày nêu. Phòng chủ trì phải là một phòng của Sở.', 'The deadline cannot precede the day raised. The owner must be a division.')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}

import { CheckOutlined } from '@ant-design/icons';
import { GLOBAL_ACTIONS, ROLE_LABELS } from '@nhip/contracts';
import { Card, Descriptions, Space, Tag } from 'antd';
import type { Me } from '../../app/auth';
import { useL, useLang } from '../../app/i18n';
import { ABILITY_LABELS } from './labels';

export function ProfileCard({ me }: { me: Me }) {
  const l = useL();
  const lang = useLang();
  const granted = GLOBAL_ACTIONS.filter((a) => me.abilities[a]);
  return (
    <Card title={l('Thông tin cá nhân', 'Profile')}>
      <Descriptions column={{ xs: 1, sm: 1, md: 2 }} bordered size="middle" styles={{ label: { width: 170 } }}>
        <Descriptions.Item label={l('Họ và tên', 'Full name')}>{me.fullName || '—'}</Descriptions.Item>
        <Descriptions.Item label={l('Tên đăng nhập', 'Username')}>
          <span className="nhip-code">{me.username}</span>
        </Descriptions.Item>
        <Descriptions.Item label={l('Vai trò', 'Role')}>
          <Tag color="blue">{ROLE_LABELS[me.role]?.[lang] ?? me.role}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={l('Chức vụ', 'Title')}>{me.title || '—'}</Descriptions.Item>
        <Descriptions.Item label={l('Đơn vị', 'Unit')} span={2}>
          {me.orgUnitName || l('Không gắn với đơn vị (toàn Sở)', 'Not tied to a unit (department-wide)')}
        </Descriptions.Item>
        <Descriptions.Item label={l('Quyền trong hệ thống', 'What you may do')} span={2}>
          <Space size={[4, 6]} wrap>
            {granted.map((a) => (
              <Tag key={a} icon={<CheckOutlined />} color="success" variant="filled">
                {ABILITY_LABELS[a][lang]}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

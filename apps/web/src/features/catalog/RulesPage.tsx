import { Card } from 'antd';
import { useL } from '../../app/i18n';
import { PageHeader } from '../../components/PageHeader';
import { useCanManageCatalog } from './api';
import { RulesTable } from './RulesTable';

export default function RulesPage() {
  const l = useL();
  const canManage = useCanManageCatalog();
  return (
    <>
      <PageHeader
        title={l('Quy tắc kiểm tra', 'Validation rules')}
        subtitle={l(
          'So sánh giữa các chỉ tiêu để phát hiện số liệu bất hợp lý ngay khi đơn vị nhập. Quy tắc mức "Lỗi" chặn việc nộp, mức "Cảnh báo" chỉ nhắc.',
          'Comparisons between data elements that catch implausible figures while units type. Errors block submission; warnings only remind.',
        )}
      />
      <Card>
        <RulesTable canManage={canManage} />
      </Card>
    </>
  );
}

import { AuditOutlined, BarChartOutlined, FileTextOutlined, NodeIndexOutlined, TrophyOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useL, useLang } from '../../app/i18n';

type Step = { icon: ReactNode; vi: [string, string]; en: [string, string] };

const STEPS: Step[] = [
  {
    icon: <FileTextOutlined />,
    vi: ['Báo cáo', 'Đơn vị nhập số liệu và phần thuyết minh của kỳ trên web hoặc bằng mẫu Excel; lỗi được chỉ ra trước khi nộp.'],
    en: ['Report', 'Units enter the period’s figures and narrative on the web or in an Excel template; mistakes show before submitting.'],
  },
  {
    icon: <BarChartOutlined />,
    vi: [
      'Tổng hợp',
      'Số liệu cộng theo cấp và theo kỳ, tỷ lệ tính từ tử số và mẫu số, so với cùng kỳ và kế hoạch; dự thảo báo cáo ra file Word.',
    ],
    en: [
      'Compile',
      'Figures add up by level and period, ratios from numerators and denominators, compared with last year and targets; the draft report as Word.',
    ],
  },
  {
    icon: <AuditOutlined />,
    vi: ['Hội nghị', 'Chương trình, đại biểu, tham luận, ý kiến thảo luận và kết luận của hội nghị sơ kết, tổng kết ở cùng một chỗ.'],
    en: ['Conference', 'Agenda, delegates, presentations, discussion and conclusions of the review conference in one place.'],
  },
  {
    icon: <NodeIndexOutlined />,
    vi: ['Theo dõi', 'Mỗi khó khăn, kiến nghị trở thành việc có phòng chủ trì, thời hạn và trạng thái — không để kỳ sau lặp lại kỳ trước.'],
    en: [
      'Follow up',
      'Every difficulty and proposal becomes a task with an owner division, a deadline and a status, so it does not return next quarter.',
    ],
  },
  {
    icon: <TrophyOutlined />,
    vi: ['Khen thưởng', 'Đăng ký thi đua, đề nghị khen thưởng được đối chiếu điều kiện theo quy định, sổ theo dõi danh hiệu qua các năm.'],
    en: ['Commend', 'Emulation registration, nominations checked against the rules, and a register of titles over the years.'],
  },
];

/** The product introduction beside the sign-in form: the work cycle Nhịp carries, in five steps. */
export function CycleIntro() {
  const l = useL();
  const lang = useLang();
  return (
    <section className="nhip-login-intro" aria-label={l('Giới thiệu Nhịp', 'About Nhịp')}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <span className="nhip-brand-mark" style={{ background: '#fff', color: '#0b5cad' }} aria-hidden>
          N
        </span>
        <span style={{ fontSize: 22, fontWeight: 700, letterSpacing: -0.3 }}>Nhịp</span>
      </div>
      <div>
        <h1>{l('Cả chu kỳ công tác định kỳ của Sở trên một hệ thống', 'The department’s whole periodic work cycle in one system')}</h1>
        <p>
          {l(
            'Từ báo cáo của từng đơn vị đến hội nghị sơ kết, tổng kết và những việc cần làm sau hội nghị — số liệu không thất lạc, mọi thay đổi đều có dấu vết.',
            'From each unit’s report to the review conference and what must be done after it — no figure gets lost, every change leaves a trace.',
          )}
        </p>
      </div>
      <ol
        className="nhip-cycle"
        aria-label={l('Báo cáo → Tổng hợp → Hội nghị → Theo dõi → Khen thưởng', 'Report → Compile → Conference → Follow up → Commend')}
      >
        {STEPS.map((s, i) => {
          const [name, desc] = lang === 'vi' ? s.vi : s.en;
          return (
            <li key={s.vi[0]}>
              <span className="step" aria-hidden>
                {s.icon}
              </span>
              <div>
                <div className="name">
                  {i + 1}. {name}
                </div>
                <div className="desc">{desc}</div>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** What the catalog screens of awards share: periods in force, the source of a rule, the kinds of legal basis. */
import { formatDate, RULE_SOURCE_LABELS, type RuleSource } from '@nhip/contracts';
import { Tag } from 'antd';
import type { Basis, Salary } from './api-register';

export const span = (from: string, to: string | null) => (to ? `${formatDate(from)} – ${formatDate(to)}` : `từ ${formatDate(from)}`);
export const inForce = (from: string, to: string | null, day: string) => from <= day && (to === null || to >= day);
export const SourceTag = ({ source, confirmedAt }: { source: RuleSource; confirmedAt?: string | null }) =>
  source === 'law' ? (
    <Tag color="blue">{RULE_SOURCE_LABELS.law.vi}</Tag>
  ) : confirmedAt ? (
    <Tag color="green">{`${RULE_SOURCE_LABELS.setting.vi}, đã xác nhận`}</Tag>
  ) : (
    <Tag color="warning">{`${RULE_SOURCE_LABELS.setting.vi}, chờ Sở xác nhận`}</Tag>
  );

export const BASIS_KIND_LABELS: Record<Basis['kind'], string> = {
  law: 'Luật',
  decree: 'Nghị định',
  circular: 'Thông tư',
  decision: 'Quyết định',
  provincial: 'Quy định của tỉnh',
};

/** A criterion's parameters as people read them. */
export function paramsText(p: Record<string, unknown>): string {
  const parts = Object.entries(p).map(
    ([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`,
  );
  return parts.join(' · ');
}

export function currentSalary(salaries: Salary[], day: string): Salary | null {
  return salaries.find((s) => inForce(s.validFrom, s.validTo, day)) ?? null;
}

// ───────────── edits ─────────────

import type { Db } from '../../platform/db/index.js';

export type OrgIdentity = {
  province: { name: string; parentBody: string; place: string };
  department: { id: number | null; code: string | null; name: string };
};

/**
 * The province and the department as of a date. The department is the unit named by setting
 * 'org.department' or, failing that, the department-type unit valid on that date — so the 2025 rename
 * (Sở TT&TT → Sở KH&CN) shows without configuration.
 */
export async function orgIdentity(db: Db, today: string): Promise<OrgIdentity> {
  const rows = await db.query<{ key: string; value: Record<string, string> }>(`SELECT key, value FROM settings WHERE key IN ('org.province','org.department')`);
  const prov = rows.find((r) => r.key === 'org.province')?.value ?? {};
  const depCode = rows.find((r) => r.key === 'org.department')?.value?.code ?? null;
  const dep = await db.maybeOne<{ id: number; code: string; name: string }>(
    `SELECT id, code, name FROM org_units
      WHERE type = 'department' AND valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1)
      ORDER BY (code = $2) DESC, id LIMIT 1`,
    [today, depCode],
  );
  const provinceUnit = await db.maybeOne<{ name: string }>(
    `SELECT name FROM org_units WHERE type = 'province' AND valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1) ORDER BY id LIMIT 1`, [today],
  );
  const provinceName = prov.name ?? provinceUnit?.name ?? '';
  return {
    province: {
      name: provinceName,
      parentBody: prov.parentBody ?? (provinceName ? `ỦY BAN NHÂN DÂN ${provinceName.toUpperCase()}` : ''),
      place: prov.place ?? '',
    },
    department: { id: dep?.id ?? null, code: dep?.code ?? null, name: dep?.name ?? 'Nhịp' },
  };
}

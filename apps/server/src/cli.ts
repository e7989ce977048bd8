/**
 * The operator's command line: `npm run nhip -- <command>`. It reads the same DATA_DIR / DATABASE_URL /
 * NHIP_DEMO / NHIP_ADMIN_PASSWORD as the server; whichever touches a fresh database first prepares it.
 */
import { rebuildAnalyticsCells } from './modules/analytics/analytics.cells.js';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Role } from '@nhip/contracts';
import { ROLES } from '@nhip/contracts';
import { DatabaseBusyError, openDatabase, prepareDatabase } from './platform/bootstrap.js';
import { describeChainReport, parseAnchor, verifyAuditChain } from './platform/audit-chain.js';
import { backup, BackupFormatError, restore } from './platform/backup.js';
import { systemClock } from './platform/clock.js';
import { loadConfig } from './platform/config.js';
import type { Db } from './platform/db/index.js';
import { AppError } from './platform/errors.js';
import type { AuditActor } from './platform/audit.js';
import { createToken, createUser, type CurrentUser, resetPassword, toCurrentUser, updateUser } from './modules/identity/identity.service.js';
import { usersRepo } from './modules/identity/identity.repository.js';

const HELP = `Nhịp — công cụ vận hành

Cách dùng: npm run nhip -- <lệnh> [tùy chọn]

  migrate                                   Áp dụng các migration còn thiếu
  seed --demo                               Nạp dữ liệu mẫu vào cơ sở dữ liệu trống
  users list
  users create --username TÊN --role VAI_TRÒ [--unit MÃ_ĐƠN_VỊ] [--name "Họ tên"] [--password MK]
  users set-role TÊN VAI_TRÒ [--unit MÃ_ĐƠN_VỊ]
  users reset-password TÊN [--password MK]
  tokens create --user TÊN [--name "Mô tả"] [--days N]
                                            In mã truy cập mới ở dòng cuối cùng
  import TỆP [--dry-run] [--approve] [--atomic]
                                            Nhập giá trị (JSON hoặc CSV kiểu dataValueSets của DHIS2)
  export --form MÃ --period KỲ [--org MÃ] [--children] [--format json|csv] [--out TỆP]
  analytics --dx MÃ;MÃ --ou MÃ;LEVEL-2 --pe 2024;LAST_4_QUARTERS [--format json|csv]
                                            Số liệu tổng hợp (đã duyệt) theo kiểu /api/analytics
  analytics rebuild                         Tính lại toàn bộ bảng số liệu tổng hợp từ số liệu đã duyệt
  report draft --period KỲ --out TỆP.docx  Dự thảo báo cáo tổng kết (kỳ: 2023, 2023Q1, 2023S1, 2023N1);
                                            .pdf, .html, hoặc .xlsx (Phụ lục số liệu) theo đuôi tệp
  conference documents --id SỐ --out THƯ_MỤC
                                            Giấy mời, Chương trình, Biên bản, Thông báo kết luận của hội nghị:
                                            .docx, và .pdf khi máy có LibreOffice
  recommendations export --out TỆP.xlsx [--period KỲ]
                                            Sổ theo dõi kiến nghị (toàn bộ, hoặc những kiến nghị nêu trong kỳ)
  recommendations rematch                   Tính lại khóa so khớp của mọi kiến nghị theo từ điển hiện hành
  metadata import TỆP [--dry-run]           Nhập cấu hình (đơn vị, chỉ tiêu, biểu mẫu…) từ tệp JSON
  metadata export TỆP                       Xuất toàn bộ cấu hình ra tệp JSON
  backup TỆP                                Sao lưu toàn bộ dữ liệu (tệp .nhip.gz)
  restore TỆP                               Khôi phục từ tệp sao lưu (thay thế toàn bộ dữ liệu hiện có)
  audit verify [--anchor SỐ:MÃ_BĂM]         Kiểm tra chuỗi mã băm của nhật ký kiểm toán; mã thoát 3 nếu có
                                            sự kiện bị sửa hoặc bị xóa. --anchor: mã băm cuối chuỗi đã ghi lại
                                            từ lần kiểm tra trước, để phát hiện chuỗi bị tính lại

Vai trò: ${ROLES.join(', ')}
Biến môi trường: DATA_DIR (mặc định ./data), DATABASE_URL, NHIP_DEMO, NHIP_ADMIN_PASSWORD
`;

class UsageError extends Error {}

const cliActor = (u: CurrentUser | null): AuditActor => ({ id: u?.id ?? null, name: `cli:${u?.username ?? 'system'}`, ip: null });

async function adminUser(db: Db): Promise<CurrentUser> {
  const row = await usersRepo.byUsername(db, 'admin');
  if (!row) throw new UsageError('Chưa có tài khoản admin.');
  return toCurrentUser(row, 'token');
}

async function unitIdByCode(db: Db, code: string | undefined): Promise<number | null> {
  if (!code) return null;
  const r = await db.maybeOne<{ id: number }>('SELECT id FROM org_units WHERE code = $1', [code]);
  if (!r) throw new UsageError(`Không có đơn vị mã "${code}".`);
  return r.id;
}

function requireRole(r: string | undefined): Role {
  if (!r || !ROLES.includes(r as Role)) throw new UsageError(`Vai trò phải là một trong: ${ROLES.join(', ')}.`);
  return r as Role;
}

async function run(argv: string[]): Promise<number> {
  const { values: o, positionals: pos } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' }, demo: { type: 'boolean' }, username: { type: 'string' }, user: { type: 'string' },
      role: { type: 'string' }, unit: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, days: { type: 'string' },
      'dry-run': { type: 'boolean' }, approve: { type: 'boolean' }, atomic: { type: 'boolean' }, form: { type: 'string' },
      period: { type: 'string' }, org: { type: 'string' }, dx: { type: 'string' }, ou: { type: 'string' }, pe: { type: 'string' }, children: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' }, anchor: { type: 'string' }, id: { type: 'string' },
    },
  });
  const [cmd, sub, arg3, arg4] = pos;
  if (o.help || !cmd || cmd === 'help') {
    console.log(HELP);
    return cmd || o.help ? 0 : 1;
  }
  const known = ['migrate', 'seed', 'users', 'tokens', 'import', 'export', 'analytics', 'report', 'conference', 'recommendations', 'metadata', 'backup', 'restore', 'audit'];
  if (!known.includes(cmd)) throw new UsageError(`Lệnh không tồn tại: "${cmd}". Xem: npm run nhip -- --help`);

  const config = loadConfig();
  const clock = systemClock(process.env.NHIP_NOW);
  const opened = await openDatabase(config, cmd);
  const { db } = opened;
  try {
    if (cmd === 'restore') {
      if (!sub) throw new UsageError('Thiếu tên tệp: npm run nhip -- restore TỆP');
      const r = await restore(db, sub);
      const cells = await rebuildAnalyticsCells(db);
      console.log(`Đã khôi phục ${r.rows} dòng của ${r.tables} bảng từ ${sub}; tính lại ${cells.cells} ô số liệu tổng hợp.`);
      console.log(describeChainReport(await verifyAuditChain(db)));
      return 0;
    }
    if (cmd === 'migrate') {
      // A fresh database touched first by `migrate` gets its admin too (no demo: that is `seed --demo`).
      const info = await prepareDatabase(db, { ...config, demo: false }, clock.today());
      console.log(info.migrations.length ? `Đã áp dụng: ${info.migrations.join(', ')}` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
      if (info.admin.created && info.admin.generated) console.log(`Đã tạo tài khoản admin, mật khẩu: ${info.admin.password}`);
      return 0;
    }
    // Every other command works on a prepared database (migrated, admin created; demo only for `seed --demo`).
    const info = await prepareDatabase(db, { ...config, demo: cmd === 'seed' ? !!o.demo : config.demo }, clock.today());
    if (info.admin.created && info.admin.generated) console.log(`Đã tạo tài khoản admin, mật khẩu: ${info.admin.password}`);
    switch (cmd) {
      case 'seed': {
        if (!o.demo) throw new UsageError('Dùng: npm run nhip -- seed --demo');
        if (!info.demo.seeded) {
          console.log('Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu lần nữa.');
          return 0;
        }
        console.log('Đã nạp dữ liệu mẫu. Tài khoản mẫu:');
        for (const a of info.demo.accounts) console.log(`  ${a.username.padEnd(12)} ${a.password.padEnd(15)} ${a.role.padEnd(10)} ${a.unit}`);
        return 0;
      }
      case 'users':
        return await usersCommand(db, sub, arg3, arg4, o);
      case 'tokens': {
        if (sub !== 'create') throw new UsageError('Dùng: npm run nhip -- tokens create --user TÊN [--name "Mô tả"] [--days N]');
        if (!o.user) throw new UsageError('Thiếu --user TÊN');
        const u = await usersRepo.byUsername(db, o.user);
        if (!u) throw new UsageError(`Không có người dùng "${o.user}".`);
        const days = o.days ? Number(o.days) : null;
        if (days !== null && (!Number.isInteger(days) || days < 1)) throw new UsageError('--days phải là số ngày nguyên dương.');
        const r = await createToken(db, cliActor(await adminUser(db)), u.id, o.name ?? 'Tạo bằng dòng lệnh', days ? new Date(Date.now() + days * 86_400_000) : null);
        console.log(`Mã truy cập cho ${u.username} (chỉ hiện một lần):`);
        console.log(r.token);
        return 0;
      }
      case 'import': {
        if (!sub) throw new UsageError('Thiếu tên tệp: npm run nhip -- import TỆP');
        if (!fs.existsSync(sub)) throw new UsageError(`Không tìm thấy tệp: ${sub}`);
        const { importDataValues } = await import('./modules/dhis2/dhis2.service.js');
        const text = fs.readFileSync(sub, 'utf8');
        const format = /\.csv$/i.test(sub) || !/^\s*[[{]/.test(text) ? 'csv' : 'json';
        const summary = await importDataValues(db, await adminUser(db), { format, body: text, dryRun: !!o['dry-run'], approve: !!o.approve, atomic: !!o.atomic }, clock.now());
        console.log(JSON.stringify(summary, null, 2));
        return summary.status === 'ERROR' ? 2 : 0;
      }
      case 'export': {
        if (!o.form || !o.period) throw new UsageError('Dùng: npm run nhip -- export --form MÃ --period KỲ [--org MÃ] [--format json|csv] [--out TỆP]');
        const format = o.format === 'csv' ? 'csv' : 'json';
        if (o.format && !['csv', 'json'].includes(o.format)) throw new UsageError('--format phải là json hoặc csv.');
        const { exportDataValues } = await import('./modules/dhis2/dhis2.service.js');
        const out = await exportDataValues(db, await adminUser(db), { dataSet: o.form, period: o.period, orgUnit: o.org, children: !!o.children, format });
        const text = typeof out === 'string' ? out : JSON.stringify(out, null, 2);
        if (o.out) {
          fs.writeFileSync(o.out, text);
          console.log(`Đã ghi ${o.out}`);
        } else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
        return 0;
      }
      case 'analytics': {
        if (sub === 'rebuild') {
          const started = Date.now();
          const r = await rebuildAnalyticsCells(db);
          console.log(`Đã tính lại ${r.cells} ô số liệu tổng hợp trong ${Date.now() - started} ms.`);
          return 0;
        }
        if (!o.dx || !o.ou || !o.pe) throw new UsageError('Dùng: npm run nhip -- analytics --dx MÃ;MÃ --ou MÃ;LEVEL-2 --pe 2024;2024Q1 [--format json|csv]');
        if (o.format && !['csv', 'json'].includes(o.format)) throw new UsageError('--format phải là json hoặc csv.');
        const { runAnalyticsCommand } = await import('./modules/analytics/analytics.cli.js');
        const out = await runAnalyticsCommand(db, { dx: o.dx, ou: o.ou, pe: o.pe, format: o.format === 'csv' ? 'csv' : 'json' }, clock.today());
        process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
        return 0;
      }
      case 'report': {
        if (sub !== 'draft' || !o.period || !o.out) throw new UsageError('Dùng: npm run nhip -- report draft --period 2023 --out report.docx');
        const { runReportDraft } = await import('./modules/reports/reports.cli.js');
        console.log(await runReportDraft(db, { period: o.period, out: o.out }, clock.today()));
        return 0;
      }
      case 'conference': {
        const id = Number(o.id);
        if (sub !== 'documents' || !Number.isInteger(id) || id < 1 || !o.out) throw new UsageError('Dùng: npm run nhip -- conference documents --id 12 --out thu-muc');
        const { runConferenceDocuments } = await import('./modules/conferences/conference.cli.js');
        for (const line of await runConferenceDocuments(db, { id, out: o.out }, clock.today())) console.log(line);
        return 0;
      }
      case 'recommendations': {
        if (sub === 'rematch') {
          const { rematchAll } = await import('./modules/follow-up/lexicon.service.js');
          const r = await rematchAll(db, cliActor(await adminUser(db)));
          console.log(`Đã tính lại khóa so khớp của ${r.rebuilt} kiến nghị theo từ điển phiên bản ${r.version} trong ${r.ms} ms.`);
          return 0;
        }
        if (sub !== 'export' || !o.out) throw new UsageError('Dùng: npm run nhip -- recommendations export --out so-kien-nghi.xlsx [--period 2025]');
        const { runRecommendationsExport } = await import('./modules/follow-up/export.cli.js');
        console.log(await runRecommendationsExport(db, { out: o.out, period: o.period }, clock.today(), clock.now()));
        return 0;
      }
      case 'metadata': {
        const { importMetadata, exportMetadata } = await import('./modules/dhis2/dhis2.service.js');
        if (sub === 'export' && arg3) {
          fs.writeFileSync(arg3, JSON.stringify(await exportMetadata(db), null, 2));
          console.log(`Đã xuất cấu hình ra ${arg3}`);
          return 0;
        }
        if (sub === 'import' && arg3) {
          if (!fs.existsSync(arg3)) throw new UsageError(`Không tìm thấy tệp: ${arg3}`);
          let json: unknown;
          try {
            json = JSON.parse(fs.readFileSync(arg3, 'utf8'));
          } catch {
            throw new UsageError(`Tệp ${arg3} không phải JSON hợp lệ.`);
          }
          const r = await importMetadata(db, await adminUser(db), json, { dryRun: !!o['dry-run'] });
          console.log(JSON.stringify(r, null, 2));
          return r.status === 'ERROR' ? 2 : 0;
        }
        throw new UsageError('Dùng: npm run nhip -- metadata import|export TỆP');
      }
      case 'audit': {
        if (sub !== 'verify') throw new UsageError('Dùng: npm run nhip -- audit verify [--anchor SỐ:MÃ_BĂM]');
        const anchor = o.anchor === undefined ? undefined : parseAnchor(o.anchor);
        if (anchor === null) throw new UsageError('--anchor phải có dạng SỐ:MÃ_BĂM, ví dụ 1600:efeb4a37… (64 chữ số hex), như lần kiểm tra trước đã in.');
        const report = await verifyAuditChain(db, anchor);
        console.log(describeChainReport(report));
        return report.ok ? 0 : 3;
      }
      case 'backup': {
        if (!sub) throw new UsageError('Thiếu tên tệp: npm run nhip -- backup TỆP');
        const r = await backup(db, sub);
        console.log(`Đã sao lưu ${r.rows} dòng của ${r.tables} bảng vào ${sub}.`);
        return 0;
      }
    }
    return 0;
  } finally {
    await opened.close();
  }
}

async function usersCommand(db: Db, sub: string | undefined, a: string | undefined, b: string | undefined, o: Record<string, string | boolean | undefined>): Promise<number> {
  const actor = cliActor(await adminUser(db));
  switch (sub) {
    case 'list': {
      for (const u of await usersRepo.list(db, {}))
        console.log(`${u.username.padEnd(16)} ${u.role.padEnd(10)} ${u.active ? '' : '(khóa) '}${u.org_unit_name ?? ''}`);
      return 0;
    }
    case 'create': {
      const username = (o.username as string | undefined) ?? a;
      if (!username) throw new UsageError('Thiếu --username TÊN');
      const r = await createUser(db, actor, {
        username, fullName: (o.name as string | undefined) ?? username, role: requireRole(o.role as string | undefined),
        orgUnitId: await unitIdByCode(db, o.unit as string | undefined), password: o.password as string | undefined,
      });
      console.log(`Đã tạo người dùng ${username}.${r.generated ? ` Mật khẩu tạm (phải đổi khi đăng nhập): ${r.password}` : ''}`);
      return 0;
    }
    case 'set-role': {
      if (!a) throw new UsageError('Dùng: npm run nhip -- users set-role TÊN VAI_TRÒ [--unit MÃ]');
      const u = await usersRepo.byUsername(db, a);
      if (!u) throw new UsageError(`Không có người dùng "${a}".`);
      await updateUser(db, actor, u.id, { role: requireRole(b ?? (o.role as string | undefined)), ...(o.unit ? { orgUnitId: await unitIdByCode(db, o.unit as string) } : {}) });
      console.log(`Đã đổi vai trò của ${a}.`);
      return 0;
    }
    case 'reset-password': {
      if (!a) throw new UsageError('Dùng: npm run nhip -- users reset-password TÊN [--password MK]');
      const u = await usersRepo.byUsername(db, a);
      if (!u) throw new UsageError(`Không có người dùng "${a}".`);
      const pw = await resetPassword(db, actor, u.id, o.password as string | undefined);
      console.log(`Mật khẩu mới của ${a} (phải đổi khi đăng nhập): ${pw}`);
      return 0;
    }
    default:
      throw new UsageError('Dùng: npm run nhip -- users list|create|set-role|reset-password …');
  }
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    if (err instanceof UsageError || err instanceof DatabaseBusyError || err instanceof BackupFormatError || err instanceof AppError) {
      console.error(`Lỗi: ${err.message}`);
      process.exit(2);
    }
    if ((err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`Lỗi: ${(err as Error).message}\nXem: npm run nhip -- --help`);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  });

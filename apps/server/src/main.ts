import { buildApp } from './app.js';
import { openDatabase, prepareDatabase, type PreparedInfo } from './platform/bootstrap.js';
import { systemClock } from './platform/clock.js';
import { loadConfig } from './platform/config.js';
import { startScheduler } from './platform/scheduler.js';

function banner(url: string, where: string, info: PreparedInfo) {
  const lines = [`Nhịp đang chạy tại ${url}`, `Cơ sở dữ liệu: ${where}`];
  if (info.migrations.length) lines.push(`Đã áp dụng migration: ${info.migrations.join(', ')}`);
  if (info.admin.created && info.admin.generated)
    lines.push('', `Tài khoản quản trị: admin / ${info.admin.password}`, '  (mật khẩu sinh ngẫu nhiên, chỉ in một lần — hãy lưu lại hoặc đặt NHIP_ADMIN_PASSWORD)');
  else if (info.admin.created) lines.push('', 'Tài khoản quản trị: admin (mật khẩu lấy từ NHIP_ADMIN_PASSWORD)');
  if (info.demo.accounts.length) {
    lines.push('', info.demo.seeded ? 'Đã nạp dữ liệu mẫu. Tài khoản mẫu:' : 'Tài khoản mẫu (mật khẩu mặc định của dữ liệu mẫu):');
    for (const a of info.demo.accounts) lines.push(`  ${a.username.padEnd(12)} ${a.password.padEnd(15)} ${a.role.padEnd(10)} ${a.unit}`);
  }
  console.log(lines.join('\n'));
}

async function main() {
  const config = loadConfig();
  const clock = systemClock(process.env.NHIP_NOW);
  const opened = await openDatabase(config, 'server');
  const info = await prepareDatabase(opened.db, config, clock.today());
  const app = await buildApp({ db: opened.db, config, clock, logger: true });
  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  banner(`http://${config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`, opened.where, info);
  const stopScheduler = config.scheduler ? startScheduler(app) : () => {};
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`Nhận ${signal}, đang dừng Nhịp…`);
    stopScheduler();
    await app.close();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error && err.name !== 'Error' ? err.stack : err instanceof Error ? err.message : err);
  process.exit(1);
});

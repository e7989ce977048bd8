import type { Config } from './config.js';

type Transport = { sendMail(m: { from: string; to: string[]; subject: string; text: string }): Promise<unknown> };
let transport: { url: string; t: Transport } | null = null;

/** Sends an e-mail when SMTP_URL is configured. Failures are logged and never break the caller. */
export async function sendMail(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>, m: { to: string[]; subject: string; text: string }): Promise<boolean> {
  if (!config.smtpUrl) return false;
  try {
    if (!transport || transport.url !== config.smtpUrl) {
      const nodemailer = await import('nodemailer');
      transport = { url: config.smtpUrl, t: nodemailer.createTransport(config.smtpUrl) as unknown as Transport };
    }
    await transport.t.sendMail({ from: config.smtpFrom, ...m });
    return true;
  } catch (e) {
    console.error('Không gửi được e-mail:', (e as Error).message);
    return false;
  }
}

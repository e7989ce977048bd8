import type { Config } from './config.js';

export type MailAttachment = { filename: string; content: Buffer | string; contentType: string };
export type Mail = { to: string[]; subject: string; text: string; attachments?: MailAttachment[]; icalEvent?: { method: string; content: string } };

type Transport = { sendMail(m: Mail & { from: string }): Promise<unknown> };
let transport: { url: string; t: Transport } | null = null;

/** What became of one e-mail: sent, not configured (no SMTP_URL), or failed with the server's reason. */
export type MailResult = { sent: true; error: null } | { sent: false; error: string | null };

/**
 * Sends an e-mail when SMTP_URL is configured, with attachments and, for a meeting, the calendar part that mail
 * programs show as an invitation (`icalEvent`). Never throws: a failure comes back with its reason, so the caller
 * can keep it and show it (the thing the mail was about is not lost).
 */
export async function deliverMail(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>, m: Mail): Promise<MailResult> {
  if (!config.smtpUrl) return { sent: false, error: null };
  try {
    if (!transport || transport.url !== config.smtpUrl) {
      const nodemailer = await import('nodemailer');
      transport = { url: config.smtpUrl, t: nodemailer.createTransport(config.smtpUrl) as unknown as Transport };
    }
    await transport.t.sendMail({ from: config.smtpFrom, ...m });
    return { sent: true, error: null };
  } catch (e) {
    const reason = (e as Error).message || String(e);
    console.error('Không gửi được e-mail:', reason);
    return { sent: false, error: reason.slice(0, 500) };
  }
}

/** Sends an e-mail when SMTP_URL is configured. Failures are logged and never break the caller. */
export async function sendMail(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>, m: { to: string[]; subject: string; text: string }): Promise<boolean> {
  return (await deliverMail(config, m)).sent;
}

/**
 * A small SMTP server for tests: accepts every message (or refuses them while `failing`), and keeps what it got,
 * so a test reads the very e-mail Nhịp sent — recipients, headers, parts — without a mail server on the machine.
 */
import net from 'node:net';

export type ReceivedMail = { from: string; to: string[]; data: string };

export type TestSmtp = { url: string; mails: ReceivedMail[]; failing: boolean; close(): Promise<void> };

export async function startTestSmtp(): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const state = { failing: false };
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let current: ReceivedMail = { from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 test-smtp ready');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end).replace(/\r\n\.\./g, '\r\n.');
          buffer = buffer.slice(end + 5);
          inData = false;
          mails.push(current);
          current = { from: '', to: [], data: '' };
          reply('250 queued');
          continue;
        }
        const nl = buffer.indexOf('\r\n');
        if (nl < 0) return;
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') reply('250 test-smtp');
        else if (cmd === 'MAIL') {
          if (state.failing) reply('554 5.7.1 Relay access denied');
          else {
            current.from = line.slice(10).trim();
            reply('250 ok');
          }
        } else if (cmd === 'RCPT') {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply('250 ok');
        } else if (cmd === 'DATA') {
          inData = true;
          reply('354 go ahead');
        } else if (cmd === 'RSET') {
          current = { from: '', to: [], data: '' };
          reply('250 ok');
        } else if (cmd === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('250 ok');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    get failing() {
      return state.failing;
    },
    set failing(v: boolean) {
      state.failing = v;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded text of the MIME part with this content type (base64 or quoted-printable or plain). */
export function mimePart(data: string, contentType: string): string | null {
  const parts = data.split(/\r\n--[^\r\n]+\r\n/);
  for (const p of parts) {
    const sep = p.indexOf('\r\n\r\n');
    if (sep < 0) continue;
    const head = p.slice(0, sep);
    if (!new RegExp(`^Content-Type:\\s*${contentType.replace(/[/.+]/g, '\\$&')}`, 'im').test(head)) continue;
    const body = p.slice(sep + 4).replace(/\r\n--[^\r\n]*--\s*$/, '');
    if (/Content-Transfer-Encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(head))
      return Buffer.from(
        body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
    return body;
  }
  return null;
}

import { hash, verify } from '@node-rs/argon2';
import { foldDiacritics } from '@nhip/contracts';

// argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane).
const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1, algorithm: 2 /* Argon2id */ } as const;

export const hashPassword = (plain: string) => hash(plain.normalize('NFC'), ARGON);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain.normalize('NFC'));
  } catch {
    return false;
  }
}

/** A small list of passwords people pick first; compared after folding case and diacritics. */
const COMMON = new Set([
  '1234567890', '12345678910', '0123456789', '1111111111', '0000000000', 'password12', 'password123',
  'password1234', 'matkhau123', 'matkhau1234', 'admin12345', 'admin123456', 'administrator', 'qwertyuiop',
  'qwerty12345', 'abc1234567', 'abcd123456', '123456789a', 'a123456789', 'iloveyou12', 'welcome123',
  'nhip123456', 'nhip@12345', 'soTTTT2024', 'vietnam123', 'hanoi12345', 'changeme123', 'letmein123',
  'p@ssw0rd12', 'p@ssword123', '1q2w3e4r5t', 'zaq12wsxcde', 'asdfghjkl1', 'trustno1234',
].map((p) => foldDiacritics(p)));

/** Returns a Vietnamese reason the password is refused, or null when it is acceptable. */
export function passwordProblem(plain: string, username: string): string | null {
  const p = plain.normalize('NFC');
  if ([...p].length < 10) return 'Mật khẩu phải có ít nhất 10 ký tự.';
  if ([...p].length > 256) return 'Mật khẩu không được dài quá 256 ký tự.';
  const folded = foldDiacritics(p);
  if (folded === foldDiacritics(username) || folded.includes(foldDiacritics(username)) && username.length >= 4)
    return 'Mật khẩu không được chứa tên đăng nhập.';
  if (COMMON.has(folded)) return 'Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác.';
  if (new Set(folded).size < 4) return 'Mật khẩu cần đa dạng ký tự hơn.';
  return null;
}

/** A readable random password (for the admin's first start and resets). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8, 12).join('')}`;
}

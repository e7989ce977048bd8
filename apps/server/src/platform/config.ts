import path from 'node:path';
import { z } from 'zod';
import { type RateLimit, type RateLimitName, parseRateLimits } from './rate-limits.js';

const bool = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : !['0', 'false', 'no', 'off'].includes(v.toLowerCase())));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  NHIP_DEMO: bool,
  NHIP_ADMIN_PASSWORD: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  TRUST_PROXY: bool,
  SMTP_URL: z.string().optional(),
  SMTP_FROM: z.string().default('Nhịp <no-reply@localhost>'),
  PUBLIC_URL: z.string().optional(),
  NHIP_SCHEDULER: bool,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NHIP_RATE_LIMITS: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demo: boolean;
  adminPassword?: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  trustProxy: boolean;
  smtpUrl?: string;
  smtpFrom: string;
  publicUrl?: string;
  scheduler: boolean;
  logLevel: string;
  /** Overrides of the per-user limits on expensive endpoints (platform/rate-limits.ts). */
  rateLimits?: Partial<Record<RateLimitName, RateLimit>>;
};

/** Reads the environment once, failing fast with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Cấu hình không hợp lệ (biến môi trường):\n${lines}`);
  }
  const e = parsed.data;
  let rateLimits: Config['rateLimits'];
  try {
    rateLimits = parseRateLimits(e.NHIP_RATE_LIMITS);
  } catch (err) {
    throw new Error(`Cấu hình không hợp lệ (biến môi trường):\n  NHIP_RATE_LIMITS: ${(err as Error).message}`);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL || undefined,
    demo: e.NHIP_DEMO ?? true,
    adminPassword: e.NHIP_ADMIN_PASSWORD || undefined,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    trustProxy: e.TRUST_PROXY ?? false,
    smtpUrl: e.SMTP_URL || undefined,
    smtpFrom: e.SMTP_FROM,
    publicUrl: e.PUBLIC_URL,
    scheduler: e.NHIP_SCHEDULER ?? true,
    logLevel: e.LOG_LEVEL,
    rateLimits,
  };
}

/**
 * Accessibility checks for the journeys: axe-core (WCAG 2.1 A and AA rules) run inside the page. The engine
 * is injected through the DevTools protocol (page.evaluate), never as a <script> element, so the page's
 * Content-Security-Policy stays exactly as the server sends it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | null = null;
const axeSource = () => (source ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;
/** Impacts that fail a journey. */
export const BLOCKING = new Set(['serious', 'critical']);

export type AxeFinding = { rule: string; impact: string; help: string; targets: string[]; details: string[]; nodes: number; page: string };

/** Pages not checked: Swagger UI at /api/docs is a third party's developer tool, not a screen of Nhịp. */
export const AXE_SKIP: RegExp[] = [/^\/api\//];

/**
 * Waits until the screen has settled: the document is loaded, no antd spinner or active skeleton shows and
 * the DOM has not changed for `quietMs`. Gives up silently after `maxMs` (the check then runs on what is there).
 */
export async function settle(page: Page, quietMs = 300, maxMs = 8_000) {
  // A plain script (not a compiled function): the test transform may add helpers the page does not have.
  await page.evaluate(`new Promise((resolve) => {
    const started = Date.now();
    let last = Date.now();
    const mo = new MutationObserver(() => { last = Date.now(); });
    mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    (function tick() {
      const now = Date.now();
      const busy = document.readyState !== 'complete' || !!document.querySelector('.ant-spin-spinning, .ant-skeleton-active, [aria-busy="true"]');
      if (now - started > ${maxMs} || (!busy && now - last >= ${quietMs})) { mo.disconnect(); resolve(); } else setTimeout(tick, 50);
    })();
  })`);
}

/** Runs axe on the page as it is now and returns every violation of the WCAG 2.1 A/AA rules. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!present) await page.evaluate(axeSource());
  const where = new URL(page.url());
  const pageName = `${where.pathname}${where.search}`;
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const res = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return res.violations as { id: string; impact: string | null; help: string; nodes: { target: unknown[]; any: { message: string }[]; all: { message: string }[]; none: { message: string }[] }[] }[];
  }, [...WCAG_TAGS]);
  return violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    details: v.nodes.map((n) => [...n.any, ...n.all, ...n.none].map((c) => c.message).join(' ') || v.help),
    nodes: v.nodes.length,
    page: pageName,
  }));
}

/** Counts of failing elements: serious and critical, and all impacts. */
export function tally(findings: AxeFinding[]): { blocking: number; total: number } {
  let blocking = 0;
  let total = 0;
  for (const f of findings) {
    total += f.nodes;
    if (BLOCKING.has(f.impact)) blocking += f.nodes;
  }
  return { blocking, total };
}

/** One line per failing element: impact, rule, page and target, then what the rule asks. */
export function describeFindings(findings: AxeFinding[], limit = 40): string {
  const lines: string[] = [];
  for (const f of findings) f.targets.forEach((t, i) => lines.push(`[${f.impact}] ${f.rule} on ${f.page}: ${t} — ${f.details[i] ?? f.help}`));
  const more = lines.length > limit ? [`… and ${lines.length - limit} more`] : [];
  return [...lines.slice(0, limit), ...more].join('\n');
}

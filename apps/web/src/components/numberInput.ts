import { formatNumber, parseVietnameseNumber } from '@nhip/contracts';

/**
 * Props for antd InputNumber so numbers read the Vietnamese way (1.634.000 · 94,3): formatted when not
 * being typed, and typed text parsed with the same rules as everywhere else in Nhịp.
 */
export const vnNumberProps = {
  formatter: (value: number | string | undefined, info: { userTyping: boolean; input: string }) => {
    if (info.userTyping) return info.input;
    if (value === undefined || value === null || value === '') return '';
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? formatNumber(n) : String(value);
  },
  parser: (text: string | undefined) => {
    if (!text) return '';
    const n = parseVietnameseNumber(text);
    return n === null ? text : n;
  },
} as const;

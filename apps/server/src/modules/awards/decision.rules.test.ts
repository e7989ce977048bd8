import { describe, expect, it } from 'vitest';
import { quorumMet, rewardAmount, strictest, votePasses, votesNeeded } from './decision.rules.js';

describe('reward = multiple × base salary, rounded UP to 10.000 đ', () => {
  it.each([
    [0.3, 2_340_000, 710_000], // 702.000
    [0.6, 2_340_000, 1_410_000], // 1.404.000
    [1, 2_340_000, 2_340_000], // already a multiple of 10.000
    [1.5, 2_340_000, 3_510_000],
    [3, 2_340_000, 7_020_000],
    [8, 2_340_000, 18_720_000],
    [0.3, 2_530_000, 760_000], // 759.000
    [0.6, 2_530_000, 1_520_000], // 1.518.000
    [0.3, 1_800_000, 540_000],
    [0.01, 1_000_001, 20_000], // 10.000,01 đ is above one step: up to the next
    [0.01, 1_000_000, 10_000],
    [0, 2_340_000, 0],
  ])('%s × %s = %s', (multiple, base, amount) => {
    expect(rewardAmount(multiple, base)).toBe(amount);
  });

  it('refuses a negative multiple or a base that is not a positive whole number of đồng', () => {
    expect(() => rewardAmount(-0.3, 2_340_000)).toThrow(RangeError);
    expect(() => rewardAmount(0.3, 0)).toThrow(RangeError);
    expect(() => rewardAmount(0.3, 2_340_000.5)).toThrow(RangeError);
  });
});

describe('secret ballot: votes for out of ALL members', () => {
  const pct80 = { num: 80, den: 100 };
  const pct90 = { num: 90, den: 100 };
  it.each([
    // votes for, members, threshold, passes, fewest votes that pass
    [4, 5, pct80, true, 4],
    [3, 5, pct80, false, 4],
    [8, 10, pct80, true, 8],
    [7, 9, pct80, false, 8], // 7/9 = 77,8 %
    [8, 9, pct80, true, 8],
    [9, 10, pct90, true, 9],
    [8, 9, pct90, false, 9], // 88,9 %
    [12, 15, pct80, true, 12],
    [6, 9, { num: 2, den: 3 }, true, 6], // exactly 2/3, no rounding
    [5, 9, { num: 2, den: 3 }, false, 6],
  ])('%i of %i members against %o → %s (needs %i)', (votesFor, members, vote, passes, needed) => {
    expect(votePasses(votesFor, members, vote)).toBe(passes);
    expect(votesNeeded(members, vote)).toBe(needed);
  });

  it.each([
    [4, 5, true], [3, 5, false], [6, 9, true], [5, 9, false], [10, 15, true], [9, 15, false],
  ])('quorum 2/3: %i present of %i → %s', (present, members, met) => {
    expect(quorumMet(present, members, { num: 2, den: 3 })).toBe(met);
  });

  it('the strictest quorum of the titles considered applies', () => {
    expect(strictest([{ num: 2, den: 3 }, null, { num: 1, den: 2 }])).toEqual({ num: 2, den: 3 });
    expect(strictest([{ num: 90, den: 100 }, { num: 80, den: 100 }])).toEqual({ num: 90, den: 100 });
    expect(strictest([null])).toBeNull();
  });
});

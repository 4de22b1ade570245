import { describe, expect, it } from 'vitest';
import { joinedLength, splitMentions } from '../../src/delivery/split-mentions.js';

const len = (text: string) => text.length;
const items = (...lengths: number[]) => lengths.map((n, i) => String.fromCharCode(97 + i).repeat(n));

describe('splitMentions: values in, runs out', () => {
  it('keeps everything in one run when the joined mentions fit, and returns nothing for nobody', () => {
    expect(splitMentions(items(3, 3, 3), len, 11)).toEqual([items(3, 3, 3)]);
    expect(splitMentions([], len, 10)).toEqual([]);
  });

  it('counts the line break between mentions: exactly the budget fits, one more does not', () => {
    const [a, b, c] = items(10, 10, 10);
    expect(joinedLength([a, b], len)).toBe(21);
    expect(splitMentions([a!, b!, c!], len, 21)).toEqual([[a, b], [c]]);
    expect(splitMentions([a!, b!, c!], len, 20)).toEqual([[a], [b], [c]]);
    expect(splitMentions([a!, b!, c!], len, 32)).toEqual([[a, b, c]]);
    expect(splitMentions([a!, b!, c!], len, 31)).toEqual([[a, b], [c]]);
  });

  it('puts a mention longer than the budget in a run of its own, taking nobody with it', () => {
    const [a, big, c] = items(5, 30, 5);
    expect(splitMentions([a!, big!, c!], len, 11)).toEqual([[a], [big], [c]]);
    expect(splitMentions([big!, a!, c!], len, 11)).toEqual([[big], [a, c]]);
  });

  it('never loses, repeats or reorders anyone, and every run but an oversize one fits', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const list = Array.from({ length: Math.floor(random() * 60) }, (_, i) => `${i}:${'x'.repeat(Math.floor(random() * 40))}`);
      const budget = 5 + Math.floor(random() * 120);
      const runs = splitMentions(list, len, budget);
      expect(runs.flat()).toEqual(list);
      for (const run of runs) {
        expect(run.length).toBeGreaterThan(0);
        if (run.length > 1) expect(joinedLength(run, len)).toBeLessThanOrEqual(budget);
      }
      // Greedy: no run could have taken the next one's first mention.
      for (let i = 0; i + 1 < runs.length; i++) expect(joinedLength([...runs[i]!, runs[i + 1]![0]!], len)).toBeGreaterThan(budget);
    }
  });

  it('makes the same later runs when the earlier runs are gone (a re-plan after some posts were sent)', () => {
    const list = Array.from({ length: 50 }, (_, i) => `m${i}${'y'.repeat((i * 7) % 13)}`);
    const runs = splitMentions(list, len, 60);
    expect(runs.length).toBeGreaterThan(3);
    for (let sent = 1; sent < runs.length; sent++) {
      expect(splitMentions(runs.slice(sent).flat(), len, 60)).toEqual(runs.slice(sent));
    }
  });
});

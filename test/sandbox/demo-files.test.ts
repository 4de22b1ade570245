import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoReminders, demoUsersCsv } from '../generators/demo-files.js';

describe('demo files', () => {
  it('are what the seed says (regenerate them from test/generators/demo-files.ts when the seed changes)', () => {
    expect(readFileSync(new URL('../../demo/users.csv', import.meta.url), 'utf8')).toBe(demoUsersCsv());
    expect(JSON.parse(readFileSync(new URL('../../demo/reminders.json', import.meta.url), 'utf8'))).toEqual(demoReminders());
  });
});

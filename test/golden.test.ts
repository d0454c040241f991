// Golden fixtures: every input under fixtures/seeds and fixtures/scans must convert to exactly the plan file
// committed beside it. They change only through `npm run fixtures:update` and a reviewed diff.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, vnplan } from './helpers.js';

const inputs = ['seeds', 'scans'].flatMap((d) =>
  readdirSync(resolve(ROOT, 'fixtures', d))
    .filter((f) => !f.includes('.plan.'))
    .map((f) => `fixtures/${d}/${f}`),
);

describe('golden fixtures', () => {
  it('has the five seed documents and a scan', async () => {
    expect(inputs.filter((f) => f.startsWith('fixtures/seeds/'))).toHaveLength(5);
    expect(inputs.some((f) => f.endsWith('.pdf'))).toBe(true);
  });

  it.each(inputs)('%s', async (input) => {
    const r = await vnplan(['convert', input, '--stdout', '-q', '--jobs', '1']);
    expect(r.stderr).toBe('');
    const golden = JSON.parse(readFileSync(resolve(ROOT, input.replace(/\.[^.]+$/, '.plan.json')), 'utf8'));
    expect(JSON.parse(r.stdout)).toEqual(golden);
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withFallback } from '../../src/index';
import { consumers } from './consumers';
import { freezeClocks, noWaits, observe } from './observe';
import { rows } from './rows';

// Issue 12: a one-entry chain must be invisible. Each scripted behaviour (row) is read by
// each consumer (column) once from the bare model and once through withFallback([model]);
// the observations must be equal, except providerMetadata.fallback (removed by normalize).
beforeAll(freezeClocks);
afterAll(() => {
  vi.useRealTimers();
});

// Plain loops rather than describe.each: test names keep the full row and consumer names.
for (const row of rows) {
  describe(row.name, () => {
    for (const consumer of consumers.filter(consumer => consumer.applies?.(row) ?? true)) {
      it(consumer.name, async () => {
        const bare = await observe(consumer, row, script => script(row));
        const wrapped = await observe(consumer, row, script => withFallback([script(row)], noWaits));
        expect(wrapped, 'withFallback([model]) (+ received) vs the bare model (- expected)').toEqual(bare);
      });
    }
  });
}

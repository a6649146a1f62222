import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withFallback } from '../../src/index';
import { consumers } from './consumers';
import { failingPrimaries } from './failing-primaries';
import { freezeClocks, noWaits, observe } from './observe';
import { rows } from './rows';

// Issue 12: when the primary fails before any output and the backup answers, the consumer
// must see exactly the backup's answer (plus providerMetadata.fallback). Both entries carry
// the same provider and model id: the SDK reads the model's identity before the call, when
// nobody knows which entry will serve, so only what the attempts produce is compared. The
// failing attempts send their own response-metadata, which must not leak.
const good = rows.find(row => row.name === 'success text')!;

beforeAll(freezeClocks);
afterAll(() => {
  vi.useRealTimers();
});

for (const primary of failingPrimaries) {
  describe(`primary ${primary.name}, backup answers`, () => {
    for (const consumer of consumers.filter(consumer => consumer.applies?.(good) ?? true)) {
      it(consumer.name, async () => {
        const bare = await observe(consumer, good, script => script(good));
        const chained = await observe(consumer, good, script => withFallback([script(primary), script(good)], noWaits));
        expect(chained, 'withFallback([failing, good]) (+ received) vs the bare good model (- expected)').toEqual(bare);
      });
    }
  });
}

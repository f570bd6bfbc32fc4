import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { TIERS_SORTS } from '../sdk/schemas/tiers.js';
import type { Tiers } from '../sdk/schemas/common.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './index.js';
import { createTestClient, startTestBackend } from './test-support.js';

const { mock } = startTestBackend();
after(() => mock.close());

/** As the backend compares: without accents, case nor spaces. */
const key = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '').toLowerCase();

describe('the tiers list of an accounting firm (3,000 members)', () => {
  test('for any search, sort and page size, the pages together are the matching tiers, each once, in order', async () => {
    const { client } = createTestClient();
    await client.login({ email: DEMO_ACCOUNTS.cabinet, password: DEMO_PASSWORD });
    await fc.assert(
      fc.asyncProperty(
        // Searches that match a few dozen to a few hundred members (each page is one request).
        fc.constantFrom('martin', 'Maçonnerie Le', 'ET FILS', '40001', 'plomberie faure', 'SAS', 'grenoble'),
        fc.constantFrom(...TIERS_SORTS),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.integer({ min: 25, max: 100 }),
        async (q, sort, direction, pageSize) => {
          const rows: Tiers[] = [];
          let total = Infinity;
          for (let page = 1; (page - 1) * pageSize < total; page++) {
            const answer = await client.searchTiers({ q, sort, direction, page, pageSize });
            total = answer.total;
            assert.ok(answer.items.length <= pageSize);
            rows.push(...answer.items);
          }
          assert.equal(rows.length, total);
          assert.equal(new Set(rows.map((t) => t.id)).size, total, 'no tiers on two pages');
          const k = key(q);
          for (const t of rows) {
            assert.ok(key(t.raisonSociale).includes(k) || t.siret.includes(k) || key(t.identifiantCibtp).includes(k), `${t.raisonSociale} matches ${q}`);
          }
          const value = (t: Tiers): string | number =>
            sort === 'dsnAlerts' ? t.dsnAlerts.length
              : sort === 'siret' ? t.siret
                : key(sort === 'raisonSociale' ? t.raisonSociale : sort === 'siteName' ? t.siteName : t.identifiantCibtp);
          for (let i = 1; i < rows.length; i++) {
            const [a, b] = [value(rows[i - 1]!), value(rows[i]!)];
            assert.ok(direction === 'asc' ? a <= b : a >= b, `sorted by ${sort} ${direction}`);
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});

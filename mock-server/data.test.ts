import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isIdentifiantCibtp, isSiret } from '../sdk/rules/identifiers.js';
import { createSeedDb, DEMO_ACCOUNTS, findAccount, KNOWN_IDENTIFIANT_CIBTP, tiersOf } from './db.js';
import { createFaults } from './faults.js';
import { createMockBackend } from './index.js';
import { createOutbox, type OutboxMessage } from './outbox.js';
import { randomDigits, randomToken } from './random.js';

const NOW = new Date('2026-01-15T08:00:00.000Z');

describe('seed', () => {
  test('is deterministic', () => {
    assert.deepEqual(createSeedDb(NOW), createSeedDb(NOW));
  });

  test('every SIRET is valid and belongs to its company\'s SIREN; identifiants are well-formed and unique', () => {
    const db = createSeedDb(NOW);
    assert.ok(db.sites.length >= 15);
    for (const site of db.sites) {
      assert.ok(isSiret(site.siret), site.siret);
      assert.ok(site.siret.startsWith(db.companies.find((c) => c.id === site.companyId)?.siren ?? '?'));
      assert.ok(isIdentifiantCibtp(site.identifiantCibtp), site.identifiantCibtp);
    }
    assert.equal(new Set(db.sites.map((s) => s.identifiantCibtp)).size, db.sites.length);
    assert.equal(new Set(db.sites.map((s) => s.siret)).size, db.sites.length);
    assert.ok(db.sites.some((s) => s.identifiantCibtp === KNOWN_IDENTIFIANT_CIBTP));
  });

  test('the demo accounts show what the README says', () => {
    const db = createSeedDb(NOW);
    const account = (email: string) => {
      const found = findAccount(db, email);
      assert.ok(found, email);
      return found;
    };
    assert.equal(tiersOf(db, account(DEMO_ACCOUNTS.admin)).length, 1);
    const multi = tiersOf(db, account(DEMO_ACCOUNTS.multi));
    assert.equal(multi.length, 3);
    assert.equal(multi.filter((t) => t.dsnAlerts.length > 0).length, 1);
    assert.equal(account(DEMO_ACCOUNTS.cabinet).kind, 'cabinet');
    const firm = tiersOf(db, account(DEMO_ACCOUNTS.cabinet));
    assert.equal(firm.length, 3_000);
    assert.equal(new Set(firm.map((t) => t.id)).size, 3_000);
    assert.ok(firm.every((t) => isSiret(t.siret)), 'every SIRET passes its check');
    assert.ok(firm.filter((t) => t.dsnAlerts.length > 0).length > 100, 'some members have alerts');
    assert.equal(account(DEMO_ACCOUNTS.worker).kind, 'salarie');
    assert.equal(account(DEMO_ACCOUNTS.worker).mobile?.certified, true);
    assert.equal(account(DEMO_ACCOUNTS.notActivated).activated, false);
    assert.ok((account(DEMO_ACCOUNTS.certificationExpired).emailCertifiedUntil?.getTime() ?? Infinity) < NOW.getTime());
  });

  test('a new backend has the activation email of the not-activated account in its outbox', () => {
    const backend = createMockBackend({ now: () => NOW, linkBase: 'https://caisse.test/' });
    const email = backend.outbox.last();
    assert.equal(email?.to, DEMO_ACCOUNTS.notActivated);
    assert.match(email?.link ?? '', /^https:\/\/caisse\.test\/#action=activate&token=[A-Za-z0-9_-]{43}$/);
    backend.outbox.clear();
    backend.reset();
    assert.equal(backend.outbox.list().length, 1, 'reset restores the seeded outbox');
  });
});

describe('outbox', () => {
  test('lists oldest first, finds the newest match, notifies every change, unsubscribes', () => {
    const outbox = createOutbox(() => NOW);
    const seen: OutboxMessage[][] = [];
    const unsubscribe = outbox.subscribe((messages) => seen.push(messages));
    outbox.send({ kind: 'email', to: 'a@x.fr', subject: 'Un', body: '1' });
    outbox.send({ kind: 'sms', to: '+33600000000', subject: 'Deux', body: '2', code: '123456' });
    outbox.send({ kind: 'email', to: 'b@x.fr', subject: 'Trois', body: '3' });
    assert.deepEqual(outbox.list().map((m) => m.subject), ['Un', 'Deux', 'Trois']);
    assert.equal(outbox.last({ kind: 'email' })?.subject, 'Trois');
    assert.equal(outbox.last({ to: 'a@x.fr' })?.subject, 'Un');
    assert.equal(outbox.last({ kind: 'letter' }), undefined);
    assert.equal(outbox.list()[0]?.sentAt, NOW.toISOString());
    assert.deepEqual(seen.map((list) => list.length), [1, 2, 3]);
    outbox.clear();
    assert.deepEqual(seen.at(-1), []);
    unsubscribe();
    outbox.send({ kind: 'letter', to: 'x', subject: 'Quatre', body: '4' });
    assert.equal(seen.length, 4);
  });

  test('callers get copies: the stored messages cannot be altered from outside', () => {
    const outbox = createOutbox(() => NOW);
    outbox.send({ kind: 'email', to: 'a@x.fr', subject: 'Un', body: '1' });
    const [copy] = outbox.list();
    assert.ok(copy);
    copy.subject = 'changé';
    assert.equal(outbox.last()?.subject, 'Un');
  });
});

describe('faults table', () => {
  test('times counts down, operation beats "*", clear() empties', () => {
    const faults = createFaults();
    faults.set('*', { kind: 'server' });
    faults.set('login', { kind: 'network' }, { times: 2 });
    assert.equal(faults.take('login')?.kind, 'network');
    assert.equal(faults.take('login')?.kind, 'network');
    assert.equal(faults.take('login')?.kind, 'server');
    assert.equal(faults.take('csrf')?.kind, 'server');
    faults.clear();
    assert.equal(faults.take('login'), undefined);
    assert.throws(() => faults.set('login', { kind: 'server' }, { times: 0 }), RangeError);
  });
});

describe('random secrets', () => {
  test('tokens carry at least 128 bits in base64url and do not repeat', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => randomToken()));
    assert.equal(tokens.size, 200);
    for (const token of tokens) assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    assert.match(randomToken(16), /^[A-Za-z0-9_-]{22}$/);
  });

  test('codes are 6 digits and use every digit', () => {
    const codes = Array.from({ length: 200 }, () => randomDigits(6));
    for (const code of codes) assert.match(code, /^\d{6}$/);
    assert.equal(new Set(codes.join('')).size, 10);
  });
});

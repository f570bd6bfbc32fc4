import assert from 'node:assert/strict';
import { after, beforeEach, describe, test } from 'node:test';
import fc from 'fast-check';
import type { PortalClient } from '../sdk/client.js';
import { ACCESS_MODES, COLLEGES, RIGHT_FUNCTIONS, RIGHT_FUNCTION_IDS, RIGHT_GROUPS, type AccessMode, type College, type RightFunction, type RightsGrant } from '../sdk/rules/rights.js';
import { effectiveGrant, rightsExcess } from '../sdk/rules/delegation.js';
import {
  DELEGATION_ROLES, DELEGATION_SORTS, DELEGATION_STATUSES, type Delegation, type DelegationRights, type DelegationsQuery,
} from '../sdk/schemas/rights.js';
import { DEMO_ACCOUNTS, DEMO_DELEGATIONS, DEMO_PASSWORD, type MockDelegation } from './index.js';
import { createTestClient, linkToken, rejectsWith, startTestBackend } from './test-support.js';

const { mock, clock } = startTestBackend();
after(() => mock.close());
beforeEach(() => mock.reset());

const LYON = DEMO_DELEGATIONS.siteId;
const SAINT_ETIENNE = 'durand-btp/saint-etienne';
const NEW_PASSWORD = 'Nouveau-Mot2passe';
const DAY = 86_400_000;

/** The mock's "today" (Europe/Paris) moved by `days`. */
function day(days = 0): string {
  const paris = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
  const today = paris.format(clock.now());
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Signs in (the mock keeps one session: the previous one ends); `tiersId` picks among several tiers. */
async function signIn(email: string, tiersId?: string, password = DEMO_PASSWORD): Promise<PortalClient> {
  const { client } = createTestClient();
  const result = await client.login({ email, password });
  if (result.status === 'choose-tiers') {
    assert.ok(tiersId, `${email} has several tiers: say which`);
    await client.selectTiers({ tiersId });
  } else {
    assert.equal(result.status, 'signed-in');
  }
  return client;
}

const anonymous = () => createTestClient().client;

const rights = (functions: Partial<Record<RightFunction, AccessMode>> = {}, colleges: College[] = ['ouvrier', 'etam', 'cadre'], administrator = false): DelegationRights =>
  ({ administrator, colleges, functions });

const ALL = { sort: 'name', direction: 'asc', page: 1, pageSize: 100 } as const;

async function all(client: PortalClient, query: Partial<DelegationsQuery> = {}): Promise<Delegation[]> {
  const rows: Delegation[] = [];
  let total = Infinity;
  for (let page = 1; (page - 1) * 100 < total; page++) {
    const answer = await client.searchDelegations({ ...ALL, ...query, page });
    total = answer.total;
    rows.push(...answer.items);
  }
  return rows;
}

const byEmail = async (client: PortalClient, email: string) => (await all(client)).find((d) => d.email === email);

describe('the rights catalogue', () => {
  test('lists the groups of the guides, each with its functions, in order', async () => {
    const { groups } = await anonymous().rightsCatalogue();
    assert.deepEqual(groups.map((g) => g.id), [...RIGHT_GROUPS]);
    assert.deepEqual(groups.flatMap((g) => g.functions), RIGHT_FUNCTIONS.map((f) => f.id));
    for (const g of groups) assert.ok(g.functions.every((fn) => RIGHT_FUNCTIONS.find((f) => f.id === fn)?.group === g.id));
  });
});

describe('the beneficiaries of DURAND BTP Siège', () => {
  test('the overview: identifiant CIBTP, 7 beneficiaries, the firm the caisse knows, with no delegation yet', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    assert.deepEqual(await admin.delegationsOverview(), {
      identifiantCibtp: '100234567', beneficiaries: 7, cabinet: { name: 'FIDUCIAIRE DU RHÔNE', delegation: null },
    });
  });

  test('two pages at 5 per page, by name, with every status and both user roles', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const first = await admin.searchDelegations({ sort: 'name', direction: 'asc', page: 1, pageSize: 5 });
    const second = await admin.searchDelegations({ sort: 'name', direction: 'asc', page: 2, pageSize: 5 });
    assert.equal(first.total, 7);
    assert.equal(first.items.length, 5);
    assert.equal(second.items.length, 2);
    const rows = [...first.items, ...second.items];
    const status = Object.fromEntries(rows.map((d) => [d.email, d.status]));
    assert.deepEqual(status, {
      [DEMO_DELEGATIONS.activeUser]: 'active',
      [DEMO_DELEGATIONS.activeAdministrator]: 'active',
      [DEMO_DELEGATIONS.activeUntil]: 'active',
      [DEMO_DELEGATIONS.pendingActivation]: 'pending',
      [DEMO_DELEGATIONS.pendingStart]: 'pending',
      [DEMO_DELEGATIONS.closed]: 'inactive',
      [DEMO_DELEGATIONS.ended]: 'inactive',
    });
    assert.equal(rows.find((d) => d.email === DEMO_DELEGATIONS.activeUser)?.name, 'MARTIN Sophie');
    assert.equal(rows.find((d) => d.email === DEMO_DELEGATIONS.activeAdministrator)?.role, 'administrateur');
    // Not activated yet: no name to show (it sorts first).
    assert.equal(rows[0]?.email, DEMO_DELEGATIONS.pendingActivation);
    assert.equal(rows[0]?.name, '');
    assert.deepEqual(rows.slice(1).map((d) => d.name), ['DUBOIS Pierre', 'GIRARD Émilie', 'LEROY Marc', 'MARTIN Sophie', 'MOREL Isabelle', 'ROUSSEAU Julien']);
  });

  test('filters: role, status, Exclure les utilisateurs inactifs, date d’effet from, date de fin up to', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const emails = async (query: Partial<DelegationsQuery>) => (await all(admin, query)).map((d) => d.email).sort();
    assert.deepEqual(await emails({ role: 'administrateur' }), [DEMO_DELEGATIONS.activeAdministrator]);
    assert.deepEqual(await emails({ status: 'inactive' }), [DEMO_DELEGATIONS.closed, DEMO_DELEGATIONS.ended].sort());
    assert.equal((await emails({ excludeInactive: 'true' })).length, 5);
    assert.equal((await emails({ excludeInactive: 'false' })).length, 7);
    assert.deepEqual(await emails({ effectiveFrom: day(-30) }), [DEMO_DELEGATIONS.activeUntil, DEMO_DELEGATIONS.pendingActivation, DEMO_DELEGATIONS.pendingStart].sort());
    // Only delegations that have a date de fin, up to that day.
    assert.deepEqual(await emails({ endUntil: day(0) }), [DEMO_DELEGATIONS.ended]);
    assert.deepEqual(await emails({ endUntil: day(60) }), [DEMO_DELEGATIONS.activeUntil, DEMO_DELEGATIONS.ended].sort());
  });

  test('a sorted list follows every change at once: a delegate’s activation moves it among the active ones', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const byStatus = async () => (await admin.searchDelegations({ sort: 'status', direction: 'asc', page: 1, pageSize: 10 })).items;
    const before = await byStatus();
    assert.deepEqual(before.map((d) => d.status), ['pending', 'pending', 'active', 'active', 'active', 'inactive', 'inactive']);
    assert.equal(before[0]?.email, DEMO_DELEGATIONS.pendingActivation);
    await anonymous().resendActivation({ email: DEMO_DELEGATIONS.pendingActivation });
    await anonymous().resetPassword({ token: linkToken(mock.outbox.last({ to: DEMO_DELEGATIONS.pendingActivation })?.link), password: NEW_PASSWORD });
    const after = await byStatus();
    assert.deepEqual(after.map((d) => d.status), ['pending', 'active', 'active', 'active', 'active', 'inactive', 'inactive']);
    assert.equal(after.find((d) => d.email === DEMO_DELEGATIONS.pendingActivation)?.status, 'active');
    await admin.closeDelegation({ id: after[1]?.id ?? '' });
    assert.deepEqual((await byStatus()).map((d) => d.status), ['pending', 'active', 'active', 'active', 'inactive', 'inactive', 'inactive']);
  });

  test('getDelegation answers one of the tiers, else 404', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const [martin] = (await all(admin)).filter((d) => d.email === DEMO_DELEGATIONS.activeUser);
    assert.ok(martin);
    assert.deepEqual(await admin.getDelegation({ id: martin.id }), martin);
    assert.deepEqual(martin.rights.colleges, ['ouvrier', 'etam', 'cadre']);
    await rejectsWith(admin.getDelegation({ id: 'd-nope' }), 'not-found');
    // A delegation of another tiers is not found from this one.
    await rejectsWith(admin.getDelegation({ id: 'd-br-1' }), 'not-found');
  });
});

describe('who may manage delegations', () => {
  test('nobody without a session (401); a delegate without the administrator box (403), e.g. multi@ at Saint-Étienne', async () => {
    await rejectsWith(anonymous().delegationsOverview(), 'session-expired');
    await rejectsWith(anonymous().searchDelegations(ALL), 'session-expired');
    const multi = await signIn(DEMO_ACCOUNTS.multi, SAINT_ETIENNE);
    await rejectsWith(multi.delegationsOverview(), 'forbidden');
    await rejectsWith(multi.searchDelegations(ALL), 'forbidden');
    await rejectsWith(multi.createDelegation({ email: 'x@durand-btp.fr', effectiveDate: day(), rights: rights({ planning: 'read' }) }), 'forbidden');
    await rejectsWith(multi.delegateToCabinet({ effectiveDate: day(), rights: rights({ planning: 'read' }) }), 'forbidden');
    await rejectsWith(multi.confirmDelegation({ id: 'd-lyon-1' }), 'forbidden');
    const martin = await signIn(DEMO_DELEGATIONS.activeUser);
    await rejectsWith(martin.searchDelegations(ALL), 'forbidden');
  });

  test('multi@ manages at Lyon, where it is an administrator', async () => {
    const multi = await signIn(DEMO_ACCOUNTS.multi, LYON);
    assert.equal((await multi.delegationsOverview()).beneficiaries, 7);
  });

  test('a delegate with the administrator box manages and sees every delegation of the tiers', async () => {
    const rousseau = await signIn(DEMO_DELEGATIONS.activeAdministrator);
    assert.equal((await rousseau.searchDelegations(ALL)).total, 7);
    const made = await rousseau.createDelegation({ email: 'nouvelle@durand-btp.fr', effectiveDate: day(), rights: rights({ documents: 'write' }) });
    assert.equal(made.status, 'pending');
    assert.equal((await signIn(DEMO_ACCOUNTS.admin).then((c) => c.delegationsOverview())).beneficiaries, 8);
  });

  test('a firm acting for a member sees only the delegations it made, and no firm to delegate to', async () => {
    const member = 'maconnerie-lefevre/site';
    const firm = await signIn(DEMO_ACCOUNTS.cabinet, member);
    assert.deepEqual(await firm.delegationsOverview(), { identifiantCibtp: '200100000', beneficiaries: 0, cabinet: null });
    const made = await firm.createDelegation({ email: 'collab@comptagestion.fr', effectiveDate: day(), rights: rights({ documents: 'read' }) });
    assert.equal(made.role, 'utilisateur');
    const { items, total } = await firm.searchDelegations(ALL);
    assert.equal(total, 1);
    assert.equal(items[0]?.id, made.id);
    await rejectsWith(firm.delegateToCabinet({ effectiveDate: day(), rights: rights({ documents: 'read' }) }), 'forbidden');
  });
});

describe('createDelegation', () => {
  test('to a new address: a login is created and a welcome link lets the delegate choose its password; pending until then', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const given = rights({ 'gerer-salaries': 'write', documents: 'read' }, ['ouvrier', 'etam']);
    const made = await admin.createDelegation({ email: ' Nouvelle.Recrue@Durand-BTP.fr ', effectiveDate: day(), rights: given });
    assert.deepEqual({ ...made, id: '' }, {
      id: '', role: 'utilisateur', name: '', email: 'nouvelle.recrue@durand-btp.fr', status: 'pending', effectiveDate: day(), endDate: null,
      rights: effectiveGrant(given), awaitingConfirmation: false,
    });
    const email = mock.outbox.last({ to: 'nouvelle.recrue@durand-btp.fr' });
    assert.ok(email);
    assert.match(email.body, /DURAND BTP \(Siège — Lyon\) vous a délégué des droits d’accès/);
    assert.match(email.link ?? '', /#action=reset-password&token=/);
    // No password yet: nothing signs in, whatever is typed.
    await rejectsWith(anonymous().login({ email: 'nouvelle.recrue@durand-btp.fr', password: NEW_PASSWORD }), 'invalid-credentials');

    await anonymous().resetPassword({ token: linkToken(email.link), password: NEW_PASSWORD });
    assert.equal((await (await signIn(DEMO_ACCOUNTS.admin)).getDelegation({ id: made.id })).status, 'active');
    const delegate = await signIn('nouvelle.recrue@durand-btp.fr', undefined, NEW_PASSWORD);
    assert.equal(delegate.session?.tiers?.id, LYON);
    assert.deepEqual(await delegate.tiersRights(), effectiveGrant(given));
    await rejectsWith(delegate.recordUse({ function: 'comptes-bancaires' }), 'forbidden');
    await delegate.recordUse({ function: 'gerer-salaries' });
  });

  test('a lost welcome link: resending the activation sends a new welcome link (never a password-less activation)', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    await admin.createDelegation({ email: 'perdu@durand-btp.fr', effectiveDate: day(), rights: rights({ documents: 'read' }) });
    await anonymous().resendActivation({ email: 'perdu@durand-btp.fr' });
    const again = mock.outbox.last({ to: 'perdu@durand-btp.fr' });
    assert.match(again?.link ?? '', /#action=reset-password&token=/);
    await anonymous().resetPassword({ token: linkToken(again?.link), password: NEW_PASSWORD });
    assert.equal((await signIn('perdu@durand-btp.fr', undefined, NEW_PASSWORD)).session?.tiers?.id, LYON);
  });

  test('to an address that has a login: it is told by email, and acts for the tiers at once', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const before = mock.db.accounts.length;
    const made = await admin.createDelegation({ email: DEMO_ACCOUNTS.cabinet, effectiveDate: day(), rights: rights({ documents: 'read' }) });
    assert.equal(made.status, 'active');
    assert.equal(made.name, 'PETIT Marc');
    assert.equal(mock.db.accounts.length, before);
    const email = mock.outbox.last({ to: DEMO_ACCOUNTS.cabinet });
    assert.match(email?.body ?? '', /^Bonjour Marc Petit,\n\nL’entreprise DURAND BTP \(Siège — Lyon\) vous a délégué des droits d’accès/);
    assert.equal(email?.link, undefined);
    const firm = await anonymous();
    assert.equal((await firm.login({ email: DEMO_ACCOUNTS.cabinet, password: DEMO_PASSWORD })).status, 'choose-tiers');
    assert.equal((await firm.searchTiers({ sort: 'raisonSociale', direction: 'asc', page: 1, pageSize: 1 })).total, 3_001);
    await firm.selectTiers({ tiersId: LYON });
    assert.deepEqual(await firm.tiersRights(), effectiveGrant(rights({ documents: 'read' })));
  });

  test('the role follows the administrator box; a date de fin is kept', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const made = await admin.createDelegation({
      email: 'adjoint@durand-btp.fr', effectiveDate: day(3), endDate: day(40), rights: rights({}, ['cadre'], true),
    });
    assert.equal(made.role, 'administrateur');
    assert.deepEqual(made.rights, effectiveGrant({ administrator: true, colleges: [], functions: {} }));
    assert.equal(made.endDate, day(40));
    assert.equal(made.status, 'pending');
  });

  test('refusals, in order: past date, self, already delegated (or an administrator), beyond rights; schema: date de fin before the date d’effet', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const ok = { email: 'x@durand-btp.fr', effectiveDate: day(), rights: rights({ planning: 'read' }) };
    const fields = async (input: Parameters<PortalClient['createDelegation']>[0], code: 'validation' | 'conflict') =>
      (await rejectsWith(admin.createDelegation(input), code)).fields;
    assert.deepEqual(await fields({ ...ok, effectiveDate: day(-1) }, 'validation'), { effectiveDate: 'past' });
    // The date comes first: a past date to oneself is refused for the date.
    assert.deepEqual(await fields({ ...ok, email: DEMO_ACCOUNTS.admin, effectiveDate: day(-1) }, 'validation'), { effectiveDate: 'past' });
    assert.deepEqual(await fields({ ...ok, email: ' ADMIN@durand-btp.fr' }, 'validation'), { email: 'self' });
    assert.deepEqual(await fields({ ...ok, email: DEMO_DELEGATIONS.activeUser }, 'conflict'), { email: 'already-delegated' });
    assert.deepEqual(await fields({ ...ok, email: DEMO_DELEGATIONS.pendingActivation }, 'conflict'), { email: 'already-delegated' });
    assert.deepEqual(await fields({ ...ok, email: DEMO_ACCOUNTS.multi }, 'conflict'), { email: 'already-delegated' }, 'an administrator of the tiers');
    assert.deepEqual(await fields({ ...ok, email: DEMO_ACCOUNTS.worker }, 'validation'), { email: 'in-use' }, 'a worker’s login');
    const schema = await rejectsWith(admin.createDelegation({ ...ok, effectiveDate: day(5), endDate: day(5) }), 'validation');
    assert.deepEqual(schema.fields, { endDate: 'before-start' });
    // An inactive delegation does not block a new one for the same address.
    const again = await admin.createDelegation({ ...ok, email: DEMO_DELEGATIONS.closed });
    assert.equal(again.status, 'active');
    assert.equal((await admin.delegationsOverview()).beneficiaries, 8);
  });

  test('beyond the delegator’s rights: a firm may not give what it did not receive', async () => {
    const firm = await signIn(DEMO_ACCOUNTS.cabinet, 'maconnerie-lefevre/site');
    const base = { email: 'collab@comptagestion.fr', effectiveDate: day() };
    for (const beyond of [
      rights({ 'comptes-bancaires': 'read' }),
      rights({ 'informations-adherent': 'write' }),
      rights({}, ['ouvrier'], true),
    ]) {
      assert.deepEqual((await rejectsWith(firm.createDelegation({ ...base, rights: beyond }), 'validation')).fields, { rights: 'beyond-rights' });
    }
    assert.equal((await firm.searchDelegations(ALL)).total, 0);
    assert.equal((await firm.createDelegation({ ...base, rights: rights({ 'informations-adherent': 'read', documents: 'write' }) })).status, 'pending');
  });
});

describe('updateDelegation, closeDelegation, deleteDelegation', () => {
  test('modify a user’s delegation: rights, role and dates; it keeps a date d’effet in the past', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const martin = await byEmail(admin, DEMO_DELEGATIONS.activeUser);
    assert.ok(martin);
    const updated = await admin.updateDelegation({ id: martin.id, effectiveDate: martin.effectiveDate, endDate: day(10), rights: rights({ planning: 'read' }, ['etam']) });
    assert.equal(updated.endDate, day(10));
    assert.deepEqual(updated.rights, effectiveGrant(rights({ planning: 'read' }, ['etam'])));
    assert.equal(updated.status, 'active');
    // Moving the date d'effet into the past is refused.
    assert.deepEqual((await rejectsWith(admin.updateDelegation({ id: martin.id, effectiveDate: day(-1), rights: rights() }), 'validation')).fields, { effectiveDate: 'past' });
    const promoted = await admin.updateDelegation({ id: martin.id, effectiveDate: martin.effectiveDate, rights: rights({}, ['ouvrier'], true) });
    assert.equal(promoted.role, 'administrateur');
    assert.equal(promoted.endDate, null);
    const delegate = await signIn(DEMO_DELEGATIONS.activeUser);
    assert.equal((await delegate.tiersRights()).administrator, true);
  });

  test('close a user’s delegation: inactive, kept in the list, and its login loses access', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const martin = await byEmail(admin, DEMO_DELEGATIONS.activeUser);
    assert.ok(martin);
    const closed = await admin.closeDelegation({ id: martin.id });
    assert.equal(closed.status, 'inactive');
    assert.equal((await admin.delegationsOverview()).beneficiaries, 7);
    await rejectsWith(admin.closeDelegation({ id: martin.id }), 'conflict');
    await rejectsWith(admin.updateDelegation({ id: martin.id, effectiveDate: day(), rights: rights() }), 'conflict');
    await rejectsWith(anonymous().login({ email: DEMO_DELEGATIONS.activeUser, password: DEMO_PASSWORD }), 'forbidden');
  });

  test('a closed delegation ends the session’s access at once', async () => {
    const delegate = await signIn(DEMO_DELEGATIONS.activeUser);
    assert.equal((await delegate.tiersRights()).colleges.length, 3);
    const d = mock.db.delegations.ofSite(LYON).find((x) => x.email === DEMO_DELEGATIONS.activeUser);
    assert.ok(d);
    d.closed = true;
    mock.db.delegations.touch(d);
    await rejectsWith(delegate.tiersRights(), 'forbidden');
    await rejectsWith(delegate.homeTiles(), 'forbidden');
    assert.equal((await delegate.currentSession()).session?.tiers, null);
  });

  test('the actions that do not apply: a user’s delegation is not deleted, the firm’s is neither modified nor closed', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const martin = await byEmail(admin, DEMO_DELEGATIONS.activeUser);
    assert.ok(martin);
    await rejectsWith(admin.deleteDelegation({ id: martin.id }), 'forbidden');
    await rejectsWith(admin.confirmDelegation({ id: martin.id }), 'conflict');
    const firm = await admin.delegateToCabinet({ effectiveDate: day(), rights: rights({ documents: 'read' }) });
    await rejectsWith(admin.updateDelegation({ id: firm.id, effectiveDate: day(), rights: rights() }), 'forbidden');
    await rejectsWith(admin.closeDelegation({ id: firm.id }), 'forbidden');
    await rejectsWith(admin.deleteDelegation({ id: 'd-nope' }), 'not-found');
    await admin.deleteDelegation({ id: firm.id });
    await rejectsWith(admin.getDelegation({ id: firm.id }), 'not-found');
    assert.equal((await admin.delegationsOverview()).cabinet?.delegation, null);
  });
});

/** Random grants, and requests either within a grant (a lower mode, fewer collèges) or anything. */
const modeArb = fc.constantFrom<AccessMode | undefined>(...ACCESS_MODES, undefined);
const functionsArb = fc.tuple(...RIGHT_FUNCTION_IDS.map(() => modeArb)).map((modes) => {
  const functions: Partial<Record<RightFunction, AccessMode>> = {};
  RIGHT_FUNCTION_IDS.forEach((id, i) => {
    const mode = modes[i];
    if (mode) functions[id] = mode;
  });
  return functions;
});
const grantArb: fc.Arbitrary<RightsGrant> = fc.record({
  administrator: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  colleges: fc.subarray([...COLLEGES]),
  functions: functionsArb,
});
const requestArb = (max: RightsGrant): fc.Arbitrary<DelegationRights> => {
  const held = effectiveGrant(max);
  const within = fc.record({
    administrator: fc.constant(false),
    colleges: fc.subarray(held.colleges.length > 0 ? [...held.colleges] : ['ouvrier' as College], { minLength: 1 }),
    functions: fc.tuple(...RIGHT_FUNCTION_IDS.map(() => fc.nat(2))).map((cuts) => {
      const functions: Partial<Record<RightFunction, AccessMode>> = {};
      RIGHT_FUNCTION_IDS.forEach((id, i) => {
        const top = ACCESS_MODES.indexOf(held.functions[id] ?? 'none');
        functions[id] = ACCESS_MODES[Math.max(0, top - (cuts[i] ?? 0))];
      });
      return functions;
    }),
  });
  const anything = fc.record({ administrator: fc.integer({ min: 0, max: 4 }).map((n) => n === 0), colleges: fc.subarray([...COLLEGES], { minLength: 1 }), functions: functionsArb });
  return fc.oneof(within, anything);
};

describe('no delegation beyond the delegator’s rights (fast-check)', () => {
  test('a firm’s create and modify succeed exactly when rightsExcess finds nothing; a refusal changes nothing', async () => {
    const member = 'charpentes-vercors/site';
    const outcomes = { accepted: 0, refused: 0 };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(grantArb.chain((max) => fc.tuple(fc.constant(max), requestArb(max), requestArb(max))), async ([max, created, modified]) => {
        mock.reset();
        const cabinet = mock.db.accounts.find((a) => a.email === DEMO_ACCOUNTS.cabinet);
        assert.ok(cabinet);
        // What the member gave the firm, this run.
        cabinet.rights = { [member]: max };
        // A delegation the firm made earlier, to modify.
        const earlier: MockDelegation = {
          id: 'd-earlier', siteId: member, delegatorId: cabinet.id, accountId: null, email: 'avant@comptagestion.fr', role: 'utilisateur',
          effectiveDate: day(-10), endDate: null, rights: { administrator: false, colleges: ['ouvrier'], functions: {} },
          closed: false, completed: true, confirmed: true, firmName: null,
        };
        mock.db.delegations.add(earlier);
        const firm = await signIn(DEMO_ACCOUNTS.cabinet, member);
        const snapshot = async () => ({ list: await firm.searchDelegations(ALL), outbox: mock.outbox.list().length, accounts: mock.db.accounts.length });

        for (const [request, act] of [
          [created, () => firm.createDelegation({ email: `collab${++n}@comptagestion.fr`, effectiveDate: day(), rights: created })],
          [modified, () => firm.updateDelegation({ id: earlier.id, effectiveDate: earlier.effectiveDate, rights: modified })],
        ] as const) {
          const before = await snapshot();
          const allowed = rightsExcess(request, max) === null;
          if (allowed) {
            const d = await act();
            assert.deepEqual(d.rights, effectiveGrant(request));
            outcomes.accepted += 1;
          } else {
            assert.deepEqual((await rejectsWith(act(), 'validation')).fields, { rights: 'beyond-rights' });
            assert.deepEqual(await snapshot(), before, 'a refusal leaves the data unchanged');
            outcomes.refused += 1;
          }
        }
      }),
      { numRuns: 25 },
    );
    assert.ok(outcomes.accepted > 5 && outcomes.refused > 5, JSON.stringify(outcomes));
  });

  test('an administrator’s (everything) and a received delegation’s bounds, for random matrices', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(grantArb.chain((max) => fc.tuple(fc.constant(max), requestArb(max))), async ([max, request]) => {
        mock.reset();
        // A firm whose delegation on DURAND BTP Siège is active with `max`.
        const firmAccount = mock.db.accounts.find((a) => a.email === DEMO_DELEGATIONS.activeUser);
        assert.ok(firmAccount);
        firmAccount.kind = 'cabinet';
        const d = mock.db.delegations.ofSite(LYON).find((x) => x.accountId === firmAccount.id);
        assert.ok(d);
        d.role = 'cabinet';
        d.rights = max;
        mock.db.delegations.touch(d);
        const firm = await signIn(DEMO_DELEGATIONS.activeUser);
        assert.deepEqual(await firm.tiersRights(), effectiveGrant(max));
        const act = firm.createDelegation({ email: 'collab@fidu.fr', effectiveDate: day(), rights: request });
        if (rightsExcess(request, max) === null) assert.equal((await act).status, 'pending');
        else assert.deepEqual((await rejectsWith(act, 'validation')).fields, { rights: 'beyond-rights' });
      }),
      { numRuns: 15 },
    );
    // The tiers' own administrator holds everything: any matrix passes.
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    await fc.assert(
      fc.asyncProperty(requestArb(effectiveGrant({ administrator: true, colleges: [], functions: {} })), async (request) => {
        const made = await admin.createDelegation({ email: `tout-${++n}@durand-btp.fr`, effectiveDate: day(), rights: request });
        assert.equal(made.role, request.administrator ? 'administrateur' : 'utilisateur');
      }),
      { numRuns: 10 },
    );
  });
});

describe('status on the clock (Europe/Paris)', () => {
  test('a date de fin tomorrow: active today, inactive from midnight in Paris, and the login loses the tiers', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const girard = await byEmail(admin, DEMO_DELEGATIONS.activeUntil);
    assert.ok(girard);
    const tomorrow = day(1);
    await admin.updateDelegation({ id: girard.id, effectiveDate: girard.effectiveDate, endDate: tomorrow, rights: girard.rights as DelegationRights });
    // One minute before midnight, Paris time (the session lasts 30 minutes: sign in close to it).
    const midnight = Date.parse(`${tomorrow}T00:00:00+01:00`);
    clock.advance(midnight - 60_000 - clock.now().getTime());
    const delegate = await signIn(DEMO_DELEGATIONS.activeUntil);
    assert.equal(delegate.session?.tiers?.id, LYON);
    assert.equal((await delegate.tiersRights()).colleges.length, 2);
    clock.advance(59_999);
    assert.equal((await delegate.tiersRights()).colleges.length, 2, 'still the day before');
    clock.advance(1);
    await rejectsWith(delegate.tiersRights(), 'forbidden');
    await rejectsWith(anonymous().login({ email: DEMO_DELEGATIONS.activeUntil, password: DEMO_PASSWORD }), 'forbidden');
    const again = await signIn(DEMO_ACCOUNTS.admin);
    assert.equal((await again.getDelegation({ id: girard.id })).status, 'inactive');
  });

  test('a date d’effet ahead: pending until that day, then active', async () => {
    const leroy = () => signIn(DEMO_ACCOUNTS.admin).then((c) => byEmail(c, DEMO_DELEGATIONS.pendingStart));
    assert.equal((await leroy())?.status, 'pending');
    await rejectsWith(anonymous().login({ email: DEMO_DELEGATIONS.pendingStart, password: DEMO_PASSWORD }), 'forbidden');
    clock.advance(14 * DAY);
    assert.equal((await leroy())?.status, 'active');
    assert.equal((await signIn(DEMO_DELEGATIONS.pendingStart)).session?.tiers?.id, LYON);
  });
});

describe('the delegation to the accounting firm, through the outbox', () => {
  const FIRM = DEMO_DELEGATIONS.cabinet.email;
  const GIVEN = rights({ 'declarations-salaires': 'write', 'gerer-salaries': 'read', documents: 'write' }, ['ouvrier', 'etam']);

  /** delegateToCabinet → the firm's email → completeAccount: the delegation waits for the administrator. */
  async function firmCompletes(): Promise<Delegation> {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const made = await admin.delegateToCabinet({ effectiveDate: day(), rights: GIVEN });
    assert.equal(made.role, 'cabinet');
    assert.equal(made.name, 'FIDUCIAIRE DU RHÔNE');
    assert.equal(made.status, 'pending');
    assert.equal(made.awaitingConfirmation, false);
    assert.deepEqual((await admin.delegationsOverview()).cabinet, { name: 'FIDUCIAIRE DU RHÔNE', delegation: made });
    await rejectsWith(admin.delegateToCabinet({ effectiveDate: day(), rights: GIVEN }), 'conflict');

    const invitationEmail = mock.outbox.last({ to: FIRM });
    assert.ok(invitationEmail);
    assert.equal(invitationEmail.subject, 'Mon espace CIBTP : Compléter les informations de mon espace sécurisé');
    assert.match(invitationEmail.body, /L’entreprise DURAND BTP, adhérente à notre caisse, a initié une délégation en votre faveur afin que vous puissiez accéder à nos services dématérialisés\./);
    assert.match(invitationEmail.link ?? '', /#action=complete-account&token=/);
    const token = linkToken(invitationEmail.link);
    const visitor = anonymous();
    const expected = { email: FIRM, company: 'DURAND BTP', cabinet: 'FIDUCIAIRE DU RHÔNE' };
    assert.deepEqual(await visitor.invitation({ token }), expected);
    assert.deepEqual(await visitor.invitation({ token }), expected, 'looking does not spend the link');

    const details = { token, password: NEW_PASSWORD, lastName: 'Roche', firstName: 'Bernard', fixedPhone: '+33478000000' };
    // The caisse's policy, checked before the link is spent.
    assert.deepEqual((await rejectsWith(visitor.completeAccount({ ...details, password: 'court' }), 'validation')).fields, { password: 'policy' });
    assert.deepEqual(await visitor.completeAccount(details), { status: 'confirmation-requested' });
    await rejectsWith(visitor.completeAccount(details), 'link-invalid');
    await rejectsWith(visitor.invitation({ token }), 'link-invalid');
    const firmAccount = mock.db.accounts.find((a) => a.email === FIRM);
    assert.equal(firmAccount?.kind, 'cabinet');
    assert.equal(firmAccount?.activated, true);

    // Not confirmed: the firm may not sign in to act, and no link lets it in.
    await rejectsWith(anonymous().login({ email: FIRM, password: NEW_PASSWORD }), 'forbidden');
    const sent = mock.outbox.list().length;
    await anonymous().resendActivation({ email: FIRM });
    assert.equal(mock.outbox.list().length, sent, 'an activated login gets no activation link');
    const pending = await (await signIn(DEMO_ACCOUNTS.admin)).getDelegation({ id: made.id });
    assert.equal(pending.status, 'pending');
    assert.equal(pending.awaitingConfirmation, true);
    return pending;
  }

  test('delegate → invitation → complete → the administrator’s link → confirm → the firm acts with the delegated rights only', async () => {
    const pending = await firmCompletes();
    const request = mock.outbox.last({ to: DEMO_ACCOUNTS.admin });
    assert.ok(request);
    assert.match(request.body, /FIDUCIAIRE DU RHÔNE a complété son compte/);
    assert.match(request.link ?? '', /#action=confirm-delegation&token=/);
    // Every administrator of the tiers is asked (multi@ is one too).
    assert.ok(mock.outbox.last({ to: DEMO_ACCOUNTS.multi })?.link?.includes('confirm-delegation'));
    const token = linkToken(request.link);
    const visitor = anonymous();
    assert.deepEqual(await visitor.delegationConfirmation({ token }), { company: 'DURAND BTP', identifiantCibtp: '100234567', delegation: pending });
    const confirmed = await visitor.confirmDelegation({ token });
    assert.equal(confirmed.status, 'active');
    assert.equal(confirmed.awaitingConfirmation, false);
    await rejectsWith(visitor.confirmDelegation({ token }), 'link-invalid');
    // The other administrator's link died with the confirmation.
    await rejectsWith(visitor.delegationConfirmation({ token: linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.multi })?.link) }), 'link-invalid');
    assert.match(mock.outbox.last({ to: FIRM })?.body ?? '', /a confirmé la délégation en votre faveur/);

    const firm = await signIn(FIRM, undefined, NEW_PASSWORD);
    assert.equal(firm.session?.tiers?.id, LYON);
    assert.equal(firm.session?.user.kind, 'cabinet');
    assert.deepEqual(await firm.tiersRights(), effectiveGrant(GIVEN));
    await rejectsWith(firm.recordUse({ function: 'comptes-bancaires' }), 'forbidden');
    await firm.recordUse({ function: 'declarations-salaires' });
    // It sub-delegates within what it received, and sees only its own delegations.
    assert.deepEqual((await firm.delegationsOverview()), { identifiantCibtp: '100234567', beneficiaries: 0, cabinet: null });
    assert.deepEqual((await rejectsWith(firm.createDelegation({ email: 'collab@fiduciaire-rhone.fr', effectiveDate: day(), rights: rights({ documents: 'write' }, ['cadre']) }), 'validation')).fields, { rights: 'beyond-rights' });
    assert.deepEqual((await rejectsWith(firm.createDelegation({ email: 'collab@fiduciaire-rhone.fr', effectiveDate: day(), rights: rights({ 'gerer-salaries': 'write' }, ['ouvrier']) }), 'validation')).fields, { rights: 'beyond-rights' });
    const sub = await firm.createDelegation({ email: 'collab@fiduciaire-rhone.fr', effectiveDate: day(), rights: rights({ 'gerer-salaries': 'read', documents: 'write' }, ['etam']) });
    assert.deepEqual((await firm.searchDelegations(ALL)).items.map((d) => d.id), [sub.id]);
    await rejectsWith(firm.getDelegation({ id: pending.id }), 'not-found');
    await rejectsWith(firm.confirmDelegation({ id: pending.id }), 'forbidden');
    await rejectsWith(firm.deleteDelegation({ id: pending.id }), 'not-found');

    // The member deletes the firm's delegation: the firm and its collaborators lose the tiers.
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    assert.equal((await admin.delegationsOverview()).beneficiaries, 9);
    await admin.deleteDelegation({ id: pending.id });
    assert.equal((await admin.getDelegation({ id: sub.id })).status, 'inactive');
    assert.equal((await admin.delegationsOverview()).cabinet?.delegation, null);
    await rejectsWith(anonymous().login({ email: FIRM, password: NEW_PASSWORD }), 'forbidden');
    // The member may delegate to its firm again.
    assert.equal((await admin.delegateToCabinet({ effectiveDate: day(), rights: GIVEN })).status, 'pending');
  });

  test('confirm from the list ({ id }): the emailed link then no longer works', async () => {
    const pending = await firmCompletes();
    const token = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.admin })?.link);
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const confirmed = await admin.confirmDelegation({ id: pending.id });
    assert.equal(confirmed.status, 'active');
    await rejectsWith(admin.confirmDelegation({ id: pending.id }), 'conflict');
    await rejectsWith(anonymous().confirmDelegation({ token }), 'link-invalid');
    assert.equal((await signIn(FIRM, undefined, NEW_PASSWORD)).session?.tiers?.id, LYON);
  });

  test('confirming before the firm completed is a conflict; a member with no known firm may not delegate to one', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    const made = await admin.delegateToCabinet({ effectiveDate: day(), rights: GIVEN });
    await rejectsWith(admin.confirmDelegation({ id: made.id }), 'conflict');
    // The firm's delegation exists (pending): a second one is a conflict, whatever else is wrong with it.
    await rejectsWith(admin.delegateToCabinet({ effectiveDate: day(-1), rights: GIVEN }), 'conflict');
    const scale = await signIn(DEMO_ACCOUNTS.scale);
    assert.equal((await scale.delegationsOverview()).cabinet, null);
    await rejectsWith(scale.delegateToCabinet({ effectiveDate: day(), rights: GIVEN }), 'forbidden');
  });

  test('links: unknown is link-invalid, expired after 48 hours is link-expired', async () => {
    const admin = await signIn(DEMO_ACCOUNTS.admin);
    await admin.delegateToCabinet({ effectiveDate: day(1), rights: GIVEN });
    const token = linkToken(mock.outbox.last({ to: FIRM })?.link);
    await rejectsWith(anonymous().invitation({ token: 'x'.repeat(43) }), 'link-invalid');
    await rejectsWith(anonymous().delegationConfirmation({ token }), 'link-invalid');
    clock.advance(48 * 3_600_000);
    await rejectsWith(anonymous().invitation({ token }), 'link-expired');
  });

  test('a firm that already has a login (COMPTAGESTION for DURAND CHARPENTE BOIS) completes that same login', async () => {
    const multi = await signIn(DEMO_ACCOUNTS.multi, 'durand-charpente/grenoble');
    assert.equal((await multi.delegationsOverview()).cabinet?.name, 'COMPTAGESTION');
    const made = await multi.delegateToCabinet({ effectiveDate: day(), rights: rights({ documents: 'read' }) });
    assert.equal(made.status, 'pending');
    const token = linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.cabinet })?.link);
    const before = mock.db.accounts.length;
    await anonymous().completeAccount({ token, password: NEW_PASSWORD, lastName: 'Petit', firstName: 'Marc' });
    assert.equal(mock.db.accounts.length, before);
    // Still its 3,000 members, not yet the new one.
    const firm = anonymous();
    await firm.login({ email: DEMO_ACCOUNTS.cabinet, password: NEW_PASSWORD });
    await rejectsWith(firm.selectTiers({ tiersId: 'durand-charpente/grenoble' }), 'forbidden');
    await anonymous().confirmDelegation({ token: linkToken(mock.outbox.last({ to: DEMO_ACCOUNTS.multi })?.link) });
    const after = anonymous();
    await after.login({ email: DEMO_ACCOUNTS.cabinet, password: NEW_PASSWORD });
    await after.selectTiers({ tiersId: 'durand-charpente/grenoble' });
    assert.deepEqual(await after.tiersRights(), effectiveGrant(rights({ documents: 'read' })));
  });
});

/** As the backend compares names: without accents, case nor spaces. */
const key = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '').toLowerCase();

describe('10,000 beneficiaries (BÂTIMENTS RÉUNIS)', () => {
  test('every status adds up, Exclure les utilisateurs inactifs removes exactly the inactive', async () => {
    const scale = await signIn(DEMO_ACCOUNTS.scale);
    const one = { ...ALL, pageSize: 1 };
    assert.equal((await scale.delegationsOverview()).beneficiaries, 10_000);
    assert.equal((await scale.searchDelegations(one)).total, 10_000);
    const counts = await Promise.all(DELEGATION_STATUSES.map(async (status) => (await scale.searchDelegations({ ...one, status })).total));
    assert.equal(counts.reduce((a, b) => a + b, 0), 10_000);
    assert.ok(counts.every((c) => c > 100), JSON.stringify(counts));
    const roles = await Promise.all(DELEGATION_ROLES.map(async (role) => (await scale.searchDelegations({ ...one, role })).total));
    assert.equal(roles.reduce((a, b) => a + b, 0), 10_000);
    assert.ok(roles.every((c) => c > 0), JSON.stringify(roles));
    assert.equal((await scale.searchDelegations({ ...one, excludeInactive: 'true' })).total, 10_000 - (counts[2] ?? 0));
  });

  test('for any filters, sort and page size, the pages together are the filtered rows, each once, in order', async () => {
    const scale = await signIn(DEMO_ACCOUNTS.scale);
    const today = day();
    await fc.assert(
      fc.asyncProperty(
        // Filters that keep a few hundred to a few thousand rows (each page is one request).
        fc.constantFrom<Partial<DelegationsQuery>>(
          { role: 'administrateur' }, { status: 'pending' }, { role: 'cabinet' }, { effectiveFrom: day(-150) },
          { endUntil: day(100) }, { excludeInactive: 'true', effectiveFrom: day(-300) }, { status: 'active', role: 'administrateur' },
          { status: 'inactive', endUntil: day(0) },
        ),
        fc.constantFrom(...DELEGATION_SORTS),
        fc.constantFrom('asc' as const, 'desc' as const),
        fc.integer({ min: 40, max: 100 }),
        async (filters, sort, direction, pageSize) => {
          const rows: Delegation[] = [];
          let total = Infinity;
          for (let page = 1; (page - 1) * pageSize < total; page++) {
            const answer = await scale.searchDelegations({ ...filters, sort, direction, page, pageSize });
            total = answer.total;
            assert.ok(answer.items.length <= pageSize);
            rows.push(...answer.items);
          }
          assert.equal(rows.length, total);
          assert.ok(total > 0);
          assert.equal(new Set(rows.map((d) => d.id)).size, total, 'no row on two pages');
          for (const d of rows) {
            if (filters.role) assert.equal(d.role, filters.role);
            if (filters.status) assert.equal(d.status, filters.status);
            if (filters.excludeInactive === 'true') assert.notEqual(d.status, 'inactive');
            if (filters.effectiveFrom) assert.ok(d.effectiveDate >= filters.effectiveFrom);
            if (filters.endUntil) assert.ok(d.endDate !== null && d.endDate <= filters.endUntil);
            // The status is the rule's, on the mock's clock.
            if (d.endDate !== null && d.endDate <= today) assert.equal(d.status, 'inactive');
            if (d.effectiveDate > today && d.status !== 'inactive') assert.equal(d.status, 'pending');
          }
          const value = (d: Delegation): string | number =>
            sort === 'name' ? key(d.name) : sort === 'email' ? d.email.toLowerCase()
              : sort === 'role' ? DELEGATION_ROLES.indexOf(d.role) : sort === 'status' ? DELEGATION_STATUSES.indexOf(d.status)
                : sort === 'effectiveDate' ? d.effectiveDate : (d.endDate ?? '9999-99-99');
          for (let i = 1; i < rows.length; i++) {
            const [a, b] = [rows[i - 1]!, rows[i]!];
            const [va, vb] = [value(a), value(b)];
            assert.ok(direction === 'asc' ? va <= vb : va >= vb, `sorted by ${sort} ${direction}`);
            if (va === vb) {
              assert.ok(key(a.name) < key(b.name) || (key(a.name) === key(b.name) && a.email <= b.email), 'ties by name, then email');
            }
          }
        },
      ),
      { numRuns: 6 },
    );
  });

});

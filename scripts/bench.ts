// `npm run bench`: throughput of the pure rules and schemas that run on every keystroke in the
// widgets (live validation) and on every request in the SDK and the mock. Speed lives here, not in tests.
import { performance } from 'node:perf_hooks';
import { evaluatePassword, fieldErrors, isSiret, LoginRequest, ResetPasswordRequest } from '../sdk/index.js';

interface Case {
  name: string;
  run: (i: number) => unknown;
}

const passwords = ['a', 'Chantier2026!', 'motdepasse', 'Tr0ub4dor&3', 'x'.repeat(64) + 'A1!'];
const sirets = ['73282932000074', '35600000000048', '12345678901234', '44306184100047'];

const cases: Case[] = [
  { name: 'evaluatePassword', run: (i) => evaluatePassword(passwords[i % passwords.length]!) },
  { name: 'isSiret', run: (i) => isSiret(sirets[i % sirets.length]!) },
  { name: 'fieldErrors(LoginRequest)', run: (i) => fieldErrors(LoginRequest, { email: i % 2 ? 'a@b.fr' : 'nope', password: 'x' }) },
  {
    name: 'fieldErrors(ResetPasswordRequest)',
    run: (i) => fieldErrors(ResetPasswordRequest, { token: 'A'.repeat(22), password: passwords[i % passwords.length]! }),
  },
];

const iterations = Number(process.env.BENCH_ITERATIONS ?? 50_000);
const rows = cases.map(({ name, run }) => {
  for (let i = 0; i < 1_000; i++) run(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) run(i);
  const ms = performance.now() - start;
  return { case: name, iterations, 'µs/op': +((ms * 1000) / iterations).toFixed(2), 'ops/s': Math.round(iterations / (ms / 1000)) };
});
console.table(rows);

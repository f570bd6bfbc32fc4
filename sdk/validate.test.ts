import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from './zod.js';
import { parseFields } from './validate.js';

test('a nested field is named by its dotted path, with the code of its own value', () => {
  const schema = z.object({
    name: z.string().check(z.minLength(1), z.maxLength(10)),
    address: z.object({ city: z.string().check(z.minLength(1), z.maxLength(5)), zip: z.string().check(z.regex(/^\d{5}$/)) }),
    items: z.array(z.object({ label: z.string().check(z.maxLength(3)) })).check(z.maxLength(5)),
  });
  const checked = parseFields(schema, { name: 'ok', address: { city: '', zip: 'x' }, items: [{ label: 'abc' }, { label: 'toolong' }] });
  assert.equal(checked.success, false);
  if (checked.success) return;
  assert.deepEqual(checked.fields, { 'address.city': 'required', 'address.zip': 'invalid', 'items.1.label': 'too-long' });
});

test('a field code of the backend’s own is kept for the widget that words it; a malformed one reads invalid', async () => {
  const { toFieldErrorCode } = await import('./errors.js');
  assert.equal(toFieldErrorCode('beyond-rights'), 'beyond-rights');
  assert.equal(toFieldErrorCode('too-many'), 'too-many');
  assert.equal(toFieldErrorCode('required'), 'required');
  for (const bad of ['', 'Beyond', 'x'.repeat(41), '<script>', 42, null]) assert.equal(toFieldErrorCode(bad), 'invalid');
});

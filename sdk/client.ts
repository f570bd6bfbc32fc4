/**
 * The full client: the core transport plus one method per operation of every domain. For SDK users who
 * want everything at hand; a page that counts its bytes calls the operation functions on a core instead.
 */
import { createPortalCore, type CallOptions, type PortalClientOptions, type PortalCore } from './core.js';
import type { OperationDef } from './definition.js';
import { operations, type OperationInput, type OperationName, type OperationOutput } from './operations.js';

export type { CallOptions, PortalClientOptions } from './core.js';

/** The operations a caller invokes: all but the CSRF token, which the transport fetches itself. */
type MethodName = Exclude<OperationName, 'csrf'>;

type OperationMethods = {
  [N in MethodName]: (input: OperationInput<N>, options?: CallOptions) => Promise<OperationOutput<N>>;
};

/** A `PortalCore` with one typed method per operation: `client.login(input, options)`. */
export interface PortalClient extends PortalCore, OperationMethods {}

/**
 * Creates the typed client of every portal operation. It is a `PortalCore` too: the widgets and the
 * operation functions (`login(client, …)`) accept it.
 *
 * @example
 * ```ts
 * const client = createPortalClient({ baseUrl: '/api/' });
 * const result = await client.login({ email, password });
 * if (result.status === 'otp-required') await client.verifyOtp({ challengeId: result.challenge.id, code });
 * ```
 */
export function createPortalClient(options: PortalClientOptions): PortalClient {
  const core = createPortalCore(options);
  // `invoke` is typed per definition; here every definition goes through one loop.
  const invoke = core.invoke as (def: OperationDef, input: unknown, options?: CallOptions) => Promise<unknown>;
  const methods: Record<string, (input: unknown, options?: CallOptions) => Promise<unknown>> = {};
  for (const [name, def] of Object.entries(operations) as [OperationName, OperationDef][]) {
    if (name !== 'csrf') methods[name] = (input, callOptions) => invoke(def, input, callOptions);
  }
  // The same object, so that `session` stays a live getter and `locale` one property.
  return Object.assign(core, methods as OperationMethods);
}

import type { OperationName } from '../sdk/operations.js';

/** A failure injected in front of an operation, to show and test every error path of the widgets. */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'network' }
  | { kind: 'server' }
  | { kind: 'unavailable'; retryAfter: number }
  | { kind: 'malformed' }
  | { kind: 'unexpected-shape' };

export type FaultKind = Fault['kind'];

export interface Faults {
  /**
   * Injects `fault` on `operation` (or every operation with `'*'`); with `times`, only for that many
   * requests. A fault set on an operation takes precedence over `'*'`.
   */
  set(operation: OperationName | '*', fault: Fault, options?: { times?: number }): void;
  /** Clears one operation's fault, `'*'`'s, or all of them when called without argument. */
  clear(operation?: OperationName | '*'): void;
}

export interface FaultTable extends Faults {
  /** The fault to apply to this request of `operation`, consuming one of its `times`. */
  take(operation: OperationName): Fault | undefined;
}

export function createFaults(): FaultTable {
  const table = new Map<OperationName | '*', { fault: Fault; remaining: number }>();
  return {
    set(operation, fault, options = {}) {
      const times = options.times ?? Number.POSITIVE_INFINITY;
      if (!(times > 0)) throw new RangeError('times must be positive');
      table.set(operation, { fault: { ...fault }, remaining: times });
    },
    clear(operation) {
      if (operation === undefined) table.clear();
      else table.delete(operation);
    },
    take(operation) {
      const key = table.has(operation) ? operation : table.has('*') ? '*' : undefined;
      const entry = key && table.get(key);
      if (!key || !entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) table.delete(key);
      return entry.fault;
    },
  };
}

/**
 * The mocha globals that @web/test-runner provides to the browser tests (`*.test.ts`). @types/mocha is
 * not a dependency of the project, so the few functions the tests use are declared here for `tsc`.
 */
type MochaDone = (error?: unknown) => void;
type MochaFn = (this: unknown, done: MochaDone) => void | Promise<unknown>;

declare function describe(title: string, fn: (this: unknown) => void): void;
declare function it(title: string, fn?: MochaFn): void;
declare function before(fn: MochaFn): void;
declare function after(fn: MochaFn): void;
declare function beforeEach(fn: MochaFn): void;
declare function afterEach(fn: MochaFn): void;

/**
 * Broken variants of the HTTP mock, one per rule, each turning off exactly that rule: the proof that the
 * suite catches what it claims to. TEST CODE ONLY: imported by `conformance.test.ts`, never by the CLI,
 * `run.ts` or anything the package publishes, so that no broken behaviour can reach the published mock.
 * Each variant rewrites requests or answers through `startHttpMock({ intercept })`, or patches a method
 * of `BackendState` for its lifetime (restored by `stop()`).
 */
import { fullGrant } from '../sdk/rules/delegation.js';
import { findAccount } from '../mock-server/db.js';
import { startHttpMock, type HttpMockOptions, type RunningHttpMock } from '../mock-server/http.js';
import { BackendState } from '../mock-server/state.js';

export interface RunningVariant {
  readonly mock: RunningHttpMock;
  /** Closes the mock and restores what the variant patched. */
  stop(): Promise<void>;
}

export interface Variant {
  /** The id of the rule this variant breaks, and only that one. */
  readonly rule: string;
  readonly description: string;
  start(): Promise<RunningVariant>;
}

type Intercept = NonNullable<HttpMockOptions['intercept']>;

/** Replaces `BackendState.prototype[name]` until the returned function restores it. */
function patch<K extends keyof BackendState>(name: K, make: (original: BackendState[K]) => BackendState[K]): () => void {
  const proto = BackendState.prototype as unknown as Record<K, BackendState[K]>;
  const original = proto[name];
  proto[name] = make(original);
  return () => {
    proto[name] = original;
  };
}

/** A variant made of an intercept (which may read the running mock) and patches. */
function variant(
  rule: string, description: string,
  build: (mock: () => RunningHttpMock) => { intercept?: Intercept; patches?: (() => () => void)[] },
): Variant {
  return {
    rule,
    description,
    async start() {
      let running: RunningHttpMock | undefined;
      const { intercept, patches = [] } = build(() => {
        if (!running) throw new Error('the variant mock is not running yet');
        return running;
      });
      const restores = patches.map((apply) => apply());
      const restore = () => restores.reverse().forEach((undo) => undo());
      try {
        running = await startHttpMock({ port: 0, intercept });
      } catch (error) {
        restore();
        throw error;
      }
      const mock = running;
      return {
        mock,
        async stop() {
          try {
            await mock.close();
          } finally {
            restore();
          }
        },
      };
    },
  };
}

const isCall = (request: Request, method: string, path: string) =>
  request.method === method && new URL(request.url).pathname.endsWith(`/api/${path}`);

/** The same request without some of its headers (the body read once, then sent again). */
async function without(request: Request, ...names: string[]): Promise<Request> {
  const headers = new Headers(request.headers);
  for (const name of names) headers.delete(name);
  const body = request.method === 'GET' ? undefined : await request.arrayBuffer();
  return new Request(request.url, { method: request.method, headers, body });
}

export const VARIANTS: readonly Variant[] = [
  variant('schemas', 'the password policy answers minLength as a string', () => ({
    async intercept(request, next) {
      const answer = await next(request);
      if (!isCall(request, 'GET', 'password/policy') || answer.status !== 200) return answer;
      const policy = (await answer.json()) as { minLength: number };
      return Response.json({ ...policy, minLength: String(policy.minLength) }, { status: 200, headers: answer.headers });
    },
  })),

  variant('uniform-answers', 'a forgotten password answers 200 for a known email, 202 for an unknown one', (mock) => ({
    async intercept(request, next) {
      if (!isCall(request, 'POST', 'password/forgot')) return next(request);
      const { email } = (await request.clone().json().catch(() => ({}))) as { email?: string };
      const answer = await next(request);
      if (answer.status !== 202 || typeof email !== 'string' || !findAccount(mock().backend.db, email)) return answer;
      return new Response(await answer.arrayBuffer(), { status: 200, headers: answer.headers });
    },
  })),

  variant('lock', 'unknown emails never lock', () => ({
    patches: [() => patch('recordLoginFailure', (original) => function (this: BackendState, email: string) {
      return findAccount(this.db, email) ? original.call(this, email) : null;
    })],
  })),

  variant('csrf', 'the CSRF check is skipped', () => ({
    patches: [() => patch('isCsrfTokenValid', () => () => true)],
  })),

  variant('idempotency', 'the Idempotency-Key is ignored', () => ({
    intercept: async (request, next) => next(await without(request, 'Idempotency-Key')),
  })),

  variant('delegation-beyond-rights', 'a delegation\'s rights are not checked against the delegator\'s', () => {
    let creating = false;
    return {
      async intercept(request, next) {
        creating = isCall(request, 'POST', 'delegations');
        try {
          return await next(request);
        } finally {
          creating = false;
        }
      },
      // While a delegation is created (requests are answered one at a time), the delegator holds everything.
      patches: [() => patch('rightsOn', (original) => function (this: BackendState, ...args: Parameters<BackendState['rightsOn']>) {
        return creating ? fullGrant() : original.apply(this, args);
      })],
    };
  }),

  variant('otp', 'a one-time code is usable twice', () => ({
    patches: [() => patch('burnChallenge', () => () => undefined)],
  })),

  variant('links', 'a reset or activation link is usable twice', () => {
    const used = new Map<string, { status: number; headers: Headers; body: ArrayBuffer }>();
    return {
      async intercept(request, next) {
        if (!isCall(request, 'POST', 'password/reset') && !isCall(request, 'POST', 'account/activate')) return next(request);
        const { token } = (await request.clone().json().catch(() => ({}))) as { token?: string };
        const first = token === undefined ? undefined : used.get(token);
        if (first) return new Response(first.status === 204 ? null : first.body.slice(0), { status: first.status, headers: first.headers });
        const answer = await next(request);
        if (token !== undefined && answer.ok) used.set(token, { status: answer.status, headers: answer.headers, body: await answer.clone().arrayBuffer() });
        return answer;
      },
    };
  }),
];

// The demo's simulated backend (built from demo/mock.ts, which has no published declarations).
declare module '*/demo-mock.js' {
  export const mockReady: Promise<unknown>;
}

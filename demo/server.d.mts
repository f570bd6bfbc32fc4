/** Types of `server.mjs`, for the TypeScript scripts (bench). */
export declare const CSP: string;
export declare function startDemoServer(options?: { port?: number; host?: string; csp?: string }): Promise<{ url: string; close(): Promise<void> }>;

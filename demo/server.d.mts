/** Types of `server.mjs`, for the TypeScript scripts (bench). */
export declare const CSP: string;
export declare const SECURITY_HEADERS: Record<string, string>;
export declare function startDemoServer(options?: { port?: number; host?: string; csp?: string; httpMock?: { port?: number } }): Promise<{
  url: string;
  close(): Promise<void>;
  httpMock?: { url: string; apiUrl: string; close(): Promise<void> };
}>;

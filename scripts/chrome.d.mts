/** Types of `chrome.mjs`, for the TypeScript scripts (bench). */
export declare const CHROME_ARGS: string[];
export declare function findChrome(): string;
/** The browser's environment: the caisses' time zone (Europe/Paris). */
export declare const CHROME_ENV: Record<string, string | undefined>;

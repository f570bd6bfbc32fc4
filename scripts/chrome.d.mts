/** Types of `chrome.mjs`, for the TypeScript scripts (bench). */
export declare const CHROME_ARGS: string[];
export declare function findChrome(): string;

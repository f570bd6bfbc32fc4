/**
 * The conformance suite's programmatic API: `runConformance({ baseUrl, accounts })` and the report's
 * formats. The CLI (`cli.ts`) is a thin layer over these.
 */
export { AccountsError, AccountsFile, DEFAULT_LINK_TTL, loadAccounts, parseAccounts, type Accounts } from './accounts.js';
export { IGNORED_HEADERS, RANDOM_FIELDS, TIME_FIELDS, TIME_TOLERANCE_MS } from './compare.js';
export { formatJunit, formatText } from './report.js';
export type { Rule, RuleContext, RuleOutcome, RuleStatus } from './rule.js';
export { RULES } from './rules/index.js';
export { RULE_IDS, runConformance, UnreachableError, UsageError, type ConformanceOptions, type Report, type RuleResult } from './run.js';

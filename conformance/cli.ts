/**
 * `npx cibtp-conformance --base-url URL [--accounts FILE] [--junit FILE] [--only rule,rule]`: runs the
 * portal contract's rules against a backend and reports each one. Exit codes: 0 every rule passed or was
 * skipped, 1 a rule failed, 2 bad usage, a bad accounts file or a server that cannot be reached.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AccountsError, loadAccounts } from './accounts.js';
import { formatJunit, formatText } from './report.js';
import { RULE_IDS, runConformance, UnreachableError, UsageError } from './run.js';

const HELP = `Usage: cibtp-conformance --base-url URL [options]

Runs the rules of the portal API contract against a backend and reports each one
as passed, failed (with its evidence) or skipped (with the reason).

Options:
  --base-url URL     the API base URL, as the widgets' base-url (e.g. https://test.caisse.fr/api/)
  --accounts FILE    the test identities and hooks of this backend (JSON; not needed against
                     the package's own mock, found at <origin>/__mock/)
  --junit FILE       also write the report as JUnit XML (one test case per rule)
  --only RULES       run only these rules, comma-separated
  --help             show this help

Rules: ${RULE_IDS.join(', ')}
Exit codes: 0 no rule failed, 1 a rule failed, 2 bad usage or unreachable server.
`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'base-url': { type: 'string' },
        accounts: { type: 'string' },
        junit: { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`cibtp-conformance: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const baseUrl = values['base-url'];
  if (!baseUrl) {
    process.stderr.write(`cibtp-conformance: --base-url is required\n\n${HELP}`);
    return 2;
  }
  try {
    const accounts = values.accounts ? await loadAccounts(values.accounts) : undefined;
    const only = values.only?.split(',').map((id) => id.trim()).filter(Boolean);
    const report = await runConformance({ baseUrl, accounts, only });
    process.stdout.write(formatText(report));
    if (values.junit) await writeFile(values.junit, formatJunit(report));
    return report.failed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof AccountsError || error instanceof UnreachableError) {
      process.stderr.write(`cibtp-conformance: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));

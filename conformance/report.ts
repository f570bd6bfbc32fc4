/** The report as text (one line per rule, evidence under failures and skips) and as JUnit XML. */
import type { Report } from './run.js';

const LABEL = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' } as const;

export function formatText(report: Report): string {
  const lines = [`cibtp-conformance ${report.apiUrl}${report.mock ? ' (the package’s mock: its demo identities)' : ''}`];
  for (const result of report.results) {
    lines.push(`${LABEL[result.status]}  ${result.id} — ${result.title}`);
    if (result.status !== 'passed') for (const line of result.evidence) lines.push(`        ${line}`);
  }
  const seconds = (report.durationMs / 1000).toFixed(1);
  lines.push(`${report.results.length} rules: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped (${seconds} s)`);
  return `${lines.join('\n')}\n`;
}

/** Text safe in XML content and attributes: escaped, and without the characters XML 1.0 cannot hold. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** JUnit XML: one `<testcase>` per rule, `<failure>` with the evidence, `<skipped>` with the reasons. */
export function formatJunit(report: Report): string {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const totals = `tests="${report.results.length}" failures="${report.failed}" errors="0" skipped="${report.skipped}" time="${seconds(report.durationMs)}"`;
  const cases = report.results.map((result) => {
    const open = `    <testcase classname="cibtp-conformance" name="${xmlEscape(`${result.id}: ${result.title}`)}" time="${seconds(result.durationMs)}"`;
    const evidence = xmlEscape(result.evidence.join('\n'));
    const first = xmlEscape(result.evidence.find((line) => line.startsWith('✗')) ?? result.evidence[0] ?? '');
    if (result.status === 'failed') return `${open}>\n      <failure message="${first}">${evidence}</failure>\n    </testcase>`;
    if (result.status === 'skipped') return `${open}>\n      <skipped message="${first}"/>\n      <system-out>${evidence}</system-out>\n    </testcase>`;
    return `${open}/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cibtp-conformance" ${totals}>`,
    `  <testsuite name="cibtp-conformance" ${totals} timestamp="${xmlEscape(report.startedAt)}">`,
    '    <properties>',
    `      <property name="baseUrl" value="${xmlEscape(report.apiUrl)}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

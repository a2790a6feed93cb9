// Gate: Salesforce Code Analyzer's PMD engine on every Apex file, with Keystone's ruleset
// (security, performance, AppExchange rules). Priority 1-2 violations and any file PMD cannot
// process fail the gate; lower priorities are printed as advice.
import { join, relative } from 'node:path';
import { PACKAGE_DIR, PROJECT_ROOT } from '../lib/projectPaths.ts';
import { runJava } from './javaTools.ts';

const RUNNER = join(PROJECT_ROOT, 'scripts', 'gates', 'pmd', 'PmdRunner.java');
export const RULESET = join(PROJECT_ROOT, 'scripts', 'gates', 'pmd', 'keystone-apex-ruleset.xml');
export const FAILING_PRIORITY = 2;

export interface PmdFinding {
    kind: 'violation' | 'error';
    priority: number | null;
    rule: string;
    file: string;
    line: number | null;
    message: string;
}

export function parsePmdOutput(stdout: string): PmdFinding[] {
    const findings: PmdFinding[] = [];
    for (const line of stdout.split('\n')) {
        const [kind, priority, rule, file, lineNumber, message] = line.split('\t');
        if (kind !== 'VIOLATION' && kind !== 'ERROR') continue;
        findings.push({
            kind: kind === 'VIOLATION' ? 'violation' : 'error',
            priority: priority && priority !== '-' ? Number(priority) : null,
            rule: rule ?? '-',
            file: file ?? '-',
            line: lineNumber && lineNumber !== '-' ? Number(lineNumber) : null,
            message: message ?? '',
        });
    }
    return findings;
}

export function isBlocking(finding: PmdFinding): boolean {
    return finding.kind === 'error' || (finding.priority ?? 0) <= FAILING_PRIORITY;
}

export function analyseApex(paths: string[], ruleset: string = RULESET): PmdFinding[] {
    const run = runJava([RUNNER, ruleset, ...paths]);
    const findings = parsePmdOutput(run.stdout);
    if (run.status !== 0) {
        findings.push({
            kind: 'error',
            priority: null,
            rule: '-',
            file: '-',
            line: null,
            message: `PMD runner exited with ${run.status}: ${run.stderr.trim().slice(0, 2000)}`,
        });
    }
    return findings;
}

export function formatFinding(finding: PmdFinding): string {
    const where = finding.file === '-' ? '' : relative(PROJECT_ROOT, finding.file);
    const line = finding.line === null ? '' : `:${finding.line}`;
    const level = finding.kind === 'error' ? 'error' : `priority ${finding.priority}`;
    return `${where}${line}: [${level}] ${finding.rule}: ${finding.message}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const paths = process.argv.length > 2 ? process.argv.slice(2) : [PACKAGE_DIR];
    const findings = analyseApex(paths);
    const blocking = findings.filter(isBlocking);
    for (const finding of findings) {
        (isBlocking(finding) ? console.error : console.log)(formatFinding(finding));
    }
    console.log(
        `apex pmd: ${blocking.length} blocking (priority 1-${FAILING_PRIORITY} or errors), ${findings.length - blocking.length} advisory`,
    );
    process.exitCode = blocking.length > 0 ? 1 : 0;
}

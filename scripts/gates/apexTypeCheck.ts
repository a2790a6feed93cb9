// Gate: the apex-ls semantic checker (unknown fields, types, methods, wrong argument types,
// missing returns, missing -meta.xml, syntax errors) over the whole SFDX project, offline.
// It does not look at field names inside SOQL; metadataXref.ts covers those.
import { PROJECT_ROOT } from '../lib/projectPaths.ts';
import { runJava } from './javaTools.ts';

export interface TypeIssue {
    file: string;
    severity: string;
    line: number | null;
    message: string;
}

const BLOCKING_SEVERITIES = new Set(['Error', 'Missing', 'Syntax']);
const ISSUE_LINE = /^(\w+): line (\d+)(?: at [\d-]+)?: (.*)$/;

export function parseCheckForIssues(stdout: string): TypeIssue[] {
    const issues: TypeIssue[] = [];
    let currentFile = '';
    for (const rawLine of stdout.split('\n')) {
        const line = rawLine.trim();
        if (!line) continue;
        const match = ISSUE_LINE.exec(line);
        if (match) {
            issues.push({
                file: currentFile,
                severity: match[1] ?? 'Error',
                line: Number(match[2]),
                message: match[3] ?? '',
            });
        } else if (line.startsWith('/')) {
            currentFile = line;
        } else if (/^\w+: /.test(line)) {
            const [severity, ...rest] = line.split(': ');
            issues.push({
                file: currentFile,
                severity: severity ?? 'Error',
                line: null,
                message: rest.join(': '),
            });
        }
    }
    return issues;
}

export function isBlockingIssue(issue: TypeIssue): boolean {
    return BLOCKING_SEVERITIES.has(issue.severity);
}

export function typeCheckProject(projectDir: string = PROJECT_ROOT): {
    issues: TypeIssue[];
    exitCode: number;
} {
    const run = runJava(
        ['io.github.apexdevtools.apexls.CheckForIssues', '-n', '-d', 'warnings', '-w', projectDir],
        { cwd: projectDir },
    );
    const issues = parseCheckForIssues(run.stdout);
    // Exit 4 means "issues found"; anything else non-zero is the checker itself failing.
    if (run.status !== 0 && run.status !== 4) {
        issues.push({
            file: projectDir,
            severity: 'Error',
            line: null,
            message: `apex-ls exited with ${run.status}: ${(run.stderr || run.stdout).trim().slice(0, 2000)}`,
        });
    }
    if (run.status === 4 && !issues.some(isBlockingIssue)) {
        issues.push({
            file: projectDir,
            severity: 'Error',
            line: null,
            message: run.stdout.trim(),
        });
    }
    return { issues, exitCode: run.status };
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const { issues } = typeCheckProject(process.argv[2] ?? PROJECT_ROOT);
    const blocking = issues.filter(isBlockingIssue);
    for (const issue of issues) {
        const where = `${issue.file.replace(`${PROJECT_ROOT}/`, '')}${issue.line === null ? '' : `:${issue.line}`}`;
        (isBlockingIssue(issue) ? console.error : console.log)(
            `${where}: ${issue.severity}: ${issue.message}`,
        );
    }
    console.log(
        `apex type check: ${blocking.length} errors, ${issues.length - blocking.length} warnings`,
    );
    process.exitCode = blocking.length > 0 ? 1 : 0;
}

// The Salesforce CLI steps of the org scripts, each run with --json and read by its documented
// result type. The types below are the parts we read of the CLI's own result types (sf
// 2.146.3, the pinned @salesforce/cli; their source is named beside each one); the JSON
// envelope is `{ status, result, warnings }` on success and SfCommandError's
// `{ name, message, exitCode, status, data, actions, … }` on failure
// (@salesforce/sf-plugins-core lib/SfCommandError.d.ts). The runner is injectable: the unit
// tests feed JSON recorded from these shapes (fixtures/cli), the scripts run the real `sf`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../lib/projectPaths.ts';

export interface CommandResult {
    status: number | null;
    stdout: string;
    stderr: string;
}

export type Runner = (args: string[]) => CommandResult;

/** Runs the project's pinned `sf` (node_modules/.bin/sf), quietly and without prompts. */
export function sfRunner(bin: string = join(PROJECT_ROOT, 'node_modules', '.bin', 'sf')): Runner {
    return (args) => {
        const run = spawnSync(bin, args, {
            cwd: PROJECT_ROOT,
            encoding: 'utf8',
            maxBuffer: 256 * 1024 * 1024,
            env: {
                ...process.env,
                NO_COLOR: '1',
                SF_AUTOUPDATE_DISABLE: 'true',
                SF_DISABLE_TELEMETRY: 'true',
            },
        });
        if (run.error) {
            return { status: 127, stdout: '', stderr: `cannot run ${bin}: ${run.error.message}` };
        }
        return { status: run.status, stdout: run.stdout, stderr: run.stderr };
    };
}

// ---------------------------------------------------------------------------------------------
// Result shapes (only what we read)

/** plugin-org lib/shared/orgTypes.d.ts: ExtendedAuthFields / FullyPopulatedScratchOrgFields. */
export interface OrgSummary {
    username: string;
    alias?: string;
    orgId?: string;
    instanceUrl?: string;
    isDevHub?: boolean;
    isDefaultDevHubUsername?: boolean;
    connectedStatus?: string;
    expirationDate?: string;
    isExpired?: boolean;
    status?: string;
}

/** plugin-org lib/commands/org/list.d.ts: OrgListResult. */
export interface OrgListResult {
    devHubs: OrgSummary[];
    scratchOrgs: OrgSummary[];
    nonScratchOrgs: OrgSummary[];
    sandboxes: OrgSummary[];
    other: OrgSummary[];
}

/** plugin-org lib/shared/orgTypes.d.ts: ScratchCreateResponse. */
export interface ScratchCreateResponse {
    username?: string;
    orgId?: string;
    warnings: string[];
}

/** source-deploy-retrieve lib/src/client/types.d.ts: DeployMessage. */
export interface DeployMessage {
    componentType?: string;
    fullName: string;
    fileName: string;
    lineNumber?: string;
    columnNumber?: string;
    problem?: string;
    problemType?: 'Warning' | 'Error';
    success: boolean | 'true' | 'false';
}

/** plugin-deploy-retrieve lib/utils/types.d.ts: DeployResultJson (MetadataApiDeployStatus + files). */
export interface DeployResultJson {
    status: string;
    success?: boolean;
    numberComponentsDeployed?: number;
    numberComponentsTotal?: number;
    numberComponentErrors?: number;
    details?: { componentFailures?: DeployMessage | DeployMessage[] };
    files?: {
        state: string;
        type: string;
        fullName: string;
        filePath?: string;
        lineNumber?: number;
        columnNumber?: number;
        error?: string;
    }[];
}

/** plugin-user lib/baseCommands/user/permset/assign.d.ts: PermsetAssignResult. */
export interface PermsetAssignResult {
    successes: { name: string; value: string }[];
    failures: { name: string; message: string }[];
}

/** plugin-org lib/shared/orgTypes.d.ts: OrgDisplayReturn. */
export interface OrgDisplayReturn {
    username: string;
    id: string;
    accessToken: string;
    instanceUrl: string;
    apiVersion?: string;
    alias?: string;
}

/** plugin-apex lib/commands/apex/run.d.ts: ExecuteResult. */
export interface ExecuteResult {
    compiled: boolean;
    success: boolean;
    line: number;
    column: number;
    compileProblem: string;
    exceptionMessage: string;
    exceptionStackTrace: string;
    logs?: string;
}

/** plugin-org lib/shared/orgTypes.d.ts: OrgOpenOutput. */
export interface OrgOpenOutput {
    url: string;
    username: string;
    orgId: string;
}

/** packaging lib/interfaces/packagingInterfacesAndType.d.ts: PackageVersionCreateRequestResult. */
export interface PackageVersionCreateResult {
    Id?: string;
    Status?: string;
    SubscriberPackageVersionId?: string | null;
    VersionNumber?: string | null;
    CodeCoverage?: number | null;
    HasPassedCodeCoverageCheck?: boolean | null;
    Error?: unknown[];
}

// ---------------------------------------------------------------------------------------------
// Errors

/** A command that failed: the CLI's error name and message, and what it attached. */
export class SfCommandFailed extends Error {
    constructor(
        readonly command: string,
        readonly errorName: string,
        message: string,
        readonly data?: unknown,
        readonly actions: string[] = [],
    ) {
        super(`sf ${command} failed: ${errorName}: ${message}`);
        this.name = 'SfCommandFailed';
    }
}

export class NoDevHubError extends Error {
    constructor(detail: string) {
        super(
            `No Dev Hub: ${detail}\n` +
                'Log in to one and make it the default, then run again:\n' +
                '  npx sf org login web --set-default-dev-hub --alias devhub\n' +
                '(or pass --target-dev-hub <alias> to use one you are already logged in to).',
        );
        this.name = 'NoDevHubError';
    }
}

export interface DeployFailure {
    type: string;
    name: string;
    file: string;
    line?: number;
    column?: number;
    problem: string;
}

export class DeployFailedError extends Error {
    constructor(readonly failures: DeployFailure[]) {
        super(
            `Deploy failed: ${failures.length} component error${failures.length === 1 ? '' : 's'}\n` +
                failures
                    .map(
                        (failure) =>
                            `  ${failure.type} ${failure.name} (${failure.file}${failure.line ? `:${failure.line}` : ''}${failure.column ? `:${failure.column}` : ''}): ${failure.problem}`,
                    )
                    .join('\n'),
        );
        this.name = 'DeployFailedError';
    }
}

const DEV_HUB_ERRORS = new Set(['NoDefaultDevHubError', 'NotADevHubError']);

// ---------------------------------------------------------------------------------------------
// The commands

interface Envelope<T> {
    status?: number;
    result?: T;
    name?: string;
    message?: string;
    data?: unknown;
    actions?: string[];
}

function parseEnvelope<T>(command: string, run: CommandResult): Envelope<T> {
    for (const text of [run.stdout, run.stderr]) {
        const start = text.indexOf('{');
        if (start < 0) continue;
        try {
            return JSON.parse(text.slice(start)) as Envelope<T>;
        } catch {
            // not JSON: try the other stream
        }
    }
    throw new SfCommandFailed(
        command,
        'NoJsonOutput',
        `exit ${run.status ?? 'signal'}; ${(run.stderr || run.stdout).trim().slice(0, 500)}`,
    );
}

export class SfCli {
    constructor(private readonly run: Runner = sfRunner()) {}

    /** Runs `sf <args> --json`; returns the envelope (success or not) for callers that read failures. */
    private envelope<T>(args: string[]): { exitCode: number; envelope: Envelope<T> } {
        const command = args
            .slice(0, 3)
            .filter((arg) => !arg.startsWith('-'))
            .join(' ');
        const run = this.run([...args, '--json']);
        return { exitCode: run.status ?? 1, envelope: parseEnvelope<T>(command, run) };
    }

    /** The result of a command that must succeed; a failure becomes SfCommandFailed. */
    private result<T>(args: string[]): T {
        const command = args
            .slice(0, 3)
            .filter((arg) => !arg.startsWith('-'))
            .join(' ');
        const { exitCode, envelope } = this.envelope<T>(args);
        if (exitCode !== 0 || envelope.result === undefined) {
            const name = envelope.name ?? 'Error';
            if (DEV_HUB_ERRORS.has(name)) throw new NoDevHubError(envelope.message ?? name);
            throw new SfCommandFailed(
                command,
                name,
                envelope.message ?? `exit ${exitCode}`,
                envelope.data,
                envelope.actions,
            );
        }
        return envelope.result;
    }

    orgList(): OrgListResult {
        return this.result<OrgListResult>(['org', 'list', '--skip-connection-status']);
    }

    /** The Dev Hub to use: the one asked for, else the default one; NoDevHubError otherwise. */
    devHub(requested?: string): OrgSummary {
        const { devHubs } = this.orgList();
        if (requested) {
            const hub = devHubs.find(
                (org) => org.alias === requested || org.username === requested,
            );
            if (!hub) {
                throw new NoDevHubError(
                    `"${requested}" is not a Dev Hub you are logged in to (${devHubs.length} known: ${devHubs.map((org) => org.alias ?? org.username).join(', ') || 'none'}).`,
                );
            }
            return hub;
        }
        const hub = devHubs.find((org) => org.isDefaultDevHubUsername);
        if (!hub) {
            throw new NoDevHubError(
                devHubs.length === 0
                    ? 'you are logged in to no Dev Hub.'
                    : `none of your Dev Hubs (${devHubs.map((org) => org.alias ?? org.username).join(', ')}) is the default.`,
            );
        }
        return hub;
    }

    /** A scratch org of that alias that has not expired, if there is one. */
    scratchOrg(alias: string): OrgSummary | null {
        return (
            this.orgList().scratchOrgs.find(
                (org) => (org.alias === alias || org.username === alias) && org.isExpired !== true,
            ) ?? null
        );
    }

    createScratchOrg(options: {
        alias: string;
        definitionFile: string;
        devHub: string;
        durationDays: number;
        withNamespace: boolean;
    }): ScratchCreateResponse {
        return this.result<ScratchCreateResponse>([
            'org',
            'create',
            'scratch',
            '--definition-file',
            options.definitionFile,
            '--alias',
            options.alias,
            '--target-dev-hub',
            options.devHub,
            '--duration-days',
            String(options.durationDays),
            '--wait',
            '15',
            ...(options.withNamespace ? [] : ['--no-namespace']),
        ]);
    }

    /** Deploys; DeployFailedError lists every failing component with its file and line. */
    deploy(sourceDirs: string[], targetOrg: string, waitMinutes = 30): DeployResultJson {
        const { exitCode, envelope } = this.envelope<DeployResultJson>([
            'project',
            'deploy',
            'start',
            ...sourceDirs.flatMap((dir) => ['--source-dir', dir]),
            '--target-org',
            targetOrg,
            '--wait',
            String(waitMinutes),
        ]);
        const result = envelope.result;
        if (exitCode === 0 && result) return result;
        if (result && (result.files || result.details))
            throw new DeployFailedError(deployFailures(result));
        throw new SfCommandFailed(
            'project deploy start',
            envelope.name ?? 'Error',
            envelope.message ?? `exit ${exitCode}`,
            envelope.data,
            envelope.actions,
        );
    }

    /** Assigns one permission set to the org's user; an existing assignment is not an error. */
    assignPermissionSet(name: string, targetOrg: string): 'assigned' | 'already assigned' {
        const { envelope } = this.envelope<PermsetAssignResult>([
            'org',
            'assign',
            'permset',
            '--name',
            name,
            '--target-org',
            targetOrg,
        ]);
        const result = envelope.result;
        if (!result) {
            throw new SfCommandFailed(
                'org assign permset',
                envelope.name ?? 'Error',
                envelope.message ?? name,
                envelope.data,
            );
        }
        if (result.successes.some((success) => success.value === name)) return 'assigned';
        const failure = result.failures[0];
        if (failure && /duplicate/i.test(failure.message)) return 'already assigned';
        throw new SfCommandFailed(
            'org assign permset',
            'PermissionSetAssignmentFailed',
            `${name}: ${failure?.message ?? 'no assignment was made'}`,
        );
    }

    displayOrg(targetOrg: string): OrgDisplayReturn {
        return this.result<OrgDisplayReturn>(['org', 'display', '--target-org', targetOrg]);
    }

    /** Runs anonymous Apex from a file; a compile or runtime failure is SfCommandFailed. */
    runApex(file: string, targetOrg: string): ExecuteResult {
        try {
            return this.result<ExecuteResult>([
                'apex',
                'run',
                '--file',
                file,
                '--target-org',
                targetOrg,
            ]);
        } catch (error) {
            if (error instanceof SfCommandFailed && error.data && typeof error.data === 'object') {
                const data = error.data as Partial<ExecuteResult>;
                const where =
                    data.line && data.line > 0 ? ` (line ${data.line}, column ${data.column})` : '';
                throw new SfCommandFailed(
                    'apex run',
                    error.errorName,
                    `${data.compileProblem || data.exceptionMessage || error.message}${where}`,
                    error.data,
                );
            }
            throw error;
        }
    }

    loginUrl(targetOrg: string): OrgOpenOutput {
        return this.result<OrgOpenOutput>(['org', 'open', '--target-org', targetOrg, '--url-only']);
    }

    createPackage(options: { name: string; path: string; devHub: string }): { Id: string } {
        return this.result<{ Id: string }>([
            'package',
            'create',
            '--name',
            options.name,
            '--package-type',
            'Managed',
            '--path',
            options.path,
            '--target-dev-hub',
            options.devHub,
        ]);
    }

    createPackageVersion(options: {
        packageName: string;
        devHub: string;
        waitMinutes: number;
    }): PackageVersionCreateResult {
        return this.result<PackageVersionCreateResult>([
            'package',
            'version',
            'create',
            '--package',
            options.packageName,
            '--installation-key-bypass',
            '--code-coverage',
            '--target-dev-hub',
            options.devHub,
            '--wait',
            String(options.waitMinutes),
        ]);
    }
}

/** Component failures of a deploy result, from `files` (with line) or `details`. */
export function deployFailures(result: DeployResultJson): DeployFailure[] {
    const fromFiles = (result.files ?? [])
        .filter((file) => file.state === 'Failed')
        .map((file) => ({
            type: file.type,
            name: file.fullName,
            file: file.filePath ?? file.fullName,
            ...(file.lineNumber ? { line: file.lineNumber } : {}),
            ...(file.columnNumber ? { column: file.columnNumber } : {}),
            problem: file.error ?? 'failed',
        }));
    if (fromFiles.length > 0) return fromFiles;
    const details = result.details?.componentFailures;
    const messages = details === undefined ? [] : Array.isArray(details) ? details : [details];
    return messages.map((message) => ({
        type: message.componentType ?? 'Component',
        name: message.fullName,
        file: message.fileName,
        ...(message.lineNumber ? { line: Number(message.lineNumber) } : {}),
        ...(message.columnNumber ? { column: Number(message.columnNumber) } : {}),
        problem: message.problem ?? 'failed',
    }));
}

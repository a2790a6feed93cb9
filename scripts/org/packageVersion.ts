// `npm run package:version`: a second-generation managed package version of Keystone, built by
// the Dev Hub that owns the namespace in sfdx-project.json. On the first run the package itself
// is created (sf package create writes its 0Ho id into packageAliases: commit that change).
// Needs a Dev Hub; without one it says how to get one and exits 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../lib/projectPaths.ts';
import { NoDevHubError, SfCommandFailed } from './sfCli.ts';
import type { PackageVersionCreateResult, SfCli } from './sfCli.ts';

export const PLACEHOLDER_NAMESPACE = 'kstn';

interface SfdxProject {
    namespace?: string;
    packageAliases?: Record<string, string>;
    packageDirectories: { path: string; package?: string; default?: boolean }[];
}

export function readProject(root: string = PROJECT_ROOT): SfdxProject {
    return JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')) as SfdxProject;
}

export interface PackageVersionDeps {
    sf: SfCli;
    build: () => number;
    /** Reads sfdx-project.json again (the package create step writes to it). */
    project: () => SfdxProject;
    log: (line: string) => void;
}

export interface PackageVersionOptions {
    devHub?: string;
    waitMinutes: number;
}

export function installUrl(subscriberPackageVersionId: string): string {
    return `https://login.salesforce.com/packaging/installPackage.apexp?p0=${subscriberPackageVersionId}`;
}

export function createPackageVersion(
    options: PackageVersionOptions,
    deps: PackageVersionDeps,
): number {
    try {
        const project = deps.project();
        const directory = project.packageDirectories.find((dir) => dir.package);
        if (!directory?.package) {
            deps.log(
                'sfdx-project.json names no package: add "package" to the force-app directory.',
            );
            return 5;
        }
        if (project.namespace === PLACEHOLDER_NAMESPACE) {
            deps.log(
                `Note: "${PLACEHOLDER_NAMESPACE}" is the placeholder namespace (README: managed package). The Dev Hub must own it, or the CLI refuses the version.`,
            );
        }
        const hub = deps.sf.devHub(options.devHub);
        const hubName = hub.alias ?? hub.username;
        deps.log(`Dev Hub: ${hubName} (${hub.username})`);
        if (!project.packageAliases?.[directory.package]) {
            const created = deps.sf.createPackage({
                name: directory.package,
                path: directory.path,
                devHub: hubName,
            });
            deps.log(
                `Package ${directory.package} created (${created.Id}); sfdx-project.json now lists it in packageAliases: commit that change.`,
            );
        }
        deps.log(`Build: ${deps.build()} components built from TypeScript`);
        deps.log(
            `Creating a version of ${directory.package} with code coverage (up to ${options.waitMinutes} minutes) …`,
        );
        const version: PackageVersionCreateResult = deps.sf.createPackageVersion({
            packageName: directory.package,
            devHub: hubName,
            waitMinutes: options.waitMinutes,
        });
        if (version.Status !== 'Success' || !version.SubscriberPackageVersionId) {
            deps.log(
                `Version request ${version.Id ?? ''} ended ${version.Status ?? 'without a status'}: ${JSON.stringify(version.Error ?? [])}`,
            );
            return 5;
        }
        deps.log(
            `Version ${version.VersionNumber ?? '?'} (${version.SubscriberPackageVersionId}), code coverage ${version.CodeCoverage ?? '?'} %${version.HasPassedCodeCoverageCheck === false ? ' (below 75 %: it cannot be promoted)' : ''}.`,
        );
        deps.log(`Install: ${installUrl(version.SubscriberPackageVersionId)}`);
        return 0;
    } catch (error) {
        if (error instanceof NoDevHubError) {
            deps.log(error.message);
            return 2;
        }
        if (error instanceof SfCommandFailed) {
            deps.log(error.message);
            return 5;
        }
        throw error;
    }
}

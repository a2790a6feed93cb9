// System.Test: startTest/stopTest (a fresh set of limits; stopTest runs the queued
// asynchronous work), isRunningTest, getStandardPricebookId, setMock, testInstall and
// testUninstall (with System.Version, System.InstallContext and System.UninstallContext).
import { unsupported } from '../interpreter/errors.ts';
import { npe, systemException } from '../interpreter/exceptions.ts';
import { nativeType } from '../interpreter/natives.ts';
import { InstanceValue, IntegerValue, NativeValue } from '../interpreter/values.ts';
import type { ApexValue, NativeType } from '../interpreter/values.ts';
import type { LocalOrg } from './org.ts';

interface Version {
    major: number;
    minor: number;
    patch: number | null;
}

function versionText(v: Version): string {
    return v.patch === null ? `${v.major}.${v.minor}` : `${v.major}.${v.minor}.${v.patch}`;
}

function compareVersions(a: Version, b: Version): number {
    return a.major - b.major || a.minor - b.minor || (a.patch ?? 0) - (b.patch ?? 0);
}

/** System.Version (Apex Reference: Version Class): major, minor and an optional patch number. */
function registerVersion(org: LocalOrg): NativeType {
    const versionType: NativeType = nativeType('System.Version', {
        method(self, name, args) {
            const v = self.data as Version;
            switch (name) {
                case 'major':
                    return new IntegerValue(v.major);
                case 'minor':
                    return new IntegerValue(v.minor);
                case 'patch':
                    return v.patch === null ? null : new IntegerValue(v.patch);
                case 'compareto': {
                    const other = args[0] ?? null;
                    if (!(other instanceof NativeValue) || other.type !== versionType) throw npe();
                    return new IntegerValue(Math.sign(compareVersions(v, other.data as Version)));
                }
                case 'tostring':
                    return versionText(v);
            }
            return undefined;
        },
        toString: (self) => versionText(self.data as Version),
        equals: (a, b) => compareVersions(a.data as Version, b.data as Version) === 0,
        hashKey: (self) => versionText(self.data as Version),
    });
    const whole = (v: ApexValue): number => {
        if (!(v instanceof IntegerValue)) throw npe();
        return v.v;
    };
    org.natives.register({
        name: 'System.Version',
        construct(args) {
            if (args.length !== 2 && args.length !== 3) return undefined;
            return new NativeValue(versionType, {
                major: whole(args[0] ?? null),
                minor: whole(args[1] ?? null),
                patch: args.length === 3 ? whole(args[2] ?? null) : null,
            } satisfies Version);
        },
    });
    return versionType;
}

/**
 * Test.testInstall / testUninstall (Apex Reference: Test Class; Apex Developer Guide: "Running
 * Apex on Package Install/Upgrade", "Running Apex on Package Uninstall"): the handler's
 * onInstall / onUninstall runs now, in the test's transaction, with a context naming the org
 * and the running user; a previous version makes the install an upgrade.
 */
function installContexts(org: LocalOrg): { install: NativeType; uninstall: NativeType } {
    const install = nativeType('System.InstallContext', {
        method(self, name) {
            const c = self.data as { installer: string; previous: ApexValue; push: boolean };
            switch (name) {
                case 'organizationid':
                    return org.organizationId;
                case 'installerid':
                    return c.installer;
                case 'isupgrade':
                    return c.previous !== null;
                case 'ispush':
                    return c.push;
                case 'previousversion':
                    return c.previous;
            }
            return undefined;
        },
    });
    const uninstall = nativeType('System.UninstallContext', {
        method(self, name) {
            const c = self.data as { uninstaller: string };
            if (name === 'organizationid') return org.organizationId;
            if (name === 'uninstallerid') return c.uninstaller;
            return undefined;
        },
    });
    return { install, uninstall };
}

function handlerCall(
    org: LocalOrg,
    handler: ApexValue,
    method: string,
    context: NativeValue,
): void {
    if (handler === null) throw npe();
    if (!(handler instanceof InstanceValue))
        throw unsupported(
            `Test.${method === 'oninstall' ? 'testInstall' : 'testUninstall'} with a handler that is not an Apex object`,
        );
    if (org.interpreter.callInstanceMethod(handler, method, [context]) === undefined)
        throw unsupported(`a handler without ${method}()`);
}

export function registerTestApi(org: LocalOrg): void {
    const versionType = registerVersion(org);
    const contexts = installContexts(org);
    org.natives.register({
        name: 'System.Test',
        staticMethod(name, args) {
            switch (name) {
                case 'isrunningtest':
                    return org.hasTransaction ? org.tx.isTest : org.runningTests;
                case 'starttest': {
                    const tx = org.tx;
                    if (!tx.isTest) throw unsupported('Test.startTest() outside a test');
                    if (tx.testStarted)
                        throw systemException('FinalException', 'Testing already started');
                    tx.testStarted = true;
                    tx.openFreshLimits();
                    // grants made earlier in the method take effect from here on
                    org.data.security.thawAssignments(tx.users[0] as string);
                    return null;
                }
                case 'stoptest': {
                    const tx = org.tx;
                    if (!tx.testStarted || tx.testStopped)
                        throw systemException('FinalException', 'Testing has not started');
                    tx.testStopped = true;
                    try {
                        org.async.runQueued();
                    } finally {
                        tx.closeFreshLimits();
                    }
                    return null;
                }
                case 'getstandardpricebookid':
                    return org.data.db.standardPricebookId;
                case 'testinstall': {
                    const previous = args[1] ?? null;
                    if (
                        previous !== null &&
                        !(previous instanceof NativeValue && previous.type === versionType)
                    )
                        throw unsupported(
                            'Test.testInstall with a version that is not a System.Version',
                        );
                    const context = new NativeValue(contexts.install, {
                        installer: org.runningUserId(),
                        previous,
                        push: args[2] === true,
                    });
                    handlerCall(org, args[0] ?? null, 'oninstall', context);
                    return null;
                }
                case 'testuninstall': {
                    const context = new NativeValue(contexts.uninstall, {
                        uninstaller: org.runningUserId(),
                    });
                    handlerCall(org, args[0] ?? null, 'onuninstall', context);
                    return null;
                }
                case 'setmock': {
                    // callouts are outside the local org; a mock is accepted and never called
                    if ((args[1] ?? null) === null) throw npe();
                    return null;
                }
                case 'loaddata':
                case 'setfixedsearchresults':
                case 'setcreateddate':
                case 'createstub':
                case 'enqueuebatchjobs':
                case 'getflexqueueorder':
                case 'setreadonlyapplicationmode':
                case 'setcurrentpage':
                case 'setcurrentpagereference':
                case 'enablechangedatacapture':
                case 'geteventbus':
                    throw unsupported(`Test.${name}`);
            }
            return undefined;
        },
    });
}

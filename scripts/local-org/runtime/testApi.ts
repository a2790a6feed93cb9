// System.Test: startTest/stopTest (a fresh set of limits; stopTest runs the queued
// asynchronous work), isRunningTest, getStandardPricebookId, setMock.
import { unsupported } from '../interpreter/errors.ts';
import { npe, systemException } from '../interpreter/exceptions.ts';
import type { LocalOrg } from './org.ts';

export function registerTestApi(org: LocalOrg): void {
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
                case 'testinstall':
                case 'testuninstall':
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

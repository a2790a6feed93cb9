// A stand-in for `sf … --json` in the setup tests: answers each command with the JSON recorded
// in fixtures/cli (the CLI's documented result shapes) and changes the fake org the way the real
// command changes a real one (a deploy adds Keystone's permission sets and triggers, an
// assignment adds a PermissionSetAssignment, the schedule script adds the CronTriggers).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Expectations } from '../doctor.ts';
import type { CommandResult, Runner } from '../sfCli.ts';
import type { FakeOrg } from './fakeOrg.ts';
import { RUNNING_USER_ID } from './orgState.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cli');

export function fixture(name: string): string {
    return readFileSync(join(FIXTURES, `${name}.json`), 'utf8');
}

export interface FakeSfState {
    devHub: boolean;
    scratchOrgExists: boolean;
    deployFails: boolean;
    apexFails: boolean;
}

export class FakeSf {
    readonly calls: string[][] = [];
    readonly state: FakeSfState;

    constructor(
        private readonly org: FakeOrg,
        private readonly expectations: Expectations,
        state: Partial<FakeSfState> = {},
    ) {
        this.state = {
            devHub: true,
            scratchOrgExists: false,
            deployFails: false,
            apexFails: false,
            ...state,
        };
    }

    /** The commands run, as "org list", "project deploy start" … */
    commands(): string[] {
        return this.calls.map((args) =>
            args
                .filter((arg) => !arg.startsWith('-'))
                .slice(0, 3)
                .join(' '),
        );
    }

    readonly runner: Runner = (args) => {
        this.calls.push(args);
        const ok = (text: string, status = 0): CommandResult => ({
            status,
            stdout: text,
            stderr: '',
        });
        const [first, second, third] = args;
        const command = [first, second, third].join(' ');
        if (command.startsWith('org list')) {
            if (!this.state.devHub && !this.state.scratchOrgExists)
                return ok(fixture('org-list-no-devhub'));
            return ok(fixture(this.state.scratchOrgExists ? 'org-list' : 'org-list-no-scratch'));
        }
        if (command === 'org create scratch') {
            if (!this.state.devHub) return ok(fixture('org-create-scratch-no-devhub'), 1);
            this.state.scratchOrgExists = true;
            return ok(fixture('org-create-scratch'));
        }
        if (command === 'project deploy start') {
            if (this.state.deployFails) return ok(fixture('project-deploy-start-failed'), 1);
            if (this.org.rows('PermissionSet').length === 0) {
                for (const name of this.expectations.permissionSets)
                    this.org.insert('PermissionSet', { Name: name });
                for (const name of this.expectations.triggers)
                    this.org.insert('ApexTrigger', { Name: name, Status: 'Active' });
            }
            return ok(fixture('project-deploy-start'));
        }
        if (command === 'org assign permset') {
            const name = args[args.indexOf('--name') + 1] ?? '';
            const assigned = this.org
                .rows('PermissionSetAssignment')
                .some((row) => (row.PermissionSet as { Name: string }).Name === name);
            if (assigned) return ok(fixture('org-assign-permset-duplicate'), 1);
            this.org.insert('PermissionSetAssignment', {
                AssigneeId: RUNNING_USER_ID,
                Assignee: { Username: 'test-abc123@example.com' },
                PermissionSet: { Name: name },
            });
            return ok(fixture('org-assign-permset').replace('KeystoneAdmin', name));
        }
        if (command === 'org display --target-org' || command.startsWith('org display')) {
            return ok(fixture('org-display'));
        }
        if (command === 'apex run --file' || command.startsWith('apex run')) {
            if (this.state.apexFails) return ok(fixture('apex-run-compile-failure'), 1);
            const live = new Set(
                this.org
                    .rows('CronTrigger')
                    .map((row) => (row.CronJobDetail as { Name: string }).Name),
            );
            const scheduled = this.expectations.jobNames.filter((name) => !live.has(name));
            for (const name of scheduled) {
                this.org.insert('CronTrigger', {
                    CronJobDetail: { Name: name },
                    State: 'WAITING',
                    NextFireTime: '2026-11-27T05:00:00.000+0000',
                });
            }
            const outcome = JSON.stringify({
                unscheduled: [],
                scheduled,
                alreadyScheduled: [...live],
            });
            const recorded = JSON.parse(fixture('apex-run')) as { result: { logs: string } };
            recorded.result.logs = recorded.result.logs.replace(
                /KEYSTONE_JOBS .*/,
                `KEYSTONE_JOBS ${outcome}`,
            );
            return ok(JSON.stringify(recorded));
        }
        if (command.startsWith('org open')) return ok(fixture('org-open-url-only'));
        return { status: 2, stdout: '', stderr: `fake sf: no recording for ${args.join(' ')}` };
    };
}

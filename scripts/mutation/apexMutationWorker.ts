// One worker of the Apex mutation run: loads the calculators with one class mutated and runs
// the shared vectors through them until a case tells the mutant apart (killed) or none does
// (survived). The parent thread times each mutant out and replaces a worker that hangs.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import {
    ApexUncaughtException,
    MapValue,
    loadApexProgram,
    parseJsonToApex,
} from '@keystone/local-org';
import type { ApexValue, ListValue } from '@keystone/local-org';
import { RUNNER_CLASS, compareValues } from '../vectors/vectors.ts';
import type { VectorCase } from '../vectors/vectors.ts';

export interface MutantJob {
    id: string;
    className: string;
    mutatedSource: string;
    classFiles: string[];
    objectsDirs: string[];
    vectorsText: string;
    /** Indexes of the cases, most likely killers first. */
    caseOrder: number[];
}

export interface MutantOutcome {
    id: string;
    /** killed: a case differs; survived: every case passes; invalid: the mutant is not valid
     * Apex (the interpreter rejects it where the compiler would). */
    status: 'killed' | 'survived' | 'invalid';
    /** The case that killed it, or why it is invalid. */
    detail: string;
    casesRun: number;
}

const folder = mkdtempSync(join(tmpdir(), 'apex-mutant-'));

function run(job: MutantJob): MutantOutcome {
    const mutatedFile = join(folder, `${job.className}.cls`);
    writeFileSync(mutatedFile, job.mutatedSource);
    const classFiles = job.classFiles.map((file) =>
        basename(file, '.cls').toLowerCase() === job.className.toLowerCase() ? mutatedFile : file,
    );
    let program: ReturnType<typeof loadApexProgram>;
    try {
        program = loadApexProgram({ classFiles, objectsDirs: job.objectsDirs });
    } catch (error) {
        return { id: job.id, status: 'invalid', detail: (error as Error).message, casesRun: 0 };
    }
    const cases = (JSON.parse(job.vectorsText) as { cases: VectorCase[] }).cases;
    const document = parseJsonToApex(job.vectorsText);
    const apexCases =
        document instanceof MapValue
            ? ((document.entries.get('s:cases')?.value as ListValue | undefined)?.items ?? [])
            : [];
    let casesRun = 0;
    for (const index of job.caseOrder) {
        const vectorCase = cases[index] as VectorCase;
        casesRun++;
        let actual: unknown;
        try {
            actual = program.callStatic(RUNNER_CLASS, 'run', [apexCases[index] as ApexValue]);
        } catch (error) {
            if (error instanceof ApexUncaughtException) {
                const expected = vectorCase.expectedError;
                if (expected !== undefined && (error.apexMessage ?? '').includes(expected))
                    continue;
                return { id: job.id, status: 'killed', detail: vectorCase.name, casesRun };
            }
            // Not an Apex exception: the interpreter met something the compiler would refuse
            // (a String minus a Decimal ...). Such a mutant never runs on the platform.
            return { id: job.id, status: 'invalid', detail: (error as Error).message, casesRun };
        }
        if (vectorCase.expectedError !== undefined) {
            return { id: job.id, status: 'killed', detail: vectorCase.name, casesRun };
        }
        if (compareValues(vectorCase.expected ?? {}, actual, '').length > 0) {
            return { id: job.id, status: 'killed', detail: vectorCase.name, casesRun };
        }
    }
    return { id: job.id, status: 'survived', detail: '', casesRun };
}

parentPort?.on('message', (job: MutantJob) => {
    parentPort?.postMessage(run(job));
});

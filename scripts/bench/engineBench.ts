// Scoring-engine throughput: scores portfolios of 1k, 10k and 100k accounts (about 40
// stakeholders and 200 activities each) end to end — coverage, revenue, whitespace, plan
// completeness, health, signals, selection — plus the manager capacity check over the whole
// portfolio, and prints the median time per size, accounts per second and the growth ratio.
//
// What is timed, honestly: only scoring. 100k accounts x 200 activities is 20M objects, so the
// portfolio is generated in chunks of CHUNK accounts (generation time is reported separately);
// every run scores every account of every chunk, and a run's time is the sum over its chunks.
//
// Both wall-clock time and this process's CPU time are printed: on a shared machine the wall
// clock also counts time other processes held the CPU (the load average is printed too).
//
//   npx tsx scripts/bench/engineBench.ts [--sizes 1000,10000,100000] [--runs 5]
import { loadavg } from 'node:os';
import {
    checkCapacity,
    defaultConfig,
    scoreAccount,
} from '../../force-app/main/scoring/lwc/keystoneEngine/keystoneEngine';
import type { CapacityAccountInput } from '../../force-app/main/scoring/lwc/keystoneEngine/keystoneEngine';
import type { SampleAccount } from '../data/sampleDataset';
import { generateAccount, generateProducts, generateUsers } from '../data/sampleDataset';

const STAKEHOLDERS_PER_ACCOUNT = 40;
const ACTIVITIES_PER_ACCOUNT = 200;
const MANAGERS = 400;
const CHUNK = 2000;
const SEED = 20261126;

function argument(name: string): string | undefined {
    const index = process.argv.indexOf(`--${name}`);
    return index >= 0 ? process.argv[index + 1] : undefined;
}

const sizes = (argument('sizes') ?? '1000,10000,100000').split(',').map(Number);
const runsOverride = argument('runs');

function runsFor(size: number): number {
    if (runsOverride) return Number(runsOverride);
    return size <= 1000 ? 9 : size <= 10000 ? 7 : 5;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
        ? (sorted[middle] ?? 0)
        : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const config = defaultConfig();
const users = generateUsers(MANAGERS);
const products = generateProducts();
const options = {
    seed: SEED,
    stakeholdersPerAccount: STAKEHOLDERS_PER_ACCOUNT,
    activitiesPerAccount: ACTIVITIES_PER_ACCOUNT,
    managers: MANAGERS,
};

function generateChunk(start: number, count: number): SampleAccount[] {
    const chunk: SampleAccount[] = [];
    for (let index = start; index < start + count; index++) {
        chunk.push(generateAccount(options, index, users, products));
    }
    return chunk;
}

/** Scores a chunk; returns a checksum so the work cannot be optimised away. */
function scoreChunk(chunk: SampleAccount[], capacityRows: CapacityAccountInput[]): number {
    let checksum = 0;
    for (const account of chunk) {
        const score = scoreAccount(account.scoring, config);
        checksum += score.health.score + score.selection.score;
        capacityRows.push({ ownerId: account.ownerId, tier: score.selection.tier });
    }
    return checksum;
}

// Warm up the JIT on a small portfolio that is not part of any measurement.
{
    const warmUp = generateChunk(10_000_000, 300);
    for (let i = 0; i < 5; i++) scoreChunk(warmUp, []);
}

interface SizeResult {
    size: number;
    runs: number;
    medianMs: number;
    medianCpuMs: number;
    minMs: number;
    maxMs: number;
    generationMs: number;
    checksum: number;
}

console.log(
    `Load average before: ${loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')}`,
);
const results: SizeResult[] = [];
for (const size of sizes) {
    const runs = runsFor(size);
    const runTimes = new Array<number>(runs).fill(0);
    const cpuTimes = new Array<number>(runs).fill(0);
    const capacityRows: CapacityAccountInput[][] = Array.from({ length: runs }, () => []);
    let generationMs = 0;
    let checksum = 0;
    for (let start = 0; start < size; start += CHUNK) {
        const generationStart = performance.now();
        const chunk = generateChunk(start, Math.min(CHUNK, size - start));
        generationMs += performance.now() - generationStart;
        for (let run = 0; run < runs; run++) {
            const rows = capacityRows[run] ?? [];
            const cpuStart = process.cpuUsage();
            const scoringStart = performance.now();
            const chunkChecksum = scoreChunk(chunk, rows);
            runTimes[run] = (runTimes[run] ?? 0) + performance.now() - scoringStart;
            const cpu = process.cpuUsage(cpuStart);
            cpuTimes[run] = (cpuTimes[run] ?? 0) + (cpu.user + cpu.system) / 1000;
            if (run === 0) checksum += chunkChecksum;
        }
    }
    for (let run = 0; run < runs; run++) {
        const cpuStart = process.cpuUsage();
        const capacityStart = performance.now();
        checkCapacity(capacityRows[run] ?? [], config.capacity);
        runTimes[run] = (runTimes[run] ?? 0) + performance.now() - capacityStart;
        const cpu = process.cpuUsage(cpuStart);
        cpuTimes[run] = (cpuTimes[run] ?? 0) + (cpu.user + cpu.system) / 1000;
    }
    const result: SizeResult = {
        size,
        runs,
        medianMs: median(runTimes),
        medianCpuMs: median(cpuTimes),
        minMs: Math.min(...runTimes),
        maxMs: Math.max(...runTimes),
        generationMs,
        checksum,
    };
    results.push(result);
    console.log(
        `${String(size).padStart(7)} accounts: median ${result.medianMs.toFixed(0).padStart(6)} ms ` +
            `(min ${result.minMs.toFixed(0)}, max ${result.maxMs.toFixed(0)}, ${runs} runs), ` +
            `CPU ${result.medianCpuMs.toFixed(0)} ms | ` +
            `${Math.round((size / result.medianMs) * 1000).toLocaleString('en-US')} accounts/s | ` +
            `${((result.medianMs * 1000) / size).toFixed(1)} µs/account | ` +
            `data generation ${(generationMs / 1000).toFixed(1)} s (not timed) | checksum ${checksum}`,
    );
}

console.log('\nGrowth (median ratio between sizes; linear growth = the size ratio):');
for (let i = 1; i < results.length; i++) {
    const previous = results[i - 1];
    const current = results[i];
    if (!previous || !current) continue;
    const sizeRatio = current.size / previous.size;
    const timeRatio = current.medianMs / previous.medianMs;
    const cpuRatio = current.medianCpuMs / previous.medianCpuMs;
    console.log(
        `  ${previous.size} -> ${current.size}: size x${sizeRatio.toFixed(0)}, time x${timeRatio.toFixed(2)} ` +
            `(per-account cost x${(timeRatio / sizeRatio).toFixed(2)}); CPU time x${cpuRatio.toFixed(2)}`,
    );
}
console.log(
    `Load average after: ${loadavg()
        .map((value) => value.toFixed(1))
        .join(' ')}`,
);
console.log(
    `\nPer account: ${STAKEHOLDERS_PER_ACCOUNT} stakeholders, ${ACTIVITIES_PER_ACCOUNT} activities, ` +
        `5-12 opportunities, 8-30 whitespace cells, plan, signals. Node ${process.version}.`,
);

// Line coverage as the platform reports it: per class and trigger that is not test code,
// lines executed over lines holding executable code, and the total. The platform's deploy
// rule is 75 % overall with every trigger covered at least once; the project aims at 90 %.
import type { LocalOrg } from '../runtime/org.ts';

export const PLATFORM_MINIMUM = 75;
export const PROJECT_GOAL = 90;

export interface UnitCoverage {
    name: string;
    kind: 'class' | 'trigger';
    file: string;
    covered: number;
    coverable: number;
    /** Lines with code that never ran, ascending. */
    uncoveredLines: number[];
}

export interface CoverageReport {
    units: UnitCoverage[];
    covered: number;
    coverable: number;
    /** Total percentage (covered over coverable), one decimal. */
    percent: number;
    /** 75 % overall and every trigger executed at least once. */
    meetsPlatformRule: boolean;
    meetsProjectGoal: boolean;
    /** Triggers with no line executed (the platform refuses such a deployment). */
    uncoveredTriggers: string[];
}

export function percentOf(covered: number, coverable: number): number {
    return coverable === 0 ? 100 : Math.floor((covered * 1000) / coverable) / 10;
}

export function coverageOf(org: LocalOrg): CoverageReport {
    const units: UnitCoverage[] = [];
    for (const unit of org.units) {
        if (unit.isTest) continue;
        if (unit.coverableLines.size === 0) continue;
        const hits = org.interpreter.coverage.get(unit.file) ?? new Set<number>();
        const uncovered = [...unit.coverableLines]
            .filter((l) => !hits.has(l))
            .sort((a, b) => a - b);
        units.push({
            name: unit.name,
            kind: unit.trigger ? 'trigger' : 'class',
            file: unit.file,
            covered: unit.coverableLines.size - uncovered.length,
            coverable: unit.coverableLines.size,
            uncoveredLines: uncovered,
        });
    }
    units.sort((a, b) => a.name.localeCompare(b.name));
    const covered = units.reduce((n, u) => n + u.covered, 0);
    const coverable = units.reduce((n, u) => n + u.coverable, 0);
    const percent = percentOf(covered, coverable);
    const uncoveredTriggers = units
        .filter((u) => u.kind === 'trigger' && u.covered === 0)
        .map((u) => u.name);
    return {
        units,
        covered,
        coverable,
        percent,
        meetsPlatformRule: percent >= PLATFORM_MINIMUM && uncoveredTriggers.length === 0,
        meetsProjectGoal: percent >= PROJECT_GOAL,
        uncoveredTriggers,
    };
}

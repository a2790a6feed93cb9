// Key-account selection: a weighted scorecard of 4 to 6 criteria, each normalised to 0..100,
// gives one score; the tier and the revenue × potential segment follow from it.
import type { CapacityPolicy, SelectionConfig } from './config';
import { TIERS } from './config';
import { KeystoneScoringError } from './errors';
import { clamp, ratioHalfUp, roundHalfUp, sumExact } from './rounding';
import type { ScorePart } from './types';
import { configNumber, optionalNumber, optionalPicklist } from './validation';

export type Segment = 'Invest' | 'Protect' | 'Develop' | 'Maintain';

export interface SelectionResult {
    /** 0..100, whole number. */
    score: number;
    /** 'Tier 1' | 'Tier 2' | 'Tier 3', or null below the selection threshold. */
    tier: string | null;
    isKeyAccount: boolean;
    segment: Segment;
    parts: ScorePart[];
    /** Criteria whose raw value was negative and counted as zero. */
    clampedCriteria: string[];
}

export const REVENUE_CRITERION = 'revenue';
export const POTENTIAL_CRITERION = 'whitespace';

export function validateSelectionConfig(config: SelectionConfig): number {
    const criteria = config.criteria;
    if (criteria.length < 4 || criteria.length > 6) {
        throw new KeystoneScoringError(
            'config.selection.criteria',
            `between 4 and 6 criteria are required (got ${criteria.length})`,
        );
    }
    const seenKeys: string[] = [];
    let totalWeight = 0;
    criteria.forEach((criterion, index) => {
        const path = `config.selection.criteria[${index}]`;
        if (typeof criterion.key !== 'string' || criterion.key.trim() === '') {
            throw new KeystoneScoringError(`${path}.key`, 'a key is required');
        }
        if (seenKeys.includes(criterion.key)) {
            throw new KeystoneScoringError(`${path}.key`, `duplicate criterion '${criterion.key}'`);
        }
        seenKeys.push(criterion.key);
        configNumber(criterion.weight, 0, `${path}.weight`);
        // As in Apex: text is "not a number"; blank, zero or less is "not greater than zero".
        const fullScoreAt = optionalNumber(criterion.fullScoreAt, `${path}.fullScoreAt`);
        if (!((fullScoreAt ?? 0) > 0)) {
            throw new KeystoneScoringError(`${path}.fullScoreAt`, 'must be greater than zero');
        }
        totalWeight = sumExact([totalWeight, criterion.weight]);
    });
    if (totalWeight === 0) {
        throw new KeystoneScoringError('config.selection.criteria', 'the weights add up to zero');
    }
    for (const required of [REVENUE_CRITERION, POTENTIAL_CRITERION]) {
        if (!seenKeys.includes(required)) {
            throw new KeystoneScoringError(
                'config.selection.criteria',
                `the '${required}' criterion is required`,
            );
        }
    }
    const { tier1Min, tier2Min, tier3Min } = config;
    for (const [name, value] of [
        ['tier1Min', tier1Min],
        ['tier2Min', tier2Min],
        ['tier3Min', tier3Min],
    ] as const) {
        if (typeof value !== 'number' || value < 0 || value > 100) {
            throw new KeystoneScoringError(`config.selection.${name}`, 'must be between 0 and 100');
        }
    }
    if (!(tier1Min > tier2Min && tier2Min > tier3Min)) {
        throw new KeystoneScoringError(
            'config.selection.tier1Min',
            'tier thresholds must descend (tier1Min > tier2Min > tier3Min)',
        );
    }
    return totalWeight;
}

export function tierForScore(score: number, config: SelectionConfig): string | null {
    if (score >= config.tier1Min) return 'Tier 1';
    if (score >= config.tier2Min) return 'Tier 2';
    if (score >= config.tier3Min) return 'Tier 3';
    return null;
}

export function segmentFor(
    revenueNormalised: number,
    potentialNormalised: number,
    config: SelectionConfig,
): Segment {
    const highRevenue = revenueNormalised >= config.segmentRevenueMin;
    const highPotential = potentialNormalised >= config.segmentPotentialMin;
    if (highRevenue) return highPotential ? 'Invest' : 'Protect';
    return highPotential ? 'Develop' : 'Maintain';
}

/**
 * Scores one candidate account. `values` holds the raw value of each criterion by key:
 * revenue (won in the last 12 months), whitespace (open whitespace identified), strategic and
 * relationship (0..100 ratings), plus any admin-added criteria. A missing value counts as 0;
 * a negative value is clamped to 0; a value above the criterion's fullScoreAt earns 100.
 */
export function scoreSelection(
    values: Record<string, unknown>,
    config: SelectionConfig,
): SelectionResult {
    const totalWeight = validateSelectionConfig(config);
    const parts: ScorePart[] = [];
    const clampedCriteria: string[] = [];
    for (const criterion of config.criteria) {
        const given = optionalNumber(values[criterion.key], `values.${criterion.key}`);
        let raw = given ?? 0;
        if (raw < 0) {
            clampedCriteria.push(criterion.key);
            raw = 0;
        }
        const normalised = clamp(ratioHalfUp([raw, 100], [criterion.fullScoreAt], 2), 0, 100);
        const points = ratioHalfUp([normalised, criterion.weight], [totalWeight], 2);
        parts.push({
            key: criterion.key,
            label: criterion.label,
            rawValue: given === null ? null : raw,
            normalised,
            weight: criterion.weight,
            points,
            explanation:
                given === null
                    ? `No value: counts as 0 of ${criterion.fullScoreAt}.`
                    : `${raw} of ${criterion.fullScoreAt} for full marks = ${normalised} / 100.`,
        });
    }
    const score = roundHalfUp(sumExact(parts.map((part) => part.points)), 0);
    const tier = tierForScore(score, config);
    const normalisedOf = (key: string): number =>
        parts.find((part) => part.key === key)?.normalised ?? 0;
    return {
        score,
        tier,
        isKeyAccount: tier !== null,
        segment: segmentFor(
            normalisedOf(REVENUE_CRITERION),
            normalisedOf(POTENTIAL_CRITERION),
            config,
        ),
        parts,
        clampedCriteria,
    };
}

// ---------------------------------------------------------------- capacity

export interface CapacityAccountInput {
    ownerId?: string | null;
    tier?: string | null;
}

export type CapacityStatus = 'Over capacity' | 'Under minimum' | 'Within policy';

export interface ManagerCapacity {
    managerId: string;
    tier1Count: number;
    keyAccountCount: number;
    status: CapacityStatus;
    /** The warning sentence when outside the policy; null within it. */
    warning: string | null;
}

export interface CapacityResult {
    /** One row per manager, in the order managers first appear in the input. */
    managers: ManagerCapacity[];
    /** One sentence per manager outside the policy, over or under. */
    warnings: string[];
}

export function checkCapacity(
    accounts: CapacityAccountInput[],
    policy: CapacityPolicy,
): CapacityResult {
    configNumber(policy.tier1MinPerManager, 0, 'config.capacity.tier1MinPerManager');
    configNumber(policy.tier1MaxPerManager, 1, 'config.capacity.tier1MaxPerManager');
    if (policy.tier1MinPerManager > policy.tier1MaxPerManager) {
        throw new KeystoneScoringError(
            'config.capacity.tier1MinPerManager',
            'must not be greater than tier1MaxPerManager',
        );
    }
    const byManager = new Map<string, ManagerCapacity>();
    accounts.forEach((account, index) => {
        const path = `accounts[${index}]`;
        const ownerId = typeof account.ownerId === 'string' ? account.ownerId.trim() : '';
        if (ownerId === '') {
            throw new KeystoneScoringError(`${path}.ownerId`, 'an owner is required');
        }
        const tier = optionalPicklist(account.tier, TIERS, `${path}.tier`);
        let row = byManager.get(ownerId);
        if (!row) {
            row = {
                managerId: ownerId,
                tier1Count: 0,
                keyAccountCount: 0,
                status: 'Within policy',
                warning: null,
            };
            byManager.set(ownerId, row);
        }
        if (tier !== null) row.keyAccountCount += 1;
        if (tier === 'Tier 1') row.tier1Count += 1;
    });
    const managers = [...byManager.values()];
    const warnings: string[] = [];
    for (const row of managers) {
        if (row.tier1Count > policy.tier1MaxPerManager) {
            row.status = 'Over capacity';
            row.warning = `${row.managerId} owns ${row.tier1Count} Tier 1 accounts; policy allows ${policy.tier1MaxPerManager}.`;
            warnings.push(row.warning);
        } else if (row.tier1Count < policy.tier1MinPerManager) {
            row.status = 'Under minimum';
            row.warning = `${row.managerId} owns ${row.tier1Count} Tier 1 accounts; policy asks for at least ${policy.tier1MinPerManager}.`;
            warnings.push(row.warning);
        }
    }
    return { managers, warnings };
}

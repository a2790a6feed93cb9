// Revenue retention per key account over a trailing 12 months: net (NRR) and gross (GRR).
//
// The input is sums of closed opportunity amounts per opportunity type / record type, period
// and outcome, the shape an aggregate query returns (SUM(Amount) ... GROUP BY Type,
// RecordType.DeveloperName, IsWon, one query per period); retentionSumsFromOpportunities()
// builds the same rows from single opportunities. A mapping (RetentionMapping__mdt) says which
// types and record types are new business, renewals, expansion, contraction or churn.
//
// Starting recurring revenue (the base) = what the account bought on recurring terms in the 12
// months before the period (won New, Renewal and Expansion, less won Contraction). Over the
// period: NRR = (base + expansion - contraction - churn) / base; GRR = (base - contraction -
// churn) / base, never above 100 %. Churn is won Churn deals plus lost Renewals.
import type { RetentionConfig } from './config';
import { RETENTION_CATEGORIES, RETENTION_MATCH_ON } from './config';
import type { CalendarDate } from './dates';
import { addMonths, daysBetween, parseOptionalDateAt } from './dates';
import { KeystoneScoringError } from './errors';
import { ratioHalfUp, sumExact } from './rounding';
import type { OpportunityInput } from './types';
import { configNumber, optionalAmountAt, optionalNumber, optionalText } from './validation';

export type RetentionPeriod = 'Current' | 'Prior';
export const RETENTION_PERIODS: readonly RetentionPeriod[] = ['Current', 'Prior'];

export type RetentionStatus = 'Measured' | 'Base too small' | 'No prior recurring revenue';
export type RetentionBand = 'Best in class' | 'Healthy' | 'Holding' | 'Leaking' | 'Not measured';

/** One row: closed opportunities of one type / record type, period and outcome, summed. */
export interface RetentionSum {
    opportunityType?: string | null;
    /** The record type's API name (DeveloperName). */
    recordType?: string | null;
    /** 'Current' = the trailing 12 months; 'Prior' = the 12 months before. */
    period?: string | null;
    isWon?: boolean | null;
    amount?: number | null;
    /** How many opportunities the row sums (1 for a single opportunity). */
    count?: number | null;
}

export interface RetentionResult {
    status: RetentionStatus;
    /** Recurring revenue a year ago. */
    base: number;
    expansion: number;
    contraction: number;
    churn: number;
    /** Won renewals in the period: revenue kept (reported, already part of the base). */
    renewed: number;
    /** New business won in the period: not part of retention. */
    newBusiness: number;
    /** expansion - contraction - churn: the absolute change, also when the base is too small. */
    netChange: number;
    /** NRR %, 1 decimal; null unless status is Measured. */
    netRevenueRetentionPercent: number | null;
    /** GRR %, 1 decimal, 0..100; null unless status is Measured. */
    grossRevenueRetentionPercent: number | null;
    band: RetentionBand;
    /** Closed opportunities whose type and record type no mapping names, and their amount. */
    unmappedCount: number;
    unmappedAmount: number;
    /** Figures that were out of range and clamped: 'base', 'netRevenueRetentionPercent', ... */
    clamped: string[];
}

export function validateRetentionConfig(config: RetentionConfig): void {
    configNumber(config.minimumBase, 0, 'config.retention.minimumBase');
    configNumber(config.leakingBelowPercent, 0, 'config.retention.leakingBelowPercent');
    configNumber(config.healthyAbovePercent, 0, 'config.retention.healthyAbovePercent');
    configNumber(config.bestInClassFromPercent, 0, 'config.retention.bestInClassFromPercent');
    if (!(
        config.leakingBelowPercent < config.healthyAbovePercent &&
        config.healthyAbovePercent < config.bestInClassFromPercent
    )) {
        throw new KeystoneScoringError(
            'config.retention.leakingBelowPercent',
            'bands must satisfy leakingBelowPercent < healthyAbovePercent < bestInClassFromPercent',
        );
    }
    const seen = new Map<string, string>();
    config.mappings.forEach((mapping, index) => {
        const path = `config.retention.mappings[${index}]`;
        if (!(RETENTION_MATCH_ON as readonly string[]).includes(mapping.matchOn)) {
            throw new KeystoneScoringError(
                `${path}.matchOn`,
                `unknown value '${String(mapping.matchOn)}'`,
            );
        }
        const value = optionalText(mapping.value);
        if (value === null) {
            throw new KeystoneScoringError(`${path}.value`, 'a value is required');
        }
        if (!(RETENTION_CATEGORIES as readonly string[]).includes(mapping.category)) {
            throw new KeystoneScoringError(
                `${path}.category`,
                `unknown value '${String(mapping.category)}'`,
            );
        }
        const key = `${mapping.matchOn}:${value.toLowerCase()}`;
        const earlier = seen.get(key);
        if (earlier !== undefined && earlier !== mapping.category) {
            throw new KeystoneScoringError(
                `${path}.value`,
                `'${value}' is already mapped to ${earlier}`,
            );
        }
        seen.set(key, mapping.category);
    });
}

function matches(given: string | null, value: string): boolean {
    return given !== null && given.toLowerCase() === value.toLowerCase();
}

/** The category of an opportunity type / record type: a Type mapping wins; null = unmapped. */
export function retentionCategoryFor(
    opportunityType: unknown,
    recordType: unknown,
    config: RetentionConfig,
): string | null {
    const type = optionalText(opportunityType);
    const record = optionalText(recordType);
    let byRecordType: string | null = null;
    for (const mapping of config.mappings) {
        const value = optionalText(mapping.value) ?? '';
        if (mapping.matchOn === 'Type' && matches(type, value)) return mapping.category;
        if (byRecordType === null && mapping.matchOn === 'Record Type' && matches(record, value)) {
            byRecordType = mapping.category;
        }
    }
    return byRecordType;
}

/**
 * One row per closed opportunity, with the period its close date falls in; open
 * opportunities, those closed more than 24 months ago, after "now" or without a close date
 * are left out. The recurring amount is used where present, else the amount.
 */
export function retentionSumsFromOpportunities(
    opportunities: OpportunityInput[],
    now: CalendarDate,
): RetentionSum[] {
    const currentStart = addMonths(now, -12);
    const priorStart = addMonths(now, -24);
    const sums: RetentionSum[] = [];
    opportunities.forEach((opportunity, index) => {
        const list = 'opportunities';
        const amount = optionalAmountAt(opportunity.amount, list, index, 'amount');
        const recurring =
            opportunity.recurringAmount === null || opportunity.recurringAmount === undefined
                ? null
                : optionalAmountAt(opportunity.recurringAmount, list, index, 'recurringAmount');
        const closeDate = parseOptionalDateAt(opportunity.closeDate, list, index, 'closeDate');
        const isWon = opportunity.isWon === true;
        const isClosed = opportunity.isClosed === true || isWon;
        if (!isClosed || closeDate === null || daysBetween(now, closeDate) > 0) return;
        let period: RetentionPeriod;
        if (daysBetween(currentStart, closeDate) > 0) period = 'Current';
        else if (daysBetween(priorStart, closeDate) > 0) period = 'Prior';
        else return;
        sums.push({
            opportunityType: opportunity.type ?? null,
            recordType: opportunity.recordType ?? null,
            period,
            isWon,
            amount: recurring ?? amount,
            count: 1,
        });
    });
    return sums;
}

export function retentionBandFor(
    nrrPercent: number | null,
    config: RetentionConfig,
): RetentionBand {
    if (nrrPercent === null) return 'Not measured';
    if (nrrPercent >= config.bestInClassFromPercent) return 'Best in class';
    if (nrrPercent > config.healthyAbovePercent) return 'Healthy';
    if (nrrPercent >= config.leakingBelowPercent) return 'Holding';
    return 'Leaking';
}

interface Totals {
    [key: string]: number[];
}

export function calculateRetention(sums: RetentionSum[], config: RetentionConfig): RetentionResult {
    validateRetentionConfig(config);
    const totals: Totals = {};
    const add = (key: string, amount: number): void => {
        (totals[key] ??= []).push(amount);
    };
    const total = (key: string): number => sumExact(totals[key] ?? []);
    let unmappedCount = 0;
    const unmapped: number[] = [];
    sums.forEach((sum, index) => {
        const path = `sums[${index}]`;
        const amount = optionalAmountAt(sum.amount, 'sums', index, 'amount');
        const count = optionalNumber(sum.count, `${path}.count`) ?? 1;
        const period = sum.period;
        if (!(RETENTION_PERIODS as readonly unknown[]).includes(period)) {
            throw new KeystoneScoringError(`${path}.period`, `unknown value '${String(period)}'`);
        }
        const category = retentionCategoryFor(sum.opportunityType, sum.recordType, config);
        if (category === null) {
            unmappedCount += count;
            unmapped.push(amount);
            return;
        }
        add(`${String(period)}:${category}:${sum.isWon === true ? 'won' : 'lost'}`, amount);
    });

    const clamped: string[] = [];
    const booked = sumExact([
        total('Prior:New:won'),
        total('Prior:Renewal:won'),
        total('Prior:Expansion:won'),
        -total('Prior:Contraction:won'),
    ]);
    let base = booked;
    if (base < 0) {
        base = 0;
        clamped.push('base');
    }
    const expansion = total('Current:Expansion:won');
    const contraction = total('Current:Contraction:won');
    const churn = sumExact([total('Current:Churn:won'), total('Current:Renewal:lost')]);
    const netChange = sumExact([expansion, -contraction, -churn]);

    let status: RetentionStatus;
    if (base === 0) status = 'No prior recurring revenue';
    else if (base < config.minimumBase) status = 'Base too small';
    else status = 'Measured';

    let nrr: number | null = null;
    let grr: number | null = null;
    if (status === 'Measured') {
        nrr = ratioHalfUp([sumExact([base, netChange]), 100], [base], 1);
        if (nrr < 0) {
            nrr = 0;
            clamped.push('netRevenueRetentionPercent');
        }
        grr = ratioHalfUp([sumExact([base, -contraction, -churn]), 100], [base], 1);
        if (grr < 0) {
            grr = 0;
            clamped.push('grossRevenueRetentionPercent');
        }
    }
    return {
        status,
        base,
        expansion,
        contraction,
        churn,
        renewed: total('Current:Renewal:won'),
        newBusiness: total('Current:New:won'),
        netChange,
        netRevenueRetentionPercent: nrr,
        grossRevenueRetentionPercent: grr,
        band: retentionBandFor(nrr, config),
        unmappedCount,
        unmappedAmount: sumExact(unmapped),
        clamped,
    };
}

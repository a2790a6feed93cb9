// Signal detection: which system-raised Health Signals should be open given the data, which
// to open now, and which open ones the data no longer supports (to resolve). Signals that
// integrations insert (product usage drop, support escalation, ...) are never auto-resolved.
import type { HealthConfig, SignalConfig } from './config';
import { ALL_SIGNAL_TYPES, SIGNAL_TYPES, SYSTEM_SIGNAL_TYPES } from './config';
import type { CalendarDate } from './dates';
import { daysBetween, parseOptionalDate } from './dates';
import { KeystoneScoringError } from './errors';
import type { PlanFreshnessStatus } from './health';
import { clamp } from './rounding';
import type { SignalInput } from './types';
import { optionalNumber, optionalPicklist } from './validation';

export const SIGNAL_STATUSES = ['Open', 'Acknowledged', 'Resolved'] as const;

/** Anything but Resolved is open (Acknowledged still costs health); blank = Open. */
function isOpen(signal: SignalInput, index: number): boolean {
    const status = optionalPicklist(signal.status, SIGNAL_STATUSES, `signals[${index}].status`);
    return status !== 'Resolved';
}

function signalType(signal: SignalInput, index: number): string {
    const type = optionalPicklist(signal.type, ALL_SIGNAL_TYPES, `signals[${index}].type`);
    if (type === null) {
        throw new KeystoneScoringError(`signals[${index}].type`, 'a signal type is required');
    }
    return type;
}

/** What signal detection reads; coverage, revenue, plan and health produce these. */
export interface SignalFacts {
    championLeft: boolean;
    championCold: boolean;
    sponsorLeft: boolean;
    sponsorLapsed: boolean;
    singleThreaded: boolean;
    planFreshness: PlanFreshnessStatus;
    revenueChangePercent: number | null;
    healthScore: number;
    /** The next renewal date of the account, if known ('YYYY-MM-DD'). */
    renewalDate: string | null;
}

export interface SignalDetection {
    /** System signal types the data supports, in a fixed order. */
    shouldBeOpen: string[];
    /** Of those, the ones not open yet. */
    toOpen: string[];
    /** Open system signals the data no longer supports. */
    toResolve: string[];
    /** Open signals of any type, each type once (duplicates are not double-counted). */
    openTypes: string[];
}

/** Types of the signals whose status is Open, each once, in input order. */
export function openSignalTypes(signals: SignalInput[]): string[] {
    const types: string[] = [];
    signals.forEach((signal, index) => {
        const type = signalType(signal, index);
        if (isOpen(signal, index) && !types.includes(type)) types.push(type);
    });
    return types;
}

/**
 * Score impact of each open signal on health (negative points): the signal's own ScoreImpact
 * if set, else the configured impact for its type. Clamped to -100..0. One per open type.
 */
export function openSignalImpacts(signals: SignalInput[], config: SignalConfig): number[] {
    const impacts: number[] = [];
    const seen: string[] = [];
    signals.forEach((signal, index) => {
        const type = signalType(signal, index);
        const ownImpact = optionalNumber(signal.scoreImpact, `signals[${index}].scoreImpact`);
        if (!isOpen(signal, index) || seen.includes(type)) return;
        seen.push(type);
        const impact = ownImpact ?? config.scoreImpacts[type] ?? config.defaultScoreImpact;
        // A signal can only take health away: positive impacts count as 0, below -100 as -100.
        impacts.push(clamp(impact, -100, 0));
    });
    return impacts;
}

export function detectSignals(
    facts: SignalFacts,
    openSignals: SignalInput[],
    now: CalendarDate,
    config: SignalConfig,
    healthConfig: HealthConfig,
): SignalDetection {
    const renewal = parseOptionalDate(facts.renewalDate, 'renewalDate');
    const daysToRenewal = renewal === null ? null : daysBetween(now, renewal);
    const renewalApproaching =
        daysToRenewal !== null && daysToRenewal >= 0 && daysToRenewal <= config.renewalWindowDays;

    const conditions: Record<string, boolean> = {
        [SIGNAL_TYPES.championLeft]: facts.championLeft,
        [SIGNAL_TYPES.championCold]: facts.championCold,
        [SIGNAL_TYPES.sponsorLeft]: facts.sponsorLeft,
        [SIGNAL_TYPES.sponsorLapsed]: facts.sponsorLapsed,
        [SIGNAL_TYPES.singleThreaded]: facts.singleThreaded,
        [SIGNAL_TYPES.planStale]: facts.planFreshness !== 'Current',
        [SIGNAL_TYPES.pipelineDecline]:
            facts.revenueChangePercent !== null &&
            facts.revenueChangePercent <= -config.revenueDeclinePercent,
        [SIGNAL_TYPES.renewalAtRisk]:
            renewalApproaching && facts.healthScore < healthConfig.healthyMin,
    };
    const openTypes = openSignalTypes(openSignals);
    const shouldBeOpen = SYSTEM_SIGNAL_TYPES.filter((type) => conditions[type] === true);
    return {
        shouldBeOpen,
        toOpen: shouldBeOpen.filter((type) => !openTypes.includes(type)),
        toResolve: SYSTEM_SIGNAL_TYPES.filter(
            (type) => openTypes.includes(type) && conditions[type] !== true,
        ),
        openTypes,
    };
}

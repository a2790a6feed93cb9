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
export const SIGNAL_SOURCES = ['System', 'Integration', 'Manual'] as const;

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

/** Integrations and people own their signals: only system signals (blank = System) resolve themselves. */
export function isSystemSignal(signal: SignalInput, index: number): boolean {
    const source = optionalPicklist(signal.source, SIGNAL_SOURCES, `signals[${index}].source`);
    return source === null || source === 'System';
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
    /** Health before any Renewal At Risk signal counts (so the signal cannot keep itself open). */
    healthScore: number;
    /** The next renewal date of the account, if known ('YYYY-MM-DD'); past = overdue. */
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
 * Score impact on health of each open signal type (negative points): each signal's own
 * ScoreImpact if set, else the configured impact for its type, clamped to -100..0; of two
 * open signals of one type the worst counts, once. In order of each type's first signal.
 */
export function openSignalImpacts(signals: SignalInput[], config: SignalConfig): number[] {
    const impacts: number[] = [];
    const types: string[] = [];
    signals.forEach((signal, index) => {
        const type = signalType(signal, index);
        const ownImpact = optionalNumber(signal.scoreImpact, `signals[${index}].scoreImpact`);
        if (!isOpen(signal, index)) return;
        const configured = config.scoreImpacts[type] ?? config.defaultScoreImpact;
        // A signal can only take health away: positive impacts count as 0, below -100 as -100.
        const impact = clamp(ownImpact ?? configured, -100, 0);
        const at = types.indexOf(type);
        if (at < 0) {
            types.push(type);
            impacts.push(impact);
        } else if (impact < (impacts[at] as number)) {
            impacts[at] = impact;
        }
    });
    return impacts;
}

/**
 * The signals open once this detection is written: open signals, less the system signals it
 * resolves, plus the ones it opens (with their type's configured impact, as the org stores
 * them). Health counts these, so a new signal costs points in the same recompute.
 */
export function signalsAfterDetection(
    signals: SignalInput[],
    detection: Pick<SignalDetection, 'toOpen' | 'toResolve'>,
    config: SignalConfig,
): SignalInput[] {
    const after: SignalInput[] = [];
    signals.forEach((signal, index) => {
        const type = signalType(signal, index);
        if (!isOpen(signal, index)) return;
        if (detection.toResolve.includes(type) && isSystemSignal(signal, index)) return;
        after.push(signal);
    });
    for (const type of detection.toOpen) {
        after.push({
            type,
            status: 'Open',
            source: 'System',
            scoreImpact: config.scoreImpacts[type] ?? config.defaultScoreImpact,
        });
    }
    return after;
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
    // The renewal opportunity is still open after its date: nobody closed or re-dated it.
    const renewalOverdue = daysToRenewal !== null && daysToRenewal < 0;
    // Below Healthy, or single-threaded (whose band is capped below Healthy anyway).
    const belowHealthy = facts.healthScore < healthConfig.healthyMin || facts.singleThreaded;

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
        [SIGNAL_TYPES.renewalAtRisk]: renewalApproaching && belowHealthy,
        [SIGNAL_TYPES.renewalOverdue]: renewalOverdue,
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

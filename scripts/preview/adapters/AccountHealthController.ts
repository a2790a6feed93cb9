// Preview stand-in for AccountHealthController.cls: the health panel's payload (the
// component's healthModel.ts types) read from the preview's record store, and the two signal
// actions. Failures are thrown as the controller throws them (KeystoneUiErrors JSON).
import type { StoredRecord } from '../data/recordStore.ts';
import { RecordError } from '../data/recordStore.ts';
import { previewData, previewStore } from '../data/session.ts';
import { ApexException, apexMethod } from './apexMethod.ts';

const OPEN_WHITESPACE = ['Whitespace', 'In Pipeline', 'Competitor'];

function uiError(kind: string, message: string): ApexException {
    return new ApexException(JSON.stringify({ kind, message, fieldErrors: {} }));
}

function text(value: unknown): string | null {
    return typeof value === 'string' && value !== '' ? value : null;
}

function numberOrNull(value: unknown): number | null {
    return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function nameOf(record: StoredRecord | undefined): string | null {
    if (!record) return null;
    const fields = record.fields;
    return (
        text(fields.Name) ??
        ([text(fields.FirstName), text(fields.LastName)].filter(Boolean).join(' ') || null)
    );
}

/** Whitespace identified and captured by the cells' stored status, as the controller sums it. */
function whitespaceOf(accountId: string): { identified: number; captured: number } {
    let identified = 0;
    let captured = 0;
    for (const cell of previewStore.list(
        'WhitespaceCell__c',
        (fields) => fields.Account__c === accountId,
    )) {
        const status = text(cell.fields.Status__c) ?? '';
        const isCaptured = status === 'Owned' && cell.fields.Captured__c === true;
        let value = numberOrNull(cell.fields.EstimatedValue__c) ?? 0;
        if (isCaptured && numberOrNull(cell.fields.CapturedValue__c) !== null) {
            value = numberOrNull(cell.fields.CapturedValue__c) ?? value;
        }
        if (OPEN_WHITESPACE.includes(status) || isCaptured) identified += value;
        if (isCaptured) captured += value;
    }
    return { identified, captured };
}

export const getHealth = apexMethod(
    'AccountHealthController.getHealth',
    ({ accountId }: { accountId?: string }) => {
        if (!accountId) throw uiError('error', 'Open the health panel from an account.');
        const config = previewData.config;
        const planRecord = previewStore.list(
            'AccountPlan__c',
            (fields) => fields.Account__c === accountId && fields.Status__c === 'Active',
        )[0];
        let plan: Record<string, unknown> | null = null;
        if (planRecord) {
            const fields = planRecord.fields;
            const whitespace = whitespaceOf(accountId);
            plan = {
                id: planRecord.id,
                name: text(fields.Name),
                tier: text(fields.Tier__c),
                healthScore: numberOrNull(fields.HealthScore__c),
                previousHealthScore: numberOrNull(fields.PreviousHealthScore__c),
                healthBand: text(fields.HealthBand__c),
                healthTrend: text(fields.HealthTrend__c),
                lastRecomputedAt: text(fields.LastRecomputedAt__c),
                coverageDepth: numberOrNull(fields.CoverageDepth__c),
                buyingGroupSize: numberOrNull(fields.BuyingGroupSize__c),
                buyingGroupSeats: numberOrNull(fields.BuyingGroupSeats__c),
                engagedStakeholders: numberOrNull(fields.EngagedStakeholders__c),
                relevantStakeholders: numberOrNull(fields.RelevantStakeholders__c),
                emptySeats: numberOrNull(fields.EmptySeats__c),
                singleThreaded: fields.SingleThreaded__c === true,
                sponsorLastEngagedDate: text(fields.SponsorLastEngagedDate__c),
                netRevenueRetention: numberOrNull(fields.NetRevenueRetention__c),
                grossRevenueRetention: numberOrNull(fields.GrossRevenueRetention__c),
                retentionBand: text(fields.RetentionBand__c),
                retentionBase: numberOrNull(fields.RetentionBase__c),
                retentionNetChange: numberOrNull(fields.RetentionNetChange__c),
                liveRevenue12Months: numberOrNull(fields.LiveRevenue12Months__c),
                liveRevenuePrior12Months: numberOrNull(fields.LiveRevenuePrior12Months__c),
                openPipeline: numberOrNull(fields.OpenPipeline__c),
                whitespaceIdentified: whitespace.identified,
                whitespaceCaptured: whitespace.captured,
                lastReviewedDate: text(fields.LastReviewedDate__c),
                reviewCadenceDays: numberOrNull(fields.ReviewCadence__c),
                nextReviewDate: text(fields.NextReviewDate__c),
                nextRenewalDate: text(fields.NextRenewalDate__c),
            };
        }
        const signalRecords = previewStore
            .list('HealthSignal__c', (fields) => fields.Account__c === accountId)
            .sort((a, b) =>
                String(b.fields.DetectedDate__c ?? '').localeCompare(
                    String(a.fields.DetectedDate__c ?? ''),
                ),
            );
        const signals = signalRecords.map((record) => ({
            id: record.id,
            name: text(record.fields.Name),
            type: text(record.fields.Type__c),
            severity: text(record.fields.Severity__c),
            status: text(record.fields.Status__c) ?? 'Open',
            source: text(record.fields.Source__c),
            detectedDate: text(record.fields.DetectedDate__c),
            resolvedDate: text(record.fields.ResolvedDate__c),
            details: text(record.fields.Details__c),
            scoreImpact: numberOrNull(record.fields.ScoreImpact__c),
            playTaskId: text(record.fields.PlayTaskId__c),
        }));
        const plays = signals
            .map((signal) => (signal.playTaskId ? previewStore.get(signal.playTaskId) : undefined))
            .filter((task): task is StoredRecord => task !== undefined && task.apiName === 'Task')
            .map((task) => {
                const owner = text(task.fields.OwnerId)
                    ? previewStore.get(String(task.fields.OwnerId))
                    : undefined;
                const status = text(task.fields.Status);
                return {
                    id: task.id,
                    subject: text(task.fields.Subject),
                    ownerId: text(task.fields.OwnerId),
                    ownerName: nameOf(owner),
                    dueDate: text(task.fields.ActivityDate),
                    status,
                    isClosed: status === 'Completed',
                    priority: text(task.fields.Priority),
                };
            });
        return {
            accountId,
            today: previewData.asOf,
            plan,
            signals,
            plays,
            settings: {
                weights: config.health.weights,
                healthyMin: config.health.healthyMin,
                watchMin: config.health.watchMin,
                trendThreshold: config.health.trendThreshold,
                engagementWindowDays: config.coverage.engagementWindowDays,
                sponsorLapseDays: config.coverage.sponsorLapseDays,
                targetMinPercent: config.coverage.targetMinPercent,
                targetMaxPercent: config.coverage.targetMaxPercent,
                functionBreadthTarget: config.coverage.functionBreadthTarget,
                requiredBuyingRoles: config.coverage.requiredBuyingRoles,
                cadenceDaysByTier: config.plan.cadenceDaysByTier,
                defaultCadenceDays: config.plan.defaultCadenceDays,
                scoreImpacts: config.signals.scoreImpacts,
                defaultScoreImpact: config.signals.defaultScoreImpact,
                defaultBuyingGroupSize: config.coverage.defaultBuyingGroupSize,
                retentionMinimumBase: config.retention.minimumBase,
                leakingBelowPercent: config.retention.leakingBelowPercent,
                healthyAbovePercent: config.retention.healthyAbovePercent,
                bestInClassFromPercent: config.retention.bestInClassFromPercent,
            },
            canUpdateSignals: true,
        };
    },
);

function updateStatus(signalId: string | undefined, status: string): null {
    if (!signalId) throw uiError('error', 'Choose a health signal.');
    try {
        previewStore.update(signalId, { Status__c: status });
    } catch (error) {
        throw uiError('error', error instanceof RecordError ? error.message : String(error));
    }
    return null;
}

export const acknowledgeSignal = apexMethod(
    'AccountHealthController.acknowledgeSignal',
    ({ signalId }: { signalId?: string }) => updateStatus(signalId, 'Acknowledged'),
);

export const resolveSignal = apexMethod(
    'AccountHealthController.resolveSignal',
    ({ signalId }: { signalId?: string }) => updateStatus(signalId, 'Resolved'),
);

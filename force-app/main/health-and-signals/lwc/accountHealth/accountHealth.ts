// The health panel on the Account page: the account's 0-100 health score, its band and trend,
// the parts that explain it, the open health signals (acknowledge or resolve them) and the
// plays those signals raised. One cacheable Apex read loads it; the parts are computed in the
// browser by the scoring engine from the same figures the org's recompute stored.
import { LightningElement, api, wire } from 'lwc';
import { refreshApex } from '@salesforce/apex';
import getHealth from '@salesforce/apex/AccountHealthController.getHealth';
import acknowledgeSignal from '@salesforce/apex/AccountHealthController.acknowledgeSignal';
import resolveSignal from '@salesforce/apex/AccountHealthController.resolveSignal';
import type { HealthResult } from 'c/keystoneEngine';
import { reduceErrors } from 'c/keystoneErrors';
import { parseSaveError } from 'c/keystoneSaveErrors';
import {
    announceRecordChange,
    loadStateOf,
    reloadOnPageRefresh,
    stopReloadingOnPageRefresh,
} from 'c/keystoneUi';
import type { LoadState } from 'c/keystoneUi';
import type {
    CoverageView,
    HealthData,
    PlayView,
    RecomputeStatusLine,
    RetentionView,
    SignalView,
} from './healthModel';
import {
    ACKNOWLEDGED,
    ACTIVITY_CAPTURE_HELP,
    RESOLVED,
    changesSinceReview,
    coverageView,
    explainHealth,
    formatRawValue,
    mostPoints,
    recomputeStatus,
    retentionView,
} from './healthModel';

interface WiredHealth {
    data?: HealthData;
    error?: unknown;
}

interface PartRow {
    key: string;
    label: string;
    rawText: string;
    most: number;
    weight: number;
    points: string;
    normalised: number;
    barStyle: string;
    barLabel: string;
    explanation: string;
}

interface SignalRow extends SignalView {
    impactText: string;
    severityClass: string;
    canAcknowledge: boolean;
    canResolve: boolean;
    busy: boolean;
    error: string;
    acknowledgeLabel: string;
    resolveLabel: string;
}

interface PlayRow extends PlayView {
    ownerText: string;
    statusText: string;
    isOverdue: boolean;
}

const SEVERITY_ORDER = ['Critical', 'High', 'Medium', 'Low'];

const RETENTION_THEMES: Record<string, string> = {
    'Best in class': 'slds-theme_success',
    Healthy: 'slds-theme_success',
    Holding: 'slds-theme_warning',
    Leaking: 'slds-theme_error',
};

const BAND_THEMES: Record<string, string> = {
    Healthy: 'slds-theme_success',
    Watch: 'slds-theme_warning',
    'At Risk': 'slds-theme_error',
};

type SignalAction = (params: { signalId: string }) => Promise<unknown>;

export default class AccountHealth extends LightningElement {
    @api recordId?: string;

    data?: HealthData;
    signals: SignalView[] = [];
    loadErrors: string[] = [];
    signalErrors: Record<string, string> = {};
    pendingIds: string[] = [];
    statusMessage = '';
    wiredResult?: WiredHealth;

    private pageRefreshId?: number;

    override connectedCallback(): void {
        this.pageRefreshId = reloadOnPageRefresh(this, () => this.refresh());
    }

    override disconnectedCallback(): void {
        stopReloadingOnPageRefresh(this.pageRefreshId);
    }

    private async refresh(): Promise<void> {
        if (!this.wiredResult) return;
        try {
            await refreshApex(this.wiredResult);
        } catch {
            // The panel already shows what it has; fresh figures arrive with the next load.
        }
    }
    /** The engine's explanation of the current (possibly optimistic) signals and figures. */
    result: HealthResult | null = null;
    explanationError = '';

    @wire(getHealth, { accountId: '$recordId' })
    wiredHealth(result: WiredHealth): void {
        this.wiredResult = result;
        const { data, error } = result;
        if (data) {
            this.data = data;
            this.signals = data.signals.map((signal) => ({ ...signal }));
            this.loadErrors = [];
        } else if (error) {
            this.data = undefined;
            this.signals = [];
            this.loadErrors = [parseSaveError(error).message];
        }
        this.explain();
    }

    /** Once per data or signal change, not per getter call. */
    private explain(): void {
        if (!this.data) {
            this.result = null;
            this.explanationError = '';
            return;
        }
        try {
            this.result = explainHealth(this.data, this.signals);
            this.explanationError = '';
        } catch (error) {
            this.result = null;
            this.explanationError = `The score could not be explained: ${reduceErrors(error).join(' ')}`;
        }
    }

    // ------------------------------------------------------------------ state

    get load(): LoadState {
        return loadStateOf(Boolean(this.data), this.loadErrors);
    }

    get isLoaded(): boolean {
        return Boolean(this.data);
    }

    get hasPlan(): boolean {
        return Boolean(this.data?.plan);
    }

    get hasNoPlan(): boolean {
        return Boolean(this.data) && !this.data?.plan;
    }

    // ------------------------------------------------------------------ score

    get storedScore(): number | null {
        const score = this.data?.plan?.healthScore;
        return score === null || score === undefined ? null : score;
    }

    get score(): number | null {
        return this.storedScore ?? this.result?.score ?? null;
    }

    get hasScore(): boolean {
        return this.score !== null;
    }

    get scoreText(): string {
        return this.score === null ? '' : String(Math.round(this.score));
    }

    get band(): string {
        return this.data?.plan?.healthBand || this.result?.band || '';
    }

    get bandClass(): string {
        return `slds-badge ${BAND_THEMES[this.band] ?? ''}`;
    }

    /** Why the band is lower than the score alone gives (single-threaded), in words. */
    get bandCapText(): string {
        const capped = this.result?.bandCap ?? null;
        if (!capped) return '';
        return 'Capped at Watch: only one person is engaged, a single point of failure. Engage a second stakeholder to lift the cap.';
    }

    // ------------------------------------------------------------------ retention and coverage

    get retention(): RetentionView | null {
        return this.data ? retentionView(this.data) : null;
    }

    get retentionBadgeClass(): string {
        return `slds-badge slds-m-left_x-small ${RETENTION_THEMES[this.retention?.band ?? ''] ?? ''}`;
    }

    get coverage(): CoverageView | null {
        return this.data ? coverageView(this.data) : null;
    }

    get trendText(): string {
        const plan = this.data?.plan;
        if (!plan) return '';
        const previous = plan.previousHealthScore;
        const trend = plan.healthTrend || this.result?.trend || '';
        if (previous === null || previous === undefined || this.score === null) {
            return trend || 'First score: no trend yet';
        }
        const change = Math.round((this.score - previous) * 10) / 10;
        const moved =
            change === 0
                ? `unchanged from ${previous}`
                : `${change > 0 ? 'up' : 'down'} ${Math.abs(change)} ${Math.abs(change) === 1 ? 'point' : 'points'} from ${previous}`;
        return `${trend || 'Trend'}: ${moved}`;
    }

    get trendIcon(): string {
        const trend = this.data?.plan?.healthTrend || this.result?.trend;
        if (trend === 'Improving') return 'utility:arrowup';
        if (trend === 'Declining') return 'utility:arrowdown';
        return 'utility:dash';
    }

    get recomputeLines(): Array<RecomputeStatusLine & { className: string }> {
        const plan = this.data?.plan;
        return plan
            ? recomputeStatus(plan).map((line) => ({
                  ...line,
                  className: line.isError
                      ? 'slds-text-body_small slds-text-color_error'
                      : 'slds-text-body_small slds-text-color_weak',
              }))
            : [];
    }

    get activityCaptureHelp(): string {
        return ACTIVITY_CAPTURE_HELP;
    }

    get liveScoreNotice(): string {
        const live = this.result?.score;
        const stored = this.storedScore;
        if (live === undefined || stored === null || Math.round(live) === Math.round(stored)) {
            return '';
        }
        return `With today's figures and open signals the score works out at ${Math.round(live)}; the stored score updates at the next recompute.`;
    }

    get parts(): PartRow[] {
        const result = this.result;
        if (!result) return [];
        const totalWeight = result.parts.reduce((sum, part) => sum + part.weight, 0);
        return result.parts.map((part) => ({
            key: part.key,
            label: part.label,
            rawText: formatRawValue(part.key, part.rawValue),
            most: mostPoints(part.weight, totalWeight),
            weight: part.weight,
            points: part.points.toFixed(1),
            normalised: part.normalised,
            barStyle: `width: ${Math.max(0, Math.min(100, part.normalised))}%;`,
            barLabel: `${part.label}: ${part.normalised} of 100`,
            explanation: part.explanation,
        }));
    }

    get hasParts(): boolean {
        return this.parts.length > 0;
    }

    // ------------------------------------------------------------------ since the last review

    get hasReviewComparison(): boolean {
        return Boolean(this.data?.reviewSnapshot && this.result);
    }

    get sinceReview(): {
        heading: string;
        scoreText: string;
        unchanged: boolean;
        parts: { key: string; text: string; changeClass: string }[];
    } | null {
        const snapshot = this.data?.reviewSnapshot;
        const result = this.result;
        if (!snapshot || !result) return null;
        const changes = changesSinceReview(snapshot, result, this.score, this.band);
        const signed = (value: number): string => (value > 0 ? `+${value}` : `${value}`);
        const scoreMove =
            changes.scoreThen === null || changes.scoreNow === null
                ? ''
                : ` (${signed(Math.round((changes.scoreNow - changes.scoreThen) * 10) / 10)})`;
        const band =
            changes.bandThen && changes.bandThen !== changes.bandNow
                ? `; band ${changes.bandThen} → ${changes.bandNow}`
                : '';
        return {
            heading: `Since the last review (${changes.reviewDate})`,
            scoreText: `Health ${changes.scoreThen ?? '—'} → ${this.scoreText || '—'}${scoreMove}${band}.`,
            unchanged: changes.parts.length === 0,
            parts: changes.parts.map((part) => ({
                key: part.key,
                text:
                    part.then === null
                        ? `${part.label}: ${part.now} of 100 (not recorded at the review)`
                        : `${part.label}: ${part.then} → ${part.now} of 100 (${signed(part.change ?? 0)})`,
                changeClass:
                    (part.change ?? 0) < 0 ? 'slds-text-color_error' : 'slds-text-color_success',
            })),
        };
    }

    // ------------------------------------------------------------------ signals

    get openSignals(): SignalRow[] {
        const canUpdate = this.data?.canUpdateSignals === true;
        return this.signals
            .filter((signal) => signal.status !== RESOLVED)
            .sort((a, b) => {
                const bySeverity =
                    SEVERITY_ORDER.indexOf(a.severity ?? 'Low') -
                    SEVERITY_ORDER.indexOf(b.severity ?? 'Low');
                return bySeverity !== 0
                    ? bySeverity
                    : (b.detectedDate ?? '').localeCompare(a.detectedDate ?? '');
            })
            .map((signal) => {
                const busy = this.pendingIds.includes(signal.id);
                return {
                    ...signal,
                    impactText:
                        signal.scoreImpact === null || signal.scoreImpact === undefined
                            ? ''
                            : signal.scoreImpact === 0
                              ? 'takes no points off'
                              : `takes ${Math.abs(signal.scoreImpact)} points off`,
                    severityClass:
                        signal.severity === 'Critical' || signal.severity === 'High'
                            ? 'slds-badge slds-theme_error'
                            : 'slds-badge',
                    canAcknowledge: canUpdate && signal.status !== ACKNOWLEDGED,
                    canResolve: canUpdate,
                    busy,
                    error: this.signalErrors[signal.id] ?? '',
                    acknowledgeLabel: `Acknowledge ${signal.type}`,
                    resolveLabel: `Resolve ${signal.type}`,
                };
            });
    }

    get hasOpenSignals(): boolean {
        return this.openSignals.length > 0;
    }

    get openSignalsHeading(): string {
        return `Open signals (${this.openSignals.length})`;
    }

    handleAcknowledge(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.signalId ?? '';
        void this.changeStatus(id, ACKNOWLEDGED, acknowledgeSignal as SignalAction, 'acknowledged');
    }

    handleResolve(event: Event): void {
        const id = (event.currentTarget as HTMLElement).dataset.signalId ?? '';
        void this.changeStatus(id, RESOLVED, resolveSignal as SignalAction, 'resolved');
    }

    /** Optimistic: the list changes at once; a failed save puts the signal back and says why. */
    private async changeStatus(
        id: string,
        status: string,
        action: SignalAction,
        verb: string,
    ): Promise<void> {
        const original = this.signals.find((signal) => signal.id === id);
        if (!original || this.pendingIds.includes(id)) return;
        const otherErrors = { ...this.signalErrors };
        delete otherErrors[id];
        this.signalErrors = otherErrors;
        this.pendingIds = [...this.pendingIds, id];
        this.signals = this.signals.map((signal) =>
            signal.id === id ? { ...signal, status } : signal,
        );
        this.explain();
        try {
            await action({ signalId: id });
            this.statusMessage = `${original.type} ${verb}.`;
            announceRecordChange(this);
            await this.refresh();
        } catch (error) {
            this.signals = this.signals.map((signal) => (signal.id === id ? original : signal));
            this.explain();
            this.signalErrors = {
                ...this.signalErrors,
                [id]: `${original.type} could not be ${verb}: ${parseSaveError(error).message}`,
            };
        } finally {
            this.pendingIds = this.pendingIds.filter((pending) => pending !== id);
        }
    }

    // ------------------------------------------------------------------ plays

    get plays(): PlayRow[] {
        const today = this.data?.today ?? '';
        return (this.data?.plays ?? []).map((play) => ({
            ...play,
            ownerText: play.ownerName ?? 'Unassigned',
            statusText: play.status ?? '',
            isOverdue: Boolean(play.dueDate && !play.isClosed && today && play.dueDate < today),
        }));
    }

    get hasPlays(): boolean {
        return this.plays.length > 0;
    }
}

// Preview stand-in for KeyAccountCapacityController.cls: the account owner's key-account
// capacity for the badge, and every manager's for the leaders' view, from the preview's record
// store through the engine's capacity rule (the controller runs SelectionScorer.checkCapacity).
import { checkCapacity } from 'c/keystoneEngine';
import type { ManagerCapacity } from 'c/keystoneEngine';
import { previewData, previewStore } from '../data/session.ts';
import { ApexException, apexMethod } from './apexMethod.ts';

const STATUS_ORDER = ['Over capacity', 'Under minimum', 'Within policy'];

function uiError(message: string): ApexException {
    return new ApexException(JSON.stringify({ kind: 'error', message, fieldErrors: {} }));
}

function text(value: unknown): string | null {
    return typeof value === 'string' && value !== '' ? value : null;
}

function managerName(userId: string): string | null {
    const fields = previewStore.get(userId)?.fields;
    if (!fields) return null;
    return (
        text(fields.Name) ??
        ([text(fields.FirstName), text(fields.LastName)].filter(Boolean).join(' ') || null)
    );
}

/** Key accounts (any tier) of these owners, or of everyone, through the capacity rule. */
function capacityOf(ownerIds: string[] | null): Record<string, unknown>[] {
    const config = previewData.config.capacity;
    const accounts = previewStore
        .list('Account', (fields) => text(fields.KeyAccountTier__c) !== null)
        .map((record) => ({
            ownerId: text(record.fields.OwnerId),
            tier: text(record.fields.KeyAccountTier__c),
        }))
        .filter((account) => ownerIds === null || ownerIds.includes(account.ownerId ?? ''));
    // An owner with no key account yet is under the minimum: count them with none.
    for (const ownerId of ownerIds ?? []) accounts.push({ ownerId, tier: null });
    const { managers } = checkCapacity(accounts, config);
    return [...managers]
        .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status))
        .map((row: ManagerCapacity) => {
            const name = managerName(row.managerId);
            return {
                managerId: row.managerId,
                managerName: name,
                tier1Count: row.tier1Count,
                keyAccountCount: row.keyAccountCount,
                status: row.status,
                warning:
                    row.warning && name
                        ? name + row.warning.slice(row.managerId.length)
                        : row.warning,
                minPerManager: config.tier1MinPerManager,
                maxPerManager: config.tier1MaxPerManager,
            };
        });
}

export const getCapacity = apexMethod(
    'KeyAccountCapacityController.getCapacity',
    ({ accountId }: { accountId?: string }) => {
        if (!accountId) throw uiError('Open the key account badge from an account.');
        const ownerId = text(previewStore.get(accountId)?.fields.OwnerId);
        if (!ownerId) {
            throw uiError(
                "You cannot see this account's key account capacity. Ask your Salesforce admin for the Keystone User permission set.",
            );
        }
        return capacityOf([ownerId])[0] ?? null;
    },
);

export const getPortfolioCapacity = apexMethod(
    'KeyAccountCapacityController.getPortfolioCapacity',
    () => capacityOf(null),
);

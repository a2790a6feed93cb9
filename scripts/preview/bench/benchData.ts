// The data `npm run bench:ui` renders, in one place: the bench page seeds it into the preview's
// record store for Keystone's components, and the benchmark hands the same people and cells to
// the open-source peers it compares them with. Browser-safe (no Node APIs), deterministic.
import { generateAccount, generateUsers, mulberry32 } from '../../data/sampleDataset.ts';
import type { SampleAccount } from '../../data/sampleDataset.ts';
import type { PreviewSeed } from '../data/previewData.ts';
import { seedFromPortfolio } from '../data/sampleRecords.ts';

export const BENCH_TODAY = '2026-11-26';
export const MAP_SIZES = [50, 150, 300];
export const GRID_SIZES: [rows: number, columns: number][] = [
    [10, 10],
    [40, 25],
];
export const STATUSES = ['Owned', 'In Pipeline', 'Whitespace', 'Competitor', 'Not Applicable'];

export interface BenchOrganisation {
    account: SampleAccount;
    seed: PreviewSeed;
}

/** A bench account with `count` stakeholders, from the sample dataset's own generator. */
export function benchOrganisation(count: number, index: number): BenchOrganisation {
    const account = generateAccount(
        { stakeholdersPerAccount: count, activitiesPerAccount: 0, now: BENCH_TODAY },
        100 + index,
        generateUsers(6),
    );
    const seed = seedFromPortfolio({
        seed: 0,
        now: BENCH_TODAY,
        users: [],
        products: [],
        accounts: [account],
    });
    return { account, seed };
}

/** One person as a peer org chart draws it: the facts Keystone's card shows, as text. */
export interface PeerPerson {
    id: string;
    parentId: string | null;
    name: string;
    title: string;
    role: string;
    sentiment: string;
    strength: string;
    lastContact: string;
    owner: string;
}

/** The bench organisation's people for a peer: one tree, as the sample's reporting lines make it. */
export function peerPeople(organisation: BenchOrganisation): PeerPerson[] {
    const users = new Map(generateUsers(6).map((user) => [user.id, user.name]));
    const stakeholders = organisation.seed.records.filter(
        (record) => record.apiName === 'Stakeholder__c',
    );
    const contacts = new Map(
        organisation.account.contacts.map((contact) => [contact.id, contact.title]),
    );
    return stakeholders.map(({ fields }) => ({
        id: String(fields.Id),
        parentId: typeof fields.ReportsTo__c === 'string' ? fields.ReportsTo__c : null,
        name: String(fields.Name ?? ''),
        title: contacts.get(String(fields.Contact__c)) ?? '',
        role: typeof fields.BuyingRole__c === 'string' ? fields.BuyingRole__c : 'No buying role',
        sentiment: typeof fields.Sentiment__c === 'string' ? fields.Sentiment__c : 'Unknown',
        strength:
            typeof fields.RelationshipStrength__c === 'string'
                ? fields.RelationshipStrength__c
                : 'Strength not set',
        lastContact: 'no contact logged',
        owner:
            typeof fields.InternalOwner__c === 'string'
                ? `Owner: ${users.get(fields.InternalOwner__c) ?? ''}`
                : 'No owner on our side',
    }));
}

export interface BenchCell {
    row: number;
    column: number;
    businessUnit: string;
    product: string;
    status: string;
    estimatedValue: number;
    probability: number | null;
    captured: boolean;
}

/** A rows × columns whitespace grid (seeded, so every run is the same). */
export function benchGridCells(rows: number, columns: number, index: number): BenchCell[] {
    const random = mulberry32(20261126 + index);
    const cells: BenchCell[] = [];
    for (let row = 0; row < rows; row++) {
        for (let column = 0; column < columns; column++) {
            const status = STATUSES[Math.floor(random() * STATUSES.length)] ?? 'Whitespace';
            const estimatedValue = Math.round(20 + random() * 380) * 1000;
            const probability =
                status === 'Owned' || status === 'Not Applicable'
                    ? null
                    : Math.round(5 + random() * 65);
            cells.push({
                row,
                column,
                businessUnit: `Business unit ${String(row + 1).padStart(2, '0')}`,
                product: `Bench product ${String(column + 1).padStart(2, '0')}`,
                status,
                estimatedValue,
                probability,
                captured: status === 'Owned' && random() < 0.35,
            });
        }
    }
    return cells;
}

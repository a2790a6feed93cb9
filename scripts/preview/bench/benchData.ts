// The data `npm run bench:ui` renders, in one place: uiBench.ts seeds it into the bench's local
// org (the bench accounts as a sample portfolio through org:seed's path, the grids' products and
// cells after it) for Keystone's components, and hands the same people and cells to the
// open-source peers it compares them with. Browser-safe (no Node APIs), deterministic.
import {
    generateAccount,
    generateProducts,
    generateUsers,
    mulberry32,
} from '../../data/sampleDataset.ts';
import type { SampleAccount, SamplePortfolio } from '../../data/sampleDataset.ts';

export const BENCH_TODAY = '2026-11-26';
export const MAP_SIZES = [50, 150, 300];
export const GRID_SIZES: [rows: number, columns: number][] = [
    [10, 10],
    [40, 25],
];
export const STATUSES = ['Owned', 'In Pipeline', 'Whitespace', 'Competitor', 'Not Applicable'];

export interface BenchOrganisation {
    account: SampleAccount;
}

/** The bench account's name: the bench page finds its accounts by it. */
export const organisationName = (count: number): string => `Bench: ${count} people`;
export const gridName = (rows: number, columns: number): string =>
    `Bench: ${rows}×${columns} whitespace`;

/** A bench account with `count` stakeholders, from the sample dataset's own generator. */
export function benchOrganisation(count: number, index: number): BenchOrganisation {
    const account = generateAccount(
        { stakeholdersPerAccount: count, activitiesPerAccount: 0, now: BENCH_TODAY },
        100 + index,
        generateUsers(6),
    );
    // People are what the map draws; the sample's signals are left out (the generator may
    // give one account two open signals of a kind, which Keystone's validation rule refuses).
    return {
        account: {
            ...account,
            name: organisationName(count),
            scoring: { ...account.scoring, signals: [] },
        },
    };
}

/** The bench organisations as one sample portfolio, for the seed. */
export function benchPortfolio(): SamplePortfolio {
    return {
        seed: 7_000,
        now: BENCH_TODAY,
        users: generateUsers(6),
        products: generateProducts(),
        accounts: MAP_SIZES.map((count, index) => benchOrganisation(count, index).account),
    };
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
    const { account } = organisation;
    const contacts = new Map(account.contacts.map((contact) => [contact.id, contact]));
    const stakeholders = account.scoring.stakeholders ?? [];
    // A person reports to the stakeholder of their contact's manager, as on the map.
    const stakeholderOfContact = new Map(
        stakeholders.map((stakeholder) => [stakeholder.contactId, stakeholder.id]),
    );
    return stakeholders.map((stakeholder) => {
        const contact = stakeholder.contactId ? contacts.get(stakeholder.contactId) : undefined;
        const managerContact = contact?.reportsToId ?? null;
        const owner = stakeholder.internalOwnerId;
        return {
            id: String(stakeholder.id),
            parentId: managerContact ? (stakeholderOfContact.get(managerContact) ?? null) : null,
            name: String(stakeholder.name ?? ''),
            title: contact?.title ?? '',
            role: stakeholder.buyingRole ?? 'No buying role',
            sentiment: stakeholder.sentiment ?? 'Unknown',
            strength: stakeholder.relationshipStrength ?? 'Strength not set',
            lastContact: 'no contact logged',
            owner: owner ? `Owner: ${users.get(owner) ?? ''}` : 'No owner on our side',
        };
    });
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

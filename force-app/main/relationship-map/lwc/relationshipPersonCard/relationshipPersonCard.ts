// One person on the relationship map, as a card readable at 100 %: name, title, buying role,
// sentiment (a coloured edge and the word), relationship strength, days since the last Task or
// Event, who owns the relationship on our side, and the "Left" and "Cold" markers. The map canvas
// places the card, gives it its accessible name (the same facts as one sentence) and handles
// focus, clicks and drags; the card only shows.
//
// Light DOM (scoped styles): a map shows dozens of cards, and a shadow root per card is most of
// what each one costs to create. Nothing on a card is private: the map already says all of it.
import { LightningElement, api } from 'lwc';
import {
    isCold,
    lastContactText,
    ownerText,
    sentimentClass,
    sentimentOf,
    strengthText,
} from 'c/relationshipMapModel';
import type { StakeholderView } from 'c/relationshipMapModel';

export default class RelationshipPersonCard extends LightningElement {
    static override renderMode = 'light' as const;

    @api person?: StakeholderView;
    /** The payload's today (the org's date), 'YYYY-MM-DD'. */
    @api today = '';
    /** Days without a Task or Event after which a person is cold. */
    @api windowDays = 90;

    get name(): string {
        return this.person?.name ?? '';
    }

    get titleText(): string {
        return this.person?.title || 'No title';
    }

    get sentiment(): string {
        return this.person ? sentimentOf(this.person) : 'Unknown';
    }

    get cardClass(): string {
        const left = this.person?.leftCompany === true ? ' ks-card_left' : '';
        return `ks-card ${sentimentClass(this.sentiment)}${left}`;
    }

    get roleLine(): string {
        return `${this.person?.buyingRole ?? 'No buying role'} · ${this.sentiment}`;
    }

    get engagementLine(): string {
        if (!this.person) return '';
        return `${strengthText(this.person)} · ${lastContactText(this.person, this.today)}`;
    }

    get ownerLine(): string {
        return this.person ? ownerText(this.person) : '';
    }

    get isLeft(): boolean {
        return this.person?.leftCompany === true;
    }

    get isCold(): boolean {
        return Boolean(
            this.person && this.today && isCold(this.person, this.today, this.windowDays),
        );
    }
}

// What the platform computes on standard objects when a record is saved (Object Reference for
// Salesforce and Lightning Platform, each object's field notes): compound names, Opportunity
// stage semantics, Task status, Event times, line-item prices, activity AccountId. Plus the
// insert defaults (picklist defaults, <defaultValue> formulas, owner, checkboxes).
import { D } from '../interpreter/decimal.ts';
import { DateValue, DatetimeValue, DecimalValue, IntegerValue } from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import { toFieldValue } from '../formula/evaluate.ts';
import type { FieldDescribe, ObjectDescribe } from '../schema/types.ts';
import { dateInZone } from './clock.ts';
import type { LocalDatabase } from './database.ts';
import type { DmlError } from './types.ts';
import { decimalOf, sameValue } from './values.ts';

type Values = Map<string, ApexValue>;

/**
 * Defaults at insert for fields the caller did not set (aer v1.2.21; Help: "Default Field
 * Values"): OwnerId, picklist defaults, <defaultValue> formulas, false for checkboxes.
 * An explicit null from the caller is kept.
 */
export function applyInsertDefaults(
    db: LocalDatabase,
    object: ObjectDescribe,
    values: Values,
    set: Set<string>,
    userId: string,
): void {
    for (const field of object.fields.values()) {
        const key = field.name.toLowerCase();
        if (set.has(key) || field.calculated || field.autoNumber || field.type === 'ID') continue;
        if (key === 'ownerid') {
            values.set(key, userId);
            continue;
        }
        if (field.defaultValueFormula !== undefined) {
            const formula = db.formulas.defaultFormula(object, field);
            const record = db.formulas.record(object, (f) => values.get(f) ?? null, null);
            values.set(
                key,
                toFieldValue(field, formula.evaluate(db.formulas.env(record, null, true, userId))),
            );
            continue;
        }
        const picklistDefault = field.picklistValues.find((v) => v.defaultValue && v.active);
        if (picklistDefault) {
            values.set(key, picklistDefault.value);
            continue;
        }
        if (field.type === 'BOOLEAN') values.set(key, false);
    }
    standardInsertDefaults(db, object, values, set);
}

function standardInsertDefaults(
    db: LocalDatabase,
    object: ObjectDescribe,
    values: Values,
    set: Set<string>,
): void {
    switch (object.name) {
        case 'User': {
            if (!set.has('communitynickname') || values.get('communitynickname') === null) {
                const username = values.get('username');
                if (typeof username === 'string')
                    values.set('communitynickname', username.split('@')[0] ?? username);
            }
            values.set('usertype', 'Standard');
            return;
        }
        case 'PermissionSetAssignment':
            values.set('isactive', true);
            return;
        case 'Event':
            if (!set.has('ischild')) values.set('ischild', false);
            values.set('isgroupevent', false);
            return;
        case 'Pricebook2':
            values.set('isstandard', false);
            return;
        default:
            void db;
    }
}

/**
 * Values the platform derives on every save, after before triggers. `old` is the stored
 * record for updates. Returns the errors the platform raises for these objects.
 */
export function applyDerivedFields(
    db: LocalDatabase,
    object: ObjectDescribe,
    values: Values,
    old: Values | null,
): DmlError[] {
    switch (object.name) {
        case 'Contact':
        case 'Lead':
        case 'User':
            values.set('name', compoundName(values));
            return [];
        case 'Opportunity':
            return opportunity(db, values, old);
        case 'Task':
            task(db, values, old);
            return [];
        case 'Event':
            return event(db, values);
        case 'OpportunityLineItem':
            return lineItem(db, values, old);
        case 'PricebookEntry':
            return pricebookEntry(db, values, old);
        default:
            return [];
    }
}

function text(values: Values, field: string): string | null {
    const v = values.get(field);
    return typeof v === 'string' ? v : null;
}

/** "First Middle Last Suffix" (Object Reference: Contact.Name — Salutation is not part of it). */
export function compoundName(values: Values): string | null {
    const parts = ['firstname', 'middlename', 'lastname', 'suffix']
        .map((f) => text(values, f))
        .filter((p): p is string => p !== null && p !== '');
    return parts.length > 0 ? parts.join(' ') : null;
}

function opportunity(db: LocalDatabase, values: Values, old: Values | null): DmlError[] {
    const stageName = text(values, 'stagename');
    const stageChanged = old === null || !sameValue(old.get('stagename') ?? null, stageName);
    const stage = stageName === null ? undefined : db.opportunityStage(stageName);
    if (stage) {
        values.set('isclosed', stage.isClosed);
        values.set('iswon', stage.isWon);
        values.set('forecastcategory', stage.forecastCategory);
        if (stageChanged) values.set('forecastcategoryname', stage.forecastCategoryName);
        // Probability follows the stage on insert (unless given) and when the stage changes,
        // unless the same save set it (Object Reference: Opportunity.Probability).
        const probability = values.get('probability') ?? null;
        const probabilitySet =
            old === null
                ? probability !== null
                : !sameValue(old.get('probability') ?? null, probability);
        if ((old === null && !probabilitySet) || (old !== null && stageChanged && !probabilitySet))
            values.set('probability', stage.defaultProbability);
    } else {
        values.set('isclosed', false);
        values.set('iswon', false);
    }
    const amount = decimalOf(values.get('amount') ?? null);
    const probability = decimalOf(values.get('probability') ?? null);
    values.set(
        'expectedrevenue',
        amount && probability
            ? new DecimalValue(
                  amount.v.mul(probability.v).div(100).toDecimalPlaces(2, D.ROUND_HALF_UP),
                  2,
              )
            : null,
    );
    const close = values.get('closedate');
    if (close instanceof DateValue) {
        // Fiscal year starting in January (the org default).
        const quarter = Math.ceil(close.month / 3);
        values.set('fiscalyear', new IntegerValue(close.year));
        values.set('fiscalquarter', new IntegerValue(quarter));
        values.set('fiscal', `${close.year} ${quarter}`);
    }
    if (!values.has('hasopportunitylineitem')) values.set('hasopportunitylineitem', false);
    return [];
}

function task(db: LocalDatabase, values: Values, old: Values | null): void {
    const status = text(values, 'status');
    const closed = status !== null && db.taskStatusClosed(status);
    const wasClosed = old !== null && old.get('isclosed') === true;
    values.set('isclosed', closed);
    // the save that closes a task stamps it; rows the bulk loader brings keep the completion
    // time they carry (a save never carries one: the field is read-only)
    const completed = values.get('completeddatetime');
    if (closed && !wasClosed && !(completed instanceof DatetimeValue))
        values.set('completeddatetime', new DatetimeValue(db.stamp()));
    if (!closed) values.set('completeddatetime', null);
    const priority = text(values, 'priority');
    values.set('ishighpriority', priority !== null && db.taskPriorityHigh(priority));
    values.set('accountid', activityAccount(db, values));
}

/**
 * Activity AccountId (Object Reference: Task.AccountId): the WhatId's account when the WhatId
 * is an Account or an object with an AccountId, else the WhoId contact's account.
 */
function activityAccount(db: LocalDatabase, values: Values): ApexValue {
    const whatId = text(values, 'whatid');
    if (whatId) {
        const what = db.row(whatId);
        if (what) {
            if (what.table.object.name === 'Account') return what.id;
            const accountId = what.get('accountid');
            if (typeof accountId === 'string') return accountId;
        }
    }
    const whoId = text(values, 'whoid');
    if (whoId) {
        const who = db.row(whoId);
        if (who && who.table.object.name === 'Contact') return who.get('accountid');
    }
    return null;
}

function event(db: LocalDatabase, values: Values): DmlError[] {
    const errors: DmlError[] = [];
    const allDay = values.get('isalldayevent') === true;
    let start = values.get('startdatetime') ?? null;
    const activity = values.get('activitydatetime') ?? null;
    if (start === null && activity !== null) start = activity;
    if (start instanceof DatetimeValue) {
        values.set('startdatetime', start);
        values.set('activitydatetime', start);
        const owner = text(values, 'ownerid') ?? db.currentUserId;
        if (!allDay) values.set('activitydate', dateInZone(start.ms, db.userTimeZone(owner)));
    } else if (!allDay || values.get('activitydate') === null) {
        errors.push({
            statusCode: 'REQUIRED_FIELD_MISSING',
            message: 'Required fields are missing: [ActivityDateTime]',
            fields: ['ActivityDateTime'],
        });
        return errors;
    }
    const duration = values.get('durationinminutes') ?? null;
    const end = values.get('enddatetime') ?? null;
    const startMs = start instanceof DatetimeValue ? start.ms : null;
    if (startMs !== null) {
        if (end instanceof DatetimeValue) {
            values.set(
                'durationinminutes',
                new IntegerValue(Math.round((end.ms - startMs) / 60000)),
            );
        } else if (duration instanceof IntegerValue) {
            values.set('enddatetime', new DatetimeValue(startMs + duration.v * 60000));
        } else {
            errors.push({
                statusCode: 'REQUIRED_FIELD_MISSING',
                message: 'Required fields are missing: [DurationInMinutes]',
                fields: ['DurationInMinutes'],
            });
        }
        const endValue = values.get('enddatetime');
        if (endValue instanceof DatetimeValue) {
            const owner = text(values, 'ownerid') ?? db.currentUserId;
            values.set('enddate', dateInZone(endValue.ms, db.userTimeZone(owner)));
        }
    }
    values.set('accountid', activityAccount(db, values));
    return errors;
}

function integrity(field: string, reason: string): DmlError {
    return {
        statusCode: 'FIELD_INTEGRITY_EXCEPTION',
        message: `field integrity exception: ${field} (${reason})`,
        fields: [field],
    };
}

function lineItem(db: LocalDatabase, values: Values, old: Values | null): DmlError[] {
    const entryId = text(values, 'pricebookentryid');
    if (!entryId)
        return [
            {
                statusCode: 'REQUIRED_FIELD_MISSING',
                message: 'Required fields are missing: [PricebookEntryId]',
                fields: ['PricebookEntryId'],
            },
        ];
    const entry = db.row(entryId);
    if (!entry) return [];
    if (old === null) {
        if (entry.get('isactive') !== true)
            return [integrity('PricebookEntryId', 'pricebook entry is inactive')];
        const opportunity = db.row(text(values, 'opportunityid') ?? '');
        const opportunityBook = opportunity?.get('pricebook2id') ?? null;
        if (opportunityBook !== null && opportunityBook !== entry.get('pricebook2id'))
            return [
                integrity(
                    'PricebookEntryId',
                    'pricebook entry is in a different pricebook than the one assigned to the opportunity',
                ),
            ];
        const unit = values.get('unitprice') ?? null;
        const total = values.get('totalprice') ?? null;
        if (unit !== null && total !== null)
            return [integrity('TotalPrice', 'total price and unit price cannot both be specified')];
    }
    values.set('product2id', entry.get('product2id'));
    values.set('listprice', entry.get('unitprice'));
    values.set('productcode', entry.get('productcode'));
    const product = db.row(text(values, 'product2id') ?? '');
    const opportunity = db.row(text(values, 'opportunityid') ?? '');
    const names = [opportunity?.get('name'), product?.get('name')].filter(
        (n): n is string => typeof n === 'string',
    );
    values.set('name', names.join(' '));
    const quantity = decimalOf(values.get('quantity') ?? null);
    let unit = decimalOf(values.get('unitprice') ?? null);
    const total = decimalOf(values.get('totalprice') ?? null);
    const totalChanged =
        old !== null && !sameValue(old.get('totalprice') ?? null, values.get('totalprice') ?? null);
    const unitChanged =
        old !== null && !sameValue(old.get('unitprice') ?? null, values.get('unitprice') ?? null);
    if (quantity === null) return [];
    if (total !== null && (old === null ? unit === null : totalChanged && !unitChanged)) {
        // TotalPrice given: the sales price is derived from it (Object Reference: OpportunityLineItem.TotalPrice).
        unit = quantity.v.isZero()
            ? new DecimalValue(new D(0), 2)
            : new DecimalValue(total.v.div(quantity.v).toDecimalPlaces(2, D.ROUND_HALF_UP), 2);
        values.set('unitprice', unit);
        values.set('totalprice', new DecimalValue(total.v.toDecimalPlaces(2, D.ROUND_HALF_UP), 2));
        return [];
    }
    if (unit === null) {
        unit = decimalOf(entry.get('unitprice'));
        values.set('unitprice', unit);
    }
    if (unit !== null)
        values.set(
            'totalprice',
            new DecimalValue(quantity.v.mul(unit.v).toDecimalPlaces(2, D.ROUND_HALF_UP), 2),
        );
    return [];
}

function pricebookEntry(db: LocalDatabase, values: Values, old: Values | null): DmlError[] {
    const product = db.row(text(values, 'product2id') ?? '');
    values.set('name', product?.get('name') ?? null);
    values.set('productcode', product?.get('productcode') ?? null);
    if (old !== null) return [];
    const bookId = text(values, 'pricebook2id');
    if (bookId === null || bookId === db.seed.standardPricebookId || !product) return [];
    // A custom price book entry needs an active standard price first (Help: "Price Books").
    const standard = (
        db.store.table(db.schema.require('PricebookEntry')).lookup('product2id', product.id) ?? []
    ).find((row) => !row.deleted && row.get('pricebook2id') === db.seed.standardPricebookId);
    if (!standard)
        return [
            {
                statusCode: 'STANDARD_PRICE_NOT_DEFINED',
                message: 'No standard price defined for this product',
                fields: [],
            },
        ];
    if (values.get('usestandardprice') === true) values.set('unitprice', standard.get('unitprice'));
    return [];
}

/** Whether a field is one these rules derive (so the caller's payload does not set it). */
export function isDerived(field: FieldDescribe): boolean {
    return field.calculated;
}

// Standard fields of the standard objects the preview holds (the project's objects/ folder only
// describes the custom fields we add). Custom fields come from the metadata at build time.

export const STANDARD_FIELDS: Record<string, readonly string[]> = {
    Account: [
        'Name',
        'Type',
        'Industry',
        'AnnualRevenue',
        'NumberOfEmployees',
        'ParentId',
        'BillingCity',
        'BillingCountry',
        'Website',
        'Phone',
        'Description',
        'Rating',
    ],
    Contact: [
        'FirstName',
        'LastName',
        'Title',
        'Department',
        'Email',
        'Phone',
        'AccountId',
        'ReportsToId',
    ],
    Opportunity: [
        'AccountId',
        'Amount',
        'CloseDate',
        'StageName',
        'Probability',
        'IsClosed',
        'IsWon',
        'Type',
        'ForecastCategoryName',
    ],
    Task: ['Subject', 'ActivityDate', 'WhoId', 'WhatId', 'AccountId', 'Status', 'TaskSubtype'],
    Event: [
        'Subject',
        'ActivityDate',
        'StartDateTime',
        'EndDateTime',
        'WhoId',
        'WhatId',
        'AccountId',
    ],
    User: ['FirstName', 'LastName', 'Email', 'Title', 'IsActive', 'ManagerId'],
    Product2: ['Family', 'ProductCode', 'IsActive'],
    OpportunityLineItem: ['OpportunityId', 'Product2Id', 'Quantity', 'UnitPrice', 'TotalPrice'],
};

/** Standard fields merged with the custom fields the metadata declares, per object. */
export function mergeObjectFields(
    customFields: Record<string, readonly string[]>,
): Record<string, readonly string[]> {
    const merged: Record<string, readonly string[]> = { ...STANDARD_FIELDS };
    for (const [objectApiName, fields] of Object.entries(customFields)) {
        merged[objectApiName] = [...(merged[objectApiName] ?? []), ...fields];
    }
    return merged;
}

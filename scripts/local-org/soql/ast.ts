// A SOQL query as the executor sees it, built once from apex-parser's tree.
import type { Decimal } from 'decimal.js';
import type { DateValue, DatetimeValue } from '../interpreter/values.ts';

export type AggregateFn = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX';
export type DateFn =
    | 'CALENDAR_MONTH'
    | 'CALENDAR_QUARTER'
    | 'CALENDAR_YEAR'
    | 'DAY_IN_MONTH'
    | 'DAY_IN_WEEK'
    | 'DAY_IN_YEAR'
    | 'DAY_ONLY'
    | 'FISCAL_MONTH'
    | 'FISCAL_QUARTER'
    | 'FISCAL_YEAR'
    | 'HOUR_IN_DAY'
    | 'WEEK_IN_MONTH'
    | 'WEEK_IN_YEAR';

/** A field path as written: ['Account', 'Owner', 'Name']. */
export type Path = string[];

/** A value expression that can be selected, grouped, ordered or filtered on. */
export type Term =
    | { kind: 'field'; path: Path }
    | { kind: 'aggregate'; fn: AggregateFn; path: Path | null } // COUNT() has no path
    | { kind: 'date'; fn: DateFn; path: Path; convertTimezone: boolean }
    | { kind: 'toLabel'; path: Path };

export type SelectItem =
    | { kind: 'term'; term: Term; alias: string | null }
    | { kind: 'subquery'; query: SoqlQuery }
    | { kind: 'countAll' };

export type Literal =
    | { kind: 'null' }
    | { kind: 'boolean'; value: boolean }
    | { kind: 'number'; value: Decimal; text: string }
    | { kind: 'string'; value: string }
    | { kind: 'date'; value: DateValue }
    | { kind: 'datetime'; value: DatetimeValue }
    | { kind: 'dateLiteral'; name: string; n: number | null };

export type ValueNode =
    | Literal
    | { kind: 'list'; items: Literal[] }
    | { kind: 'bind'; text: string; context: unknown }
    | { kind: 'subquery'; query: SoqlQuery };

export type Operator =
    '=' | '!=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN' | 'NOT IN' | 'INCLUDES' | 'EXCLUDES';

export type Condition =
    | { kind: 'and'; items: Condition[] }
    | { kind: 'or'; items: Condition[] }
    | { kind: 'not'; item: Condition }
    | { kind: 'compare'; term: Term; op: Operator; value: ValueNode };

export interface OrderItem {
    term: Term;
    descending: boolean;
    nullsLast: boolean;
}

export interface SoqlQuery {
    /** The text of the query, for messages. */
    text: string;
    select: SelectItem[];
    from: string;
    where: Condition | null;
    withMode: 'USER_MODE' | 'SYSTEM_MODE' | 'SECURITY_ENFORCED' | null;
    groupBy: Term[] | null;
    having: Condition | null;
    orderBy: OrderItem[];
    limit: ValueNode | null;
    offset: ValueNode | null;
    forUpdate: boolean;
    allRows: boolean;
}

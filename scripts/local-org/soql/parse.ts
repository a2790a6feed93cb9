// From apex-parser's query tree (inline SOQL) or query text (dynamic SOQL, parsed with the
// grammar's `query` rule) to the SoqlQuery the executor runs. Parsed once per tree or text.
// Clauses outside the emulated subset (TYPEOF, FORMAT, convertCurrency, USING SCOPE, WITH DATA
// CATEGORY, GROUP BY ROLLUP/CUBE, FORMULA(), FIELDS(), DISTANCE …) fail loudly.
import { ApexErrorListener, ApexParserFactory } from '@apexdevtools/apex-parser';
import type {
    ConditionalExpressionContext,
    FieldExpressionContext,
    FieldNameContext,
    LogicalExpressionContext,
    QueryContext,
    SoqlFunctionContext,
    SubQueryContext,
    ValueContext,
    WhereConditionalExpressionContext,
    WhereLogicalExpressionContext,
    ApexParserRuleContext as ParserRuleContext,
} from '@apexdevtools/apex-parser';
import { D } from '../interpreter/decimal.ts';
import { UnsupportedError } from '../interpreter/errors.ts';
import { systemException } from '../interpreter/exceptions.ts';
import { DateValue, DatetimeValue } from '../interpreter/values.ts';
import type {
    AggregateFn,
    Condition,
    DateFn,
    Literal,
    Operator,
    OrderItem,
    Path,
    SelectItem,
    SoqlQuery,
    Term,
    ValueNode,
} from './ast.ts';

const PARSED = new WeakMap<object, SoqlQuery>();
const PARSED_TEXT = new Map<string, SoqlQuery>();
const TEXT_CACHE_SIZE = 500;

function fence(what: string, query: string): UnsupportedError {
    return new UnsupportedError(`${what} in SOQL [${query}]`, undefined);
}

/** Source text of a parse-tree node, with its original spacing. */
function sourceText(ctx: ParserRuleContext): string {
    const start = ctx.start;
    const stop = ctx.stop;
    const input = start?.getInputStream?.();
    if (input && start && stop && stop.stop >= start.start)
        return input.getText(start.start, stop.stop);
    return ctx.getText();
}

/** An inline query (the tree of `[SELECT …]`), parsed once. */
export function queryFromTree(tree: QueryContext): SoqlQuery {
    let query = PARSED.get(tree);
    if (!query) {
        query = new QueryBuilder(sourceText(tree as unknown as ParserRuleContext)).query(tree);
        PARSED.set(tree, query);
    }
    return query;
}

/** A dynamic query string (Database.query), parsed with the grammar's query rule. */
export function queryFromText(text: string): SoqlQuery {
    const cached = PARSED_TEXT.get(text);
    if (cached) return cached;
    const errors: string[] = [];
    const listener = new (class extends ApexErrorListener {
        apexSyntaxError(_line: number, column: number, message: string): void {
            errors.push(`${message} at column ${column + 1}`);
        }
    })();
    const { parser } = ApexParserFactory.createLexerAndParser(
        escapeLikeWildcards(text.trim()),
        listener,
    );
    const tree = parser.query();
    const next = parser.getCurrentToken();
    if (errors.length > 0 || next.type !== -1) {
        throw systemException(
            'QueryException',
            `unexpected token: ${errors[0] ?? `'${next.text}'`}`,
        );
    }
    const query = new QueryBuilder(text.trim()).query(tree);
    if (PARSED_TEXT.size >= TEXT_CACHE_SIZE) PARSED_TEXT.clear();
    PARSED_TEXT.set(text, query);
    return query;
}

const AGGREGATES: AggregateFn[] = ['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX'];
const DATE_FUNCTIONS: DateFn[] = [
    'CALENDAR_MONTH',
    'CALENDAR_QUARTER',
    'CALENDAR_YEAR',
    'DAY_IN_MONTH',
    'DAY_IN_WEEK',
    'DAY_IN_YEAR',
    'DAY_ONLY',
    'FISCAL_MONTH',
    'FISCAL_QUARTER',
    'FISCAL_YEAR',
    'HOUR_IN_DAY',
    'WEEK_IN_MONTH',
    'WEEK_IN_YEAR',
];

/**
 * SOQL text allows `\%` and `\_` in string literals (escaped LIKE wildcards); the Apex lexer
 * does not, so dynamic SOQL carries them as private-use characters through the lexer.
 */
const ESCAPED_PERCENT = '\uE000';
const ESCAPED_UNDERSCORE = '\uE001';

function escapeLikeWildcards(text: string): string {
    return text.replace(/'(?:[^'\\]|\\.)*'/g, (literal) =>
        literal.replace(/\\(\\|%|_)/g, (m, c: string) =>
            c === '%' ? '\\uE000' : c === '_' ? '\\uE001' : m,
        ),
    );
}

/** Unescapes a SOQL string literal ('…'); `\%` and `\_` stay escaped for LIKE. */
function unquote(token: string): string {
    const body = token.slice(1, -1);
    const text = body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, c: string) => {
        if (c.length === 5) return String.fromCharCode(parseInt(c.slice(1), 16));
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case '%':
            case '_':
                return `\\${c}`;
            default:
                return c;
        }
    });
    return text.replaceAll(ESCAPED_PERCENT, '\\%').replaceAll(ESCAPED_UNDERSCORE, '\\_');
}

class QueryBuilder {
    constructor(private readonly text: string) {}

    query(tree: QueryContext | SubQueryContext): SoqlQuery {
        const q = tree as QueryContext;
        const from = tree.fromNameList();
        if (from.fieldName_list().length !== 1)
            throw fence('more than one object in FROM', this.text);
        const alias = from.soqlId_list()[0]?.getText();
        if (alias !== undefined) {
            // A clause keyword read as an alias means the clause is incomplete.
            if (/^(where|order|group|limit|offset|with|for|all|having|using)$/i.test(alias))
                throw systemException('QueryException', `unexpected token: '${alias}'`);
            throw fence('an alias in FROM', this.text);
        }
        if (q.usingScope?.()) throw fence('USING SCOPE', this.text);
        if (tree.updateList?.()) throw fence('UPDATE TRACKING / VIEWSTAT', this.text);
        const selectItems = q.selectList
            ? q.selectList().selectEntry_list()
            : (tree as SubQueryContext).subFieldList().subFieldEntry_list();
        const select: SelectItem[] = selectItems.map((entry) => this.selectItem(entry));
        const forClauses = tree.forClauses();
        const forWords = forClauses ? forClauses.getText().toUpperCase() : '';
        if (forWords.includes('VIEW') || forWords.includes('REFERENCE'))
            throw fence('FOR VIEW / FOR REFERENCE', this.text);
        const withClause = q.withClause?.();
        let withMode: SoqlQuery['withMode'] = null;
        if (withClause) {
            if (withClause.USER_MODE()) withMode = 'USER_MODE';
            else if (withClause.SYSTEM_MODE()) withMode = 'SYSTEM_MODE';
            else if (withClause.SECURITY_ENFORCED()) withMode = 'SECURITY_ENFORCED';
            else throw fence(`WITH ${withClause.getText().slice(4)}`, this.text);
        }
        const groupBy = q.groupByClause?.();
        let groupTerms: Term[] | null = null;
        let having: Condition | null = null;
        if (groupBy) {
            if (groupBy.ROLLUP() || groupBy.CUBE())
                throw fence('GROUP BY ROLLUP / CUBE', this.text);
            groupTerms = groupBy
                .fieldGroupByList()
                .fieldGroupBy_list()
                .map((g) => {
                    const fn = g.soqlFunction();
                    return fn
                        ? this.functionTerm(fn)
                        : { kind: 'field', path: this.path(g.fieldName()) };
                });
            const havingTree = groupBy.logicalExpression();
            if (havingTree) having = this.logical(havingTree);
        }
        const whereClause = tree.whereClause();
        let where: Condition | null = null;
        if (whereClause) {
            const w = whereClause as unknown as {
                whereLogicalExpression?: () => WhereLogicalExpressionContext;
                logicalExpression?: () => LogicalExpressionContext;
            };
            where = w.whereLogicalExpression
                ? this.whereLogical(w.whereLogicalExpression())
                : this.logical((w.logicalExpression as () => LogicalExpressionContext)());
        }
        const order = tree.orderByClause();
        const orderBy: OrderItem[] = order
            ? order
                  .fieldOrderList()
                  .fieldOrder_list()
                  .map((o) => {
                      const fn = o.soqlFunction();
                      const term: Term = fn
                          ? this.functionTerm(fn)
                          : { kind: 'field', path: this.path(o.fieldName()) };
                      const descending = o.DESC() !== null;
                      const nullsLast = o.NULLS() ? o.LAST() !== null : descending;
                      return { term, descending, nullsLast };
                  })
            : [];
        const limit = tree.limitClause();
        const offset = q.offsetClause?.();
        return {
            text: this.text,
            select,
            from: from.fieldName(0).getText(),
            where,
            withMode,
            groupBy: groupTerms,
            having,
            orderBy,
            limit: limit ? this.limitValue(limit.IntegerLiteral(), limit.boundExpression()) : null,
            offset: offset
                ? this.limitValue(offset.IntegerLiteral(), offset.boundExpression())
                : null,
            forUpdate: forWords.includes('UPDATE'),
            allRows: q.allRowsClause ? q.allRowsClause() !== null : false,
        };
    }

    private limitValue(
        literal: { getText(): string } | null,
        bound: { expression(): ParserRuleContext } | null,
    ): ValueNode {
        if (literal)
            return { kind: 'number', value: new D(literal.getText()), text: literal.getText() };
        const expression = (bound as { expression(): ParserRuleContext }).expression();
        return { kind: 'bind', text: sourceText(expression), context: expression };
    }

    private path(ctx: FieldNameContext): Path {
        return ctx.soqlId_list().map((id) => id.getText());
    }

    private selectItem(entry: {
        fieldName(): FieldNameContext | null;
        soqlId(): { getText(): string } | null;
        soqlFunction(): SoqlFunctionContext | null;
        subQuery(): SubQueryContext | null;
        typeOf(): unknown;
    }): SelectItem {
        if (entry.typeOf()) throw fence('TYPEOF', this.text);
        const sub = entry.subQuery();
        if (sub) return { kind: 'subquery', query: this.query(sub) };
        const alias = entry.soqlId()?.getText() ?? null;
        const fn = entry.soqlFunction();
        if (fn) {
            if (fn.COUNT() && !fn.fieldName()) return { kind: 'countAll' };
            return { kind: 'term', term: this.functionTerm(fn), alias };
        }
        return {
            kind: 'term',
            term: { kind: 'field', path: this.path(entry.fieldName() as FieldNameContext) },
            alias,
        };
    }

    private functionTerm(fn: SoqlFunctionContext): Term {
        const name = (fn.getChild(0) as { getText(): string }).getText().toUpperCase();
        if ((AGGREGATES as string[]).includes(name)) {
            const field = fn.fieldName();
            return {
                kind: 'aggregate',
                fn: name as AggregateFn,
                path: field ? this.path(field) : null,
            };
        }
        if ((DATE_FUNCTIONS as string[]).includes(name)) {
            const dateField = fn.dateFieldName();
            const convert = dateField.CONVERT_TIMEZONE() !== null;
            return {
                kind: 'date',
                fn: name as DateFn,
                path: this.path(dateField.fieldName()),
                convertTimezone: convert,
            };
        }
        if (name === 'TOLABEL') return { kind: 'toLabel', path: this.path(fn.fieldName()) };
        throw fence(`the function ${name}()`, this.text);
    }

    // ---- WHERE (5.x grammar: whereLogicalExpression) ----

    private whereLogical(ctx: WhereLogicalExpressionContext): Condition {
        const items = ctx.whereConditionalExpression_list().map((c) => this.whereConditional(c));
        if (ctx.NOT()) return { kind: 'not', item: items[0] as Condition };
        if (items.length === 1) return items[0] as Condition;
        return { kind: ctx.SOQLOR_list().length > 0 ? 'or' : 'and', items };
    }

    private whereConditional(ctx: WhereConditionalExpressionContext): Condition {
        const nested = ctx.whereLogicalExpression();
        if (nested) return this.whereLogical(nested);
        const field = ctx.whereFieldExpression();
        if (field.FORMULA()) throw fence('FORMULA()', this.text);
        return this.fieldExpression(field.fieldExpression());
    }

    // ---- HAVING and WITH (logicalExpression) ----

    private logical(ctx: LogicalExpressionContext): Condition {
        const items = ctx.conditionalExpression_list().map((c) => this.conditional(c));
        if (ctx.NOT()) return { kind: 'not', item: items[0] as Condition };
        if (items.length === 1) return items[0] as Condition;
        return { kind: ctx.SOQLOR_list().length > 0 ? 'or' : 'and', items };
    }

    private conditional(ctx: ConditionalExpressionContext): Condition {
        const nested = ctx.logicalExpression();
        if (nested) return this.logical(nested);
        return this.fieldExpression(ctx.fieldExpression());
    }

    private fieldExpression(ctx: FieldExpressionContext): Condition {
        const fn = ctx.soqlFunction();
        const term: Term = fn
            ? this.functionTerm(fn)
            : { kind: 'field', path: this.path(ctx.fieldName()) };
        const op = this.operator(ctx.comparisonOperator().getText());
        return { kind: 'compare', term, op, value: this.value(ctx.value()) };
    }

    private operator(text: string): Operator {
        const upper = text.toUpperCase();
        switch (upper) {
            case '=':
            case '<':
            case '>':
            case '<=':
            case '>=':
            case 'LIKE':
            case 'IN':
            case 'INCLUDES':
            case 'EXCLUDES':
                return upper;
            case '!=':
            case '<>':
                return '!=';
            case 'NOTIN':
                return 'NOT IN';
            default:
                throw fence(`the operator ${text}`, this.text);
        }
    }

    private value(ctx: ValueContext): ValueNode {
        const sub = ctx.subQuery();
        if (sub) return { kind: 'subquery', query: this.query(sub) };
        const list = ctx.valueList();
        if (list) return { kind: 'list', items: list.value_list().map((v) => this.literal(v)) };
        const bound = ctx.boundExpression();
        if (bound) {
            const expression = bound.expression();
            return { kind: 'bind', text: sourceText(expression), context: expression };
        }
        return this.literal(ctx);
    }

    private literal(ctx: ValueContext): Literal {
        if (ctx.NULL()) return { kind: 'null' };
        const bool = ctx.BooleanLiteral();
        if (bool) return { kind: 'boolean', value: bool.getText().toLowerCase() === 'true' };
        const number = ctx.signedNumber();
        if (number) {
            const text = number.getText().replace(/[dD]$/, '');
            return { kind: 'number', value: new D(text), text };
        }
        const str = ctx.StringLiteral() ?? ctx.MultilineStringLiteral();
        if (str) {
            const value = unquote(str.getText());
            // aer v1.2.0: the platform refuses string literals of 4,000 characters or more.
            if (value.length >= 4000)
                throw systemException(
                    'QueryException',
                    'String literal too long: a SOQL string literal must be shorter than 4000 characters',
                );
            return { kind: 'string', value };
        }
        const date = ctx.DateLiteral();
        if (date) {
            const [y, m, d] = date.getText().split('-').map(Number) as [number, number, number];
            return { kind: 'date', value: new DateValue(y, m, d) };
        }
        const datetime = ctx.DateTimeLiteral();
        if (datetime) {
            const ms = Date.parse(datetime.getText().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
            if (Number.isNaN(ms))
                throw systemException(
                    'QueryException',
                    `invalid date/time literal: ${datetime.getText()}`,
                );
            return { kind: 'datetime', value: new DatetimeValue(ms) };
        }
        const formula = ctx.dateFormula();
        if (formula) {
            const name = (formula.getChild(0) as { getText(): string }).getText().toUpperCase();
            const n = formula.signedInteger();
            return { kind: 'dateLiteral', name, n: n ? Number(n.getText()) : null };
        }
        if (ctx.TimeLiteral()) throw fence('a time literal', this.text);
        if (ctx.IntegralCurrencyLiteral()) throw fence('a currency literal', this.text);
        throw fence(`the value ${ctx.getText()}`, this.text);
    }
}

// Memoised child accessors of the apex-parser tree. The evaluator walks the parse tree
// directly, and every accessor the generated contexts offer (`e.expression(0)`,
// `s.parExpression()`, `call.expressionList()` …) scans the node's children on each call:
// profiled, that scan was the largest single cost of running the Apex test suite. A parse
// tree never changes once built, so each answer is kept on the node the first time.
import { ExpressionContext } from '@apexdevtools/apex-parser';

const CACHE = Symbol('apexTreeAccessors');

interface Accessors {
    getTypedRuleContext(type: unknown, i: number): unknown;
    getTypedRuleContexts(type: unknown): unknown[];
    getToken(type: number, i: number): unknown;
    getTokens(type: number): unknown[];
}

interface NodeCache {
    one: Map<unknown, unknown[]>;
    all: Map<unknown, unknown[]>;
    token: Map<number, unknown[]>;
    tokens: Map<number, unknown[]>;
}

type Cached = Accessors & { [CACHE]?: NodeCache };

function prototypeDefining(start: object, name: string): Accessors {
    for (let p: object | null = start; p; p = Object.getPrototypeOf(p) as object | null) {
        if (Object.prototype.hasOwnProperty.call(p, name)) return p as Accessors;
    }
    throw new Error(`apex-parser contexts have no ${name}`);
}

function cacheOf(node: Cached): NodeCache {
    let cache = node[CACHE];
    if (!cache) {
        cache = { one: new Map(), all: new Map(), token: new Map(), tokens: new Map() };
        node[CACHE] = cache;
    }
    return cache;
}

let installed = false;

/**
 * Installs the memoised accessors once per process. Safe because nothing reads a node
 * through them before the parser finished it (the grammar's predicates only test precedence).
 */
export function installTreeAccessorCache(): void {
    if (installed) return;
    installed = true;
    const rules = prototypeDefining(ExpressionContext.prototype, 'getTypedRuleContext');
    const typed = rules.getTypedRuleContext;
    const typedAll = rules.getTypedRuleContexts;
    const token = rules.getToken;
    const tokens = rules.getTokens;
    rules.getTypedRuleContext = function (this: Cached, type: unknown, i: number) {
        const { one } = cacheOf(this);
        let byIndex = one.get(type);
        if (!byIndex) {
            byIndex = [];
            one.set(type, byIndex);
        }
        let v = byIndex[i];
        if (v === undefined) {
            v = typed.call(this, type, i) ?? null;
            byIndex[i] = v;
        }
        return v;
    };
    rules.getTypedRuleContexts = function (this: Cached, type: unknown) {
        const { all } = cacheOf(this);
        let list = all.get(type);
        if (!list) {
            list = typedAll.call(this, type);
            all.set(type, list);
        }
        return list;
    };
    rules.getToken = function (this: Cached, type: number, i: number) {
        const cache = cacheOf(this).token;
        let byIndex = cache.get(type);
        if (!byIndex) {
            byIndex = [];
            cache.set(type, byIndex);
        }
        let v = byIndex[i];
        if (v === undefined) {
            v = token.call(this, type, i) ?? null;
            byIndex[i] = v;
        }
        return v;
    };
    rules.getTokens = function (this: Cached, type: number) {
        const cache = cacheOf(this).tokens;
        let list = cache.get(type);
        if (!list) {
            list = tokens.call(this, type);
            cache.set(type, list);
        }
        return list;
    };
}

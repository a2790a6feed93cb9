// The evaluator: statements, expressions, method calls, objects and exceptions.
// It walks the ANTLR parse tree directly (each class file is parsed once at load).
// Platform APIs (SOQL, DML, runAs, Database.*, Schema.* …) are not known here: they come
// from a PlatformHost and a NativeRegistry that the local org's runtime provides. Without
// them those constructs fail loudly at the fence.
import {
    ArrayExpressionContext,
    Arth1ExpressionContext,
    Arth2ExpressionContext,
    AssignExpressionContext,
    BitAndExpressionContext,
    BitExpressionContext,
    BitNotExpressionContext,
    BitOrExpressionContext,
    BlockContext,
    BreakStatementContext,
    CastExpressionContext,
    CmpExpressionContext,
    CoalExpressionContext,
    CondExpressionContext,
    ContinueStatementContext,
    DeleteStatementContext,
    DoWhileStatementContext,
    DotExpressionContext,
    EqualityExpressionContext,
    ExpressionStatementContext,
    ForStatementContext,
    IdPrimaryContext,
    IfStatementContext,
    InsertStatementContext,
    InstanceOfExpressionContext,
    LiteralPrimaryContext,
    LocalVariableDeclarationStatementContext,
    LogAndExpressionContext,
    LogOrExpressionContext,
    MergeStatementContext,
    MethodCallExpressionContext,
    MethodDeclarationContext,
    NegExpressionContext,
    NewExpressionContext,
    PostOpExpressionContext,
    PreOpExpressionContext,
    PrimaryExpressionContext,
    ReturnStatementContext,
    RunAsStatementContext,
    SoqlPrimaryContext,
    SoslPrimaryContext,
    SubExpressionContext,
    SuperPrimaryContext,
    SwitchStatementContext,
    ThisPrimaryContext,
    ThrowStatementContext,
    TryStatementContext,
    TypeRefPrimaryContext,
    UndeleteStatementContext,
    UpdateStatementContext,
    UpsertStatementContext,
    WhileStatementContext,
} from '@apexdevtools/apex-parser';
import type {
    AccessLevelContext,
    ApexParserRuleContext,
    CreatorContext,
    ExpressionContext,
    ExpressionListContext,
    LiteralContext,
    LocalVariableDeclarationContext,
    QueryContext,
    StatementContext,
    TypeRefContext,
    WhenLiteralContext,
} from '@apexdevtools/apex-parser';
import { ApexInternalError, ApexLoadError, currentLocation, unsupported } from './errors.ts';
import type { SourceLocation } from './errors.ts';
import {
    ApexThrown,
    EXCEPTION_CLASS,
    findBuiltinExceptionClass,
    isSubclassOf,
    newException,
    npe,
    stackSource,
    systemException,
} from './exceptions.ts';
import { ClassInfo, fenceOf, locationOf } from './classes.ts';
import type { FieldDecl, InitBlock, MethodDecl } from './classes.ts';
import { ROUNDING_MODE_TYPE_KEY, callBuiltinStatic, callPrimitiveMethod } from './builtins.ts';
import { ROUNDING_MODE_NAMES } from './decimal.ts';
import { addDays, compareDates } from './dates.ts';
import { coercePrimitive, invalidConversion, isPrimitiveTypeKey, isValidId } from './coerce.ts';
import {
    callListMethod,
    callMapMethod,
    callSetMethod,
    listGet,
    listSet,
    mapPut,
    newList,
    newSet,
} from './collections.ts';
import { valuesEqual } from './equality.ts';
import { installTreeAccessorCache } from './treeCache.ts';
import { NativeRegistry, canonicalTypeKey } from './natives.ts';
import type { NativeClass } from './natives.ts';
import { arith, compareNumbers, negate, numKind, parseNumberLiteral } from './numbers.ts';
import type { ArithOp } from './numbers.ts';
import { hasMember, readField, typeSchemaOf, writeField } from './sobjects.ts';
import type { SObjectSchema, SObjectTypeSchema } from './sobjects.ts';
import { callStringMethod, concatString, javaCompare, objectStrings } from './text.ts';
import {
    DateValue,
    DatetimeValue,
    EnumValue,
    InstanceValue,
    IntegerValue,
    ListValue,
    MapValue,
    NativeValue,
    OBJECT_TYPE,
    SObjectValue,
    SetValue,
    isNumeric,
    typeRef,
} from './values.ts';
import type { ApexValue, ClassRef, StackLine, TypeRef } from './values.ts';

const NORMAL = 0;
const BREAK = 1;
const CONTINUE = 2;
const RETURN = 3;
type Completion = typeof NORMAL | typeof BREAK | typeof CONTINUE | typeof RETURN;

const MAX_STACK_DEPTH = 1000;

/** Names of built-in classes with static members (lower case, without "System."). */
const BUILTIN_CLASSES = new Set([
    'math',
    'string',
    'integer',
    'long',
    'decimal',
    'double',
    'boolean',
    'date',
    'datetime',
    'system',
    'assert',
    'roundingmode',
]);

/** Platform interfaces a user class may implement without the runtime (List.sort calls compareTo). */
const CORE_PLATFORM_INTERFACES = new Set(['comparable']);

export type DmlOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete' | 'merge';

export interface DmlStatement {
    operation: DmlOperation;
    value: ApexValue;
    /** `insert as user …` / `as system`; null when the statement names no access level. */
    access: 'user' | 'system' | null;
    /** upsert: the external Id field named after the records. */
    externalIdField: string | null;
    /** merge: the record(s) merged into the master. */
    mergeDuplicates: ApexValue;
}

/** What the evaluator needs from the platform (the local org's runtime implements it). */
export interface PlatformHost {
    /** An inline `[SELECT …]`: a typed List, an Integer (COUNT()) or List<AggregateResult>. */
    soql(query: QueryContext, evalBind: (e: ExpressionContext) => ApexValue): ApexValue;
    dml(statement: DmlStatement): void;
    /** Runs `body` as the given user (System.runAs). */
    runAs(user: ApexValue, body: () => void): void;
    /** `Account.SObjectType`, `Account.Name` (field token) … */
    sobjectTypeMember(type: SObjectTypeSchema, name: string): ApexValue | undefined;
    /** `Setting__mdt.getInstance('Default')`, custom settings … */
    sobjectTypeStatic(
        type: SObjectTypeSchema,
        method: string,
        args: ApexValue[],
    ): ApexValue | undefined;
    /** SObject methods the evaluator does not implement itself (getSObjectType, addError …). */
    sobjectMethod(record: SObjectValue, method: string, args: ApexValue[]): ApexValue | undefined;
    /** Id methods (`id.getSObjectType()`); Ids are Strings at run time. */
    idMethod(id: string, method: string, args: ApexValue[]): ApexValue | undefined;
    /** An @future method call: true when it was queued (the caller gets null). */
    futureCall?(method: MethodDecl, args: ApexValue[]): boolean;
    /** Platform exception methods (DmlException.getDmlFields …). */
    exceptionMethod(e: InstanceValue, method: string, args: ApexValue[]): ApexValue | undefined;
}

interface Variable {
    value: ApexValue;
    type: TypeRef;
}

class Scope {
    readonly vars = new Map<string, Variable>();
    constructor(readonly parent: Scope | null) {}
    lookup(key: string): Variable | undefined {
        return this.vars.get(key) ?? this.parent?.lookup(key);
    }
}

interface Frame {
    cls: ClassInfo;
    thisObj: InstanceValue | null;
    scope: Scope;
    returnValue: ApexValue;
    /** Inside a property accessor: the property, whose name then means its backing store. */
    accessor: FieldDecl | null;
}

/** A class or namespace name met while evaluating a dotted expression (e.g. `Math`, `Database`, `Account`). */
class TypeMarker {
    constructor(
        readonly display: string,
        readonly cls: ClassInfo | null,
        readonly builtin: string | null,
        readonly native: NativeClass | null = null,
        readonly sobject: SObjectTypeSchema | null = null,
    ) {}
}

class SuperMarker {}

/** `a?.b` met a null `a`: the rest of the dotted chain is skipped and the chain is null. */
class ShortCircuit {}
const SHORT_CIRCUIT = new ShortCircuit();

type Target = ApexValue | TypeMarker | SuperMarker | ShortCircuit;

const TEXT_CACHE = new WeakMap<object, string>();

/** A parse-tree node's text, computed once (getText walks the subtree). */
function text(ctx: { getText(): string }): string {
    let t = TEXT_CACHE.get(ctx);
    if (t === undefined) {
        t = ctx.getText();
        TEXT_CACHE.set(ctx, t);
    }
    return t;
}

function lower(ctx: { getText(): string }): string {
    return text(ctx).toLowerCase();
}

export function unescapeApexString(text: string): string {
    const body = text.slice(1, -1);
    return body.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_m, esc: string) => {
        switch (esc[0]) {
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
            case 'u':
                return String.fromCharCode(parseInt(esc.slice(1), 16));
            default:
                return esc;
        }
    });
}

interface CallRecord {
    label: string;
    callSite: SourceLocation | undefined;
    /** The record-level sharing in force before this call (restored when it returns). */
    sharingBefore: boolean | null;
}

/** A class's sharing keyword; a class without one takes its superclass's (Apex Developer Guide). */
function sharingKeywordOf(cls: ClassInfo): 'with' | 'without' | 'inherited' | null {
    for (let c: ClassRef | null = cls; c instanceof ClassInfo; c = c.superClass) {
        if (c.modifiers.has('withsharing')) return 'with';
        if (c.modifiers.has('withoutsharing')) return 'without';
        if (c.modifiers.has('inheritedsharing')) return 'inherited';
    }
    return null;
}

/** Rows per chunk of a SOQL for loop over a list variable (`for (List<X> chunk : [SELECT …])`). */
const SOQL_FOR_CHUNK = 200;

/** Kinds of expression nodes (ExprDesc.k). */
const E_PRIMARY = 0;
const E_DOT = 1;
const E_CALL = 2;
const E_ARITH = 3;
const E_CMP = 4;
const E_EQ = 5;
const E_AND = 6;
const E_OR = 7;
const E_ASSIGN = 8;
const E_NEW = 9;
const E_CAST = 10;
const E_SUB = 11;
const E_NOT = 12;
const E_PREOP = 13;
const E_POSTOP = 14;
const E_COND = 15;
const E_COAL = 16;
const E_INDEX = 17;
const E_INSTANCEOF = 18;
const E_UNSUPPORTED = 19;

/** Kinds of primaries (ExprDesc.p). */
const P_LITERAL = 0;
const P_ID = 1;
const P_THIS = 2;
const P_SUPER = 3;
const P_SOQL = 4;
const P_TYPE = 5;
const P_OTHER = 6;

/**
 * What an expression node holds, read from the parse tree once (the generated accessors scan
 * a node's children on every call). One shape for every kind keeps property reads monomorphic.
 */
interface ExprDesc {
    k: number;
    /** Sub-expressions (operands, target, right-hand side …). */
    a: ExpressionContext | null;
    b: ExpressionContext | null;
    c: ExpressionContext | null;
    /** Operator text, or the assignment operator ('=', '+' …). */
    op: string;
    /** Identifier / member / method name and its lower-case key. */
    name: string;
    key: string;
    /** Call arguments. */
    args: ExpressionContext[] | null;
    /** Dot: a method call; Dot and Call: `?.`; Eq: === / !==; Eq: != … */
    flag1: boolean;
    flag2: boolean;
    /** Primary kind (P_*) and the parts a primary needs. */
    p: number;
    literal: LiteralContext | null;
    query: QueryContext | null;
    type: TypeRefContext | null;
    creator: CreatorContext | null;
    ctx: ExpressionContext;
    /** An identifier that resolved to a type name here (no variable of that name is in scope). */
    marker: TypeMarker | null;
    /** Descriptions of a, b, c and args (evaluation walks these, not the tree). */
    A: ExprDesc | null;
    B: ExprDesc | null;
    C: ExprDesc | null;
    ARGS: ExprDesc[] | null;
}

const DESC = Symbol('exprDesc');

function expressionsOf(list: ExpressionListContext | null | undefined): ExpressionContext[] {
    return list ? list.expression_list() : [];
}

function describeExpr(e: ExpressionContext): ExprDesc {
    const d: ExprDesc = {
        k: E_UNSUPPORTED,
        a: null,
        b: null,
        c: null,
        op: '',
        name: '',
        key: '',
        args: null,
        flag1: false,
        flag2: false,
        p: P_OTHER,
        literal: null,
        query: null,
        type: null,
        creator: null,
        ctx: e,
        marker: null,
        A: null,
        B: null,
        C: null,
        ARGS: null,
    };
    if (e instanceof PrimaryExpressionContext) {
        d.k = E_PRIMARY;
        const p = e.primary();
        if (p instanceof LiteralPrimaryContext) {
            d.p = P_LITERAL;
            d.literal = p.literal();
        } else if (p instanceof IdPrimaryContext) {
            d.p = P_ID;
            d.name = p.id().getText();
            d.key = d.name.toLowerCase();
        } else if (p instanceof ThisPrimaryContext) d.p = P_THIS;
        else if (p instanceof SuperPrimaryContext) d.p = P_SUPER;
        else if (p instanceof SoqlPrimaryContext) {
            d.p = P_SOQL;
            d.query = p.soqlLiteral().query();
        } else if (p instanceof TypeRefPrimaryContext) {
            d.p = P_TYPE;
            d.type = p.typeRef();
        }
    } else if (e instanceof DotExpressionContext) {
        d.k = E_DOT;
        d.a = e.expression();
        d.flag2 = e.QUESTIONDOT() !== null;
        const call = e.dotMethodCall();
        if (call) {
            d.flag1 = true;
            d.name = call.anyId().getText();
            d.args = expressionsOf(call.expressionList());
        } else d.name = e.anyId().getText();
        d.key = d.name.toLowerCase();
    } else if (e instanceof MethodCallExpressionContext) {
        d.k = E_CALL;
        const call = e.methodCall();
        d.flag1 = call.THIS() !== null || call.SUPER() !== null;
        if (!d.flag1) {
            d.name = call.id().getText();
            d.key = d.name.toLowerCase();
        }
        d.args = expressionsOf(call.expressionList());
    } else if (e instanceof Arth1ExpressionContext || e instanceof Arth2ExpressionContext) {
        d.k = E_ARITH;
        d.op = e.getChild(1).getText();
        d.a = e.expression(0);
        d.b = e.expression(1);
    } else if (e instanceof CmpExpressionContext) {
        d.k = E_CMP;
        d.op = (e.GT() ? '>' : '<') + (e.ASSIGN() ? '=' : '');
        d.a = e.expression(0);
        d.b = e.expression(1);
    } else if (e instanceof EqualityExpressionContext) {
        d.k = E_EQ;
        d.a = e.expression(0);
        d.b = e.expression(1);
        d.flag1 = e.TRIPLEEQUAL() !== null || e.TRIPLENOTEQUAL() !== null;
        d.flag2 = e.EQUAL() === null && e.TRIPLEEQUAL() === null;
    } else if (e instanceof LogAndExpressionContext || e instanceof LogOrExpressionContext) {
        d.k = e instanceof LogAndExpressionContext ? E_AND : E_OR;
        d.a = e.expression(0);
        d.b = e.expression(1);
    } else if (e instanceof AssignExpressionContext) {
        d.k = E_ASSIGN;
        d.a = e.expression(0);
        d.b = e.expression(1);
        d.op = e.ASSIGN()
            ? '='
            : e.ADD_ASSIGN()
              ? '+'
              : e.SUB_ASSIGN()
                ? '-'
                : e.MUL_ASSIGN()
                  ? '*'
                  : e.DIV_ASSIGN()
                    ? '/'
                    : 'bitwise';
    } else if (e instanceof NewExpressionContext) {
        d.k = E_NEW;
        d.creator = e.creator();
    } else if (e instanceof CastExpressionContext) {
        d.k = E_CAST;
        d.a = e.expression();
        d.type = e.typeRef();
    } else if (e instanceof SubExpressionContext) {
        d.k = E_SUB;
        d.a = e.expression();
    } else if (e instanceof NegExpressionContext) {
        d.k = e.TILDE() ? E_UNSUPPORTED : E_NOT;
        d.a = e.expression();
        if (e.TILDE()) d.op = 'bitwise ~';
    } else if (e instanceof PreOpExpressionContext) {
        d.k = E_PREOP;
        d.a = e.expression();
        d.op = e.ADD() ? '+' : e.SUB() ? '-' : e.INC() ? '++' : '--';
    } else if (e instanceof PostOpExpressionContext) {
        d.k = E_POSTOP;
        d.a = e.expression();
        d.flag1 = e.INC() !== null;
    } else if (e instanceof CondExpressionContext) {
        d.k = E_COND;
        d.a = e.expression(0);
        d.b = e.expression(1);
        d.c = e.expression(2);
    } else if (e instanceof CoalExpressionContext) {
        d.k = E_COAL;
        d.a = e.expression(0);
        d.b = e.expression(1);
    } else if (e instanceof ArrayExpressionContext) {
        d.k = E_INDEX;
        d.a = e.expression(0);
        d.b = e.expression(1);
    } else if (e instanceof InstanceOfExpressionContext) {
        d.k = E_INSTANCEOF;
        d.a = e.expression();
        d.type = e.typeRef();
    } else if (
        e instanceof BitExpressionContext ||
        e instanceof BitAndExpressionContext ||
        e instanceof BitOrExpressionContext ||
        e instanceof BitNotExpressionContext
    ) {
        d.op = 'bitwise operator';
    }
    d.A = d.a ? descOf(d.a) : null;
    d.B = d.b ? descOf(d.b) : null;
    d.C = d.c ? descOf(d.c) : null;
    d.ARGS = d.args ? d.args.map(descOf) : null;
    return d;
}

const S_EXPR = 0;
const S_LOCAL = 1;
const S_IF = 2;
const S_RETURN = 3;
const S_BLOCK = 4;
const S_FOR = 5;
const S_WHILE = 6;
const S_DO = 7;
const S_SWITCH = 8;
const S_TRY = 9;
const S_THROW = 10;
const S_BREAK = 11;
const S_CONTINUE = 12;
const S_DML = 13;
const S_RUNAS = 14;
const S_OTHER = 15;

interface LocalsDesc {
    type: TypeRefContext;
    vars: Array<{ key: string; init: ExprDesc | null }>;
}

interface StmtDesc {
    k: number;
    node: unknown;
    loc: SourceLocation;
    /** The file's executed lines; `counted` once this statement's line is in it. */
    hits: Set<number>;
    counted: boolean;
    /** Expression of an expression statement, return, throw, or a condition. */
    e: ExprDesc | null;
    then: StatementContext | null;
    otherwise: StatementContext | null;
    thenDesc: StmtDesc | null;
    otherwiseDesc: StmtDesc | null;
    locals: LocalsDesc | null;
}

const STMT = Symbol('stmtDesc');
const NEW = Symbol('newHead');

interface NewHead {
    name: string;
    key: string;
    typeArgs: TypeRef[];
    /** Arguments of `(…)`, when there are parentheses. */
    args: ExprDesc[] | null;
    /** The Apex class named (resolved from the class the expression is in). */
    cls: ClassInfo | null;
}
const BLOCK = Symbol('blockDesc');

interface BlockDesc {
    statements: StatementContext[];
    /** Their descriptions, filled as they first run. */
    descs: Array<StmtDesc | undefined>;
    /** Whether the block declares variables itself (else it needs no scope of its own). */
    declares: boolean;
}

function blockDescOf(block: BlockContext): BlockDesc {
    const node = block as BlockContext & { [BLOCK]?: BlockDesc };
    let d = node[BLOCK];
    if (d === undefined) {
        const statements = block.statement_list();
        d = {
            statements,
            descs: new Array<StmtDesc | undefined>(statements.length),
            declares: statements.some((st) => st.localVariableDeclarationStatement() !== null),
        };
        node[BLOCK] = d;
    }
    return d;
}
const TYPE = Symbol('typeRef');
const LITERAL = Symbol('literal');
function descOf(e: ExpressionContext): ExprDesc {
    const node = e as ExpressionContext & { [DESC]?: ExprDesc };
    let d = node[DESC];
    if (d === undefined) {
        d = describeExpr(e);
        node[DESC] = d;
    }
    return d;
}

export class Interpreter {
    readonly classes = new Map<string, ClassInfo>();
    readonly natives: NativeRegistry;
    host: PlatformHost | null = null;
    /** Executed lines per file (line coverage). */
    readonly coverage = new Map<string, Set<number>>();
    private readonly sobjectKeyCache = new Map<string, boolean>();
    private readonly calls: CallRecord[] = [];
    /**
     * Whether record-level sharing is enforced for the code running now (Apex Developer Guide:
     * "Using the with sharing, without sharing, and inherited sharing Keywords"): null at an
     * entry point, before any Apex runs (the runtime sets it at each transaction start).
     */
    sharingEnforced: boolean | null = null;

    constructor(
        readonly schema: SObjectSchema,
        natives: NativeRegistry = new NativeRegistry(),
    ) {
        this.natives = natives;
        stackSource.capture = () => this.captureStack();
        installTreeAccessorCache();
        // String.valueOf of an Apex object uses its toString() override
        objectStrings.custom = (v) => {
            if (this.hasUserMethod(v, 'tostring')) {
                const r = this.callInstanceMethod(v, 'tostring', []);
                return typeof r === 'string' ? r : 'null';
            }
            if (isSubclassOf(v.cls, EXCEPTION_CLASS.key)) return undefined;
            // the default form: Class:[field=value, …] with the fields' declared names
            const parts = this.instanceFieldsOf(v.cls).map(
                ({ decl }) => `${decl.name}=${concatString(v.fields.get(decl.key) ?? null)}`,
            );
            return `${v.cls.name}:[${parts.join(', ')}]`;
        };
        objectStrings.isException = (v) => isSubclassOf(v.cls, EXCEPTION_CLASS.key);
    }

    register(cls: ClassInfo): void {
        if (this.classes.has(cls.key)) {
            throw new ApexLoadError(`duplicate class ${cls.name}`, {
                file: cls.file,
                line: cls.line,
            });
        }
        this.classes.set(cls.key, cls);
    }

    private topLevelOf(cls: ClassInfo): ClassInfo {
        let c = cls;
        while (c.outer) c = c.outer;
        return c;
    }

    /** Resolves superclasses and interfaces once every file is loaded. */
    link(): void {
        for (const cls of this.classes.values()) {
            if (cls.superTypeCtx) {
                const name = cls.superTypeCtx.getText();
                const sup = this.findClass(name, cls) ?? findBuiltinExceptionClass(name);
                if (!sup) {
                    throw new ApexLoadError(`unknown superclass ${name} of ${cls.name}`, {
                        file: cls.file,
                        line: cls.line,
                    });
                }
                cls.superClass = sup;
            }
            cls.interfaceKeys = cls.interfaceTypeCtxs.map((t) => {
                const name = t.getText();
                const found = this.findClass(name, cls);
                if (found) return found.key;
                const key = canonicalTypeKey(name.replace(/<.*$/s, ''));
                if (CORE_PLATFORM_INTERFACES.has(key)) return key;
                if (this.natives.find(key)?.isInterface) return key;
                const top = this.topLevelOf(cls);
                top.violations.push({
                    construct: `implementing the platform interface ${name}`,
                    location: locationOf(cls.file, t),
                });
                return key;
            });
        }
    }

    /** Clears every static variable (a new transaction of a test method starts from scratch). */
    resetStatics(): void {
        for (const cls of this.classes.values()) {
            cls.staticValues.clear();
            cls.staticInitDone = false;
        }
    }

    // ---------------------------------------------------------------- stacks and coverage

    /** The Apex stack of the code running now, innermost first. */
    captureStack(): StackLine[] {
        const lines: StackLine[] = [];
        let loc = currentLocation.value;
        for (let i = this.calls.length - 1; i >= 0; i--) {
            const call = this.calls[i] as CallRecord;
            lines.push({ label: call.label, line: loc?.line ?? 0, column: loc?.column ?? 1 });
            loc = call.callSite;
        }
        return lines;
    }

    /**
     * Enters an Apex frame. The sharing that applies is the class's where the code is
     * defined: `with sharing` enforces it, `without sharing` does not; `inherited sharing`
     * and classes without a keyword (inner classes included) keep the caller's, and at an
     * entry point `inherited sharing` enforces it while no keyword does not. A trigger runs
     * without sharing (`fixed`). (System.runAs sets it for the statements of its block.)
     */
    private enter(label: string, cls?: ClassInfo, fixed?: boolean): void {
        this.calls.push({
            label,
            callSite: currentLocation.value,
            sharingBefore: this.sharingEnforced,
        });
        if (fixed !== undefined) this.sharingEnforced = fixed;
        else if (cls) this.sharingEnforced = this.sharingFor(cls);
    }

    private sharingFor(cls: ClassInfo): boolean {
        const keyword = sharingKeywordOf(cls);
        if (keyword === 'with') return true;
        if (keyword === 'without') return false;
        if (this.sharingEnforced !== null) return this.sharingEnforced;
        return keyword === 'inherited';
    }

    private leave(): void {
        const call = this.calls.pop();
        currentLocation.value = call?.callSite;
        if (call) this.sharingEnforced = call.sharingBefore;
    }

    private stackLabel(method: MethodDecl): string {
        return `Class.${method.cls.name}.${method.key === '<init>' ? '<init>' : method.name}`;
    }

    private hitsOf(file: string): Set<number> {
        let hits = this.coverage.get(file);
        if (!hits) {
            hits = new Set();
            this.coverage.set(file, hits);
        }
        return hits;
    }

    private markLine(loc: SourceLocation): void {
        this.hitsOf(loc.file).add(loc.line);
    }

    /** The stack depth, for code that must undo a partially run call (e.g. an uncatchable error). */
    get callDepth(): number {
        return this.calls.length;
    }

    /** Drops call records above a depth (after a JS exception crossed several Apex frames). */
    unwindTo(depth: number): void {
        while (this.calls.length > depth) {
            const call = this.calls.pop() as CallRecord;
            this.sharingEnforced = call.sharingBefore;
        }
    }

    // ---------------------------------------------------------------- classes and types

    findClass(name: string, from: ClassInfo | null): ClassInfo | undefined {
        // Namespace mode: the package's classes are in its namespace, so `kstn.Foo` is Foo
        // (Apex Developer Guide, "Namespace Prefix": fully qualified identifiers).
        const namespace = this.schema.packageNamespace?.();
        const prefix = namespace ? `${namespace.prefix.toLowerCase()}.` : null;
        if (
            prefix &&
            name.toLowerCase().startsWith(prefix) &&
            !this.classes.has(prefix.slice(0, -1))
        )
            return this.findClass(name.slice(prefix.length), null);
        const key = name.toLowerCase();
        for (let c: ClassInfo | null = from; c; c = c.outer) {
            const inner = c.inner.get(key);
            if (inner) return inner;
            if (c.key === key && !c.outer) return c;
            // inner classes of superclasses are visible by their simple name
            for (let s: ClassRef | null = c.superClass; s instanceof ClassInfo; s = s.superClass) {
                const inherited = s.inner.get(key);
                if (inherited) return inherited;
            }
        }
        return this.classes.get(key);
    }

    typeOf(ctx: TypeRefContext, from: ClassInfo): TypeRef {
        const node = ctx as TypeRefContext & { [TYPE]?: TypeRef };
        const cached = node[TYPE];
        if (cached) return cached;
        const names = ctx.typeName_list();
        const parts = names.map((n) =>
            n.LIST() ? 'List' : n.SET() ? 'Set' : n.MAP() ? 'Map' : (n.id()?.getText() ?? ''),
        );
        const lastName = names[names.length - 1];
        const args =
            lastName
                ?.typeArguments()
                ?.typeList()
                .typeRef_list()
                .map((t) => this.typeOf(t, from)) ?? [];
        let t = this.namedType(parts.join('.'), args, from);
        const dims = ctx.arraySubscripts().LBRACK_list().length;
        for (let i = 0; i < dims; i++)
            t = { key: 'list', display: `List<${t.display}>`, args: [t] };
        // a type reference always names the same type (it is resolved from its own class)
        node[TYPE] = t;
        return t;
    }

    namedType(name: string, args: TypeRef[], from: ClassInfo | null): TypeRef {
        const cls = this.findClass(name, from);
        if (cls) return { key: cls.key, display: cls.name, args };
        const key = canonicalTypeKey(name);
        const sobject = this.schema.findType(key);
        const display0 = sobject ? sobject.name : name.replace(/^(system|schema)\./i, '');
        const display =
            args.length > 0 ? `${display0}<${args.map((a) => a.display).join(',')}>` : display0;
        return { key: sobject ? sobject.name.toLowerCase() : key, display, args };
    }

    /** Whether a type is an SObject type (a concrete object or SObject itself). */
    isSObjectType(t: TypeRef): boolean {
        const cached = this.sobjectKeyCache.get(t.key);
        if (cached !== undefined) return cached;
        const result =
            t.key === 'sobject' ||
            t.key === 'aggregateresult' ||
            this.schema.findType(t.key) !== undefined;
        this.sobjectKeyCache.set(t.key, result);
        return result;
    }

    isInstanceOf(v: ApexValue, t: TypeRef): boolean {
        if (v === null) return false;
        const key = t.key;
        if (key === 'object') return true;
        if (isPrimitiveTypeKey(key)) {
            if (key === 'string') return typeof v === 'string';
            if (key === 'id') return typeof v === 'string' && isValidId(v);
            if (key === 'boolean') return typeof v === 'boolean';
            if (key === 'date') return v instanceof DateValue;
            if (key === 'datetime') return v instanceof DatetimeValue;
            return isNumeric(v) && numKind(v) === key;
        }
        if (key === 'list')
            return v instanceof ListValue && this.genericMatches([v.elementType], t.args);
        if (key === 'set')
            return v instanceof SetValue && this.genericMatches([v.elementType], t.args);
        if (key === 'map')
            return v instanceof MapValue && this.genericMatches([v.keyType, v.valueType], t.args);
        if (key === 'sobject') return v instanceof SObjectValue;
        if (v instanceof SObjectValue) return v.type.name.toLowerCase() === key;
        if (v instanceof EnumValue) return v.typeKey === key;
        if (v instanceof NativeValue) return v.type.typeKeys.includes(key);
        if (v instanceof InstanceValue) {
            if (key === 'exception') return isSubclassOf(v.cls, EXCEPTION_CLASS.key);
            const builtin = findBuiltinExceptionClass(key);
            if (builtin && key.endsWith('exception')) return isSubclassOf(v.cls, builtin.key);
            return this.classIsA(v.cls, key);
        }
        return false;
    }

    private genericMatches(actual: TypeRef[], wanted: TypeRef[]): boolean {
        return wanted.every((w, i) => {
            const a = actual[i];
            if (w.key === 'object' || w.key === a?.key) return true;
            // List<Account> is a List<SObject>
            return w.key === 'sobject' && a !== undefined && this.isSObjectType(a);
        });
    }

    classIsA(cls: ClassRef, key: string): boolean {
        for (let c: ClassRef | null = cls; c; c = c.superClass) {
            if (c.key === key) return true;
            for (const ik of c.interfaceKeys) {
                if (ik === key) return true;
                const iface = this.classes.get(ik);
                if (iface && iface.interfaceKeys.length > 0 && this.classIsA(iface, key))
                    return true;
            }
        }
        return false;
    }

    /**
     * Assignment conversion: numbers widen; a SOQL result assigned to a single SObject gives
     * its one row; other values are checked only when the target is primitive.
     */
    coerce(v: ApexValue, t: TypeRef): ApexValue {
        if (v === null) return null;
        if (v instanceof ListValue && v.fromQuery && t.key !== 'list' && this.isSObjectType(t))
            return this.singleRow(v);
        return coercePrimitive(v, t);
    }

    /** The single row of a SOQL result used as one record. */
    singleRow(list: ListValue): ApexValue {
        if (list.items.length === 0)
            throw systemException('QueryException', 'List has no rows for assignment to SObject');
        if (list.items.length > 1) {
            throw systemException(
                'QueryException',
                'List has more than 1 row for assignment to SObject',
            );
        }
        return list.items[0] ?? null;
    }

    /** (T) value */
    cast(v: ApexValue, t: TypeRef): ApexValue {
        if (v === null) return null;
        const key = t.key;
        if (key === 'object') return v;
        if (key === 'integer' || key === 'long' || key === 'double' || key === 'decimal') {
            // widening casts of boxed numbers (e.g. an Integer read from untyped JSON cast to Decimal)
            if (!isNumeric(v)) throw invalidConversion(v, t);
            return coercePrimitive(v, t);
        }
        if (v instanceof ListValue && v.fromQuery && key !== 'list' && this.isSObjectType(t))
            return this.cast(this.singleRow(v), t);
        if (this.isInstanceOf(v, t)) return v;
        throw invalidConversion(v, t);
    }

    // ---------------------------------------------------------------- static state

    ensureStaticInit(cls: ClassInfo): void {
        if (cls.staticInitDone) return;
        cls.staticInitDone = true;
        if (cls.outer) this.ensureStaticInit(cls.outer);
        if (cls.superClass instanceof ClassInfo) this.ensureStaticInit(cls.superClass);
        const frame = this.newFrame(cls, null);
        this.enter(`Class.${cls.name}.<clinit>`, cls);
        try {
            for (const member of cls.members) {
                if (!member.isStatic) continue;
                if ('block' in member) {
                    this.execBlock((member as InitBlock).block, frame);
                } else {
                    const f = member as FieldDecl;
                    let value: ApexValue = null;
                    if (f.init) {
                        currentLocation.value = f.loc;
                        this.markLine(f.loc);
                        value = this.coerce(
                            this.evalExpr(f.init, frame),
                            this.typeOf(f.typeCtx, cls),
                        );
                    }
                    cls.staticValues.set(f.key, value);
                }
            }
        } finally {
            this.leave();
        }
    }

    private newFrame(cls: ClassInfo, thisObj: InstanceValue | null): Frame {
        return { cls, thisObj, scope: new Scope(null), returnValue: null, accessor: null };
    }

    private findStaticField(
        cls: ClassInfo,
        key: string,
    ): { owner: ClassInfo; decl: FieldDecl } | undefined {
        for (let c: ClassRef | null = cls; c instanceof ClassInfo; c = c.superClass) {
            const decl = c.fields.get(key);
            if (decl && decl.isStatic) return { owner: c, decl };
        }
        return undefined;
    }

    private findInstanceField(
        cls: ClassRef,
        key: string,
    ): { owner: ClassInfo; decl: FieldDecl } | undefined {
        for (let c: ClassRef | null = cls; c instanceof ClassInfo; c = c.superClass) {
            const decl = c.fields.get(key);
            if (decl && !decl.isStatic) return { owner: c, decl };
        }
        return undefined;
    }

    /** Runs a property's get block; inside it the property's name means the backing store. */
    private runGetter(owner: ClassInfo, decl: FieldDecl, obj: InstanceValue | null): ApexValue {
        const frame = this.newFrame(owner, obj);
        frame.accessor = decl;
        this.enter(`Class.${owner.name}.${decl.name}.get`, owner);
        try {
            this.execBlock(decl.getter as BlockContext, frame);
        } finally {
            this.leave();
        }
        return this.coerce(frame.returnValue, this.typeOf(decl.typeCtx, owner));
    }

    private runSetter(
        owner: ClassInfo,
        decl: FieldDecl,
        obj: InstanceValue | null,
        value: ApexValue,
    ): void {
        const frame = this.newFrame(owner, obj);
        frame.accessor = decl;
        const type = this.typeOf(decl.typeCtx, owner);
        frame.scope.vars.set('value', { value, type });
        this.enter(`Class.${owner.name}.${decl.name}.set`, owner);
        try {
            this.execBlock(decl.setter as BlockContext, frame);
        } finally {
            this.leave();
        }
    }

    private inAccessorOf(frame: Frame | null, decl: FieldDecl, obj: InstanceValue | null): boolean {
        return (
            frame !== null && frame.accessor === decl && (decl.isStatic || frame.thisObj === obj)
        );
    }

    private readStaticField(owner: ClassInfo, decl: FieldDecl, frame: Frame | null): ApexValue {
        this.ensureStaticInit(owner);
        if (decl.fenced) throw unsupported(decl.fenced);
        if (decl.getter && !this.inAccessorOf(frame, decl, null))
            return this.runGetter(owner, decl, null);
        return owner.staticValues.get(decl.key) ?? null;
    }

    private readInstanceField(
        obj: InstanceValue,
        found: { owner: ClassInfo; decl: FieldDecl },
        frame: Frame | null,
    ): ApexValue {
        const { owner, decl } = found;
        if (decl.fenced) throw unsupported(decl.fenced);
        if (decl.getter && !this.inAccessorOf(frame, decl, obj))
            return this.runGetter(owner, decl, obj);
        return obj.fields.get(decl.key) ?? null;
    }

    private writeInstanceField(
        obj: InstanceValue,
        f: { owner: ClassInfo; decl: FieldDecl },
        value: ApexValue,
        frame: Frame | null,
    ): ApexValue {
        if (f.decl.fenced) throw unsupported(f.decl.fenced);
        const v = this.coerce(value, this.typeOf(f.decl.typeCtx, f.owner));
        if (f.decl.setter && !this.inAccessorOf(frame, f.decl, obj)) {
            this.runSetter(f.owner, f.decl, obj, v);
            return v;
        }
        obj.fields.set(f.decl.key, v);
        return v;
    }

    private writeStaticField(
        owner: ClassInfo,
        decl: FieldDecl,
        value: ApexValue,
        frame: Frame | null,
    ): ApexValue {
        if (decl.fenced) throw unsupported(decl.fenced);
        this.ensureStaticInit(owner);
        const v = this.coerce(value, this.typeOf(decl.typeCtx, owner));
        if (decl.setter && !this.inAccessorOf(frame, decl, null)) {
            this.runSetter(owner, decl, null, v);
            return v;
        }
        owner.staticValues.set(decl.key, v);
        return v;
    }

    /** Reads an instance field or property of a user object from outside code (JSON, Aura). */
    getFieldValue(obj: InstanceValue, key: string): ApexValue {
        const found = this.findInstanceField(obj.cls, key);
        if (!found) return null;
        return this.readInstanceField(obj, found, null);
    }

    /** Writes an instance field or property of a user object from outside code (JSON). */
    setFieldValue(obj: InstanceValue, key: string, value: ApexValue): void {
        const found = this.findInstanceField(obj.cls, key);
        if (!found) throw unsupported(`unknown field ${obj.cls.name}.${key}`);
        this.writeInstanceField(obj, found, value, null);
    }

    /**
     * An object of a user class made the way JSON.deserialize makes one: field initializers
     * run, constructors do not.
     */
    instantiateBare(cls: ClassInfo): InstanceValue {
        this.ensureStaticInit(cls);
        const obj = new InstanceValue(cls);
        const chain: ClassInfo[] = [];
        for (let c: ClassRef | null = cls; c instanceof ClassInfo; c = c.superClass)
            chain.unshift(c);
        for (const c of chain) this.initInstanceFields(c, obj);
        return obj;
    }

    /** Writes a field of a user object directly (no setter), converting to the field's type. */
    setFieldDirect(obj: InstanceValue, key: string, value: ApexValue): void {
        const found = this.findInstanceField(obj.cls, key);
        if (!found) throw unsupported(`unknown field ${obj.cls.name}.${key}`);
        obj.fields.set(
            found.decl.key,
            this.coerce(value, this.typeOf(found.decl.typeCtx, found.owner)),
        );
    }

    /** Instance fields and properties of a class and its superclasses, in declaration order. */
    instanceFieldsOf(cls: ClassRef): Array<{ owner: ClassInfo; decl: FieldDecl }> {
        const chain: ClassInfo[] = [];
        for (let c: ClassRef | null = cls; c instanceof ClassInfo; c = c.superClass)
            chain.unshift(c);
        const out: Array<{ owner: ClassInfo; decl: FieldDecl }> = [];
        for (const c of chain) {
            for (const m of c.members) {
                if (!('block' in m) && !m.isStatic) out.push({ owner: c, decl: m as FieldDecl });
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- calls

    callStatic(cls: ClassInfo, methodName: string, args: ApexValue[]): ApexValue {
        this.ensureStaticInit(cls);
        const method = this.selectMethod(
            this.methodsNamed(cls, methodName.toLowerCase(), true),
            args,
        );
        if (!method) {
            throw new ApexLoadError(
                `no static method ${cls.name}.${methodName} taking ${args.length} argument(s)`,
            );
        }
        return this.invoke(method, null, args);
    }

    methodsNamed(cls: ClassInfo, key: string, staticOnly: boolean): MethodDecl[] {
        const found: MethodDecl[] = [];
        for (let c: ClassRef | null = cls; c instanceof ClassInfo; c = c.superClass) {
            for (const m of c.methods.get(key) ?? []) {
                if (!staticOnly || m.isStatic) found.push(m);
            }
        }
        return found;
    }

    /** Picks the overload whose parameter types best accept the runtime arguments. */
    selectMethod(candidates: MethodDecl[], args: ApexValue[]): MethodDecl | undefined {
        const sameArity = candidates.filter((m) => m.params.length === args.length);
        // one overload of this arity: the Apex compiler already checked the argument types
        if (sameArity.length === 1) return sameArity[0];
        let best: MethodDecl | undefined;
        let bestScore = -1;
        for (const m of sameArity) {
            let score = 0;
            let ok = true;
            for (let i = 0; i < args.length && ok; i++) {
                const s = this.argScore(
                    args[i] ?? null,
                    this.typeOf((m.params[i] as { typeCtx: TypeRefContext }).typeCtx, m.cls),
                );
                if (s < 0) ok = false;
                else score += s;
            }
            if (ok && score > bestScore) {
                best = m;
                bestScore = score;
            }
        }
        return best;
    }

    private argScore(v: ApexValue, t: TypeRef): number {
        if (v === null) return 1;
        if (t.key === 'object') return 0;
        if (
            isNumeric(v) &&
            (t.key === 'integer' || t.key === 'long' || t.key === 'double' || t.key === 'decimal')
        ) {
            const rank = { integer: 0, long: 1, double: 2, decimal: 3 };
            const from = rank[numKind(v)];
            const to = rank[t.key];
            if (from > to) return -1;
            return from === to ? 3 : 2;
        }
        if (v instanceof ListValue && v.fromQuery && t.key !== 'list' && this.isSObjectType(t))
            return 2;
        if (t.key === 'sobject' && v instanceof SObjectValue) return 2;
        return this.isInstanceOf(v, t) ? 3 : -1;
    }

    invoke(method: MethodDecl, thisObj: InstanceValue | null, args: ApexValue[]): ApexValue {
        // an @future method is queued, not run (the host runs it later as its own job)
        if (method.isStatic && this.host?.futureCall && method.annotations.has('future')) {
            if (this.host.futureCall(method, args)) return null;
        }
        if (!method.body) {
            throw new ApexInternalError(
                `abstract method ${method.cls.name}.${method.name} called`,
                method.loc,
            );
        }
        if (this.calls.length >= MAX_STACK_DEPTH) {
            throw systemException(
                'LimitException',
                `Maximum stack depth reached: ${MAX_STACK_DEPTH + 1}`,
            );
        }
        const frame = this.newFrame(method.cls, thisObj);
        method.params.forEach((p, i) => {
            const type = this.typeOf(p.typeCtx, method.cls);
            frame.scope.vars.set(p.key, { value: this.coerce(args[i] ?? null, type), type });
        });
        this.enter(this.stackLabel(method), method.cls);
        try {
            this.execBlock(method.body, frame);
        } finally {
            this.leave();
        }
        if (method.returnTypeCtx)
            return this.coerce(frame.returnValue, this.typeOf(method.returnTypeCtx, method.cls));
        return frame.returnValue;
    }

    /** Virtual dispatch of an instance method on a user object; undefined when it has none. */
    callInstanceMethod(obj: InstanceValue, key: string, args: ApexValue[]): ApexValue | undefined {
        for (let c: ClassRef | null = obj.cls; c instanceof ClassInfo; c = c.superClass) {
            const m = this.selectMethod(
                (c.methods.get(key) ?? []).filter((x) => x.body !== null),
                args,
            );
            if (m) return this.invoke(m, m.isStatic ? null : obj, args);
        }
        return undefined;
    }

    /** Runs the statements of a trigger (the runtime sets up the Trigger context first). */
    runTrigger(cls: ClassInfo): void {
        if (!cls.trigger) throw new ApexInternalError(`${cls.name} is not a trigger`);
        const frame = this.newFrame(cls, null);
        this.enter(`Trigger.${cls.name}`, undefined, false);
        try {
            for (const st of cls.trigger.body) {
                const c = this.execStatement(st, frame);
                if (c === RETURN) break;
            }
        } finally {
            this.leave();
        }
    }

    private callExceptionMethod(
        obj: InstanceValue,
        key: string,
        args: ApexValue[],
    ): ApexValue | undefined {
        if (!isSubclassOf(obj.cls, EXCEPTION_CLASS.key)) return undefined;
        switch (key) {
            case 'getmessage':
                if (obj.native?.scriptThrown === true) return 'Script-thrown exception';
                return obj.message;
            case 'gettypename':
                return obj.cls.name;
            case 'getcause':
                return obj.cause;
            case 'setmessage':
                obj.message = (args[0] ?? null) as string | null;
                if (obj.native) obj.native.scriptThrown = false;
                return null;
            case 'initcause':
                obj.cause = args[0] ?? null;
                return null;
            case 'getlinenumber':
                return new IntegerValue(obj.stack?.[0]?.line ?? -1);
            case 'getstacktracestring':
                return (obj.stack ?? [])
                    .map((l) => `${l.label}: line ${l.line}, column ${l.column}`)
                    .join('\n');
            case 'tostring':
                return `${obj.cls.name}: ${obj.message ?? 'null'}`;
            default: {
                const r = this.host?.exceptionMethod(obj, key, args);
                if (r !== undefined) return r;
                throw unsupported(`Exception.${key}()`);
            }
        }
    }

    /** Comparable.compareTo for List.sort of user objects. */
    private compareUser = (a: InstanceValue, b: InstanceValue): number => {
        const r = this.callInstanceMethod(a, 'compareto', [b]);
        if (!(r instanceof IntegerValue))
            throw unsupported('List.sort of objects that do not implement Comparable');
        return r.v;
    };

    /** A System.Comparator's compare(a, b) for List.sort(comparator). */
    comparatorOf(comparator: ApexValue): (a: ApexValue, b: ApexValue) => number {
        if (!(comparator instanceof InstanceValue)) throw npe();
        return (a, b) => {
            const r = this.callInstanceMethod(comparator, 'compare', [a, b]);
            if (!(r instanceof IntegerValue))
                throw unsupported('a Comparator whose compare() does not return an Integer');
            return r.v;
        };
    }

    // ---------------------------------------------------------------- construction

    construct(cls: ClassInfo, args: ApexValue[]): InstanceValue {
        if (cls.isInterface || cls.isEnum)
            throw new ApexInternalError(`cannot instantiate ${cls.name}`);
        this.ensureStaticInit(cls);
        const obj = new InstanceValue(cls);
        if (isSubclassOf(cls, EXCEPTION_CLASS.key)) obj.stack = this.captureStack();
        this.runConstructor(cls, obj, args);
        return obj;
    }

    private runConstructor(cls: ClassRef, obj: InstanceValue, args: ApexValue[]): void {
        if (!(cls instanceof ClassInfo)) {
            // built-in Exception constructors: (), (String), (Exception), (String, Exception)
            const [a0 = null, a1 = null] = args;
            if (typeof a0 === 'string' || a0 === null)
                obj.message = args.length > 0 ? (a0 as string | null) : null;
            if (a0 instanceof InstanceValue) obj.cause = a0;
            if (a1 instanceof InstanceValue) obj.cause = a1;
            return;
        }
        if (cls.ctors.length === 0) {
            if (args.length > 0 && !(cls.superClass && isSubclassOf(cls, EXCEPTION_CLASS.key))) {
                throw new ApexInternalError(
                    `${cls.name} has no constructor taking ${args.length} argument(s)`,
                );
            }
            if (cls.superClass) this.runConstructor(cls.superClass, obj, args);
            this.initInstanceFields(cls, obj);
            return;
        }
        const ctor = this.selectMethod(cls.ctors, args);
        if (!ctor || !ctor.body) {
            throw new ApexInternalError(
                `${cls.name} has no constructor taking ${args.length} argument(s)`,
            );
        }
        const frame = this.newFrame(cls, obj);
        ctor.params.forEach((p, i) => {
            const t = this.typeOf(p.typeCtx, cls);
            frame.scope.vars.set(p.key, { value: this.coerce(args[i] ?? null, t), type: t });
        });
        this.enter(this.stackLabel(ctor), cls);
        try {
            const statements = ctor.body.statement_list();
            const first = statements[0];
            const chained = first ? this.chainedConstructorCall(first) : null;
            if (chained && first) {
                currentLocation.value = locationOf(cls.file, first);
                this.markLine(currentLocation.value);
            }
            if (chained && chained.kind === 'this') {
                this.runConstructor(cls, obj, this.evalArgs(chained.args, frame));
            } else {
                const superArgs = chained ? this.evalArgs(chained.args, frame) : [];
                if (cls.superClass) this.runConstructor(cls.superClass, obj, superArgs);
                this.initInstanceFields(cls, obj);
            }
            for (let i = chained ? 1 : 0; i < statements.length; i++) {
                const c = this.execStatement(statements[i] as StatementContext, frame);
                if (c === RETURN) break;
            }
        } finally {
            this.leave();
        }
    }

    private chainedConstructorCall(
        st: StatementContext,
    ): { kind: 'this' | 'super'; args: ExpressionListContext | null } | null {
        const es = st.expressionStatement();
        if (!es) return null;
        const e = es.expression();
        if (!(e instanceof MethodCallExpressionContext)) return null;
        const call = e.methodCall();
        if (call.THIS()) return { kind: 'this', args: call.expressionList() ?? null };
        if (call.SUPER()) return { kind: 'super', args: call.expressionList() ?? null };
        return null;
    }

    private initInstanceFields(cls: ClassInfo, obj: InstanceValue): void {
        const frame = this.newFrame(cls, obj);
        for (const member of cls.members) {
            if (member.isStatic) continue;
            if ('block' in member) {
                this.execBlock((member as InitBlock).block, frame);
            } else {
                const f = member as FieldDecl;
                let value: ApexValue = null;
                if (f.init) {
                    const saved = currentLocation.value;
                    currentLocation.value = f.loc;
                    this.markLine(f.loc);
                    value = this.coerce(this.evalExpr(f.init, frame), this.typeOf(f.typeCtx, cls));
                    currentLocation.value = saved;
                }
                obj.fields.set(f.key, value);
            }
        }
    }

    // ---------------------------------------------------------------- statements

    execBlock(block: BlockContext, frame: Frame): Completion {
        const b = blockDescOf(block);
        const { statements, descs } = b;
        if (!b.declares) {
            // a block that declares no variable needs no scope of its own
            for (let i = 0; i < statements.length; i++) {
                let d = descs[i];
                if (d === undefined) {
                    d = this.stmtDesc(statements[i] as StatementContext, frame);
                    descs[i] = d;
                }
                const c = this.execDesc(d, frame);
                if (c !== NORMAL) return c;
            }
            return NORMAL;
        }
        const saved = frame.scope;
        frame.scope = new Scope(saved);
        try {
            for (let i = 0; i < statements.length; i++) {
                let d = descs[i];
                if (d === undefined) {
                    d = this.stmtDesc(statements[i] as StatementContext, frame);
                    descs[i] = d;
                }
                const c = this.execDesc(d, frame);
                if (c !== NORMAL) return c;
            }
            return NORMAL;
        } finally {
            frame.scope = saved;
        }
    }

    /** What a statement holds, read from the parse tree once (see ExprDesc). */
    private stmtDesc(st: StatementContext, frame: Frame): StmtDesc {
        const node = st as StatementContext & { [STMT]?: StmtDesc };
        let d = node[STMT];
        if (d !== undefined) return d;
        const loc = locationOf(frame.cls.file, st);
        loc.column = st.start.column + 1;
        const s = st.getChild(0);
        d = {
            k: S_OTHER,
            node: s,
            loc,
            hits: this.hitsOf(loc.file),
            counted: s instanceof BlockContext,
            e: null,
            then: null,
            otherwise: null,
            thenDesc: null,
            otherwiseDesc: null,
            locals: null,
        };
        if (s instanceof ExpressionStatementContext) {
            d.k = S_EXPR;
            d.e = descOf(s.expression());
        } else if (s instanceof LocalVariableDeclarationStatementContext) {
            d.k = S_LOCAL;
            const decl = s.localVariableDeclaration();
            d.locals = {
                type: decl.typeRef(),
                vars: decl
                    .variableDeclarators()
                    .variableDeclarator_list()
                    .map((v) => {
                        const init = v.expression();
                        return {
                            key: v.id().getText().toLowerCase(),
                            init: init ? descOf(init) : null,
                        };
                    }),
            };
        } else if (s instanceof IfStatementContext) {
            d.k = S_IF;
            d.e = descOf(s.parExpression().expression());
            d.then = s.statement(0);
            d.otherwise = s.statement(1) ?? null;
        } else if (s instanceof ReturnStatementContext) {
            d.k = S_RETURN;
            const e = s.expression();
            d.e = e ? descOf(e) : null;
        } else if (s instanceof BlockContext) d.k = S_BLOCK;
        else if (s instanceof ForStatementContext) d.k = S_FOR;
        else if (s instanceof WhileStatementContext) {
            d.k = S_WHILE;
            d.e = descOf(s.parExpression().expression());
            d.then = s.statement() ?? null;
        } else if (s instanceof DoWhileStatementContext) {
            d.k = S_DO;
            d.e = descOf(s.parExpression().expression());
        } else if (s instanceof SwitchStatementContext) d.k = S_SWITCH;
        else if (s instanceof TryStatementContext) d.k = S_TRY;
        else if (s instanceof ThrowStatementContext) {
            d.k = S_THROW;
            d.e = descOf(s.expression());
        } else if (s instanceof BreakStatementContext) d.k = S_BREAK;
        else if (s instanceof ContinueStatementContext) d.k = S_CONTINUE;
        else if (
            s instanceof InsertStatementContext ||
            s instanceof UpdateStatementContext ||
            s instanceof DeleteStatementContext ||
            s instanceof UndeleteStatementContext ||
            s instanceof UpsertStatementContext ||
            s instanceof MergeStatementContext
        )
            d.k = S_DML;
        else if (s instanceof RunAsStatementContext) d.k = S_RUNAS;
        node[STMT] = d;
        return d;
    }

    private execStatement(st: StatementContext, frame: Frame): Completion {
        return this.execDesc(this.stmtDesc(st, frame), frame);
    }

    private execDesc(d: StmtDesc, frame: Frame): Completion {
        currentLocation.value = d.loc;
        if (!d.counted) {
            d.counted = true;
            d.hits.add(d.loc.line);
        }
        switch (d.k) {
            case S_EXPR:
                this.evalD(d.e as ExprDesc, frame);
                return NORMAL;
            case S_LOCAL: {
                const locals = d.locals as LocalsDesc;
                const t = this.typeOf(locals.type, frame.cls);
                for (const v of locals.vars) {
                    const value = v.init ? this.coerce(this.evalD(v.init, frame), t) : null;
                    frame.scope.vars.set(v.key, { value, type: t });
                }
                return NORMAL;
            }
            case S_IF:
                if (this.evalBooleanD(d.e as ExprDesc, frame)) {
                    if (d.thenDesc === null)
                        d.thenDesc = this.stmtDesc(d.then as StatementContext, frame);
                    return this.execDesc(d.thenDesc, frame);
                }
                if (!d.otherwise) return NORMAL;
                if (d.otherwiseDesc === null) d.otherwiseDesc = this.stmtDesc(d.otherwise, frame);
                return this.execDesc(d.otherwiseDesc, frame);
            case S_RETURN: {
                if (d.e) {
                    const v = this.evalD(d.e, frame);
                    frame.returnValue = v;
                    const method = this.enclosingMethodReturnType(
                        d.node as ReturnStatementContext,
                        frame,
                    );
                    if (method) frame.returnValue = this.coerce(v, method);
                }
                return RETURN;
            }
            case S_BLOCK:
                return this.execBlock(d.node as BlockContext, frame);
            case S_FOR:
                return this.execFor(d.node as ForStatementContext, frame);
            case S_WHILE: {
                const body = d.then;
                while (this.evalBooleanD(d.e as ExprDesc, frame)) {
                    if (!body) continue;
                    const c = this.execStatement(body, frame);
                    if (c === BREAK) break;
                    if (c === RETURN) return c;
                }
                return NORMAL;
            }
            case S_DO: {
                const block = (d.node as DoWhileStatementContext).block();
                do {
                    const c = this.execBlock(block, frame);
                    if (c === BREAK) break;
                    if (c === RETURN) return c;
                } while (this.evalBooleanD(d.e as ExprDesc, frame));
                return NORMAL;
            }
            case S_SWITCH:
                return this.execSwitch(d.node as SwitchStatementContext, frame);
            case S_TRY:
                return this.execTry(d.node as TryStatementContext, frame);
            case S_THROW: {
                const v = this.evalD(d.e as ExprDesc, frame);
                if (v === null) throw npe();
                if (!(v instanceof InstanceValue) || !isSubclassOf(v.cls, EXCEPTION_CLASS.key)) {
                    throw new ApexInternalError(
                        'throw of a value that is not an exception',
                        currentLocation.value,
                    );
                }
                throw new ApexThrown(v);
            }
            case S_BREAK:
                return BREAK;
            case S_CONTINUE:
                return CONTINUE;
            case S_DML:
                this.execDml(
                    d.node as
                        | InsertStatementContext
                        | UpdateStatementContext
                        | DeleteStatementContext
                        | UndeleteStatementContext
                        | UpsertStatementContext
                        | MergeStatementContext,
                    frame,
                );
                return NORMAL;
            case S_RUNAS:
                return this.execRunAs(d.node as RunAsStatementContext, frame);
        }
        const fenced = fenceOf(d.node as ApexParserRuleContext);
        throw unsupported(
            fenced ?? `statement '${(d.node as ApexParserRuleContext).getText().slice(0, 40)}'`,
        );
    }

    private execDml(
        s:
            | InsertStatementContext
            | UpdateStatementContext
            | DeleteStatementContext
            | UndeleteStatementContext
            | UpsertStatementContext
            | MergeStatementContext,
        frame: Frame,
    ): void {
        if (!this.host) throw unsupported(fenceOf(s) ?? 'DML');
        const accessCtx: AccessLevelContext | null = s.accessLevel() ?? null;
        const access = accessCtx ? (accessCtx.USER() ? 'user' : 'system') : null;
        if (s instanceof MergeStatementContext) {
            const [master, duplicates] = s.expression_list();
            this.host.dml({
                operation: 'merge',
                value: master ? this.evalExpr(master, frame) : null,
                access,
                externalIdField: null,
                mergeDuplicates: duplicates ? this.evalExpr(duplicates, frame) : null,
            });
            return;
        }
        const operation =
            s instanceof InsertStatementContext
                ? 'insert'
                : s instanceof UpdateStatementContext
                  ? 'update'
                  : s instanceof DeleteStatementContext
                    ? 'delete'
                    : s instanceof UndeleteStatementContext
                      ? 'undelete'
                      : 'upsert';
        const externalId =
            s instanceof UpsertStatementContext ? (s.qualifiedName()?.getText() ?? null) : null;
        this.host.dml({
            operation,
            value: this.evalExpr(s.expression(), frame),
            access,
            externalIdField: externalId,
            mergeDuplicates: null,
        });
    }

    private execRunAs(s: RunAsStatementContext, frame: Frame): Completion {
        if (!this.host) throw unsupported('System.runAs');
        const args = this.evalArgs(s.expressionList(), frame);
        let completion: Completion = NORMAL;
        this.host.runAs(args[0] ?? null, () => {
            completion = this.execBlock(s.block(), frame);
        });
        return completion;
    }

    private returnTypes = new WeakMap<object, TypeRef | null>();

    /** The declared return type of the method containing a return statement (null for void/ctor). */
    private enclosingMethodReturnType(st: ApexParserRuleContext, frame: Frame): TypeRef | null {
        if (this.returnTypes.has(st)) return this.returnTypes.get(st) ?? null;
        let node: ApexParserRuleContext | undefined = st;
        while (node && !(node instanceof MethodDeclarationContext)) node = node.parentCtx;
        const typeCtx = node instanceof MethodDeclarationContext ? node.typeRef() : null;
        const t = typeCtx ? this.typeOf(typeCtx, frame.cls) : null;
        this.returnTypes.set(st, t);
        return t;
    }

    private declareLocals(decl: LocalVariableDeclarationContext, frame: Frame): void {
        const t = this.typeOf(decl.typeRef(), frame.cls);
        for (const v of decl.variableDeclarators().variableDeclarator_list()) {
            const init = v.expression();
            const value = init ? this.coerce(this.evalExpr(init, frame), t) : null;
            frame.scope.vars.set(lower(v.id()), { value, type: t });
        }
    }

    private execFor(s: ForStatementContext, frame: Frame): Completion {
        const control = s.forControl();
        const body = s.statement();
        const saved = frame.scope;
        frame.scope = new Scope(saved);
        try {
            const enhanced = control.enhancedForControl();
            if (enhanced) {
                const t = this.typeOf(enhanced.typeRef(), frame.cls);
                const key = lower(enhanced.id());
                const source = this.evalExpr(enhanced.expression(), frame);
                if (source === null) throw npe();
                let items: ApexValue[];
                if (source instanceof ListValue) {
                    items = source.items;
                    if (source.fromQuery && t.key === 'list') {
                        // SOQL for loop over lists: the rows arrive in chunks of 200
                        items = [];
                        for (let i = 0; i < source.items.length; i += SOQL_FOR_CHUNK) {
                            items.push(
                                new ListValue(
                                    source.elementType,
                                    source.items.slice(i, i + SOQL_FOR_CHUNK),
                                ),
                            );
                        }
                        if (items.length === 0) items.push(new ListValue(source.elementType, []));
                    }
                } else if (source instanceof SetValue) items = [...source.entries.values()];
                else if (source instanceof InstanceValue) items = this.iterate(source);
                else throw unsupported('for-each over something other than a List or Set');
                const size = source instanceof ListValue ? source.items.length : items.length;
                const snapshot = [...items];
                for (const item of snapshot) {
                    frame.scope.vars.set(key, { value: this.coerce(item, t), type: t });
                    if (body) {
                        const c = this.execStatement(body, frame);
                        if (c === BREAK) break;
                        if (c === RETURN) return c;
                    }
                    const now =
                        source instanceof ListValue
                            ? source.items.length
                            : source instanceof SetValue
                              ? source.entries.size
                              : size;
                    if (now !== size) {
                        throw systemException(
                            'FinalException',
                            'Cannot modify a collection while it is being iterated.',
                        );
                    }
                }
                return NORMAL;
            }
            const init = control.forInit();
            if (init) {
                const decl = init.localVariableDeclaration();
                if (decl) this.declareLocals(decl, frame);
                else this.evalArgs(init.expressionList(), frame);
            }
            const cond = control.expression();
            const update = control.forUpdate();
            for (;;) {
                if (cond && !this.evalBoolean(cond, frame)) break;
                if (body) {
                    const c = this.execStatement(body, frame);
                    if (c === BREAK) break;
                    if (c === RETURN) return c;
                }
                if (update) this.evalArgs(update.expressionList(), frame);
            }
            return NORMAL;
        } finally {
            frame.scope = saved;
        }
    }

    /** The items of a user Iterable (its iterator()) or Iterator (hasNext()/next()). */
    private iterate(source: InstanceValue): ApexValue[] {
        let iterator: ApexValue = source;
        if (this.hasUserMethod(source, 'iterator')) {
            iterator = this.callInstanceMethod(source, 'iterator', []) ?? null;
        }
        if (iterator instanceof ListValue) return iterator.items;
        if (!(iterator instanceof InstanceValue) || !this.hasUserMethod(iterator, 'hasnext'))
            throw unsupported('for-each over an object that is not an Iterable or Iterator');
        const items: ApexValue[] = [];
        while (this.callInstanceMethod(iterator, 'hasnext', []) === true) {
            items.push(this.callInstanceMethod(iterator, 'next', []) ?? null);
        }
        return items;
    }

    private execSwitch(s: SwitchStatementContext, frame: Frame): Completion {
        const value = this.evalExpr(s.expression(), frame);
        for (const when of s.whenControl_list()) {
            const wv = when.whenValue();
            if (wv.ELSE()) return this.execBlock(when.block(), frame);
            const typeCtx = wv.typeRef();
            if (typeCtx) {
                // when Account a { … }: matches an SObject (or object) of that type
                const t = this.typeOf(typeCtx, frame.cls);
                if (!this.isInstanceOf(value, t)) continue;
                const saved = frame.scope;
                frame.scope = new Scope(saved);
                frame.scope.vars.set(lower(wv.id()), { value, type: t });
                try {
                    return this.execBlock(when.block(), frame);
                } finally {
                    frame.scope = saved;
                }
            }
            for (const lit of wv.whenLiteral_list()) {
                if (this.whenMatches(value, lit, frame)) return this.execBlock(when.block(), frame);
            }
        }
        return NORMAL;
    }

    private whenMatches(value: ApexValue, lit: WhenLiteralContext, frame: Frame): boolean {
        const inner = lit.whenLiteral();
        if (inner) return this.whenMatches(value, inner, frame);
        if (lit.NULL()) return value === null;
        const qn = lit.qualifiedName();
        if (qn) {
            if (!(value instanceof EnumValue)) {
                if (value === null) return false;
                throw unsupported('switch when-value naming a constant that is not an enum value');
            }
            const ids = qn.id_list();
            const name = (ids[ids.length - 1]?.getText() ?? '').toLowerCase();
            return value.name.toLowerCase() === name;
        }
        const str = lit.StringLiteral();
        if (str) {
            if (typeof value !== 'string') return false;
            const s = unescapeApexString(str.getText());
            if (s === value) return true;
            if (s.toLowerCase() === value.toLowerCase()) {
                throw unsupported(
                    'switch on a String that matches a when-value only when case is ignored',
                );
            }
            return false;
        }
        const text = lit.getText().replace(/^\+/, '');
        const n = parseNumberLiteral(text.replace(/^-+/, ''));
        const literal = text.startsWith('-') && n !== null && isNumeric(n) ? negate(n) : n;
        if (value === null || !isNumeric(value) || literal === null || !isNumeric(literal))
            return false;
        return compareNumbers(value, literal) === 0;
    }

    private execTry(s: TryStatementContext, frame: Frame): Completion {
        let completion: Completion = NORMAL;
        let pending: unknown = null;
        const depth = this.calls.length;
        try {
            completion = this.execBlock(s.block(), frame);
        } catch (e) {
            if (!(e instanceof ApexThrown)) throw e;
            this.unwindTo(depth);
            const clause = this.isCatchable(e)
                ? s
                      .catchClause_list()
                      .find((c) => this.catchMatches(c.qualifiedName().getText(), e, frame))
                : undefined;
            if (clause) {
                const saved = frame.scope;
                frame.scope = new Scope(saved);
                frame.scope.vars.set(lower(clause.id()), {
                    value: e.exception,
                    type: this.namedType(clause.qualifiedName().getText(), [], frame.cls),
                });
                try {
                    completion = this.execBlock(clause.block(), frame);
                } catch (e2) {
                    if (!(e2 instanceof ApexThrown)) throw e2;
                    pending = e2;
                } finally {
                    frame.scope = saved;
                }
            } else {
                pending = e;
            }
        }
        const fin = s.finallyBlock();
        if (fin) {
            const c = this.execBlock(fin.block(), frame);
            if (c !== NORMAL) return c;
        }
        if (pending) throw pending;
        return completion;
    }

    /** System.AssertException and LimitException cannot be caught in Apex. */
    private isCatchable(e: ApexThrown): boolean {
        const key = e.exception.cls.key;
        return (
            key !== 'system.assertexception' &&
            key !== 'system.limitexception' &&
            e.exception.native?.uncatchable !== true
        );
    }

    private catchMatches(typeName: string, e: ApexThrown, frame: Frame): boolean {
        const key = typeName.toLowerCase();
        if (key === 'exception' || key === 'system.exception') return true;
        const user = this.findClass(typeName, frame.cls);
        if (user) return isSubclassOf(e.exception.cls, user.key);
        const builtin = findBuiltinExceptionClass(typeName);
        if (builtin) return isSubclassOf(e.exception.cls, builtin.key);
        throw unsupported(`catch of unknown exception type ${typeName}`);
    }

    // ---------------------------------------------------------------- expressions

    private evalBoolean(e: ExpressionContext, frame: Frame): boolean {
        const v = this.evalExpr(e, frame);
        if (v === null) throw npe();
        if (typeof v !== 'boolean')
            throw new ApexInternalError('condition is not a Boolean', currentLocation.value);
        return v;
    }

    private evalArgs(list: ExpressionListContext | null | undefined, frame: Frame): ApexValue[] {
        if (!list) return [];
        return this.evalList(list.expression_list().map(descOf), frame);
    }

    private evalList(exprs: ExprDesc[] | null, frame: Frame): ApexValue[] {
        if (!exprs || exprs.length === 0) return [];
        const out = new Array<ApexValue>(exprs.length);
        for (let i = 0; i < exprs.length; i++) out[i] = this.evalD(exprs[i] as ExprDesc, frame);
        return out;
    }

    evalExpr(e: ExpressionContext, frame: Frame): ApexValue {
        return this.evalD(descOf(e), frame);
    }

    private evalD(d: ExprDesc, frame: Frame): ApexValue {
        const t = this.evalTargetD(d, frame);
        if (t instanceof TypeMarker)
            throw unsupported(`using the type name ${t.display} as a value`);
        if (t instanceof SuperMarker) throw unsupported('super used as a value');
        if (t === SHORT_CIRCUIT) return null;
        return t as ApexValue;
    }

    private evalBooleanD(d: ExprDesc, frame: Frame): boolean {
        const v = this.evalD(d, frame);
        if (v === null) throw npe();
        if (typeof v !== 'boolean')
            throw new ApexInternalError('condition is not a Boolean', currentLocation.value);
        return v;
    }

    private evalTarget(e: ExpressionContext, frame: Frame): Target {
        return this.evalTargetD(descOf(e), frame);
    }

    private evalTargetD(d: ExprDesc, frame: Frame): Target {
        switch (d.k) {
            case E_PRIMARY:
                return this.evalPrimary(d, frame);
            case E_DOT:
                return this.evalDot(d, frame);
            case E_CALL:
                return this.evalMethodCall(d, frame);
            case E_ARITH:
                return this.binaryArith(d.op as ArithOp, d.A as ExprDesc, d.B as ExprDesc, frame);
            case E_CMP:
                return this.evalCompare(d, frame);
            case E_EQ:
                return this.evalEquality(d, frame);
            case E_AND:
                return (
                    this.evalBooleanD(d.A as ExprDesc, frame) &&
                    this.evalBooleanD(d.B as ExprDesc, frame)
                );
            case E_OR:
                return (
                    this.evalBooleanD(d.A as ExprDesc, frame) ||
                    this.evalBooleanD(d.B as ExprDesc, frame)
                );
            case E_ASSIGN:
                return this.evalAssign(d, frame);
            case E_NEW:
                return this.evalNew(d.creator as CreatorContext, frame);
            case E_CAST:
                return this.cast(
                    this.evalD(d.A as ExprDesc, frame),
                    this.typeOf(d.type as TypeRefContext, frame.cls),
                );
            case E_SUB:
                return this.evalD(d.A as ExprDesc, frame);
            case E_NOT:
                return !this.evalBooleanD(d.A as ExprDesc, frame);
            case E_PREOP: {
                const v = this.evalD(d.A as ExprDesc, frame);
                if (d.op === '+' || d.op === '-') {
                    if (v === null) throw npe();
                    if (!isNumeric(v))
                        throw new ApexInternalError(
                            'unary sign on a non-number',
                            currentLocation.value,
                        );
                    return d.op === '-' ? negate(v) : v;
                }
                const updated = this.increment(v, d.op === '++' ? '+' : '-');
                this.assignTo(d.A as ExprDesc, updated, frame);
                return updated;
            }
            case E_POSTOP: {
                const v = this.evalD(d.A as ExprDesc, frame);
                this.assignTo(d.A as ExprDesc, this.increment(v, d.flag1 ? '+' : '-'), frame);
                return v;
            }
            case E_COND:
                return this.evalBooleanD(d.A as ExprDesc, frame)
                    ? this.evalD(d.B as ExprDesc, frame)
                    : this.evalD(d.C as ExprDesc, frame);
            case E_COAL: {
                const left = this.evalD(d.A as ExprDesc, frame);
                return left !== null ? left : this.evalD(d.B as ExprDesc, frame);
            }
            case E_INDEX: {
                const list = this.evalD(d.A as ExprDesc, frame);
                const index = this.evalD(d.B as ExprDesc, frame);
                if (list === null || index === null) throw npe();
                if (!(list instanceof ListValue) || !(index instanceof IntegerValue)) {
                    throw unsupported('[] on something other than a List with an Integer index');
                }
                return listGet(list, index.v);
            }
            case E_INSTANCEOF:
                return this.isInstanceOf(
                    this.evalD(d.A as ExprDesc, frame),
                    this.typeOf(d.type as TypeRefContext, frame.cls),
                );
        }
        throw unsupported(d.op || `expression '${d.ctx.getText().slice(0, 40)}'`);
    }

    private increment(v: ApexValue, op: '+' | '-'): ApexValue {
        if (v === null) throw npe();
        if (!isNumeric(v))
            throw new ApexInternalError('++/-- on a non-number', currentLocation.value);
        return arith(op, v, new IntegerValue(1));
    }

    private evalPrimary(d: ExprDesc, frame: Frame): Target {
        switch (d.p) {
            case P_LITERAL:
                return this.literal(d.literal as LiteralContext);
            case P_ID: {
                if (d.marker) return d.marker;
                const r = this.resolveName(d.name, frame);
                // a name that is a type here stays one (no variable can come into scope at this spot)
                if (r instanceof TypeMarker && (r.cls || r.builtin || r.native || r.sobject))
                    d.marker = r;
                return r;
            }
            case P_THIS:
                if (!frame.thisObj)
                    throw new ApexInternalError('this in a static context', currentLocation.value);
                return frame.thisObj;
            case P_SUPER:
                return new SuperMarker();
            case P_SOQL:
                if (!this.host) throw unsupported('SOQL query');
                return this.host.soql(d.query as QueryContext, (x) => this.evalExpr(x, frame));
            case P_TYPE: {
                const type = this.typeOf(d.type as TypeRefContext, frame.cls);
                const native = this.natives.find('System.Type');
                const made = native?.construct?.([], [type]);
                if (made === undefined) throw unsupported(`${type.display}.class`);
                return made;
            }
        }
        const p = (d.ctx as PrimaryExpressionContext).primary();
        if (p instanceof SoslPrimaryContext) throw unsupported('SOSL search');
        const fenced = fenceOf(p) ?? fenceOf(p.getChild(0) as ApexParserRuleContext);
        if (fenced) throw unsupported(fenced);
        throw unsupported(`'${p.getText().slice(0, 40)}'`);
    }

    private literal(lit: LiteralContext): ApexValue {
        const node = lit as LiteralContext & { [LITERAL]?: { v: ApexValue } };
        const cached = node[LITERAL];
        if (cached) return cached.v;
        let v: ApexValue;
        if (lit.NULL()) v = null;
        else if (lit.BooleanLiteral()) v = lit.getText().toLowerCase() === 'true';
        else if (lit.StringLiteral()) v = unescapeApexString(lit.getText());
        else if (lit.MultilineStringLiteral()) throw unsupported('multiline string literal');
        else v = parseNumberLiteral(lit.getText());
        node[LITERAL] = { v };
        return v;
    }

    /** A simple name: local variable, field, static field, class or built-in namespace. */
    private resolveName(name: string, frame: Frame): Target {
        const key = name.toLowerCase();
        const local = frame.scope.lookup(key);
        if (local) return local.value;
        if (frame.thisObj) {
            const found = this.findInstanceField(frame.thisObj.cls, key);
            if (found) return this.readInstanceField(frame.thisObj, found, frame);
        }
        for (let c: ClassInfo | null = frame.cls; c; c = c.outer) {
            const sf = this.findStaticField(c, key);
            if (sf) return this.readStaticField(sf.owner, sf.decl, frame);
        }
        return this.typeMarker(name, frame.cls);
    }

    /** A variable visible from a frame (local, field, static), or undefined. */
    private variableOf(name: string, frame: Frame): ApexValue | undefined {
        const key = name.toLowerCase();
        const local = frame.scope.lookup(key);
        if (local) return local.value;
        if (frame.thisObj) {
            const found = this.findInstanceField(frame.thisObj.cls, key);
            if (found) return this.readInstanceField(frame.thisObj, found, frame);
        }
        for (let c: ClassInfo | null = frame.cls; c; c = c.outer) {
            const sf = this.findStaticField(c, key);
            if (sf) return this.readStaticField(sf.owner, sf.decl, frame);
        }
        return undefined;
    }

    private typeMarker(name: string, from: ClassInfo | null): TypeMarker {
        const cls = this.findClass(name, from);
        if (cls) return new TypeMarker(cls.name, cls, null);
        let key = name.toLowerCase();
        if (key.startsWith('system.') && BUILTIN_CLASSES.has(key.slice(7))) key = key.slice(7);
        const native = this.natives.find(name) ?? null;
        if (BUILTIN_CLASSES.has(key)) return new TypeMarker(name, null, key, native);
        if (native) return new TypeMarker(native.name, null, null, native);
        const sobject = this.schema.findType(name);
        if (sobject) return new TypeMarker(sobject.name, null, null, null, sobject);
        return new TypeMarker(name, null, null);
    }

    private evalDot(d: ExprDesc, frame: Frame): Target {
        const inner = d.A as ExprDesc;
        if (d.flag1 && d.key === 'adderror') {
            const id = inner;
            if (id.k === E_DOT && !id.flag1) {
                // record.Field__c.addError('…'): an error on that field of the record
                const owner = this.evalTargetD(id.A as ExprDesc, frame);
                if (owner instanceof SObjectValue && this.host) {
                    const args = this.evalList(d.ARGS, frame);
                    return this.host.sobjectMethod(owner, 'adderror', [id.name, ...args]) ?? null;
                }
                if (owner === SHORT_CIRCUIT) return SHORT_CIRCUIT;
                if (owner === null) {
                    if (id.flag2) return SHORT_CIRCUIT;
                    throw npe();
                }
                const value = this.readMember(owner, id.name, frame);
                if (value === null || value === SHORT_CIRCUIT) {
                    if (value === null && !d.flag2) throw npe();
                    return SHORT_CIRCUIT;
                }
                return this.callMethodOn(
                    value as ApexValue,
                    d.name,
                    this.evalList(d.ARGS, frame),
                    frame,
                );
            }
        }
        const target = this.evalTargetD(inner, frame);
        if (target === SHORT_CIRCUIT) return SHORT_CIRCUIT;
        if (target === null) {
            if (d.flag2) return SHORT_CIRCUIT;
            throw npe();
        }
        if (d.flag1) return this.callMethodOn(target, d.name, this.evalList(d.ARGS, frame), frame);
        return this.readMember(target, d.name, frame);
    }

    private readMember(
        target: ApexValue | TypeMarker | SuperMarker,
        name: string,
        frame: Frame | null,
    ): Target {
        const key = name.toLowerCase();
        if (target instanceof TypeMarker) return this.markerMember(target, name, frame);
        if (target instanceof ListValue && target.fromQuery)
            return this.readMember(this.singleRow(target), name, frame);
        if (target instanceof SObjectValue) {
            if (!hasMember(this.schema, target, name) && this.host) {
                // e.g. a variable named like its type: `account.SObjectType`
                const r = this.host.sobjectTypeMember(typeSchemaOf(this.schema, target), name);
                if (r !== undefined) return r;
            }
            return readField(this.schema, target, name, true);
        }
        if (target instanceof InstanceValue) {
            const found = this.findInstanceField(target.cls, key);
            if (found) return this.readInstanceField(target, found, frame);
            if (target.cls instanceof ClassInfo) {
                const sf = this.findStaticField(target.cls, key);
                if (sf) return this.readStaticField(sf.owner, sf.decl, frame);
            }
            throw unsupported(`unknown field ${target.cls.name}.${name}`);
        }
        if (target instanceof NativeValue) {
            const r = target.type.member?.(target, key);
            if (r !== undefined) return r;
            throw unsupported(`${target.type.name}.${name}`);
        }
        if (target instanceof SuperMarker) throw unsupported('super.field');
        throw unsupported(`field access .${name} on a ${target === null ? 'null' : typeof target}`);
    }

    private markerMember(m: TypeMarker, name: string, frame: Frame | null): Target {
        const key = name.toLowerCase();
        if (m.cls) {
            const cls = m.cls;
            if (cls.isEnum) {
                const idx = cls.enumConstants.findIndex((c) => c.toLowerCase() === key);
                if (idx >= 0)
                    return new EnumValue(cls.key, cls.name, cls.enumConstants[idx] ?? name, idx);
            }
            const sf = this.findStaticField(cls, key);
            if (sf) return this.readStaticField(sf.owner, sf.decl, frame);
            const inner = this.findClass(name, cls);
            if (inner && inner.outer) return new TypeMarker(inner.name, inner, null);
            throw unsupported(`unknown static member ${cls.name}.${name}`);
        }
        if (m.builtin === 'roundingmode') {
            const mode = ROUNDING_MODE_NAMES.find((r) => r.toLowerCase() === key);
            if (!mode) throw unsupported(`System.RoundingMode.${name}`);
            return new EnumValue(
                ROUNDING_MODE_TYPE_KEY,
                'System.RoundingMode',
                mode,
                ROUNDING_MODE_NAMES.indexOf(mode),
            );
        }
        if (m.native) {
            const r = m.native.staticMember?.(name);
            if (r !== undefined) return r;
        }
        if (m.sobject) {
            const r = this.host?.sobjectTypeMember(m.sobject, name);
            if (r !== undefined) return r;
            throw unsupported(`${m.sobject.name}.${name}`);
        }
        const path = `${m.display}.${name}`;
        const marker = this.typeMarker(path, null);
        if (marker.cls || marker.builtin || marker.native) return marker;
        // `Schema.Account`, `System.Account`: the namespace in front of an SObject type
        const ns = m.display.toLowerCase();
        if ((ns === 'schema' || ns === 'system') && !m.native?.staticMember?.(name)) {
            const sobject = this.schema.findType(name);
            if (sobject) return new TypeMarker(sobject.name, null, null, null, sobject);
        }
        if ((m.builtin && m.builtin !== 'system') || m.native) throw unsupported(path);
        return marker;
    }

    private evalMethodCall(d: ExprDesc, frame: Frame): ApexValue {
        if (d.flag1) {
            throw unsupported('this(...)/super(...) outside the first line of a constructor');
        }
        const name = d.name;
        const key = d.key;
        const args = this.evalList(d.ARGS, frame);
        for (let c: ClassInfo | null = frame.cls; c; c = c.outer) {
            const candidates = this.methodsNamed(c, key, c !== frame.cls);
            if (candidates.length === 0) continue;
            const m = this.selectMethod(candidates, args);
            if (!m)
                throw new ApexInternalError(
                    `no overload of ${name} accepts these arguments`,
                    currentLocation.value,
                );
            if (m.isStatic) {
                this.ensureStaticInit(m.cls);
                return this.invoke(m, null, args);
            }
            if (!frame.thisObj)
                throw new ApexInternalError(
                    `instance method ${name} called from a static context`,
                    currentLocation.value,
                );
            return this.callInstanceMethod(frame.thisObj, key, args) ?? null;
        }
        throw unsupported(`call of unknown method ${name}()`);
    }

    private callMethodOn(
        target: ApexValue | TypeMarker | SuperMarker,
        name: string,
        args: ApexValue[],
        frame: Frame,
    ): ApexValue {
        const key = name.toLowerCase();
        if (target instanceof TypeMarker) return this.callStaticOn(target, name, args, frame);
        if (target instanceof SuperMarker) {
            const sup = frame.cls.superClass;
            if (!(sup instanceof ClassInfo) || !frame.thisObj) {
                const r = frame.thisObj
                    ? this.callExceptionMethod(frame.thisObj, key, args)
                    : undefined;
                if (r !== undefined) return r;
                throw unsupported(`super.${name}()`);
            }
            const m = this.selectMethod(
                this.methodsNamed(sup, key, false).filter((x) => x.body),
                args,
            );
            if (!m) throw new ApexInternalError(`no super method ${name}`, currentLocation.value);
            return this.invoke(m, frame.thisObj, args);
        }
        if (target === null) throw npe();
        let result: ApexValue | undefined;
        if (typeof target === 'string') {
            result = callStringMethod(target, key, args);
            if (result === undefined) result = this.host?.idMethod(target, key, args);
        } else if (target instanceof ListValue) {
            if (key === 'sort' && args.length === 1) {
                const compare = this.comparatorOf(args[0] ?? null);
                target.items.sort((a, b) => compare(a, b));
                return null;
            }
            result = callListMethod(target, key, args, this.compareUser);
            if (result === undefined && key === 'getsobjecttype' && this.host) {
                result = this.host.sobjectTypeMember(
                    this.schema.findType(target.elementType.key) ??
                        (() => {
                            throw unsupported('getSObjectType() of a List<SObject>');
                        })(),
                    'SObjectType',
                );
            }
        } else if (target instanceof MapValue) result = callMapMethod(target, key, args);
        else if (target instanceof SetValue) result = callSetMethod(target, key, args);
        else if (target instanceof SObjectValue) result = this.callSObjectMethod(target, key, args);
        else if (target instanceof NativeValue) result = target.type.method?.(target, key, args);
        else if (target instanceof InstanceValue) {
            result = this.callInstanceMethod(target, key, args);
            if (result === undefined) result = this.callExceptionMethod(target, key, args);
            if (result === undefined && key === 'equals') result = target === args[0];
            if (result === undefined && key === 'hashcode') result = new IntegerValue(0);
            if (result === undefined && key === 'tostring') result = this.toDisplayString(target);
        } else result = callPrimitiveMethod(target, key, args);
        if (result === undefined)
            throw unsupported(`method ${name}() on a ${this.describeType(target)}`);
        return result;
    }

    private describeType(v: ApexValue): string {
        if (v === null) return 'null';
        if (typeof v === 'string') return 'String';
        if (typeof v === 'boolean') return 'Boolean';
        if (v instanceof NativeValue) return v.type.name;
        if (v instanceof SObjectValue) return v.type.name;
        if (v instanceof InstanceValue) return v.cls.name;
        return v.constructor.name.replace(/Value$/, '');
    }

    private callStaticOn(m: TypeMarker, name: string, args: ApexValue[], frame: Frame): ApexValue {
        const key = name.toLowerCase();
        if (m.cls) {
            const cls = m.cls;
            if (cls.isEnum) {
                if (key === 'values') {
                    return new ListValue(
                        { key: cls.key, display: cls.name, args: [] },
                        cls.enumConstants.map((c, i) => new EnumValue(cls.key, cls.name, c, i)),
                    );
                }
                if (key === 'valueof') {
                    const text = args[0];
                    if (typeof text !== 'string') throw npe();
                    const idx = cls.enumConstants.findIndex((c) => c === text);
                    if (idx < 0) {
                        if (cls.enumConstants.some((c) => c.toLowerCase() === text.toLowerCase())) {
                            throw unsupported(
                                `${cls.name}.valueOf with a name that differs only in case`,
                            );
                        }
                        return null;
                    }
                    return new EnumValue(cls.key, cls.name, cls.enumConstants[idx] ?? text, idx);
                }
            }
            this.ensureStaticInit(cls);
            const candidates = this.methodsNamed(cls, key, true);
            const method = this.selectMethod(candidates, args);
            if (!method) throw unsupported(`call of unknown static method ${cls.name}.${name}()`);
            return this.invoke(method, null, args);
        }
        if (m.native) {
            const native = m.native;
            if (native.enumConstants && (key === 'values' || key === 'valueof')) {
                const typeKey = canonicalTypeKey(native.name);
                const all = native.enumConstants.map(
                    (c, i) => new EnumValue(typeKey, native.name, c, i),
                );
                if (key === 'values')
                    return new ListValue({ key: typeKey, display: native.name, args: [] }, all);
                return all.find((v) => v.name === args[0]) ?? null;
            }
            const r = native.staticMethod?.(key, args, {
                callerClass: this.topLevelOf(frame.cls).key,
                variable: (variable) => this.variableOf(variable, frame),
            });
            if (r !== undefined) return r;
        }
        if (m.builtin) {
            const r = callBuiltinStatic(m.builtin, key, args);
            if (r !== undefined) return r;
        }
        if (m.sobject) {
            const r = this.host?.sobjectTypeStatic(m.sobject, key, args);
            if (r !== undefined) return r;
            throw unsupported(`${m.sobject.name}.${name}()`);
        }
        throw unsupported(`${m.display}.${name}()`);
    }

    private callSObjectMethod(
        rec: SObjectValue,
        key: string,
        args: ApexValue[],
    ): ApexValue | undefined {
        const a0 = args[0] ?? null;
        const fieldName = (v: ApexValue, what: string): string => {
            if (typeof v === 'string') {
                // Namespace mode: no doc page says SObject.get/put resolve an unqualified
                // string in the package's namespace (only SOQL's default namespace is
                // documented), so the local org fences it rather than guess.
                const namespace = this.schema.packageNamespace?.();
                if (namespace?.isUnqualifiedCustom(v))
                    throw namespace.fence(
                        `SObject.${what}('${v}')`,
                        v,
                        'the field API name in the package is ' +
                            `${namespace.qualify(v)} and no doc confirms that a string resolves in the package's namespace`,
                    );
                return v;
            }
            if (
                v instanceof NativeValue &&
                v.type.typeKeys.includes('sobjectfield') &&
                v.type.toString
            )
                return v.type.toString(v);
            if (v === null) throw npe();
            throw unsupported(`SObject.${what} with this argument`);
        };
        // the key a record stores a field under: unqualified, also in namespace mode
        const storedKey = (name: string): string => {
            const namespace = this.schema.packageNamespace?.();
            return (namespace ? namespace.localName(name) : name).toLowerCase();
        };
        switch (key) {
            case 'get':
                return readField(this.schema, rec, fieldName(a0, 'get'), false);
            case 'put': {
                const name = fieldName(a0, 'put');
                const previous = rec.fields.get(storedKey(name))?.value ?? null;
                writeField(this.schema, rec, name, args[1] ?? null, true);
                return previous;
            }
            case 'getsobject': {
                const name = fieldName(a0, 'getSObject');
                const type = typeSchemaOf(this.schema, rec);
                if (!type.parents.has(storedKey(name)))
                    throw systemException('SObjectException', `Invalid relationship ${name}`);
                return readField(this.schema, rec, name, false);
            }
            case 'getsobjects': {
                const name = fieldName(a0, 'getSObjects');
                const type = typeSchemaOf(this.schema, rec);
                if (!type.children.has(storedKey(name)))
                    throw systemException(
                        'SObjectException',
                        `Invalid aggregate relationship ${name}`,
                    );
                return readField(this.schema, rec, name, false);
            }
            case 'putsobject': {
                const name = fieldName(a0, 'putSObject');
                const previous = rec.fields.get(storedKey(name))?.value ?? null;
                writeField(this.schema, rec, name, args[1] ?? null, true);
                return previous;
            }
            case 'getpopulatedfieldsasmap': {
                const namespace = this.schema.packageNamespace?.();
                const custom = [...rec.fields.values()].find((f) =>
                    namespace?.isUnqualifiedCustom(f.name),
                );
                if (namespace && custom)
                    throw namespace.fence(
                        'SObject.getPopulatedFieldsAsMap()',
                        custom.name,
                        'whether its keys carry the namespace is not documented',
                    );
                const map = new MapValue(typeRef('String'), OBJECT_TYPE, new Map());
                for (const f of rec.fields.values()) mapPut(map, f.name, f.value);
                return map;
            }
            case 'isset': {
                const name = fieldName(a0, 'isSet');
                return rec.fields.has(storedKey(name));
            }
            case 'clone': {
                if (args.length > 1 && args[1] === true)
                    throw unsupported('SObject.clone(…, true) (deep clone)');
                const preserveId = a0 === true;
                const copy = new SObjectValue(rec.type);
                for (const [k, f] of rec.fields) {
                    if (k === 'id' && !preserveId) continue;
                    copy.fields.set(k, { ...f });
                }
                copy.queried = rec.queried;
                return copy;
            }
            case 'equals':
                return valuesEqual(rec, a0, false);
            case 'hashcode':
                return new IntegerValue(0);
            default:
                return this.host?.sobjectMethod(rec, key, args);
        }
    }

    // ---------------------------------------------------------------- operators

    private staticTypeOf(d: ExprDesc, frame: Frame): TypeRef | null {
        if (d.k === E_PRIMARY) {
            if (d.p === P_ID) {
                const key = d.key;
                const local = frame.scope.lookup(key);
                if (local) return local.type;
                if (frame.thisObj) {
                    const f = this.findInstanceField(frame.thisObj.cls, key);
                    if (f) return this.typeOf(f.decl.typeCtx, f.owner);
                }
                const sf = this.findStaticField(frame.cls, key);
                if (sf) return this.typeOf(sf.decl.typeCtx, sf.owner);
            }
            if (d.p === P_LITERAL && d.literal?.StringLiteral()) {
                return { key: 'string', display: 'String', args: [] };
            }
        }
        if (d.k === E_SUB) return this.staticTypeOf(d.A as ExprDesc, frame);
        return null;
    }

    private binaryArith(op: ArithOp, le: ExprDesc, re: ExprDesc, frame: Frame): ApexValue {
        const a = this.evalD(le, frame);
        const b = this.evalD(re, frame);
        if (op === '+') {
            const aIsString =
                typeof a === 'string' ||
                (a === null && this.staticTypeOf(le, frame)?.key === 'string');
            const bIsString =
                typeof b === 'string' ||
                (b === null && this.staticTypeOf(re, frame)?.key === 'string');
            if (aIsString || bIsString) return concatString(a) + concatString(b);
        }
        if (a === null || b === null) throw npe();
        if (isNumeric(a) && isNumeric(b)) return arith(op, a, b);
        if (a instanceof DateValue && b instanceof IntegerValue && (op === '+' || op === '-')) {
            return addDays(a, op === '+' ? b.v : -b.v);
        }
        throw unsupported(`operator ${op} on ${this.describeType(a)} and ${this.describeType(b)}`);
    }

    private evalCompare(d: ExprDesc, frame: Frame): boolean {
        const a = this.evalD(d.A as ExprDesc, frame);
        const b = this.evalD(d.B as ExprDesc, frame);
        const op = d.op;
        let c: number;
        if (a === null || b === null) {
            // Expression Operators: a null Integer, Double, Date or Datetime makes the comparison
            // false; a non-null String or Id is always greater than a null one.
            const other = a ?? b;
            if (typeof other !== 'string') return false;
            c = a === null ? -1 : 1;
        } else if (isNumeric(a) && isNumeric(b)) c = compareNumbers(a, b);
        else if (a instanceof DateValue && b instanceof DateValue) c = compareDates(a, b);
        else if (a instanceof DatetimeValue && b instanceof DatetimeValue)
            c = Math.sign(a.ms - b.ms);
        else if (typeof a === 'string' && typeof b === 'string')
            c = Math.sign(javaCompare(a.toLowerCase(), b.toLowerCase()));
        else
            throw unsupported(
                `comparison ${op} on ${this.describeType(a)} and ${this.describeType(b)}`,
            );
        switch (op) {
            case '<':
                return c < 0;
            case '<=':
                return c <= 0;
            case '>':
                return c > 0;
            default:
                return c >= 0;
        }
    }

    private evalEquality(d: ExprDesc, frame: Frame): boolean {
        const a = this.evalD(d.A as ExprDesc, frame);
        const b = this.evalD(d.B as ExprDesc, frame);
        if (d.flag1) {
            const reference =
                a === null ||
                b === null ||
                (typeof a === 'object' &&
                    !isNumeric(a) &&
                    !(a instanceof DateValue) &&
                    !(a instanceof DatetimeValue) &&
                    !(a instanceof EnumValue));
            if (!reference) throw unsupported('=== / !== on primitive values');
            const same = a === b;
            return d.flag2 ? !same : same;
        }
        let equal: boolean;
        if (a instanceof InstanceValue && b !== null && this.hasUserMethod(a, 'equals')) {
            equal = this.callInstanceMethod(a, 'equals', [b]) === true;
        } else {
            equal = valuesEqual(a, b, true);
        }
        return d.flag2 ? !equal : equal;
    }

    private hasUserMethod(obj: InstanceValue, key: string): boolean {
        for (let c: ClassRef | null = obj.cls; c instanceof ClassInfo; c = c.superClass) {
            if (c.methods.has(key)) return true;
        }
        return false;
    }

    private evalAssign(d: ExprDesc, frame: Frame): ApexValue {
        const target = d.A as ExprDesc;
        const rhs = d.B as ExprDesc;
        if (d.op === '=') return this.assignTo(target, this.evalD(rhs, frame), frame);
        if (d.op === 'bitwise') throw unsupported('bitwise compound assignment');
        const v = this.binaryArith(d.op as ArithOp, target, rhs, frame);
        return this.assignTo(target, v, frame);
    }

    /** Stores into a variable, field, static field, SObject field or list element; returns the stored value. */
    private assignTo(target: ExprDesc, value: ApexValue, frame: Frame): ApexValue {
        if (target.k === E_PRIMARY) {
            if (target.p !== P_ID) throw unsupported('assignment to this expression');
            const key = target.key;
            const local = frame.scope.lookup(key);
            if (local) {
                local.value = this.coerce(value, local.type);
                return local.value;
            }
            if (frame.thisObj) {
                const f = this.findInstanceField(frame.thisObj.cls, key);
                if (f) return this.writeInstanceField(frame.thisObj, f, value, frame);
            }
            for (let c: ClassInfo | null = frame.cls; c; c = c.outer) {
                const sf = this.findStaticField(c, key);
                if (sf) return this.writeStaticField(sf.owner, sf.decl, value, frame);
            }
            throw new ApexInternalError(
                `assignment to unknown variable ${target.name}`,
                currentLocation.value,
            );
        }
        if (target.k === E_DOT && !target.flag1) {
            const obj = this.evalTargetD(target.A as ExprDesc, frame);
            const name = target.name;
            const key = target.key;
            if (obj === null) throw npe();
            if (obj instanceof SObjectValue) {
                writeField(this.schema, obj, name, value);
                return readField(this.schema, obj, name, false);
            }
            if (obj instanceof InstanceValue) {
                const f = this.findInstanceField(obj.cls, key);
                if (f) return this.writeInstanceField(obj, f, value, frame);
                if (obj.cls instanceof ClassInfo) {
                    const sf = this.findStaticField(obj.cls, key);
                    if (sf) return this.writeStaticField(sf.owner, sf.decl, value, frame);
                }
                throw unsupported(`unknown field ${obj.cls.name}.${name}`);
            }
            if (obj instanceof TypeMarker && obj.cls) {
                const sf = this.findStaticField(obj.cls, key);
                if (sf) return this.writeStaticField(sf.owner, sf.decl, value, frame);
            }
            throw unsupported(`assignment to .${name}`);
        }
        if (target.k === E_INDEX) {
            const list = this.evalD(target.A as ExprDesc, frame);
            const index = this.evalD(target.B as ExprDesc, frame);
            if (list === null || index === null) throw npe();
            if (!(list instanceof ListValue) || !(index instanceof IntegerValue))
                throw unsupported('[]= on a non-List');
            listSet(list, index.v, value);
            return listGet(list, index.v);
        }
        if (target.k === E_SUB) return this.assignTo(target.A as ExprDesc, value, frame);
        throw unsupported('assignment to this expression');
    }

    // ---------------------------------------------------------------- new

    /** The parts of `new X<…>(…)` every evaluation needs, read once (see ExprDesc). */
    private newHead(creator: CreatorContext, frame: Frame): NewHead {
        const node = creator as CreatorContext & { [NEW]?: NewHead };
        let head = node[NEW];
        if (head === undefined) {
            const pairs = creator.createdName().idCreatedNamePair_list();
            const name = pairs.map((p) => text(p.anyId())).join('.');
            const last = pairs[pairs.length - 1];
            const rest = creator.classCreatorRest();
            head = {
                name,
                key: name.toLowerCase(),
                typeArgs: (last?.typeList()?.typeRef_list() ?? []).map((t) =>
                    this.typeOf(t, frame.cls),
                ),
                args: rest ? expressionsOf(rest.arguments().expressionList()).map(descOf) : null,
                cls: this.findClass(name, frame.cls) ?? null,
            };
            node[NEW] = head;
        }
        return head;
    }

    private evalNew(creator: CreatorContext, frame: Frame): ApexValue {
        const head = this.newHead(creator, frame);
        const name = head.name;
        const typeArgs = head.typeArgs;
        const key = head.key;

        const arrayRest = creator.arrayCreatorRest();
        if (arrayRest) {
            const elementType = this.namedType(name, typeArgs, frame.cls);
            const sizeExpr = arrayRest.expression();
            if (sizeExpr) {
                const size = this.evalExpr(sizeExpr, frame);
                if (!(size instanceof IntegerValue)) throw npe();
                return new ListValue(elementType, new Array<ApexValue>(size.v).fill(null));
            }
            const init = arrayRest.arrayInitializer();
            const items = init ? init.expression_list().map((x) => this.evalExpr(x, frame)) : [];
            return newList(elementType, items);
        }

        if (key === 'list' || key === 'set') {
            const elementType = typeArgs[0] ?? OBJECT_TYPE;
            let items: ApexValue[] = [];
            const braces = creator.setCreatorRest();
            if (braces) items = braces.expression_list().map((x) => this.evalExpr(x, frame));
            const rest = creator.classCreatorRest();
            if (rest) {
                const args = this.evalArgs(rest.arguments().expressionList(), frame);
                if (args.length === 1) {
                    const src = args[0] ?? null;
                    if (src === null) {
                        // new List<T>(null) is an empty list; new Set<T>(null) throws
                        if (key === 'set') throw npe();
                    } else if (src instanceof ListValue) items = [...src.items];
                    else if (src instanceof SetValue) items = [...src.entries.values()];
                    else if (src instanceof IntegerValue && key === 'list') items = [];
                    else
                        throw unsupported(
                            `new ${name}(...) from something other than a List or Set`,
                        );
                } else if (args.length > 1)
                    throw unsupported(`new ${name} with ${args.length} arguments`);
            }
            if (creator.mapCreatorRest()) throw unsupported(`new ${name} with map initializer`);
            return key === 'list' ? newList(elementType, items) : newSet(elementType, items);
        }
        if (key === 'map') {
            const map = new MapValue(
                typeArgs[0] ?? OBJECT_TYPE,
                typeArgs[1] ?? OBJECT_TYPE,
                new Map(),
            );
            const pairsRest = creator.mapCreatorRest();
            if (pairsRest) {
                for (const pair of pairsRest.mapCreatorRestPair_list()) {
                    mapPut(
                        map,
                        this.evalExpr(pair.expression(0), frame),
                        this.evalExpr(pair.expression(1), frame),
                    );
                }
            }
            const rest = creator.classCreatorRest();
            if (rest) {
                const args = this.evalArgs(rest.arguments().expressionList(), frame);
                if (args.length === 1) {
                    const src = args[0] ?? null;
                    if (src === null) throw npe();
                    if (src instanceof MapValue) {
                        for (const entry of src.entries.values())
                            mapPut(map, entry.key, entry.value);
                    } else if (src instanceof ListValue) {
                        // new Map<Id, SObject>(records): keyed by each record's Id
                        for (const item of src.items) {
                            if (!(item instanceof SObjectValue))
                                throw unsupported('new Map(List) of something other than SObjects');
                            const id = item.fields.get('id')?.value ?? null;
                            if (id === null)
                                throw systemException(
                                    'ListException',
                                    'Row with null Id at index: ' + src.items.indexOf(item),
                                );
                            mapPut(map, id, item);
                        }
                    } else
                        throw unsupported('new Map(...) from something other than a Map or List');
                } else if (args.length > 1) throw unsupported('new Map with several arguments');
            }
            return map;
        }

        const cls = head.cls;
        if (cls) {
            if (creator.noRest() || creator.setCreatorRest() || creator.mapCreatorRest()) {
                throw unsupported(`new ${name}{...}`);
            }
            return this.construct(cls, this.evalList(head.args, frame));
        }
        const builtinException = findBuiltinExceptionClass(name);
        if (builtinException) {
            const args = this.evalArgs(
                creator.classCreatorRest()?.arguments().expressionList(),
                frame,
            );
            const ex = newException(builtinException, null);
            this.runConstructor(builtinException, ex, args);
            if (builtinException.key === 'system.aurahandledexception') {
                // the client receives the constructor's message; getMessage() does not (until setMessage)
                ex.native = { scriptThrown: true, auraMessage: ex.message };
            }
            return ex;
        }
        const sobjectType = this.schema.findType(name);
        if (sobjectType) {
            const rec = new SObjectValue(sobjectType);
            for (const arg of head.args ?? []) {
                if (arg.k !== E_ASSIGN || arg.op !== '=' || (arg.A as ExprDesc).k !== E_PRIMARY) {
                    throw unsupported(`new ${name}(...) with positional arguments`);
                }
                writeField(
                    this.schema,
                    rec,
                    (arg.A as ExprDesc).name,
                    this.evalD(arg.B as ExprDesc, frame),
                );
            }
            return rec;
        }
        const native = this.natives.find(name);
        if (native?.construct) {
            const args = this.evalArgs(
                creator.classCreatorRest()?.arguments().expressionList(),
                frame,
            );
            const made = native.construct(args, typeArgs);
            if (made !== undefined) return made;
        }
        throw unsupported(`new ${name}(...) (unknown class or SObject type)`);
    }

    // ---------------------------------------------------------------- helpers for the runtime

    /** The label a thrown exception prints as (`System.DmlException: message`). */
    toDisplayString(v: ApexValue): string {
        return concatString(v);
    }

    /** Evaluates an expression of a class's static context (used for dynamic SOQL binds). */
    readStatic(cls: ClassInfo, key: string): ApexValue | undefined {
        const sf = this.findStaticField(cls, key);
        return sf ? this.readStaticField(sf.owner, sf.decl, null) : undefined;
    }
}

export { TypeMarker };

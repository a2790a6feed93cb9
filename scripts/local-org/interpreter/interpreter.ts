// The evaluator: statements, expressions, method calls, objects and exceptions.
// It walks the ANTLR parse tree directly (each class file is parsed once at load).
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
    DoWhileStatementContext,
    DotExpressionContext,
    EqualityExpressionContext,
    ExpressionStatementContext,
    ForStatementContext,
    IdPrimaryContext,
    IfStatementContext,
    InstanceOfExpressionContext,
    LiteralPrimaryContext,
    LocalVariableDeclarationStatementContext,
    LogAndExpressionContext,
    LogOrExpressionContext,
    MethodCallExpressionContext,
    MethodDeclarationContext,
    NegExpressionContext,
    NewExpressionContext,
    PostOpExpressionContext,
    PreOpExpressionContext,
    PrimaryExpressionContext,
    ReturnStatementContext,
    SubExpressionContext,
    SuperPrimaryContext,
    SwitchStatementContext,
    ThisPrimaryContext,
    ThrowStatementContext,
    TryStatementContext,
    WhileStatementContext,
} from '@apexdevtools/apex-parser';
import type {
    ApexParserRuleContext,
    CreatorContext,
    ExpressionContext,
    ExpressionListContext,
    LiteralContext,
    LocalVariableDeclarationContext,
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
import { arith, compareNumbers, negate, numKind, parseNumberLiteral } from './numbers.ts';
import type { ArithOp } from './numbers.ts';
import { findSObjectType, readField, writeField } from './sobjects.ts';
import type { SObjectSchema } from './sobjects.ts';
import { callStringMethod, concatString } from './text.ts';
import {
    DateValue,
    DatetimeValue,
    EnumValue,
    InstanceValue,
    IntegerValue,
    ListValue,
    MapValue,
    OBJECT_TYPE,
    SObjectValue,
    SetValue,
    isNumeric,
} from './values.ts';
import type { ApexValue, ClassRef, TypeRef } from './values.ts';

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

/** Platform interfaces a calculator may implement (List.sort calls compareTo). */
const SUPPORTED_PLATFORM_INTERFACES = new Set(['comparable', 'system.comparable']);

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
}

/** A class or namespace name met while evaluating a dotted expression (e.g. `Math`, `System.RoundingMode`). */
class TypeMarker {
    constructor(
        readonly display: string,
        readonly cls: ClassInfo | null,
        readonly builtin: string | null,
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

function unescapeApexString(text: string): string {
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

export class Interpreter {
    readonly classes = new Map<string, ClassInfo>();
    private readonly typeCache = new WeakMap<object, TypeRef>();
    private readonly literalCache = new WeakMap<object, ApexValue>();
    private depth = 0;

    constructor(readonly schema: SObjectSchema) {}

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
                if (SUPPORTED_PLATFORM_INTERFACES.has(name.toLowerCase())) return 'comparable';
                const top = this.topLevelOf(cls);
                top.violations.push({
                    construct: `implementing the platform interface ${name}`,
                    location: locationOf(cls.file, t),
                });
                return name.toLowerCase();
            });
        }
    }

    // ---------------------------------------------------------------- classes and types

    findClass(name: string, from: ClassInfo | null): ClassInfo | undefined {
        const key = name.toLowerCase();
        for (let c: ClassInfo | null = from; c; c = c.outer) {
            const inner = c.inner.get(key);
            if (inner) return inner;
            if (c.key === key && !c.outer) return c;
        }
        // walk superclass chains for inherited inner classes is outside the subset
        return this.classes.get(key);
    }

    typeOf(ctx: TypeRefContext, from: ClassInfo): TypeRef {
        const cached = this.typeCache.get(ctx);
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
        this.typeCache.set(ctx, t);
        return t;
    }

    private namedType(name: string, args: TypeRef[], from: ClassInfo | null): TypeRef {
        let key = name.toLowerCase();
        if (
            key.startsWith('system.') &&
            (isPrimitiveTypeKey(key.slice(7)) || key === 'system.object')
        ) {
            key = key.slice(7);
        }
        const cls = this.findClass(key, from);
        if (cls) return { key: cls.key, display: cls.name, args };
        const display = args.length > 0 ? `${name}<${args.map((a) => a.display).join(',')}>` : name;
        return { key, display, args };
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
        if (v instanceof SObjectValue)
            return v.type.name.toLowerCase() === key.replace(/^schema\./, '');
        if (v instanceof EnumValue) return v.typeKey === key;
        if (v instanceof InstanceValue) {
            if (key === 'exception' || key === 'system.exception')
                return isSubclassOf(v.cls, EXCEPTION_CLASS.key);
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
            return (
                w.key === 'sobject' &&
                a !== undefined &&
                findSObjectType(this.schema, a.key) !== undefined
            );
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

    /** Assignment conversion: numbers widen; other values are checked only when the target is primitive. */
    coerce(v: ApexValue, t: TypeRef): ApexValue {
        if (v === null) return null;
        return coercePrimitive(v, t);
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
        if (this.isInstanceOf(v, t)) return v;
        throw invalidConversion(v, t);
    }

    // ---------------------------------------------------------------- static state

    ensureStaticInit(cls: ClassInfo): void {
        if (cls.staticInitDone) return;
        cls.staticInitDone = true;
        if (cls.outer) this.ensureStaticInit(cls.outer);
        const frame = this.newFrame(cls, null);
        for (const member of cls.members) {
            if (!member.isStatic) continue;
            if ('block' in member) {
                this.execBlock((member as InitBlock).block, frame);
            } else {
                const f = member as FieldDecl;
                cls.staticValues.set(
                    f.key,
                    f.init
                        ? this.coerce(this.evalExpr(f.init, frame), this.typeOf(f.typeCtx, cls))
                        : null,
                );
            }
        }
    }

    private newFrame(cls: ClassInfo, thisObj: InstanceValue | null): Frame {
        return { cls, thisObj, scope: new Scope(null), returnValue: null };
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

    private methodsNamed(cls: ClassInfo, key: string, staticOnly: boolean): MethodDecl[] {
        const found: MethodDecl[] = [];
        for (let c: ClassRef | null = cls; c instanceof ClassInfo; c = c.superClass) {
            for (const m of c.methods.get(key) ?? []) {
                if (!staticOnly || m.isStatic) found.push(m);
            }
        }
        return found;
    }

    /** Picks the overload whose parameter types best accept the runtime arguments. */
    private selectMethod(candidates: MethodDecl[], args: ApexValue[]): MethodDecl | undefined {
        const sameArity = candidates.filter((m) => m.params.length === args.length);
        // one overload of this arity: the Apex compiler already checked the argument types
        if (sameArity.length === 1) return sameArity[0];
        let best: MethodDecl | undefined;
        let bestScore = -1;
        for (const m of candidates) {
            if (m.params.length !== args.length) continue;
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
        return this.isInstanceOf(v, t) ? 3 : -1;
    }

    invoke(method: MethodDecl, thisObj: InstanceValue | null, args: ApexValue[]): ApexValue {
        if (!method.body) {
            throw new ApexInternalError(
                `abstract method ${method.cls.name}.${method.name} called`,
                method.loc,
            );
        }
        if (this.depth >= MAX_STACK_DEPTH) {
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
        const saved = currentLocation.value;
        this.depth++;
        try {
            this.execBlock(method.body, frame);
        } finally {
            this.depth--;
        }
        currentLocation.value = saved;
        return frame.returnValue;
    }

    /** Virtual dispatch of an instance method on a user object. */
    private callInstanceMethod(
        obj: InstanceValue,
        key: string,
        args: ApexValue[],
    ): ApexValue | undefined {
        for (let c: ClassRef | null = obj.cls; c instanceof ClassInfo; c = c.superClass) {
            const m = this.selectMethod(
                (c.methods.get(key) ?? []).filter((x) => x.body !== null),
                args,
            );
            if (m) return this.invoke(m, m.isStatic ? null : obj, args);
        }
        return undefined;
    }

    private callExceptionMethod(
        obj: InstanceValue,
        key: string,
        args: ApexValue[],
    ): ApexValue | undefined {
        if (!isSubclassOf(obj.cls, EXCEPTION_CLASS.key)) return undefined;
        switch (key) {
            case 'getmessage':
                return obj.message;
            case 'gettypename':
                return obj.cls.name;
            case 'getcause':
                return obj.cause;
            case 'setmessage':
                obj.message = (args[0] ?? null) as string | null;
                return null;
            case 'initcause':
                obj.cause = args[0] ?? null;
                return null;
            default:
                throw unsupported(`Exception.${key}()`);
        }
    }

    /** Comparable.compareTo for List.sort of user objects. */
    private compareUser = (a: InstanceValue, b: InstanceValue): number => {
        const r = this.callInstanceMethod(a, 'compareto', [b]);
        if (!(r instanceof IntegerValue))
            throw unsupported('List.sort of objects that do not implement Comparable');
        return r.v;
    };

    // ---------------------------------------------------------------- construction

    construct(cls: ClassInfo, args: ApexValue[]): InstanceValue {
        if (cls.isInterface || cls.isEnum)
            throw new ApexInternalError(`cannot instantiate ${cls.name}`);
        const obj = new InstanceValue(cls);
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
        const statements = ctor.body.statement_list();
        const first = statements[0];
        const chained = first ? this.chainedConstructorCall(first) : null;
        if (chained && chained.kind === 'this') {
            this.runConstructor(cls, obj, this.evalArgs(chained.args, frame));
        } else {
            const superArgs = chained ? this.evalArgs(chained.args, frame) : [];
            if (cls.superClass) this.runConstructor(cls.superClass, obj, superArgs);
            this.initInstanceFields(cls, obj);
        }
        const saved = currentLocation.value;
        this.depth++;
        try {
            for (let i = chained ? 1 : 0; i < statements.length; i++) {
                const c = this.execStatement(statements[i] as StatementContext, frame);
                if (c === RETURN) break;
            }
        } finally {
            this.depth--;
        }
        currentLocation.value = saved;
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
                obj.fields.set(
                    f.key,
                    f.init
                        ? this.coerce(this.evalExpr(f.init, frame), this.typeOf(f.typeCtx, cls))
                        : null,
                );
            }
        }
    }

    // ---------------------------------------------------------------- statements

    execBlock(block: BlockContext, frame: Frame): Completion {
        const saved = frame.scope;
        frame.scope = new Scope(saved);
        try {
            for (const st of block.statement_list()) {
                const c = this.execStatement(st, frame);
                if (c !== NORMAL) return c;
            }
            return NORMAL;
        } finally {
            frame.scope = saved;
        }
    }

    private readonly statementCache = new WeakMap<
        StatementContext,
        { node: unknown; loc: SourceLocation }
    >();

    private execStatement(st: StatementContext, frame: Frame): Completion {
        let cached = this.statementCache.get(st);
        if (!cached) {
            cached = { node: st.getChild(0), loc: locationOf(frame.cls.file, st) };
            this.statementCache.set(st, cached);
        }
        currentLocation.value = cached.loc;
        const s = cached.node;
        if (s instanceof ExpressionStatementContext) {
            this.evalExpr(s.expression(), frame);
            return NORMAL;
        }
        if (s instanceof LocalVariableDeclarationStatementContext) {
            this.declareLocals(s.localVariableDeclaration(), frame);
            return NORMAL;
        }
        if (s instanceof IfStatementContext) {
            const cond = this.evalBoolean(s.parExpression().expression(), frame);
            if (cond) return this.execStatement(s.statement(0), frame);
            const elseSt = s.statement(1);
            return elseSt ? this.execStatement(elseSt, frame) : NORMAL;
        }
        if (s instanceof ReturnStatementContext) {
            const e = s.expression();
            if (e) {
                const v = this.evalExpr(e, frame);
                frame.returnValue = v;
                const method = this.enclosingMethodReturnType(s, frame);
                if (method) frame.returnValue = this.coerce(v, method);
            }
            return RETURN;
        }
        if (s instanceof BlockContext) return this.execBlock(s, frame);
        if (s instanceof ForStatementContext) return this.execFor(s, frame);
        if (s instanceof WhileStatementContext) {
            const body = s.statement();
            while (this.evalBoolean(s.parExpression().expression(), frame)) {
                if (!body) continue;
                const c = this.execStatement(body, frame);
                if (c === BREAK) break;
                if (c === RETURN) return c;
            }
            return NORMAL;
        }
        if (s instanceof DoWhileStatementContext) {
            do {
                const c = this.execBlock(s.block(), frame);
                if (c === BREAK) break;
                if (c === RETURN) return c;
            } while (this.evalBoolean(s.parExpression().expression(), frame));
            return NORMAL;
        }
        if (s instanceof SwitchStatementContext) return this.execSwitch(s, frame);
        if (s instanceof TryStatementContext) return this.execTry(s, frame);
        if (s instanceof ThrowStatementContext) {
            const v = this.evalExpr(s.expression(), frame);
            if (v === null) throw npe();
            if (!(v instanceof InstanceValue) || !isSubclassOf(v.cls, EXCEPTION_CLASS.key)) {
                throw new ApexInternalError(
                    'throw of a value that is not an exception',
                    currentLocation.value,
                );
            }
            throw new ApexThrown(v);
        }
        if (s instanceof BreakStatementContext) return BREAK;
        if (s instanceof ContinueStatementContext) return CONTINUE;
        const fenced = fenceOf(s as ApexParserRuleContext);
        throw unsupported(fenced ?? `statement '${st.getText().slice(0, 40)}'`);
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
                if (source instanceof ListValue) items = source.items;
                else if (source instanceof SetValue) items = [...source.entries.values()];
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

    private execSwitch(s: SwitchStatementContext, frame: Frame): Completion {
        const value = this.evalExpr(s.expression(), frame);
        for (const when of s.whenControl_list()) {
            const wv = when.whenValue();
            if (wv.ELSE()) return this.execBlock(when.block(), frame);
            if (wv.typeRef()) throw unsupported('switch on an SObject type (when Type variable)');
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
        try {
            completion = this.execBlock(s.block(), frame);
        } catch (e) {
            if (!(e instanceof ApexThrown)) throw e;
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
                    type: {
                        key: clause.qualifiedName().getText().toLowerCase(),
                        display: clause.qualifiedName().getText(),
                        args: [],
                    },
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
        return key !== 'system.assertexception' && key !== 'system.limitexception';
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
        return list.expression_list().map((x) => this.evalExpr(x, frame));
    }

    evalExpr(e: ExpressionContext, frame: Frame): ApexValue {
        const t = this.evalTarget(e, frame);
        if (t instanceof TypeMarker)
            throw unsupported(`using the type name ${t.display} as a value`);
        if (t instanceof SuperMarker) throw unsupported('super used as a value');
        if (t === SHORT_CIRCUIT) return null;
        return t as ApexValue;
    }

    private evalTarget(e: ExpressionContext, frame: Frame): Target {
        if (e instanceof PrimaryExpressionContext) return this.evalPrimary(e, frame);
        if (e instanceof DotExpressionContext) return this.evalDot(e, frame);
        if (e instanceof MethodCallExpressionContext) return this.evalMethodCall(e, frame);
        if (e instanceof Arth1ExpressionContext || e instanceof Arth2ExpressionContext) {
            const op = text(e.getChild(1)) as ArithOp;
            return this.binaryArith(op, e.expression(0), e.expression(1), frame);
        }
        if (e instanceof CmpExpressionContext) return this.evalCompare(e, frame);
        if (e instanceof EqualityExpressionContext) return this.evalEquality(e, frame);
        if (e instanceof LogAndExpressionContext) {
            return (
                this.evalBoolean(e.expression(0), frame) && this.evalBoolean(e.expression(1), frame)
            );
        }
        if (e instanceof LogOrExpressionContext) {
            return (
                this.evalBoolean(e.expression(0), frame) || this.evalBoolean(e.expression(1), frame)
            );
        }
        if (e instanceof AssignExpressionContext) return this.evalAssign(e, frame);
        if (e instanceof NewExpressionContext) return this.evalNew(e.creator(), frame);
        if (e instanceof CastExpressionContext) {
            return this.cast(
                this.evalExpr(e.expression(), frame),
                this.typeOf(e.typeRef(), frame.cls),
            );
        }
        if (e instanceof SubExpressionContext) return this.evalExpr(e.expression(), frame);
        if (e instanceof NegExpressionContext) {
            if (e.TILDE()) throw unsupported('bitwise ~');
            return !this.evalBoolean(e.expression(), frame);
        }
        if (e instanceof PreOpExpressionContext) {
            const v = this.evalExpr(e.expression(), frame);
            if (e.ADD() || e.SUB()) {
                if (v === null) throw npe();
                if (!isNumeric(v))
                    throw new ApexInternalError(
                        'unary sign on a non-number',
                        currentLocation.value,
                    );
                return e.SUB() ? negate(v) : v;
            }
            const updated = this.increment(v, e.INC() ? '+' : '-');
            this.assignTo(e.expression(), updated, frame);
            return updated;
        }
        if (e instanceof PostOpExpressionContext) {
            const v = this.evalExpr(e.expression(), frame);
            this.assignTo(e.expression(), this.increment(v, e.INC() ? '+' : '-'), frame);
            return v;
        }
        if (e instanceof CondExpressionContext) {
            return this.evalBoolean(e.expression(0), frame)
                ? this.evalExpr(e.expression(1), frame)
                : this.evalExpr(e.expression(2), frame);
        }
        if (e instanceof CoalExpressionContext) {
            const left = this.evalExpr(e.expression(0), frame);
            return left !== null ? left : this.evalExpr(e.expression(1), frame);
        }
        if (e instanceof ArrayExpressionContext) {
            const list = this.evalExpr(e.expression(0), frame);
            const index = this.evalExpr(e.expression(1), frame);
            if (list === null || index === null) throw npe();
            if (!(list instanceof ListValue) || !(index instanceof IntegerValue)) {
                throw unsupported('[] on something other than a List with an Integer index');
            }
            return listGet(list, index.v);
        }
        if (e instanceof InstanceOfExpressionContext) {
            return this.isInstanceOf(
                this.evalExpr(e.expression(), frame),
                this.typeOf(e.typeRef(), frame.cls),
            );
        }
        if (
            e instanceof BitExpressionContext ||
            e instanceof BitAndExpressionContext ||
            e instanceof BitOrExpressionContext ||
            e instanceof BitNotExpressionContext
        ) {
            throw unsupported('bitwise operator');
        }
        throw unsupported(`expression '${e.getText().slice(0, 40)}'`);
    }

    private increment(v: ApexValue, op: '+' | '-'): ApexValue {
        if (v === null) throw npe();
        if (!isNumeric(v))
            throw new ApexInternalError('++/-- on a non-number', currentLocation.value);
        return arith(op, v, new IntegerValue(1));
    }

    private evalPrimary(e: PrimaryExpressionContext, frame: Frame): Target {
        const p = e.primary();
        if (p instanceof LiteralPrimaryContext) return this.literal(p.literal());
        if (p instanceof IdPrimaryContext) return this.resolveName(text(p.id()), frame);
        if (p instanceof ThisPrimaryContext) {
            if (!frame.thisObj)
                throw new ApexInternalError('this in a static context', currentLocation.value);
            return frame.thisObj;
        }
        if (p instanceof SuperPrimaryContext) return new SuperMarker();
        const fenced = fenceOf(p) ?? fenceOf(p.getChild(0) as ApexParserRuleContext);
        if (fenced) throw unsupported(fenced);
        throw unsupported(`'${p.getText().slice(0, 40)}'`);
    }

    private literal(lit: LiteralContext): ApexValue {
        if (this.literalCache.has(lit)) return this.literalCache.get(lit) ?? null;
        let v: ApexValue;
        if (lit.NULL()) v = null;
        else if (lit.BooleanLiteral()) v = lit.getText().toLowerCase() === 'true';
        else if (lit.StringLiteral()) v = unescapeApexString(lit.getText());
        else if (lit.MultilineStringLiteral()) throw unsupported('multiline string literal');
        else v = parseNumberLiteral(lit.getText());
        this.literalCache.set(lit, v);
        return v;
    }

    /** A simple name: local variable, field, static field, class or built-in namespace. */
    private resolveName(name: string, frame: Frame): Target {
        const key = name.toLowerCase();
        const local = frame.scope.lookup(key);
        if (local) return local.value;
        if (frame.thisObj && this.findInstanceField(frame.thisObj.cls, key)) {
            return this.readInstanceField(frame.thisObj, key);
        }
        for (let c: ClassInfo | null = frame.cls; c; c = c.outer) {
            const sf = this.findStaticField(c, key);
            if (sf) return this.readStaticField(sf.owner, key);
        }
        return this.typeMarker(name, frame.cls);
    }

    private typeMarker(name: string, from: ClassInfo | null): TypeMarker {
        const cls = this.findClass(name, from);
        if (cls) return new TypeMarker(cls.name, cls, null);
        let key = name.toLowerCase();
        if (key.startsWith('system.') && BUILTIN_CLASSES.has(key.slice(7))) key = key.slice(7);
        if (BUILTIN_CLASSES.has(key)) return new TypeMarker(name, null, key);
        return new TypeMarker(name, null, null);
    }

    private readStaticField(owner: ClassInfo, key: string): ApexValue {
        this.ensureStaticInit(owner);
        const decl = owner.fields.get(key);
        if (decl?.fenced) throw unsupported(decl.fenced);
        return owner.staticValues.get(key) ?? null;
    }

    private readInstanceField(obj: InstanceValue, key: string): ApexValue {
        const found = this.findInstanceField(obj.cls, key);
        if (found?.decl.fenced) throw unsupported(found.decl.fenced);
        return obj.fields.get(key) ?? null;
    }

    private evalDot(e: DotExpressionContext, frame: Frame): Target {
        const target = this.evalTarget(e.expression(), frame);
        if (target === SHORT_CIRCUIT) return SHORT_CIRCUIT;
        if (target === null) {
            if (e.QUESTIONDOT() !== null) return SHORT_CIRCUIT;
            throw npe();
        }
        const call = e.dotMethodCall();
        if (call) {
            const args = this.evalArgs(call.expressionList(), frame);
            return this.callMethodOn(target, text(call.anyId()), args, frame);
        }
        return this.readMember(target, text(e.anyId()));
    }

    private readMember(target: ApexValue | TypeMarker | SuperMarker, name: string): Target {
        const key = name.toLowerCase();
        if (target instanceof TypeMarker) return this.markerMember(target, name);
        if (target instanceof SObjectValue) return readField(this.schema, target, name, true);
        if (target instanceof InstanceValue) {
            if (this.findInstanceField(target.cls, key)) return this.readInstanceField(target, key);
            if (target.cls instanceof ClassInfo) {
                const sf = this.findStaticField(target.cls, key);
                if (sf) return this.readStaticField(sf.owner, key);
            }
            throw unsupported(`unknown field ${target.cls.name}.${name}`);
        }
        if (target instanceof SuperMarker) throw unsupported('super.field');
        throw unsupported(`field access .${name} on a ${target === null ? 'null' : typeof target}`);
    }

    private markerMember(m: TypeMarker, name: string): Target {
        const key = name.toLowerCase();
        if (m.cls) {
            const cls = m.cls;
            if (cls.isEnum) {
                const idx = cls.enumConstants.findIndex((c) => c.toLowerCase() === key);
                if (idx >= 0)
                    return new EnumValue(cls.key, cls.name, cls.enumConstants[idx] ?? name, idx);
            }
            const sf = this.findStaticField(cls, key);
            if (sf) return this.readStaticField(sf.owner, key);
            const inner = cls.inner.get(key);
            if (inner) return new TypeMarker(inner.name, inner, null);
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
        const path = `${m.display}.${name}`;
        const marker = this.typeMarker(path, null);
        if (marker.cls || marker.builtin) return marker;
        if (m.builtin && m.builtin !== 'system') throw unsupported(`${path}`);
        return marker;
    }

    private evalMethodCall(e: MethodCallExpressionContext, frame: Frame): ApexValue {
        const call = e.methodCall();
        if (call.THIS() || call.SUPER()) {
            throw unsupported('this(...)/super(...) outside the first line of a constructor');
        }
        const name = text(call.id());
        const key = name.toLowerCase();
        const args = this.evalArgs(call.expressionList(), frame);
        for (let c: ClassInfo | null = frame.cls; c; c = c.outer) {
            const candidates = this.methodsNamed(c, key, c !== frame.cls);
            if (candidates.length === 0) continue;
            const m = this.selectMethod(candidates, args);
            if (!m)
                throw new ApexInternalError(
                    `no overload of ${name} accepts these arguments`,
                    currentLocation.value,
                );
            if (m.isStatic) return this.invoke(m, null, args);
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
        if (target instanceof TypeMarker) return this.callStaticOn(target, name, args);
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
        if (typeof target === 'string') result = callStringMethod(target, key, args);
        else if (target instanceof ListValue)
            result = callListMethod(target, key, args, this.compareUser);
        else if (target instanceof MapValue) result = callMapMethod(target, key, args);
        else if (target instanceof SetValue) result = callSetMethod(target, key, args);
        else if (target instanceof SObjectValue) result = this.callSObjectMethod(target, key, args);
        else if (target instanceof InstanceValue) {
            result = this.callInstanceMethod(target, key, args);
            if (result === undefined) result = this.callExceptionMethod(target, key, args);
            if (result === undefined && key === 'equals') result = target === args[0];
        } else result = callPrimitiveMethod(target, key, args);
        if (result === undefined)
            throw unsupported(`method ${name}() on a ${this.describeType(target)}`);
        return result;
    }

    private describeType(v: ApexValue): string {
        if (v === null) return 'null';
        if (typeof v === 'string') return 'String';
        if (typeof v === 'boolean') return 'Boolean';
        return v.constructor.name.replace(/Value$/, '');
    }

    private callStaticOn(m: TypeMarker, name: string, args: ApexValue[]): ApexValue {
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
        if (m.builtin) {
            const r = callBuiltinStatic(m.builtin, key, args);
            if (r !== undefined) return r;
        }
        const fenced = m.display.toLowerCase().split('.')[0] ?? '';
        throw unsupported(
            `${m.display}.${name}()${fenced === 'database' || fenced === 'schema' ? '' : ''}`,
        );
    }

    private callSObjectMethod(
        rec: SObjectValue,
        key: string,
        args: ApexValue[],
    ): ApexValue | undefined {
        const a0 = args[0] ?? null;
        switch (key) {
            case 'get':
                if (typeof a0 !== 'string')
                    throw unsupported('SObject.get with a non-String field name');
                return readField(this.schema, rec, a0, false);
            case 'put': {
                if (typeof a0 !== 'string')
                    throw unsupported('SObject.put with a non-String field name');
                const previous = readField(this.schema, rec, a0, false);
                writeField(this.schema, rec, a0, args[1] ?? null, true);
                return previous;
            }
            case 'getsobject': {
                if (typeof a0 !== 'string')
                    throw unsupported('SObject.getSObject with a non-String name');
                const v = readField(this.schema, rec, a0, false);
                if (v !== null && !(v instanceof SObjectValue))
                    throw systemException('SObjectException', `Invalid relationship ${a0}`);
                return v;
            }
            case 'clone':
                if (args.length > 0) throw unsupported('SObject.clone with arguments');
                {
                    const copy = new SObjectValue(rec.type);
                    for (const [k, f] of rec.fields) if (k !== 'id') copy.fields.set(k, { ...f });
                    return copy;
                }
            default:
                throw unsupported(`SObject method ${key}()`);
        }
    }

    // ---------------------------------------------------------------- operators

    private staticTypeOf(e: ExpressionContext, frame: Frame): TypeRef | null {
        if (e instanceof PrimaryExpressionContext) {
            const p = e.primary();
            if (p instanceof IdPrimaryContext) {
                const key = lower(p.id());
                const local = frame.scope.lookup(key);
                if (local) return local.type;
                if (frame.thisObj) {
                    const f = this.findInstanceField(frame.thisObj.cls, key);
                    if (f) return this.typeOf(f.decl.typeCtx, f.owner);
                }
                const sf = this.findStaticField(frame.cls, key);
                if (sf) return this.typeOf(sf.decl.typeCtx, sf.owner);
            }
            if (p instanceof LiteralPrimaryContext && p.literal().StringLiteral()) {
                return { key: 'string', display: 'String', args: [] };
            }
        }
        if (e instanceof SubExpressionContext) return this.staticTypeOf(e.expression(), frame);
        return null;
    }

    private binaryArith(
        op: ArithOp,
        le: ExpressionContext,
        re: ExpressionContext,
        frame: Frame,
    ): ApexValue {
        const a = this.evalExpr(le, frame);
        const b = this.evalExpr(re, frame);
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

    private evalCompare(e: CmpExpressionContext, frame: Frame): boolean {
        const a = this.evalExpr(e.expression(0), frame);
        const b = this.evalExpr(e.expression(1), frame);
        const op = (e.GT() ? '>' : '<') + (e.ASSIGN() ? '=' : '');
        if (a === null || b === null) throw npe();
        let c: number;
        if (isNumeric(a) && isNumeric(b)) c = compareNumbers(a, b);
        else if (a instanceof DateValue && b instanceof DateValue) c = compareDates(a, b);
        else if (a instanceof DatetimeValue && b instanceof DatetimeValue)
            c = Math.sign(a.ms - b.ms);
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

    private evalEquality(e: EqualityExpressionContext, frame: Frame): boolean {
        const a = this.evalExpr(e.expression(0), frame);
        const b = this.evalExpr(e.expression(1), frame);
        if (e.TRIPLEEQUAL() || e.TRIPLENOTEQUAL()) {
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
            return e.TRIPLEEQUAL() ? same : !same;
        }
        let equal: boolean;
        if (a instanceof InstanceValue && b !== null && this.hasUserMethod(a, 'equals')) {
            equal = this.callInstanceMethod(a, 'equals', [b]) === true;
        } else {
            equal = valuesEqual(a, b, true);
        }
        return e.EQUAL() ? equal : !equal;
    }

    private hasUserMethod(obj: InstanceValue, key: string): boolean {
        for (let c: ClassRef | null = obj.cls; c instanceof ClassInfo; c = c.superClass) {
            if (c.methods.has(key)) return true;
        }
        return false;
    }

    private evalAssign(e: AssignExpressionContext, frame: Frame): ApexValue {
        const target = e.expression(0);
        const rhs = e.expression(1);
        if (e.ASSIGN()) {
            const v = this.evalExpr(rhs, frame);
            return this.assignTo(target, v, frame);
        }
        let op: ArithOp;
        if (e.ADD_ASSIGN()) op = '+';
        else if (e.SUB_ASSIGN()) op = '-';
        else if (e.MUL_ASSIGN()) op = '*';
        else if (e.DIV_ASSIGN()) op = '/';
        else throw unsupported('bitwise compound assignment');
        const v = this.binaryArith(op, target, rhs, frame);
        return this.assignTo(target, v, frame);
    }

    /** Stores into a variable, field, static field, SObject field or list element; returns the stored value. */
    private assignTo(target: ExpressionContext, value: ApexValue, frame: Frame): ApexValue {
        if (target instanceof PrimaryExpressionContext) {
            const p = target.primary();
            if (!(p instanceof IdPrimaryContext))
                throw unsupported('assignment to this expression');
            const key = lower(p.id());
            const local = frame.scope.lookup(key);
            if (local) {
                local.value = this.coerce(value, local.type);
                return local.value;
            }
            if (frame.thisObj) {
                const f = this.findInstanceField(frame.thisObj.cls, key);
                if (f) return this.writeInstanceField(frame.thisObj, f, value);
            }
            for (let c: ClassInfo | null = frame.cls; c; c = c.outer) {
                const sf = this.findStaticField(c, key);
                if (sf) return this.writeStaticField(sf.owner, sf.decl, value);
            }
            throw new ApexInternalError(
                `assignment to unknown variable ${p.getText()}`,
                currentLocation.value,
            );
        }
        if (target instanceof DotExpressionContext && !target.dotMethodCall()) {
            const obj = this.evalTarget(target.expression(), frame);
            const name = text(target.anyId());
            const key = name.toLowerCase();
            if (obj === null) throw npe();
            if (obj instanceof SObjectValue) {
                writeField(this.schema, obj, name, value);
                return readField(this.schema, obj, name, false);
            }
            if (obj instanceof InstanceValue) {
                const f = this.findInstanceField(obj.cls, key);
                if (f) return this.writeInstanceField(obj, f, value);
                throw unsupported(`unknown field ${obj.cls.name}.${name}`);
            }
            if (obj instanceof TypeMarker && obj.cls) {
                const sf = this.findStaticField(obj.cls, key);
                if (sf) return this.writeStaticField(sf.owner, sf.decl, value);
            }
            throw unsupported(`assignment to .${name}`);
        }
        if (target instanceof ArrayExpressionContext) {
            const list = this.evalExpr(target.expression(0), frame);
            const index = this.evalExpr(target.expression(1), frame);
            if (list === null || index === null) throw npe();
            if (!(list instanceof ListValue) || !(index instanceof IntegerValue))
                throw unsupported('[]= on a non-List');
            listSet(list, index.v, value);
            return listGet(list, index.v);
        }
        if (target instanceof SubExpressionContext)
            return this.assignTo(target.expression(), value, frame);
        throw unsupported('assignment to this expression');
    }

    private writeInstanceField(
        obj: InstanceValue,
        f: { owner: ClassInfo; decl: FieldDecl },
        value: ApexValue,
    ): ApexValue {
        if (f.decl.fenced) throw unsupported(f.decl.fenced);
        const v = this.coerce(value, this.typeOf(f.decl.typeCtx, f.owner));
        obj.fields.set(f.decl.key, v);
        return v;
    }

    private writeStaticField(owner: ClassInfo, decl: FieldDecl, value: ApexValue): ApexValue {
        if (decl.fenced) throw unsupported(decl.fenced);
        this.ensureStaticInit(owner);
        const v = this.coerce(value, this.typeOf(decl.typeCtx, owner));
        owner.staticValues.set(decl.key, v);
        return v;
    }

    // ---------------------------------------------------------------- new

    private evalNew(creator: CreatorContext, frame: Frame): ApexValue {
        const pairs = creator.createdName().idCreatedNamePair_list();
        const name = pairs.map((p) => text(p.anyId())).join('.');
        const last = pairs[pairs.length - 1];
        const typeArgs =
            last
                ?.typeList()
                ?.typeRef_list()
                .map((t) => this.typeOf(t, frame.cls)) ?? [];
        const key = name.toLowerCase();

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
                    if (src === null) throw npe();
                    if (src instanceof ListValue) items = [...src.items];
                    else if (src instanceof SetValue) items = [...src.entries.values()];
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
                    if (!(src instanceof MapValue))
                        throw unsupported('new Map(...) from a List of SObjects or non-Map');
                    for (const entry of src.entries.values()) mapPut(map, entry.key, entry.value);
                } else if (args.length > 1) throw unsupported('new Map with several arguments');
            }
            return map;
        }

        const cls = this.findClass(name, frame.cls);
        if (cls) {
            if (creator.noRest() || creator.setCreatorRest() || creator.mapCreatorRest()) {
                throw unsupported(`new ${name}{...}`);
            }
            const args = this.evalArgs(
                creator.classCreatorRest()?.arguments().expressionList(),
                frame,
            );
            this.ensureStaticInit(cls);
            return this.construct(cls, args);
        }
        const builtinException = findBuiltinExceptionClass(name);
        if (builtinException) {
            const args = this.evalArgs(
                creator.classCreatorRest()?.arguments().expressionList(),
                frame,
            );
            const ex = newException(builtinException, null);
            this.runConstructor(builtinException, ex, args);
            return ex;
        }
        const sobjectType = findSObjectType(this.schema, name);
        if (sobjectType) {
            const rec = new SObjectValue(sobjectType);
            const list = creator.classCreatorRest()?.arguments().expressionList();
            for (const arg of list?.expression_list() ?? []) {
                if (!(arg instanceof AssignExpressionContext) || !arg.ASSIGN()) {
                    throw unsupported(`new ${name}(...) with positional arguments`);
                }
                const fieldName = text(arg.expression(0));
                writeField(this.schema, rec, fieldName, this.evalExpr(arg.expression(1), frame));
            }
            return rec;
        }
        throw unsupported(`new ${name}(...) (unknown class or SObject type)`);
    }
}

export { TypeMarker };

// Loading Apex class files into ClassInfo tables: members, constructors, inner classes,
// enums, interfaces, and the load-time fence scan (SOQL, DML, async, platform APIs).
import {
    ApexErrorListener,
    ApexParserFactory,
    AnnotationContext,
    ClassDeclarationContext,
    DeleteStatementContext,
    DotExpressionContext,
    EnumDeclarationContext,
    FieldDeclarationContext,
    IdPrimaryContext,
    InsertStatementContext,
    MergeStatementContext,
    StatementContext,
    RunAsStatementContext,
    SoqlLiteralContext,
    SoslLiteralContext,
    TypeRefContext,
    UndeleteStatementContext,
    UpdateStatementContext,
    UpsertStatementContext,
} from '@apexdevtools/apex-parser';
import type {
    ApexParseTree,
    ApexParserRuleContext,
    CompilationUnitContext,
    ExpressionContext,
    BlockContext,
    ConstructorDeclarationContext,
    FormalParametersContext,
    InterfaceDeclarationContext,
    MethodDeclarationContext,
    ModifierContext,
    PropertyDeclarationContext,
    TriggerUnitContext,
} from '@apexdevtools/apex-parser';
import { ApexLoadError } from './errors.ts';
import type { SourceLocation } from './errors.ts';
import type { ApexValue, ClassRef, TypeRef } from './values.ts';

/** Annotations of a declaration: lower-case name -> lower-case parameter -> written value. */
export type Annotations = Map<string, Map<string, string>>;

export interface FieldDecl {
    name: string;
    key: string;
    typeCtx: TypeRefContext;
    init: ExpressionContext | null;
    isStatic: boolean;
    isFinal: boolean;
    /** Set for constructs of a field the evaluator cannot run. */
    fenced: string | null;
    /** Properties: the get/set code blocks (null for `get;`/`set;` and for plain fields). */
    getter: BlockContext | null;
    setter: BlockContext | null;
    isProperty: boolean;
    annotations: Annotations;
    loc: SourceLocation;
}

export interface ParamDecl {
    name: string;
    key: string;
    typeCtx: TypeRefContext;
}

export interface MethodDecl {
    name: string;
    key: string;
    params: ParamDecl[];
    returnTypeCtx: TypeRefContext | null; // null for void and constructors
    body: BlockContext | null;
    isStatic: boolean;
    cls: ClassInfo;
    loc: SourceLocation;
    annotations: Annotations;
    /** Lower-case keyword modifiers (public, global, testmethod …). */
    modifiers: Set<string>;
}

export interface InitBlock {
    isStatic: boolean;
    block: BlockContext;
}

export interface FenceViolation {
    construct: string;
    location: SourceLocation;
}

export class ClassInfo implements ClassRef {
    superClass: ClassRef | null = null;
    interfaceKeys: string[] = [];
    readonly members: Array<FieldDecl | InitBlock> = [];
    readonly fields = new Map<string, FieldDecl>();
    readonly methods = new Map<string, MethodDecl[]>();
    readonly ctors: MethodDecl[] = [];
    readonly inner = new Map<string, ClassInfo>();
    readonly enumConstants: string[] = [];
    readonly staticValues = new Map<string, ApexValue>();
    staticInitDone = false;
    superTypeCtx: TypeRefContext | null = null;
    interfaceTypeCtxs: TypeRefContext[] = [];
    isInterface = false;
    isEnum = false;
    readonly violations: FenceViolation[] = [];
    annotations: Annotations = new Map();
    modifiers = new Set<string>();
    /** Lines holding executable code of this file (top-level classes and triggers only). */
    coverableLines = new Set<number>();
    /** Triggers: the object, the events (e.g. 'before insert') and the body statements. */
    trigger: { objectName: string; events: string[]; body: StatementContext[] } | null = null;

    /** `@IsTest` on the class (test classes and test utilities such as data factories). */
    get isTest(): boolean {
        return this.annotations.has('istest');
    }

    constructor(
        readonly key: string,
        readonly name: string,
        readonly file: string,
        readonly outer: ClassInfo | null,
        readonly line: number,
    ) {}
}

/** Names whose use (as the first part of a dotted name or a type) is a platform API outside the subset. */
const FENCED_NAMES: Record<string, string> = {
    database: 'Database.* (DML/SOQL API)',
    schema: 'Schema describe',
    http: 'HTTP callout',
    httprequest: 'HTTP callout',
    httpresponse: 'HTTP callout',
    limits: 'Limits.*',
    userinfo: 'UserInfo.*',
    messaging: 'Messaging.*',
    eventbus: 'EventBus.*',
    json: 'JSON.*',
    test: 'Test.*',
    queueable: 'Queueable (async)',
    schedulable: 'Schedulable (async)',
    crypto: 'Crypto.*',
    encodingutil: 'EncodingUtil.*',
    url: 'URL.*',
    type: 'Type.forName / reflection',
};

/** For fenced names that could also be a variable, the members that make them the platform API. */
const AMBIGUOUS_MEMBERS: Record<string, string[]> = {
    json: [
        'serialize',
        'serializepretty',
        'deserialize',
        'deserializestrict',
        'deserializeuntyped',
        'createparser',
        'creategenerator',
    ],
    type: ['forname'],
    test: [
        'starttest',
        'stoptest',
        'isrunningtest',
        'setmock',
        'loaddata',
        'setcurrentpage',
        'getstandardpricebookid',
        'setfixedsearchresults',
        'enqueuebatchjobs',
        'getflexqueueorder',
        'setreadonlyapplicationmode',
    ],
    url: ['getorgdomainurl', 'getsalesforcebaseurl', 'getcurrentrequesturl', 'getfiledfieldurl'],
    limits: [
        'getqueries',
        'getlimitqueries',
        'getdmlstatements',
        'getlimitdmlstatements',
        'getdmlrows',
        'getqueryrows',
        'getcputime',
        'getlimitcputime',
        'getheapsize',
        'getlimitheapsize',
    ],
};

const FENCED_SYSTEM_METHODS: Record<string, string> = {
    enqueuejob: 'System.enqueueJob (async)',
    schedule: 'System.schedule (async)',
    schedulebatch: 'System.scheduleBatch (async)',
    runas: 'System.runAs',
    today: 'System.today()',
    now: 'System.now()',
};

export function locationOf(file: string, ctx: ApexParserRuleContext): SourceLocation {
    return { file, line: ctx.start.line };
}

class CollectingErrorListener extends ApexErrorListener {
    readonly errors: Array<{ line: number; msg: string }> = [];
    apexSyntaxError(line: number, _column: number, msg: string): void {
        this.errors.push({ line, msg });
    }
}

export function parseClassFile(file: string, source: string): CompilationUnitContext {
    const listener = new CollectingErrorListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    const unit = parser.compilationUnit();
    const first = listener.errors[0];
    if (first) {
        throw new ApexLoadError(`syntax error: ${first.msg}`, { file, line: first.line });
    }
    return unit;
}

function modifierNames(mods: ModifierContext[]): Set<string> {
    const names = new Set<string>();
    for (const m of mods) {
        const ann = m.annotation();
        if (ann) names.add(`@${ann.id().getText().toLowerCase()}`);
        else names.add(m.getText().toLowerCase());
    }
    return names;
}

function annotationsOf(mods: ModifierContext[]): Annotations {
    const result: Annotations = new Map();
    for (const m of mods) {
        const ann = m.annotation();
        if (!ann) continue;
        const params = new Map<string, string>();
        for (const pair of ann.elementValuePairs()?.elementValuePair_list() ?? []) {
            params.set(pair.id().getText().toLowerCase(), pair.elementValue().getText());
        }
        const single = ann.elementValue();
        if (single) params.set('value', single.getText());
        result.set(ann.id().getText().toLowerCase(), params);
    }
    return result;
}

function params(fp: FormalParametersContext): ParamDecl[] {
    const list = fp.formalParameterList();
    if (!list) return [];
    return list.formalParameter_list().map((p) => {
        const name = p.id().getText();
        return { name, key: name.toLowerCase(), typeCtx: p.typeRef() };
    });
}

function addMethod(cls: ClassInfo, m: MethodDecl): void {
    const list = cls.methods.get(m.key);
    if (list) list.push(m);
    else cls.methods.set(m.key, [m]);
}

function scanFences(cls: ClassInfo, tree: ApexParseTree, mode: LoadMode): void {
    const visit = (node: ApexParseTree): void => {
        if (!('children' in node) || !('start' in node)) return; // terminal node
        const ctx = node as ApexParserRuleContext;
        const violation = mode === 'pure' ? fenceOf(ctx) : orgFenceOf(ctx);
        if (violation)
            cls.violations.push({ construct: violation, location: locationOf(cls.file, ctx) });
        for (const child of ctx.children ?? []) visit(child);
    };
    visit(tree);
}

/** The name of the fenced construct a parse-tree node is, or null. Used at load and run time. */
export function fenceOf(ctx: ApexParserRuleContext): string | null {
    if (ctx instanceof SoqlLiteralContext) return 'SOQL query';
    if (ctx instanceof SoslLiteralContext) return 'SOSL search';
    if (ctx instanceof InsertStatementContext) return 'DML insert';
    if (ctx instanceof UpdateStatementContext) return 'DML update';
    if (ctx instanceof DeleteStatementContext) return 'DML delete';
    if (ctx instanceof UndeleteStatementContext) return 'DML undelete';
    if (ctx instanceof UpsertStatementContext) return 'DML upsert';
    if (ctx instanceof MergeStatementContext) return 'DML merge';
    if (ctx instanceof RunAsStatementContext) return 'System.runAs';
    if (ctx instanceof AnnotationContext) {
        const name = ctx.getText().slice(1).split('(')[0]?.toLowerCase() ?? '';
        if (name === 'future') return '@future (async)';
        if (name === 'istest' || name === 'testsetup') return 'test code (@IsTest)';
        return null;
    }
    if (ctx instanceof IdPrimaryContext) {
        const name = ctx.getText().toLowerCase();
        const parent = ctx.parentCtx?.parentCtx;
        if (parent instanceof DotExpressionContext && FENCED_NAMES[name]) {
            // names that are also plausible variable names count only with a known API member
            const members = AMBIGUOUS_MEMBERS[name];
            const member = (parent.dotMethodCall()?.anyId() ?? parent.anyId())
                ?.getText()
                .toLowerCase();
            if (!members || (member !== undefined && members.includes(member))) {
                return FENCED_NAMES[name] ?? null;
            }
        }
        if (parent instanceof DotExpressionContext && name === 'system') {
            const member = parent.dotMethodCall()?.anyId().getText().toLowerCase();
            if (member && FENCED_SYSTEM_METHODS[member])
                return FENCED_SYSTEM_METHODS[member] ?? null;
        }
        return null;
    }
    if (ctx instanceof TypeRefContext) {
        const first = ctx.typeName(0)?.getText().toLowerCase().split('<')[0] ?? '';
        if (first === 'database' || first === 'schema') return FENCED_NAMES[first] ?? null;
        if (FENCED_NAMES[first] && first !== 'type' && first !== 'url' && first !== 'test') {
            return FENCED_NAMES[first] ?? null;
        }
    }
    return null;
}

/** Names of platform APIs the local org does not emulate (first part of a dotted name or a type). */
const ORG_FENCED_NAMES: Record<string, string> = {
    http: 'HTTP callout',
    httprequest: 'HTTP callout',
    httpresponse: 'HTTP callout',
    messaging: 'Messaging.*',
    eventbus: 'EventBus.*',
    connectapi: 'ConnectApi.*',
    approval: 'Approval.*',
    search: 'Search.* (SOSL)',
};

/** The construct the local org cannot run, or null. */
export function orgFenceOf(ctx: ApexParserRuleContext): string | null {
    if (ctx instanceof SoslLiteralContext) return 'SOSL search';
    if (ctx instanceof IdPrimaryContext) {
        const name = ctx.getText().toLowerCase();
        const parent = ctx.parentCtx?.parentCtx;
        if (parent instanceof DotExpressionContext && ORG_FENCED_NAMES[name])
            return ORG_FENCED_NAMES[name] ?? null;
        return null;
    }
    if (ctx instanceof TypeRefContext) {
        const first = ctx.typeName(0)?.getText().toLowerCase().split('<')[0] ?? '';
        return ORG_FENCED_NAMES[first] ?? null;
    }
    return null;
}

function loadClassBody(
    cls: ClassInfo,
    decl: ClassDeclarationContext,
    register: (c: ClassInfo) => void,
): void {
    cls.superTypeCtx = decl.typeRef() ?? null;
    cls.interfaceTypeCtxs = decl.typeList()?.typeRef_list() ?? [];
    for (const body of decl.classBody().classBodyDeclaration_list()) {
        const block = body.block();
        if (block) {
            cls.members.push({ isStatic: body.STATIC() !== null, block });
            continue;
        }
        const member = body.memberDeclaration();
        if (!member) continue;
        const modifierCtxs = body.modifier_list();
        const mods = modifierNames(modifierCtxs);
        const annotations = annotationsOf(modifierCtxs);
        const isStatic = mods.has('static');
        const method = member.methodDeclaration();
        if (method) {
            addMethod(cls, methodDecl(cls, method, isStatic, annotations, mods));
            continue;
        }
        const ctor = member.constructorDeclaration();
        if (ctor) {
            cls.ctors.push(ctorDecl(cls, ctor, annotations, mods));
            continue;
        }
        const field = member.fieldDeclaration();
        if (field) {
            addFields(cls, field, isStatic, mods.has('final'), annotations);
            continue;
        }
        const prop = member.propertyDeclaration();
        if (prop) {
            addProperty(cls, prop, isStatic, annotations);
            continue;
        }
        const inner =
            member.classDeclaration() ?? member.enumDeclaration() ?? member.interfaceDeclaration();
        if (inner) {
            const innerCls = loadTypeDeclaration(cls.file, inner, cls, register);
            innerCls.annotations = annotations;
            innerCls.modifiers = new Set([...mods].filter((m) => !m.startsWith('@')));
        }
    }
}

function methodDecl(
    cls: ClassInfo,
    m: MethodDeclarationContext,
    isStatic: boolean,
    annotations: Annotations,
    modifiers: Set<string>,
): MethodDecl {
    const name = m.id().getText();
    return {
        name,
        key: name.toLowerCase(),
        params: params(m.formalParameters()),
        returnTypeCtx: m.VOID() ? null : m.typeRef(),
        body: m.block() ?? null,
        isStatic,
        cls,
        loc: locationOf(cls.file, m),
        annotations,
        modifiers,
    };
}

function ctorDecl(
    cls: ClassInfo,
    c: ConstructorDeclarationContext,
    annotations: Annotations,
    modifiers: Set<string>,
): MethodDecl {
    return {
        name: cls.name,
        key: '<init>',
        params: params(c.formalParameters()),
        returnTypeCtx: null,
        body: c.block(),
        isStatic: false,
        cls,
        loc: locationOf(cls.file, c),
        annotations,
        modifiers,
    };
}

function addFields(
    cls: ClassInfo,
    f: FieldDeclarationContext,
    isStatic: boolean,
    isFinal: boolean,
    annotations: Annotations,
): void {
    for (const v of f.variableDeclarators().variableDeclarator_list()) {
        const name = v.id().getText();
        const decl: FieldDecl = {
            name,
            key: name.toLowerCase(),
            typeCtx: f.typeRef(),
            init: v.expression() ?? null,
            isStatic,
            isFinal,
            fenced: null,
            getter: null,
            setter: null,
            isProperty: false,
            annotations,
            loc: locationOf(cls.file, v),
        };
        cls.fields.set(decl.key, decl);
        cls.members.push(decl);
    }
}

function addProperty(
    cls: ClassInfo,
    p: PropertyDeclarationContext,
    isStatic: boolean,
    annotations: Annotations,
): void {
    const name = p.id().getText();
    let getter: BlockContext | null = null;
    let setter: BlockContext | null = null;
    for (const b of p.propertyBlock_list()) {
        getter = b.getter()?.block() ?? getter;
        setter = b.setter()?.block() ?? setter;
    }
    const decl: FieldDecl = {
        name,
        key: name.toLowerCase(),
        typeCtx: p.typeRef(),
        init: null,
        isStatic,
        isFinal: false,
        fenced: null,
        getter,
        setter,
        isProperty: true,
        annotations,
        loc: locationOf(cls.file, p),
    };
    cls.fields.set(decl.key, decl);
    cls.members.push(decl);
}

function loadTypeDeclaration(
    file: string,
    decl: ClassDeclarationContext | EnumDeclarationContext | InterfaceDeclarationContext,
    outer: ClassInfo | null,
    register: (c: ClassInfo) => void,
): ClassInfo {
    const name = decl.id().getText();
    const fullName = outer ? `${outer.name}.${name}` : name;
    const cls = new ClassInfo(fullName.toLowerCase(), fullName, file, outer, decl.start.line);
    if (outer) outer.inner.set(name.toLowerCase(), cls);
    register(cls);
    if (decl instanceof ClassDeclarationContext) {
        loadClassBody(cls, decl, register);
    } else if (decl instanceof EnumDeclarationContext) {
        cls.isEnum = true;
        for (const id of decl.enumConstants()?.id_list() ?? [])
            cls.enumConstants.push(id.getText());
    } else {
        cls.isInterface = true;
        cls.interfaceTypeCtxs = decl.typeList()?.typeRef_list() ?? [];
        for (const m of decl.interfaceBody().interfaceMethodDeclaration_list()) {
            const mname = m.id().getText();
            addMethod(cls, {
                name: mname,
                key: mname.toLowerCase(),
                params: params(m.formalParameters()),
                returnTypeCtx: m.VOID() ? null : m.typeRef(),
                body: null,
                isStatic: false,
                cls,
                loc: locationOf(file, m),
                annotations: new Map(),
                modifiers: new Set(),
            });
        }
    }
    return cls;
}

/**
 * How much of the platform the code may use: `pure` is the bare interpreter (no database,
 * no platform API: SOQL, DML, test code … are fence violations at load), `org` is the local
 * org, where only constructs the org does not emulate are.
 */
export type LoadMode = 'pure' | 'org';

/** Loads one .cls file; returns the top-level class and registers it and its inner classes. */
export function loadClassFile(
    file: string,
    source: string,
    register: (c: ClassInfo) => void,
    mode: LoadMode = 'pure',
): ClassInfo {
    const unit = parseClassFile(file, source);
    const td = unit.typeDeclaration();
    const decl = td.classDeclaration() ?? td.enumDeclaration() ?? td.interfaceDeclaration();
    if (!decl)
        throw new ApexLoadError('no class, enum or interface declaration', { file, line: 1 });
    const top = loadTypeDeclaration(file, decl, null, register);
    const mods = modifierNames(td.modifier_list());
    top.annotations = annotationsOf(td.modifier_list());
    top.modifiers = new Set([...mods].filter((m) => !m.startsWith('@')));
    if (mods.has('@istest') && mode === 'pure') {
        top.violations.push({
            construct: 'test class (@IsTest)',
            location: { file, line: td.start.line },
        });
    }
    scanFences(top, decl, mode);
    collectCoverableLines(top, decl);
    return top;
}

export function parseTriggerFile(file: string, source: string): TriggerUnitContext {
    const listener = new CollectingErrorListener();
    const { parser } = ApexParserFactory.createLexerAndParser(source, listener);
    const unit = parser.triggerUnit();
    const first = listener.errors[0];
    if (first) {
        throw new ApexLoadError(`syntax error: ${first.msg}`, { file, line: first.line });
    }
    return unit;
}

/**
 * Loads one .trigger file as a class named after the trigger whose body is the trigger's
 * statements. Member declarations inside a trigger body are outside the subset.
 */
export function loadTriggerFile(
    file: string,
    source: string,
    register: (c: ClassInfo) => void,
): ClassInfo {
    const unit = parseTriggerFile(file, source);
    const ids = unit.id_list();
    const name = ids[0]?.getText() ?? 'Trigger';
    const objectName = ids[1]?.getText() ?? '';
    const cls = new ClassInfo(`trigger:${name.toLowerCase()}`, name, file, null, unit.start.line);
    const events = unit.triggerCase_list().map((c) =>
        c
            .getText()
            .replace(/^(before|after)/i, '$1 ')
            .toLowerCase(),
    );
    const body: StatementContext[] = [];
    for (const member of unit.triggerBlock().triggerBlockMember_list()) {
        const st = member.statement();
        if (st) body.push(st);
        else
            cls.violations.push({
                construct: 'a declaration inside a trigger body',
                location: locationOf(file, member),
            });
    }
    cls.trigger = { objectName, events, body };
    register(cls);
    scanFences(cls, unit.triggerBlock(), 'org');
    collectCoverableLines(cls, unit.triggerBlock());
    return cls;
}

/**
 * Lines with executable code, as coverage counts them: every statement except blocks, and
 * field/property declarations with an initializer.
 */
function collectCoverableLines(top: ClassInfo, tree: ApexParseTree): void {
    const visit = (node: ApexParseTree): void => {
        if (!('children' in node) || !('start' in node)) return;
        const ctx = node as ApexParserRuleContext;
        if (ctx instanceof StatementContext) {
            if (!ctx.block()) top.coverableLines.add(ctx.start.line);
        } else if (ctx instanceof FieldDeclarationContext) {
            for (const v of ctx.variableDeclarators().variableDeclarator_list()) {
                if (v.expression()) top.coverableLines.add(v.start.line);
            }
        }
        for (const child of ctx.children ?? []) visit(child);
    };
    visit(tree);
}

export type { TypeRef };

// System-level platform classes: System (today, now, async entry points), Date.today,
// Datetime.now, UserInfo, TimeZone, Limits, Id, Type, Blob, Time, EncodingUtil, Pattern,
// Matcher, Crypto, Math.random, FeatureManagement and Security.stripInaccessible.
import { isValidId, toId } from '../interpreter/coerce.ts';
import { mapPut, newSet } from '../interpreter/collections.ts';
import { datetimeDate, userTimeZone, zoneOffsetMs } from '../interpreter/dates.ts';
import { unsupported } from '../interpreter/errors.ts';
import { npe, systemException } from '../interpreter/exceptions.ts';
import { nativeType } from '../interpreter/natives.ts';
import { concatString } from '../interpreter/text.ts';
import {
    DatetimeValue,
    DoubleValue,
    EnumValue,
    IntegerValue,
    ListValue,
    LongValue,
    MapValue,
    NativeValue,
    SObjectValue,
    typeRef,
} from '../interpreter/values.ts';
import type { ApexValue, NativeType, TypeRef } from '../interpreter/values.ts';
import { CPU_LIMIT_MS, HEAP_LIMIT_BYTES } from './limits.ts';
import type { LimitName } from './limits.ts';
import type { LocalOrg } from './org.ts';

const STRING = typeRef('String');

function str(v: ApexValue, what: string): string {
    if (v === null) throw npe();
    if (typeof v !== 'string') throw unsupported(`${what} with a non-String argument`);
    return v;
}

function int(v: ApexValue, what: string): number {
    if (v === null) throw npe();
    if (!(v instanceof IntegerValue)) throw unsupported(`${what} with a non-Integer argument`);
    return v.v;
}

/** Java regular expressions the JS engine reads the same way (others are fenced). */
export function javaPattern(pattern: string): string {
    if (/\(\?[<!=]|\\[pPQEGZzAh]|\(\?[a-zA-Z]|\+\+|\*\+|\?\+/.test(pattern)) {
        throw unsupported(`Java regular expression feature in '${pattern}'`);
    }
    return pattern;
}

const LIMIT_GETTERS: Record<string, LimitName> = {
    queries: 'queries',
    queryrows: 'queryRows',
    dmlstatements: 'dmlStatements',
    dmlrows: 'dmlRows',
    queueablejobs: 'queueableJobs',
    futurecalls: 'futureCalls',
    callouts: 'callouts',
    emailinvocations: 'emailInvocations',
    soslqueries: 'soslQueries',
    aggregatequeries: 'aggregateQueries',
    querylocatorrows: 'queryLocatorRows',
    publishimmediatedml: 'publishImmediateDml',
};

export function registerSystemApi(org: LocalOrg): void {
    const natives = org.natives;
    const blobType = nativeType('Blob', {
        method(self, name) {
            const bytes = self.data as Buffer;
            switch (name) {
                case 'tostring':
                    return bytes.toString('utf8');
                case 'size':
                    return new IntegerValue(bytes.length);
            }
            return undefined;
        },
        toString: (self) => (self.data as Buffer).toString('utf8'),
        equals: (a, b) => (a.data as Buffer).equals(b.data as Buffer),
        hashKey: (self) => (self.data as Buffer).toString('base64'),
    });
    const blob = (bytes: Buffer): NativeValue => new NativeValue(blobType, bytes);
    org.blobOf = blob;

    // ---- System ----
    natives.register({
        name: 'System',
        staticMethod(name, args) {
            switch (name) {
                case 'debug':
                    // System.debug(message) or (LoggingLevel, message): the test runner keeps
                    // the lines of a test method (testing/runner.ts) and the CLI prints them
                    org.debugLines?.push(concatString(args[args.length > 1 ? 1 : 0] ?? null));
                    return null;
                case 'today':
                    return datetimeDate(new DatetimeValue(org.now()), userTimeZone.id);
                case 'now':
                    return new DatetimeValue(org.now());
                case 'currenttimemillis':
                    return new LongValue(BigInt(org.now()));
                case 'isbatch':
                    return org.tx.asyncKind === 'batch';
                case 'isfuture':
                    return org.tx.asyncKind === 'future';
                case 'isqueueable':
                    return org.tx.asyncKind === 'queueable';
                case 'isscheduled':
                    return org.tx.asyncKind === 'scheduled';
                case 'enqueuejob':
                    return org.async.enqueueJob(args[0] ?? null, args.slice(1));
                case 'schedule':
                    return org.async.schedule(args[0] ?? null, args[1] ?? null, args[2] ?? null);
                case 'attachfinalizer':
                    org.async.attachFinalizer(args[0] ?? null);
                    return null;
                case 'abortjob':
                    org.async.abortJob(args[0] ?? null);
                    return null;
                case 'schedulebatch':
                    throw unsupported('System.scheduleBatch');
                case 'hashcode': {
                    const v = args[0] ?? null;
                    if (v === null) throw npe();
                    return new IntegerValue(0);
                }
            }
            return undefined;
        },
    });
    natives.register({
        name: 'Date',
        staticMethod(name) {
            if (name === 'today')
                return datetimeDate(new DatetimeValue(org.now()), userTimeZone.id);
            return undefined;
        },
    });
    natives.register({
        name: 'Datetime',
        staticMethod(name) {
            if (name === 'now') return new DatetimeValue(org.now());
            return undefined;
        },
    });
    natives.register({
        name: 'Math',
        staticMethod(name) {
            // deterministic: a seeded generator, so runs repeat
            if (name === 'random') return new DoubleValue(org.random());
            return undefined;
        },
    });

    // ---- UserInfo and TimeZone ----
    const timeZoneType = nativeType('System.TimeZone', {
        method(self, name, args) {
            const id = self.data as string;
            switch (name) {
                case 'getid':
                    return id;
                case 'getdisplayname':
                    return id;
                case 'getoffset': {
                    const dt = args[0] ?? null;
                    if (!(dt instanceof DatetimeValue)) throw npe();
                    return new IntegerValue(zoneOffsetMs(id, dt.ms));
                }
                case 'tostring':
                    return id;
            }
            return undefined;
        },
        toString: (self) => self.data as string,
        equals: (a, b) => a.data === b.data,
        hashKey: (self) => self.data as string,
    });
    natives.register({
        name: 'System.TimeZone',
        staticMethod(name, args) {
            if (name === 'gettimezone')
                return new NativeValue(timeZoneType, str(args[0] ?? null, 'TimeZone.getTimeZone'));
            return undefined;
        },
    });
    natives.register({
        name: 'System.UserInfo',
        staticMethod(name) {
            const user = org.runningUser();
            switch (name) {
                case 'getuserid':
                    return user.id;
                case 'getname':
                    return user.name;
                case 'getfirstname':
                    return user.firstName;
                case 'getlastname':
                    return user.lastName;
                case 'getusername':
                    return user.username;
                case 'getuseremail':
                    return user.email;
                case 'getprofileid':
                    return user.profileId;
                case 'getuserroleid':
                    return user.roleId;
                case 'gettimezone':
                    return new NativeValue(timeZoneType, user.timeZone);
                case 'getlocale':
                    return user.locale;
                case 'getlanguage':
                    return user.language;
                case 'getorganizationid':
                    return org.organizationId;
                case 'getorganizationname':
                    return 'Local Org';
                case 'getusertype':
                    return 'Standard';
                case 'getdefaultcurrency':
                    return 'USD';
                case 'ismulticurrencyorganization':
                    return false;
                case 'getuithemedisplayed':
                case 'getuitheme':
                    return 'Theme4d';
                case 'getsessionid':
                    return null;
                case 'iscurrentuserlicensed':
                case 'iscurrentuserlicensedforpackage':
                    return true;
            }
            return undefined;
        },
    });

    // ---- Limits ----
    natives.register({
        name: 'System.Limits',
        staticMethod(name) {
            const limits = org.tx.limits;
            if (name === 'getcputime') return new IntegerValue(limits.cpuTimeMs());
            if (name === 'getlimitcputime')
                return new IntegerValue(limits.async ? CPU_LIMIT_MS.async : CPU_LIMIT_MS.sync);
            if (name === 'getheapsize') return new IntegerValue(0);
            if (name === 'getlimitheapsize')
                return new IntegerValue(
                    limits.async ? HEAP_LIMIT_BYTES.async : HEAP_LIMIT_BYTES.sync,
                );
            const limitKey = name.startsWith('getlimit')
                ? name.slice(8)
                : name.startsWith('get')
                  ? name.slice(3)
                  : '';
            const limit = LIMIT_GETTERS[limitKey];
            if (!limit) return undefined;
            return new IntegerValue(
                name.startsWith('getlimit') ? limits.limit(limit) : limits.get(limit),
            );
        },
    });

    // ---- Id ----
    natives.register({
        name: 'Id',
        staticMethod(name, args) {
            if (name === 'valueof') {
                const text = args[0] ?? null;
                if (text === null) return null;
                const s = str(text, 'Id.valueOf');
                if (!isValidId(s)) throw systemException('StringException', `Invalid id: ${s}`);
                return toId(s);
            }
            return undefined;
        },
    });

    // ---- Type ----
    const typeType: NativeType = nativeType('System.Type', {
        method(self, name) {
            const t = self.data as TypeRef;
            switch (name) {
                case 'getname':
                case 'tostring':
                    return t.display;
                case 'newinstance': {
                    const cls = org.findClass(t.display);
                    if (cls) return org.interpreter.construct(cls, []);
                    const object = org.data.schema.object(t.display);
                    if (object) return new SObjectValue(org.schemaApi.typeSchema(object));
                    throw unsupported(`Type.newInstance() of ${t.display}`);
                }
                case 'equals':
                    return false;
                case 'hashcode':
                    return new IntegerValue(0);
            }
            return undefined;
        },
        toString: (self) => (self.data as TypeRef).display,
        equals: (a, b) => (a.data as TypeRef).key === (b.data as TypeRef).key,
        hashKey: (self) => (self.data as TypeRef).key,
    });
    natives.register({
        name: 'System.Type',
        construct: (_args, typeArgs) =>
            typeArgs[0] ? new NativeValue(typeType, typeArgs[0]) : undefined,
        staticMethod(name, args) {
            if (name !== 'forname') return undefined;
            const full =
                args.length > 1
                    ? `${String(args[0] ?? '')}.${String(args[1] ?? '')}`
                    : str(args[0] ?? null, 'Type.forName');
            const typeName = full.replace(/^\./, '');
            const cls = org.findClass(typeName);
            // Namespace mode: the Type class page does not say whether an unqualified name
            // from package code finds the package's class; fenced (Type.forName('kstn',
            // 'Foo') and 'kstn.Foo' resolve).
            const namespace = org.data.schema.namespace;
            if (
                namespace &&
                cls &&
                !cls.outer &&
                org.units.includes(cls) &&
                !typeName.toLowerCase().startsWith(`${namespace.prefix.toLowerCase()}.`)
            )
                throw namespace.fence(
                    `Type.forName('${typeName}')`,
                    typeName,
                    `the class is ${namespace.prefix}.${cls.name} and the docs do not say an unqualified name resolves in the package`,
                );
            if (cls)
                return new NativeValue(typeType, { key: cls.key, display: cls.name, args: [] });
            const object = org.data.schema.object(typeName);
            if (object) return new NativeValue(typeType, typeRef(object.name));
            const native = natives.find(typeName);
            if (native) return new NativeValue(typeType, typeRef(native.name));
            return null;
        },
    });

    // ---- Blob and EncodingUtil ----
    natives.register({
        name: 'Blob',
        staticMethod(name, args) {
            if (name === 'valueof')
                return blob(Buffer.from(str(args[0] ?? null, 'Blob.valueOf'), 'utf8'));
            return undefined;
        },
    });
    natives.register({
        name: 'System.EncodingUtil',
        staticMethod(name, args) {
            const a0 = args[0] ?? null;
            switch (name) {
                case 'base64encode':
                    if (!(a0 instanceof NativeValue) || a0.type !== blobType) throw npe();
                    return (a0.data as Buffer).toString('base64');
                case 'base64decode':
                    return blob(Buffer.from(str(a0, 'EncodingUtil.base64Decode'), 'base64'));
                case 'converttohex':
                    if (!(a0 instanceof NativeValue) || a0.type !== blobType) throw npe();
                    return (a0.data as Buffer).toString('hex');
                case 'urlencode':
                    return encodeURIComponent(str(a0, 'EncodingUtil.urlEncode')).replace(
                        /%20/g,
                        '+',
                    );
                case 'urldecode':
                    return decodeURIComponent(
                        str(a0, 'EncodingUtil.urlDecode').replace(/\+/g, ' '),
                    );
            }
            return undefined;
        },
    });

    // ---- Time ----
    const timeType: NativeType = nativeType('Time', {
        method(self, name, args) {
            const ms = (self.data as { ms: number }).ms;
            const add = (delta: number): NativeValue =>
                time((((ms + delta) % 86400000) + 86400000) % 86400000);
            switch (name) {
                case 'hour':
                    return new IntegerValue(Math.floor(ms / 3600000));
                case 'minute':
                    return new IntegerValue(Math.floor(ms / 60000) % 60);
                case 'second':
                    return new IntegerValue(Math.floor(ms / 1000) % 60);
                case 'millisecond':
                    return new IntegerValue(ms % 1000);
                case 'addhours':
                    return add(int(args[0] ?? null, 'Time.addHours') * 3600000);
                case 'addminutes':
                    return add(int(args[0] ?? null, 'Time.addMinutes') * 60000);
                case 'addseconds':
                    return add(int(args[0] ?? null, 'Time.addSeconds') * 1000);
                case 'addmilliseconds':
                    return add(int(args[0] ?? null, 'Time.addMilliseconds'));
                case 'tostring':
                    return timeString(ms);
            }
            return undefined;
        },
        toString: (self) => timeString((self.data as { ms: number }).ms),
        equals: (a, b) => (a.data as { ms: number }).ms === (b.data as { ms: number }).ms,
        hashKey: (self) => String((self.data as { ms: number }).ms),
    });
    const time = (ms: number): NativeValue => new NativeValue(timeType, { ms });
    natives.register({
        name: 'Time',
        staticMethod(name, args) {
            if (name === 'newinstance') {
                const [h, m, s, ms] = args.map((a, i) =>
                    int(a, `Time.newInstance argument ${i + 1}`),
                );
                return time((((h ?? 0) * 60 + (m ?? 0)) * 60 + (s ?? 0)) * 1000 + (ms ?? 0));
            }
            return undefined;
        },
    });

    // ---- Pattern and Matcher ----
    const matcherType: NativeType = nativeType('System.Matcher', {
        method(self, name, args) {
            const m = self.data as {
                regex: string;
                input: string;
                match: RegExpExecArray | null;
                pos: number;
            };
            const group = (i: number): string | null => {
                if (!m.match) throw systemException('StringException', 'No match found');
                return m.match[i] ?? null;
            };
            switch (name) {
                case 'matches': {
                    m.match = new RegExp(`^(?:${m.regex})$`).exec(m.input);
                    return m.match !== null;
                }
                case 'find': {
                    const re = new RegExp(m.regex, 'g');
                    re.lastIndex = m.pos;
                    m.match = re.exec(m.input);
                    if (m.match) m.pos = m.match.index + Math.max(1, m.match[0].length);
                    return m.match !== null;
                }
                case 'lookingat':
                    m.match = new RegExp(`^(?:${m.regex})`).exec(m.input);
                    return m.match !== null;
                case 'group':
                    return group(args.length > 0 ? int(args[0] ?? null, 'Matcher.group') : 0);
                case 'groupcount':
                    return new IntegerValue(new RegExp(`${m.regex}|`).exec('')!.length - 1);
                case 'start':
                    if (!m.match) throw systemException('StringException', 'No match available');
                    return new IntegerValue(m.match.index);
                case 'end':
                    if (!m.match) throw systemException('StringException', 'No match available');
                    return new IntegerValue(m.match.index + m.match[0].length);
                case 'replaceall':
                    return m.input.replace(
                        new RegExp(m.regex, 'g'),
                        str(args[0] ?? null, 'Matcher.replaceAll'),
                    );
                case 'replacefirst':
                    return m.input.replace(
                        new RegExp(m.regex),
                        str(args[0] ?? null, 'Matcher.replaceFirst'),
                    );
            }
            return undefined;
        },
    });
    const patternType: NativeType = nativeType('System.Pattern', {
        method(self, name, args) {
            const regex = self.data as string;
            switch (name) {
                case 'matcher':
                    return new NativeValue(matcherType, {
                        regex,
                        input: str(args[0] ?? null, 'Pattern.matcher'),
                        match: null,
                        pos: 0,
                    });
                case 'pattern':
                    return regex;
                case 'split':
                    return new ListValue(
                        STRING,
                        str(args[0] ?? null, 'Pattern.split').split(new RegExp(regex)),
                    );
            }
            return undefined;
        },
    });
    natives.register({
        name: 'System.Pattern',
        staticMethod(name, args) {
            switch (name) {
                case 'matches': {
                    // Java's matches(): the whole input must match
                    const regex = javaPattern(str(args[0] ?? null, 'Pattern.matches'));
                    return new RegExp(`^(?:${regex})$`).test(
                        str(args[1] ?? null, 'Pattern.matches'),
                    );
                }
                case 'compile':
                    return new NativeValue(
                        patternType,
                        javaPattern(str(args[0] ?? null, 'Pattern.compile')),
                    );
                case 'quote':
                    return str(args[0] ?? null, 'Pattern.quote').replace(
                        /[.*+?^${}()|[\]\\]/g,
                        '\\$&',
                    );
            }
            return undefined;
        },
    });
    natives.register({ name: 'System.Matcher' });

    // ---- Crypto (deterministic) ----
    natives.register({
        name: 'System.Crypto',
        staticMethod(name) {
            switch (name) {
                case 'getrandominteger':
                    return new IntegerValue(Math.floor(org.random() * 4294967296) | 0);
                case 'getrandomlong':
                    return new LongValue(
                        BigInt.asIntN(
                            64,
                            (BigInt(Math.floor(org.random() * 4294967296)) << 32n) |
                                BigInt(Math.floor(org.random() * 4294967296)),
                        ),
                    );
            }
            throw unsupported(`Crypto.${name}`);
        },
    });

    // ---- FeatureManagement ----
    natives.register({
        name: 'System.FeatureManagement',
        staticMethod(name, args) {
            if (name === 'checkpermission') {
                const permission = str(args[0] ?? null, 'FeatureManagement.checkPermission');
                // Namespace mode: the package's own custom permission by its bare name, or as
                // kstn__Name (LWC Developer Guide, "Check Permissions": no namespace within the
                // same namespace, namespace__Name from outside; the Apex page is silent).
                const local = org.data.schema.namespace?.withoutPrefix(permission) ?? permission;
                return org.data.security.hasCustomPermission(org.runningUserId(), local);
            }
            throw unsupported(`FeatureManagement.${name}`);
        },
    });

    // ---- Security.stripInaccessible ----
    const decisionType = nativeType('System.SObjectAccessDecision', {
        method(self, name) {
            const d = self.data as { records: ListValue; removed: MapValue; modified: number[] };
            switch (name) {
                case 'getrecords':
                    return d.records;
                case 'getremovedfields':
                    return d.removed;
                case 'getmodifiedindexes':
                    return newSet(
                        typeRef('Integer'),
                        d.modified.map((i) => new IntegerValue(i)),
                    );
            }
            return undefined;
        },
    });
    natives.register({ name: 'System.SObjectAccessDecision' });
    natives.register({
        name: 'System.Security',
        staticMethod(name, args) {
            if (name !== 'stripinaccessible') throw unsupported(`Security.${name}`);
            const access = args[0] ?? null;
            if (!(access instanceof EnumValue) || access.typeKey !== 'accesstype')
                throw systemException('NullPointerException', 'Argument cannot be null.');
            const records = args[1] ?? null;
            if (!(records instanceof ListValue)) throw npe();
            const enforceRoot = args.length > 2 ? args[2] === true : true;
            const items = records.items.map((r) => {
                if (!(r instanceof SObjectValue)) throw npe();
                return r;
            });
            const result = org.data.security.stripInaccessible(
                org.runningUserId(),
                access.name as 'READABLE' | 'CREATABLE' | 'UPDATABLE' | 'UPSERTABLE',
                items,
                enforceRoot,
            );
            const removed = new MapValue(STRING, typeRef('Set<String>'), new Map());
            for (const [object, names] of result.removedFields)
                mapPut(removed, object, newSet(STRING, [...names]));
            return new NativeValue(decisionType, {
                records: new ListValue(records.elementType, result.records),
                removed,
                modified: [...result.modifiedIndexes].sort((a, b) => a - b),
            });
        },
    });
}

function timeString(ms: number): string {
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    return `${pad(Math.floor(ms / 3600000), 2)}:${pad(Math.floor(ms / 60000) % 60, 2)}:${pad(Math.floor(ms / 1000) % 60, 2)}.${pad(ms % 1000, 3)}Z`;
}

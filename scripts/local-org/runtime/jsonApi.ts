// System.JSON: serialize / serializePretty (SObjects with attributes, Datetimes as the
// platform prints them), deserialize into a Type, deserializeStrict, deserializeUntyped.
// The same value walk, with Lightning's rules, serialises @AuraEnabled results (aura.ts).
import { ClassInfo } from '../interpreter/classes.ts';
import { toId } from '../interpreter/coerce.ts';
import { mapPut, newList, newSet } from '../interpreter/collections.ts';
import { dateToString, datetimeToIso, parseDate, parseDatetime } from '../interpreter/dates.ts';
import { decToString } from '../interpreter/decimal.ts';
import { unsupported } from '../interpreter/errors.ts';
import { ApexThrown, npe, systemException } from '../interpreter/exceptions.ts';
import { parseJsonToApex } from '../interpreter/jsonText.ts';
import {
    javaDoubleToString,
    toDecimalValue,
    truncToInteger,
    truncToLong,
} from '../interpreter/numbers.ts';
import { storeField } from '../interpreter/sobjects.ts';
import { valueToString } from '../interpreter/text.ts';
import {
    DateValue,
    DatetimeValue,
    DecimalValue,
    DoubleValue,
    EnumValue,
    IntegerValue,
    ListValue,
    LongValue,
    MapValue,
    NativeValue,
    OBJECT_TYPE,
    SObjectValue,
    SetValue,
    isNumeric,
    typeRef,
} from '../interpreter/values.ts';
import type { ApexValue, TypeRef, InstanceValue } from '../interpreter/values.ts';
import type { LocalOrg } from './org.ts';

/** A JSON value whose numbers keep their Apex text (Decimal scale, Long digits). */
export type JsonNode =
    | null
    | boolean
    | string
    | { number: string }
    | JsonNode[]
    | { object: Array<[string, JsonNode]> };

export interface SerializeOptions {
    /** JSON.serialize(o, true): leave out null fields of Apex objects. */
    suppressApexObjectNulls: boolean;
    /** Lightning's rules: only @AuraEnabled members of Apex objects, SObjects without attributes. */
    aura: boolean;
}

const API_VERSION = '64.0';

export class JsonApi {
    constructor(private readonly org: LocalOrg) {
        org.natives.register({
            name: 'System.JSON',
            staticMethod: (name, args) => this.jsonMethod(name, args),
        });
    }

    private jsonMethod(name: string, args: ApexValue[]): ApexValue | undefined {
        const a0 = args[0] ?? null;
        switch (name) {
            case 'serialize':
                return writeJson(
                    this.toNode(a0, { suppressApexObjectNulls: args[1] === true, aura: false }),
                    false,
                );
            case 'serializepretty':
                return writeJson(
                    this.toNode(a0, { suppressApexObjectNulls: args[1] === true, aura: false }),
                    true,
                );
            case 'deserializeuntyped':
                return this.parse(a0);
            case 'deserialize':
            case 'deserializestrict': {
                const type = args[1] ?? null;
                if (!(type instanceof NativeValue) || type.type.name !== 'System.Type') throw npe();
                return this.convert(
                    this.parse(a0),
                    type.data as TypeRef,
                    name === 'deserializestrict',
                    '',
                );
            }
            case 'creategenerator':
            case 'createparser':
                throw unsupported(`JSON.${name} (JSONGenerator / JSONParser)`);
        }
        return undefined;
    }

    /** JSON text → untyped Apex values (Map<String, Object>, List<Object>, numbers as written). */
    parse(text: ApexValue): ApexValue {
        if (text === null)
            throw systemException('NullPointerException', 'null input to JSON parser');
        if (typeof text !== 'string') throw unsupported('JSON parsing of a non-String');
        if (text.trim() === '')
            throw systemException(
                'JSONException',
                'No content to map to Object due to end of input',
            );
        try {
            return parseJsonToApex(text);
        } catch (e) {
            if (e instanceof ApexThrown) throw e;
            throw systemException(
                'JSONException',
                (e as Error).message.replace(/^apexInterpreter: /, ''),
            );
        }
    }

    // ---------------------------------------------------------------- Apex → JSON

    toNode(v: ApexValue, options: SerializeOptions): JsonNode {
        if (v === null) return null;
        if (typeof v === 'boolean' || typeof v === 'string') return v;
        if (v instanceof IntegerValue) return { number: String(v.v) };
        if (v instanceof LongValue) return { number: v.v.toString() };
        if (v instanceof DoubleValue) return { number: javaDoubleToString(v.v) };
        if (v instanceof DecimalValue) return { number: decToString(v) };
        if (v instanceof DateValue) return dateToString(v);
        if (v instanceof DatetimeValue) return datetimeToIso(v);
        if (v instanceof EnumValue) return v.name;
        if (v instanceof ListValue) return v.items.map((x) => this.toNode(x, options));
        if (v instanceof SetValue)
            return [...v.entries.values()].map((x) => this.toNode(x, options));
        if (v instanceof MapValue) {
            return {
                object: [...v.entries.values()].map((e) => [
                    e.key === null ? 'null' : valueToString(e.key),
                    this.toNode(e.value, options),
                ]),
            };
        }
        if (v instanceof SObjectValue) return this.sobjectNode(v, options);
        if (v instanceof NativeValue) {
            if (v.type.name === 'Blob') return (v.data as Buffer).toString('base64');
            if (v.type.name === 'Time') return valueToString(v);
            throw systemException('JSONException', `Cannot serialize type ${v.type.name}`);
        }
        return this.objectNode(v, options);
    }

    private sobjectNode(record: SObjectValue, options: SerializeOptions): JsonNode {
        const entries: Array<[string, JsonNode]> = [];
        if (!options.aura) {
            const id = record.fields.get('id')?.value ?? null;
            const typeName = this.org.schemaApi.apiName(record.type.name);
            const attributes: Array<[string, JsonNode]> = [['type', typeName]];
            if (typeof id === 'string')
                attributes.push([
                    'url',
                    `/services/data/v${API_VERSION}/sobjects/${typeName}/${id}`,
                ]);
            entries.push(['attributes', { object: attributes }]);
        }
        for (const f of record.fields.values()) {
            if (f.value instanceof ListValue) {
                const records = f.value.items.map((r) => this.toNode(r, options));
                entries.push([
                    this.org.schemaApi.apiName(f.name),
                    options.aura
                        ? records
                        : {
                              object: [
                                  ['totalSize', { number: String(records.length) }],
                                  ['done', true],
                                  ['records', records],
                              ],
                          },
                ]);
            } else {
                // the field's API name: qualified in namespace mode, as getName() gives it
                entries.push([this.org.schemaApi.apiName(f.name), this.toNode(f.value, options)]);
            }
        }
        return { object: entries };
    }

    private objectNode(obj: InstanceValue, options: SerializeOptions): JsonNode {
        const interpreter = this.org.interpreter;
        if (interpreter.isInstanceOf(obj, typeRef('Exception'))) {
            throw systemException('JSONException', `Cannot serialize type ${obj.cls.name}`);
        }
        const entries: Array<[string, JsonNode]> = [];
        for (const { decl } of interpreter.instanceFieldsOf(obj.cls)) {
            if (options.aura && !decl.annotations.has('auraenabled')) continue;
            const value = interpreter.getFieldValue(obj, decl.key);
            if (value === null && (options.suppressApexObjectNulls || options.aura)) continue;
            entries.push([decl.name, this.toNode(value, options)]);
        }
        return { object: entries };
    }

    // ---------------------------------------------------------------- JSON → Apex

    /** Converts untyped JSON values to a typed Apex value (JSON.deserialize). */
    convert(v: ApexValue, t: TypeRef, strict: boolean, path: string): ApexValue {
        if (v === null) return null;
        const key = t.key;
        const fail = (what: string): never => {
            throw systemException(
                'JSONException',
                `Cannot deserialize ${what} into type ${t.display}${path ? ` at ${path}` : ''}`,
            );
        };
        switch (key) {
            case 'object':
                return v;
            case 'string':
                if (typeof v === 'string') return v;
                if (isNumeric(v) || typeof v === 'boolean') return valueToString(v);
                return fail('a structure');
            case 'id':
                if (typeof v !== 'string') return fail('a non-string');
                try {
                    return toId(v);
                } catch {
                    return fail(`'${v}'`);
                }
            case 'boolean':
                if (typeof v === 'boolean') return v;
                if (typeof v === 'string') return v.toLowerCase() === 'true';
                return fail('a non-boolean');
            case 'integer':
                if (isNumeric(v)) return truncToInteger(v);
                if (typeof v === 'string' && /^-?\d+$/.test(v)) return new IntegerValue(Number(v));
                return fail('a non-number');
            case 'long':
                if (isNumeric(v)) return truncToLong(v);
                if (typeof v === 'string' && /^-?\d+$/.test(v)) return new LongValue(BigInt(v));
                return fail('a non-number');
            case 'double':
                if (isNumeric(v)) return new DoubleValue(Number(valueToString(v)));
                return fail('a non-number');
            case 'decimal':
                if (isNumeric(v)) return toDecimalValue(v);
                if (typeof v === 'string') {
                    const d = toDecimalValue(new DoubleValue(Number(v)));
                    return d;
                }
                return fail('a non-number');
            case 'date':
                if (typeof v === 'string') return parseDate(v.slice(0, 10));
                return fail('a non-string');
            case 'datetime':
                if (typeof v === 'string') return parseDatetime(v);
                return fail('a non-string');
            case 'list':
            case 'set': {
                if (!(v instanceof ListValue)) return fail('a non-array');
                const element = t.args[0] ?? OBJECT_TYPE;
                const items = v.items.map((x, i) =>
                    this.convert(x, element, strict, `${path}[${i}]`),
                );
                return key === 'list' ? newList(element, items) : newSet(element, items);
            }
            case 'map': {
                if (!(v instanceof MapValue)) return fail('a non-object');
                const keyType = t.args[0] ?? typeRef('String');
                const valueType = t.args[1] ?? OBJECT_TYPE;
                const map = new MapValue(keyType, valueType, new Map());
                for (const e of v.entries.values()) {
                    mapPut(
                        map,
                        this.convert(e.key, keyType, strict, path),
                        this.convert(e.value, valueType, strict, `${path}.${String(e.key)}`),
                    );
                }
                return map;
            }
        }
        const object = this.org.data.schema.object(t.key);
        if (object || key === 'sobject') {
            if (!(v instanceof MapValue)) return fail('a non-object');
            return this.toSObject(v, object?.name ?? null, strict, path);
        }
        const cls = this.org.interpreter.findClass(t.display, null);
        if (cls instanceof ClassInfo) {
            if (cls.isEnum) {
                if (typeof v !== 'string') return fail('a non-string');
                const index = cls.enumConstants.findIndex(
                    (c) => c.toLowerCase() === v.toLowerCase(),
                );
                return index < 0
                    ? null
                    : new EnumValue(cls.key, cls.name, cls.enumConstants[index] as string, index);
            }
            if (!(v instanceof MapValue)) return fail('a non-object');
            return this.toObject(v, cls, strict, path);
        }
        throw unsupported(`JSON.deserialize into ${t.display}`);
    }

    private toSObject(
        v: MapValue,
        objectName: string | null,
        strict: boolean,
        path: string,
    ): SObjectValue {
        let name = objectName;
        const attributes = v.entries.get('s:attributes')?.value;
        if (attributes instanceof MapValue) {
            const type = attributes.entries.get('s:type')?.value;
            if (typeof type === 'string' && (name === null || name.toLowerCase() === 'sobject'))
                name = type;
        }
        if (!name)
            throw systemException(
                'JSONException',
                `Cannot deserialize an SObject without attributes.type${path ? ` at ${path}` : ''}`,
            );
        const object = this.org.data.schema.require(name);
        const type = this.org.schemaApi.typeSchema(object);
        const record = new SObjectValue(type);
        const namespace = this.org.data.schema.namespace;
        for (const e of v.entries.values()) {
            const field = String(e.key);
            if (field === 'attributes') continue;
            // Namespace mode: JSON.serialize writes the qualified names; what deserialize does
            // with an unqualified key of the package is not documented (ignored or resolved),
            // so it is fenced.
            if (namespace?.isUnqualifiedCustom(field))
                throw namespace.fence(
                    `JSON.deserialize into ${this.org.schemaApi.apiName(object.name)}`,
                    field,
                    `JSON.serialize writes the key as ${namespace.qualify(field)}; an unqualified key's fate is not documented`,
                );
            const lower = (namespace ? namespace.localName(field) : field).toLowerCase();
            const info = type.fieldInfo.get(lower);
            if (info) {
                storeField(
                    record,
                    info,
                    this.convert(e.value, typeRef(info.apexType), strict, `${path}.${field}`),
                );
                continue;
            }
            const parent = type.parents.get(lower);
            if (parent) {
                if (e.value instanceof MapValue)
                    record.fields.set(lower, {
                        name: parent.name,
                        value: this.toSObject(
                            e.value,
                            parent.targets.length === 1 ? (parent.targets[0] ?? null) : null,
                            strict,
                            `${path}.${field}`,
                        ),
                    });
                continue;
            }
            const child = type.children.get(lower);
            if (child) {
                const records =
                    e.value instanceof MapValue ? e.value.entries.get('s:records')?.value : e.value;
                if (records instanceof ListValue)
                    record.fields.set(lower, {
                        name: child.name,
                        value: new ListValue(
                            typeRef(child.childObject),
                            records.items.map((r, i) =>
                                r instanceof MapValue
                                    ? this.toSObject(
                                          r,
                                          child.childObject,
                                          strict,
                                          `${path}.${field}[${i}]`,
                                      )
                                    : null,
                            ),
                        ),
                    });
                continue;
            }
            if (strict)
                throw systemException(
                    'JSONException',
                    `No such column '${field}' on sobject of type ${object.name}`,
                );
        }
        return record;
    }

    private toObject(v: MapValue, cls: ClassInfo, strict: boolean, path: string): InstanceValue {
        const interpreter = this.org.interpreter;
        const obj = interpreter.instantiateBare(cls);
        const fields = new Map(
            interpreter.instanceFieldsOf(cls).map((f) => [f.decl.key, f] as const),
        );
        for (const e of v.entries.values()) {
            const name = String(e.key);
            const f = fields.get(name.toLowerCase());
            if (!f) {
                if (strict)
                    throw systemException('JSONException', `Unknown field: ${cls.name}.${name}`);
                continue;
            }
            const type = interpreter.typeOf(f.decl.typeCtx, f.owner);
            interpreter.setFieldDirect(
                obj,
                f.decl.key,
                this.convert(e.value, type, strict, `${path}.${name}`),
            );
        }
        return obj;
    }
}

/** JSON text of a node: compact, or pretty as the platform (Jackson's default printer) writes it. */
export function writeJson(node: JsonNode, pretty: boolean): string {
    return pretty ? writePretty(node, 0) : writeCompact(node);
}

function writeCompact(node: JsonNode): string {
    if (node === null) return 'null';
    if (typeof node === 'boolean') return node ? 'true' : 'false';
    if (typeof node === 'string') return JSON.stringify(node);
    if (Array.isArray(node)) return `[${node.map(writeCompact).join(',')}]`;
    if ('number' in node) return node.number;
    return `{${node.object.map(([k, v]) => `${JSON.stringify(k)}:${writeCompact(v)}`).join(',')}}`;
}

function writePretty(node: JsonNode, depth: number): string {
    if (node === null || typeof node !== 'object' || 'number' in node) return writeCompact(node);
    if (Array.isArray(node)) {
        if (node.length === 0) return '[ ]';
        return `[ ${node.map((n) => writePretty(n, depth)).join(', ')} ]`;
    }
    if (node.object.length === 0) return '{ }';
    const inner = '  '.repeat(depth + 1);
    const lines = node.object.map(
        ([k, v]) => `${inner}${JSON.stringify(k)} : ${writePretty(v, depth + 1)}`,
    );
    return `{\n${lines.join(',\n')}\n${'  '.repeat(depth)}}`;
}

// Reads JSON text straight into Apex values like JSON.deserializeUntyped, keeping each
// number's written form: 3 -> Integer, 3000000000 -> Long, 3.0 and 1e3 -> Decimal (scale as
// written). JSON.parse would lose that (54.0 and 54 are the same JS number).
import { decFromString } from './decimal.ts';
import { IntegerValue, ListValue, LongValue, MapValue, OBJECT_TYPE, typeRef } from './values.ts';
import type { ApexValue } from './values.ts';

const STRING_TYPE = typeRef('String');

class JsonReader {
    private pos = 0;
    constructor(private readonly text: string) {}

    fail(what: string): never {
        throw new Error(`apexInterpreter: invalid JSON (${what}) at offset ${this.pos}`);
    }

    private skipSpace(): void {
        while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos++;
    }

    readDocument(): ApexValue {
        const value = this.readValue();
        this.skipSpace();
        if (this.pos !== this.text.length) this.fail('trailing text');
        return value;
    }

    private readValue(): ApexValue {
        this.skipSpace();
        const c = this.text.charAt(this.pos);
        if (c === '{') return this.readObject();
        if (c === '[') return this.readArray();
        if (c === '"') return this.readString();
        if (this.text.startsWith('true', this.pos)) {
            this.pos += 4;
            return true;
        }
        if (this.text.startsWith('false', this.pos)) {
            this.pos += 5;
            return false;
        }
        if (this.text.startsWith('null', this.pos)) {
            this.pos += 4;
            return null;
        }
        return this.readNumber();
    }

    private readObject(): MapValue {
        const map = new MapValue(STRING_TYPE, OBJECT_TYPE, new Map());
        this.pos++;
        this.skipSpace();
        if (this.text.charAt(this.pos) === '}') {
            this.pos++;
            return map;
        }
        for (;;) {
            this.skipSpace();
            if (this.text.charAt(this.pos) !== '"') this.fail('expected a key');
            const key = this.readString();
            this.skipSpace();
            if (this.text.charAt(this.pos) !== ':') this.fail('expected :');
            this.pos++;
            map.entries.set(`s:${key}`, { key, value: this.readValue() });
            this.skipSpace();
            const c = this.text.charAt(this.pos++);
            if (c === '}') return map;
            if (c !== ',') this.fail('expected , or }');
        }
    }

    private readArray(): ListValue {
        const items: ApexValue[] = [];
        this.pos++;
        this.skipSpace();
        if (this.text.charAt(this.pos) === ']') {
            this.pos++;
            return new ListValue(OBJECT_TYPE, items);
        }
        for (;;) {
            items.push(this.readValue());
            this.skipSpace();
            const c = this.text.charAt(this.pos++);
            if (c === ']') return new ListValue(OBJECT_TYPE, items);
            if (c !== ',') this.fail('expected , or ]');
        }
    }

    private readString(): string {
        const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(
            this.text.slice(this.pos),
        );
        if (!m) this.fail('bad string');
        this.pos += m[0].length;
        return JSON.parse(m[0]) as string;
    }

    private readNumber(): ApexValue {
        const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
        if (!m) this.fail('unexpected character');
        this.pos += m[0].length;
        const written = m[0];
        if (m[1] === undefined && m[2] === undefined) {
            const big = BigInt(written);
            if (big >= -2147483648n && big <= 2147483647n) return new IntegerValue(Number(big));
            if (BigInt.asIntN(64, big) === big) return new LongValue(big);
        }
        const d = decFromString(written);
        if (!d) this.fail('bad number');
        return d;
    }
}

/** JSON text -> Apex values, as JSON.deserializeUntyped reads it. */
export function parseJsonToApex(text: string): ApexValue {
    return new JsonReader(text).readDocument();
}

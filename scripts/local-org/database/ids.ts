// Record Ids: three-character key prefix, a two-character pod marker, a reserved character and
// a nine-character base-62 sequence, then the three-character case checksum that makes the
// 18-character form (Apex Reference: Id Class; "What is a Salesforce record Id").
import { isValidId, toId } from '../interpreter/coerce.ts';
import { ApexThrown } from '../interpreter/exceptions.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** The pod marker of every Id this local org makes ("0L": local). */
export const LOCAL_POD = '0L';

export function base62(n: number, width: number): string {
    let out = '';
    let rest = n;
    for (let i = 0; i < width; i++) {
        out = (BASE62[rest % 62] as string) + out;
        rest = Math.floor(rest / 62);
    }
    if (rest > 0) throw new Error(`local-org: Id sequence ${n} does not fit ${width} characters`);
    return out;
}

/** An 18-character Id from a key prefix and a sequence number. */
export function makeId(keyPrefix: string, sequence: number): string {
    return toId(`${keyPrefix}${LOCAL_POD}0${base62(sequence, 9)}`);
}

/** The 18-character form of a 15- or 18-character Id, or null if the text is not an Id. */
export function normalizeId(text: string): string | null {
    if (!isValidId(text)) return null;
    try {
        return toId(text);
    } catch (e) {
        if (e instanceof ApexThrown) return null;
        throw e;
    }
}

export function keyPrefixOf(id: string): string {
    return id.slice(0, 3);
}

/** The 15-character form, as the platform prints Ids in some messages. */
export function shortId(id: string): string {
    return id.slice(0, 15);
}

// A small reader for Metadata API source files (`*-meta.xml`): elements, attributes, text and
// the five XML entities. Metadata files are machine-written and never need DTDs or
// namespaces beyond `xsi:`, so this is all the local org needs.
import { readFileSync } from 'node:fs';

export interface XmlElement {
    name: string;
    attributes: Record<string, string>;
    children: XmlElement[];
    text: string;
}

export class XmlError extends Error {
    constructor(message: string, file: string) {
        super(`local-org: ${file}: ${message}`);
        this.name = 'XmlError';
    }
}

function decodeEntities(text: string, file: string): string {
    return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_m, entity: string) => {
        switch (entity) {
            case 'lt':
                return '<';
            case 'gt':
                return '>';
            case 'amp':
                return '&';
            case 'quot':
                return '"';
            case 'apos':
                return "'";
            default: {
                const code = entity.startsWith('#x')
                    ? parseInt(entity.slice(2), 16)
                    : parseInt(entity.slice(1), 10);
                if (!Number.isFinite(code)) throw new XmlError(`bad entity &${entity};`, file);
                return String.fromCodePoint(code);
            }
        }
    });
}

/** Parses XML text into its root element. */
export function parseXml(source: string, file = '<xml>'): XmlElement {
    let pos = 0;
    const stack: XmlElement[] = [];
    let root: XmlElement | null = null;
    while (pos < source.length) {
        const lt = source.indexOf('<', pos);
        if (lt < 0) break;
        if (lt > pos && stack.length > 0) {
            (stack[stack.length - 1] as XmlElement).text += decodeEntities(
                source.slice(pos, lt),
                file,
            );
        }
        if (source.startsWith('<?', lt)) {
            pos = source.indexOf('?>', lt) + 2;
            if (pos < 2) throw new XmlError('unterminated processing instruction', file);
            continue;
        }
        if (source.startsWith('<!--', lt)) {
            pos = source.indexOf('-->', lt) + 3;
            if (pos < 3) throw new XmlError('unterminated comment', file);
            continue;
        }
        if (source.startsWith('<![CDATA[', lt)) {
            const end = source.indexOf(']]>', lt);
            if (end < 0) throw new XmlError('unterminated CDATA section', file);
            if (stack.length > 0)
                (stack[stack.length - 1] as XmlElement).text += source.slice(lt + 9, end);
            pos = end + 3;
            continue;
        }
        const gt = source.indexOf('>', lt);
        if (gt < 0) throw new XmlError('unterminated tag', file);
        const tag = source.slice(lt + 1, gt);
        pos = gt + 1;
        if (tag.startsWith('/')) {
            const name = tag.slice(1).trim();
            const open = stack.pop();
            if (!open || open.name !== name)
                throw new XmlError(`closing tag </${name}> does not match`, file);
            continue;
        }
        const selfClosing = tag.endsWith('/');
        const body = selfClosing ? tag.slice(0, -1) : tag;
        const nameMatch = /^\s*([^\s/>]+)/.exec(body);
        if (!nameMatch) throw new XmlError(`bad tag <${tag}>`, file);
        const element: XmlElement = {
            name: nameMatch[1] as string,
            attributes: {},
            children: [],
            text: '',
        };
        const attributePattern = /([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
        let m: RegExpExecArray | null;
        while ((m = attributePattern.exec(body.slice(nameMatch[0].length))) !== null) {
            element.attributes[m[1] as string] = decodeEntities(m[3] ?? m[4] ?? '', file);
        }
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(element);
        else if (root) throw new XmlError('more than one root element', file);
        else root = element;
        if (!selfClosing) stack.push(element);
    }
    if (stack.length > 0) throw new XmlError(`unclosed element <${stack[0]?.name}>`, file);
    if (!root) throw new XmlError('no root element', file);
    return root;
}

export function readXmlFile(file: string): XmlElement {
    return parseXml(readFileSync(file, 'utf8'), file);
}

/** The first child element with this name. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
    return element.children.find((c) => c.name === name);
}

export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
    return element.children.filter((c) => c.name === name);
}

/** The trimmed text of the first child with this name, or undefined. */
export function childText(element: XmlElement, name: string): string | undefined {
    const c = child(element, name);
    return c === undefined ? undefined : c.text.trim();
}

export function childBoolean(element: XmlElement, name: string, fallback: boolean): boolean {
    const text = childText(element, name);
    return text === undefined ? fallback : text === 'true';
}

export function childNumber(element: XmlElement, name: string): number | undefined {
    const text = childText(element, name);
    if (text === undefined || text === '') return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
}

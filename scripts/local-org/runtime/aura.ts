// Calling Apex as Lightning does: an @AuraEnabled static method with named JSON arguments,
// its result serialised with Lightning's rules (only @AuraEnabled members of Apex objects),
// errors in the shape the client receives (AuraHandledException: its message; any other
// exception: its message, type and stack). Also @InvocableMethod calls as Flow makes them.
import { ClassInfo } from '../interpreter/classes.ts';
import type { MethodDecl } from '../interpreter/classes.ts';
import { ApexThrown } from '../interpreter/exceptions.ts';
import { MapValue } from '../interpreter/values.ts';
import type { ApexValue } from '../interpreter/values.ts';
import { writeJson } from './jsonApi.ts';
import type { LocalOrg } from './org.ts';
import { runAsRequest } from './request.ts';

/** What the Lightning client receives: the result's JSON (200) or the error body (500). */
export interface AuraResponse {
    status: 200 | 500;
    /** JSON text: the return value, or { message, exceptionType, isUserDefinedException, stackTrace }. */
    body: string;
}

export class AuraError extends Error {}

function findMethod(
    org: LocalOrg,
    className: string,
    methodName: string,
    annotation: string,
): MethodDecl {
    const cls = org.findClass(className);
    if (!(cls instanceof ClassInfo) || cls.outer)
        throw new AuraError(`local-org: no Apex class ${className}`);
    const methods = (cls.methods.get(methodName.toLowerCase()) ?? []).filter(
        (m) => m.isStatic && m.annotations.has(annotation),
    );
    const method = methods[0];
    if (!method || methods.length > 1)
        throw new AuraError(
            `local-org: ${className}.${methodName} is not one static @${annotation === 'auraenabled' ? 'AuraEnabled' : 'InvocableMethod'} method`,
        );
    return method;
}

export function invokeAura(
    org: LocalOrg,
    className: string,
    methodName: string,
    paramsJson: string,
    userId?: string,
): AuraResponse {
    const method = findMethod(org, className, methodName, 'auraenabled');
    const params = paramsJson.trim() === '' ? null : org.json.parse(paramsJson);
    if (params !== null && !(params instanceof MapValue))
        throw new AuraError('local-org: Aura parameters must be a JSON object');
    try {
        return runAsRequest(org, userId, () => {
            const args: ApexValue[] = method.params.map((p) => {
                const raw = params?.entries.get(`s:${p.name}`)?.value ?? null;
                return org.json.convert(
                    raw,
                    org.interpreter.typeOf(p.typeCtx, method.cls),
                    false,
                    p.name,
                );
            });
            const result = org.interpreter.invoke(method, null, args);
            return {
                status: 200 as const,
                body: writeJson(
                    org.json.toNode(result, { suppressApexObjectNulls: false, aura: true }),
                    false,
                ),
            };
        });
    } catch (e) {
        if (!(e instanceof ApexThrown)) throw e;
        const ex = e.exception;
        const aura = ex.cls.key === 'system.aurahandledexception';
        const message = aura
            ? String(ex.native?.auraMessage ?? ex.message ?? '')
            : (ex.message ?? '');
        return {
            status: 500,
            body: JSON.stringify({
                message,
                exceptionType: ex.cls.name,
                isUserDefinedException: !ex.cls.name.startsWith('System.'),
                stackTrace: aura
                    ? null
                    : (ex.stack ?? [])
                          .map((l) => `${l.label}: line ${l.line}, column ${l.column}`)
                          .join('\n'),
            }),
        };
    }
}

/** Calls an @InvocableMethod with a JSON array of inputs; returns the outputs' JSON. */
export function invokeInvocable(
    org: LocalOrg,
    className: string,
    inputsJson: string,
    userId?: string,
): string {
    const cls = org.findClass(className);
    if (!(cls instanceof ClassInfo)) throw new AuraError(`local-org: no Apex class ${className}`);
    const method = [...cls.methods.values()]
        .flat()
        .find((m) => m.isStatic && m.annotations.has('invocablemethod'));
    if (!method) throw new AuraError(`local-org: ${className} has no @InvocableMethod`);
    const input = org.json.parse(inputsJson);
    return runAsRequest(org, userId, () => {
        const param = method.params[0];
        const args = param
            ? [
                  org.json.convert(
                      input,
                      org.interpreter.typeOf(param.typeCtx, method.cls),
                      false,
                      param.name,
                  ),
              ]
            : [];
        const result = org.interpreter.invoke(method, null, args);
        return writeJson(
            org.json.toNode(result, { suppressApexObjectNulls: false, aura: false }),
            false,
        );
    });
}

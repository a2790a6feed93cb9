// Puts the data layer together for the runtime: schema/, database/, soql/, security/.
import { loadOrgSchema } from '../schema/index.ts';
import { LocalDatabase } from '../database/index.ts';
import { executeQuery } from '../soql/index.ts';
import { sobjectTypeOf } from '../interpreter/sobjects.ts';
import { loadSecurity } from '../security/index.ts';
import type { DataLayer } from './dataLayer.ts';

export function createDataLayer(projectRoot: string, options: { now(): Date }): DataLayer {
    const schema = loadOrgSchema(projectRoot);
    const db = new LocalDatabase(schema, {
        now: options.now,
        typeInfo: (object) => sobjectTypeOf(object),
    });
    const security = loadSecurity(projectRoot, schema, db);
    return {
        formulaProblems: () => db.formulas.problems(),
        schema,
        db: {
            newId: (objectName) => db.newId(schema.require(objectName)),
            record: (id) => {
                const row = db.row(id);
                return row ? db.recordOf(row) : null;
            },
            objectOfId: (id) => db.row(id)?.table.object ?? schema.byKeyPrefix(id.slice(0, 3)),
            loadRecords: (object, rows) => db.loadRecords(object, rows),
            updateSystemFields: (id, values) => {
                const row = db.row(id);
                if (!row) throw new Error(`local-org: no row ${id} to update`);
                db.store.update(
                    row,
                    new Map(Object.entries(values).map(([k, v]) => [k.toLowerCase(), v])),
                );
            },
            savepoint: () => db.savepoint(),
            rollback: (sp) => db.rollback(sp as ReturnType<LocalDatabase['savepoint']>),
            release: (sp) => db.release(sp as ReturnType<LocalDatabase['savepoint']>),
            snapshot: () => db.snapshot(),
            restore: (s) => db.restore(s as ReturnType<LocalDatabase['snapshot']>),
            discard: (s) => db.discard(s as ReturnType<LocalDatabase['snapshot']>),
            beginTestIsolation: () => db.beginTestIsolation(),
            endTestIsolation: () => db.endTestIsolation(),
            setCurrentUser: (userId) => {
                db.currentUserId = userId;
            },
            dml: (request, hooks) => db.dml(request, hooks),
            customMetadata: (type) => db.customMetadata(type),
            staticResourceFile: (id) => db.staticResourceFiles.get(id) ?? null,
            organizationId: db.seed.organizationId,
            adminUserId: db.seed.adminUserId,
            standardPricebookId: db.seed.standardPricebookId,
        },
        security,
        query: (query, env) => executeQuery(query, { ...env, db, schema }),
    };
}

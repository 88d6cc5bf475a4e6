import type { RelationWithEnds } from '../core/api-notes';
import type { Id, Relation, RelationType } from '../core/domain';
import { GlossError } from '../core/errors';
import { foldForSearch } from '../core/fold';
import { isLiveDocument } from '../db/documents';
import {
  countLiveRelationsOfType,
  findDuplicateRelation,
  findLiveTypeByName,
  findRelation,
  findRelationType,
  insertRelation,
  insertRelationType,
  isLiveAnnotation,
  isTypeKeyTaken,
  listDocumentRelations,
  listRelationTypes,
  nextTypePosition,
  setRelationDeleted,
  setRelationTypeDeleted,
  updateRelationFields,
  updateRelationTypeFields,
} from '../db/relations';
import type { ServiceContext } from './context';
import { documentNotFound, newId, now } from './context';
import { inTransaction } from './handlers';
import type { Handlers } from './handlers';

/** Relation types and relations between annotations (issue 4, point 5). */
export const relationHandlers = {
  listRelationTypes: (ctx) => listRelationTypes(ctx.db),

  createRelationType: inTransaction((ctx, { name, inverseName, symmetric = false }) => {
    refuseTakenName(ctx, name, null);
    const type: RelationType = {
      id: newId(),
      key: freeKey(ctx, name),
      name,
      inverseName: symmetric ? name : (inverseName ?? name),
      symmetric,
      builtIn: false,
      position: nextTypePosition(ctx.db),
    };
    insertRelationType(ctx.db, type, ctx.author, now());
    return type;
  }),

  updateRelationType: inTransaction((ctx, args) => {
    const type = requireLiveType(ctx, args.id);
    if (type.builtIn && args.symmetric !== undefined && args.symmetric !== type.symmetric) {
      throw new GlossError(
        'conflict',
        `“${type.name}” is a built-in relation type: it can be renamed, but whether it reads ` +
          'the same both ways is fixed.',
        { id: type.id },
      );
    }
    const name = args.name ?? type.name;
    if (args.name !== undefined) refuseTakenName(ctx, name, type.id);
    const symmetric = args.symmetric ?? type.symmetric;
    const inverseName = symmetric ? name : (args.inverseName ?? type.inverseName);
    updateRelationTypeFields(ctx.db, type.id, { name, inverseName, symmetric }, now());
    return findRelationType(ctx.db, type.id)!.type;
  }),

  deleteRelationType: inTransaction((ctx, { id }) => {
    const stored = requireStoredType(ctx, id);
    if (stored.deletedAt !== null) return stored.type;
    if (stored.type.builtIn) {
      throw new GlossError(
        'conflict',
        `“${stored.type.name}” is a built-in relation type and cannot be deleted.`,
        { id },
      );
    }
    const used = countLiveRelationsOfType(ctx.db, id);
    if (used > 0) {
      throw new GlossError(
        'conflict',
        `“${stored.type.name}” links ${used} ${used === 1 ? 'pair' : 'pairs'} of annotations: ` +
          'delete those relations or give them another type first.',
        { id, relations: used },
      );
    }
    const at = now();
    setRelationTypeDeleted(ctx.db, id, at, at);
    return findRelationType(ctx.db, id)!.type;
  }),

  restoreRelationType: inTransaction((ctx, { id }) => {
    const stored = requireStoredType(ctx, id);
    if (stored.deletedAt === null) return stored.type;
    refuseTakenName(ctx, stored.type.name, id);
    if (isTypeKeyTaken(ctx.db, stored.type.key)) {
      throw new GlossError('conflict', `Another relation type now uses “${stored.type.key}”.`, {
        id,
      });
    }
    setRelationTypeDeleted(ctx.db, id, null, now());
    return findRelationType(ctx.db, id)!.type;
  }),

  listRelations: (ctx, { documentId }) => {
    if (!isLiveDocument(ctx.db, documentId)) throw documentNotFound(documentId);
    return listDocumentRelations(ctx.db, documentId);
  },

  createRelation: inTransaction((ctx, args) => {
    const type = requireLiveType(ctx, args.typeId);
    requireLiveAnnotation(ctx, args.sourceId);
    requireLiveAnnotation(ctx, args.targetId);
    refuseDuplicate(ctx, type, args.sourceId, args.targetId, null);
    const at = now();
    const relation: Relation = {
      id: newId(),
      typeId: type.id,
      sourceId: args.sourceId,
      targetId: args.targetId,
      note: args.note ?? '',
      author: ctx.author,
      createdAt: at,
      updatedAt: at,
    };
    insertRelation(ctx.db, relation);
    return findRelation(ctx.db, relation.id)!.relation;
  }),

  updateRelation: inTransaction((ctx, { id, typeId, note }) => {
    const relation = requireVisibleRelation(ctx, id);
    if (typeId !== undefined && typeId !== relation.typeId) {
      const type = requireLiveType(ctx, typeId);
      refuseDuplicate(ctx, type, relation.sourceId, relation.targetId, id);
    }
    updateRelationFields(ctx.db, id, { typeId, note }, now());
    return findRelation(ctx.db, id)!.relation;
  }),

  /** Soft-deletes a relation and returns it (for undo); deleting a deleted one changes nothing. */
  deleteRelation: inTransaction((ctx, { id }) => {
    const stored = requireStoredRelation(ctx, id);
    if (stored.deletedAt !== null) return stored.relation;
    const at = now();
    setRelationDeleted(ctx.db, id, at, at);
    return findRelation(ctx.db, id)!.relation;
  }),

  /** Brings a relation back, if its type and both ends are live and it would not duplicate one. */
  restoreRelation: inTransaction((ctx, { id }) => {
    const stored = requireStoredRelation(ctx, id);
    if (stored.deletedAt === null) return stored.relation;
    const { relation } = stored;
    const type = findRelationType(ctx.db, relation.typeId);
    if (!type || type.deletedAt !== null) {
      throw new GlossError('conflict', 'Cannot restore the relation: its type was deleted.', {
        id,
      });
    }
    requireLiveAnnotation(ctx, relation.sourceId);
    requireLiveAnnotation(ctx, relation.targetId);
    refuseDuplicate(ctx, type.type, relation.sourceId, relation.targetId, id);
    setRelationDeleted(ctx.db, id, null, now());
    return findRelation(ctx.db, id)!.relation;
  }),
} satisfies Partial<Handlers>;

function requireStoredType(ctx: ServiceContext, id: Id) {
  const stored = findRelationType(ctx.db, id);
  if (!stored) throw new GlossError('not_found', `There is no relation type ${id}.`, { id });
  return stored;
}

function requireLiveType(ctx: ServiceContext, id: Id): RelationType {
  const stored = requireStoredType(ctx, id);
  if (stored.deletedAt !== null) {
    throw new GlossError('not_found', `The relation type “${stored.type.name}” was deleted.`, {
      id,
    });
  }
  return stored.type;
}

function refuseTakenName(ctx: ServiceContext, name: string, exceptId: Id | null): void {
  if (findLiveTypeByName(ctx.db, name, exceptId) !== undefined) {
    throw new GlossError('conflict', `There is already a relation type named “${name}”.`, {
      path: ['name'],
    });
  }
}

/** A machine name for a new type: its name in lower-case ASCII words, made unique. */
function freeKey(ctx: ServiceContext, name: string): string {
  const base =
    foldForSearch(name)
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'relation';
  let key = base;
  for (let n = 2; isTypeKeyTaken(ctx.db, key); n++) key = `${base}_${n}`;
  return key;
}

function requireLiveAnnotation(ctx: ServiceContext, id: Id): void {
  if (!isLiveAnnotation(ctx.db, id)) {
    throw new GlossError(
      'not_found',
      `There is no annotation ${id} (it, or its document, may have been deleted).`,
      { id },
    );
  }
}

function refuseDuplicate(
  ctx: ServiceContext,
  type: RelationType,
  sourceId: Id,
  targetId: Id,
  exceptId: Id | null,
): void {
  const link = { typeId: type.id, sourceId, targetId, symmetric: type.symmetric };
  const existing = findDuplicateRelation(ctx.db, link, exceptId);
  if (existing !== undefined) {
    throw new GlossError(
      'conflict',
      `These two annotations are already linked as “${type.name}”.`,
      { id: existing },
    );
  }
}

function requireStoredRelation(
  ctx: ServiceContext,
  id: Id,
): { relation: RelationWithEnds; deletedAt: string | null } {
  const stored = findRelation(ctx.db, id);
  if (!stored) throw new GlossError('not_found', `There is no relation ${id}.`, { id });
  return stored;
}

/** A live relation whose two ends are live. */
function requireVisibleRelation(ctx: ServiceContext, id: Id): RelationWithEnds {
  const stored = requireStoredRelation(ctx, id);
  if (stored.deletedAt !== null) {
    throw new GlossError('not_found', `Relation ${id} was deleted.`, { id });
  }
  requireLiveAnnotation(ctx, stored.relation.sourceId);
  requireLiveAnnotation(ctx, stored.relation.targetId);
  return stored.relation;
}

/**
 * Argument pieces that several areas of the API share. Each area (core/api-*.ts) builds its
 * method schemas from these, so an id or an offset is checked the same way everywhere.
 */
import { z } from 'zod';
import { LIMITS } from './limits';

export const id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: 'must be a UUID',
  });
export const offset = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export const note = z.string().max(LIMITS.maxNoteLength);

/** One typed attribute value (core/domain.ts AttributeValue); null in a patch removes it. */
export const attributeValue = z.union([
  z.string().max(LIMITS.maxNoteLength),
  z.number().finite(),
  z.boolean(),
  z.array(z.string().max(LIMITS.maxNameLength)).max(200),
]);
export const attributeValues = z.record(id, attributeValue);
export const attributePatch = z.record(id, attributeValue.nullable());

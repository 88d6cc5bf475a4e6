/**
 * Which Gloss release first wrote each schema version. A project records the release its schema
 * needs (the settings row `requiredGlossVersion`, written whenever a project is created or
 * migrated), so that an OLDER Gloss, which cannot know about schemas newer than its own, can
 * still tell the analyst which version to install instead of only "a newer one".
 *
 * Append an entry with every new migration (a test checks that each schema version has one).
 */
export const FIRST_APP_VERSION_BY_SCHEMA: Readonly<Record<number, string>> = {
  1: '0.1.0',
  2: '0.1.0',
  3: '0.2.0',
  4: '0.2.0',
};

/** The settings key under which a project records the Gloss release its schema needs. */
export const REQUIRED_APP_VERSION_KEY = 'requiredGlossVersion';

/** The first Gloss release that reads `schemaVersion`, or undefined for one this build does not know. */
export function firstAppVersionFor(schemaVersion: number): string | undefined {
  return FIRST_APP_VERSION_BY_SCHEMA[schemaVersion];
}

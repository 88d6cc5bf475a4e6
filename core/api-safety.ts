/** The API's methods for backups, restore, damaged-file recovery (issue 6). */

export const safetyArgSchemas = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SafetyResults {}

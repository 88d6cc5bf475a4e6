/** The API's methods for exports and imports of the standard formats, project copies (issue 5). */

export const exchangeArgSchemas = {} as const;

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ExchangeResults {}

import { describe, expect, it } from 'vitest';
import { EXCHANGE_FORMAT_IDS } from '../../../core/api-exchange';
import { EXPORT_EXTENSIONS } from '../../../electron/export-extensions';
import { exchangeFormat } from '../../../formats/exchange/registry';

describe('the desktop save dialog', () => {
  it.each(EXCHANGE_FORMAT_IDS)('suggests the extension the %s writer uses', (id) => {
    expect(EXPORT_EXTENSIONS[id]).toBe(exchangeFormat(id).extension);
  });
});

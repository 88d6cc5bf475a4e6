import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GlossApi } from '../../../core/api';
import { DEFAULT_SUBTAGS, ROOT_TAGS } from '../../../core/codebook';
import { GlossError } from '../../../core/errors';
import { dispatch } from '../../../service/dispatch';
import { openTestService } from './helpers';

describe('dispatch', () => {
  afterEach(() => vi.restoreAllMocks());

  it('returns the result of a known method', async () => {
    const { api } = openTestService();
    const reply = await dispatch(api, 'listTags', {});
    expect(reply.ok && (reply.result as unknown[]).length).toBe(
      ROOT_TAGS.length + DEFAULT_SUBTAGS.length,
    );
  });

  it('turns an unknown method into an error without calling anything', async () => {
    const { api } = openTestService();
    for (const method of ['dropTables', '__proto__', 'toString', 42, undefined]) {
      const reply = await dispatch(api, method, {});
      expect(reply).toEqual({
        ok: false,
        error: { code: 'not_found', message: expect.stringMatching(/^There is no API method/) },
      });
    }
  });

  it('passes a GlossError on with its code, message and details', async () => {
    const { api } = openTestService();
    const reply = await dispatch(api, 'getDocument', { id: 7 });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid_argument',
        message: expect.stringMatching(/^getDocument: id /),
        details: { path: ['id'] },
      },
    });
  });

  it('hides the inside of any other error from the door and logs its stack', async () => {
    const logged: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      logged.push(String(chunk));
      return true;
    });
    const broken = {
      listTags: async () => {
        throw new TypeError('cannot read /home/analyst/secret.gloss');
      },
    } as unknown as GlossApi;
    const reply = await dispatch(broken, 'listTags', {});
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside Gloss. The details were written to its log.',
      },
    });
    expect(JSON.stringify(reply)).not.toContain('secret');
    expect(logged.join('')).toMatch(/listTags failed: TypeError: cannot read/);
  });

  it('recognises a GlossError made by another copy of core', async () => {
    const foreign = Object.assign(new Error('Nope.'), { name: 'GlossError', code: 'conflict' });
    const api = { listTags: () => Promise.reject(foreign) } as unknown as GlossApi;
    expect(await dispatch(api, 'listTags', {})).toEqual({
      ok: false,
      error: new GlossError('conflict', 'Nope.').toJSON(),
    });
  });
});

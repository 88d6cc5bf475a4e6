import { describe, expect, it } from 'vitest';
import { GlossError } from '../../../core/errors';
import { connect, httpApi, takeToken, TOKEN_STORAGE_KEY } from '../../../renderer/transport';

/** Just enough of a window for the transport: location, history and session storage. */
function fakeWindow(url: string, extra: Record<string, unknown> = {}) {
  const location = new URL(url);
  const storage = new Map<string, string>();
  const win = {
    location,
    history: {
      state: null,
      replaceState: (_state: unknown, _title: string, next: string) => {
        const resolved = new URL(next, location);
        location.hash = resolved.hash;
      },
    },
    sessionStorage: {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
    },
    fetch: async () => new Response('{}'),
    ...extra,
  };
  return { win: win as unknown as Window, storage, location };
}

describe('takeToken', () => {
  it('takes the token from the fragment, keeps it for reloads and removes it from the URL', () => {
    const { win, storage, location } = fakeWindow('http://127.0.0.1:4000/#token=s3cret');
    expect(takeToken(win)).toBe('s3cret');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('s3cret');
    expect(location.hash).toBe('');
    // A reload has no fragment any more: the stored token still works.
    expect(takeToken(win)).toBe('s3cret');
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeToken(fakeWindow('http://127.0.0.1:4000/').win)).toBeNull();
    expect(connect(fakeWindow('http://127.0.0.1:4000/').win)).toBeNull();
  });

  it('prefers the Electron preload when it exists, and rebuilds its errors', async () => {
    const gloss = {
      listTags: async () => [{ id: 't' }],
      // What contextBridge delivers: a plain object, not an Error.
      getDocument: async () => {
        throw { name: 'GlossError', code: 'not_found', message: 'No such document' };
      },
    };
    const connection = connect(fakeWindow('app://gloss/', { gloss }).win)!;
    expect(connection.mode).toBe('desktop');
    expect(await connection.api.listTags({})).toEqual([{ id: 't' }]);
    const error = await connection.api.getDocument({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GlossError);
    expect(error).toMatchObject({ code: 'not_found' });
  });
});

describe('httpApi', () => {
  it('posts the arguments with the bearer token and returns the result', async () => {
    const requests: { url: string; init: RequestInit }[] = [];
    const api = httpApi('tok', async (url, init) => {
      requests.push({ url: String(url), init: init! });
      return new Response(JSON.stringify({ ok: true, result: [{ id: 'x' }] }));
    });
    expect(await api.listAnnotations({ documentId: 'd' })).toEqual([{ id: 'x' }]);
    expect(requests[0]!.url).toBe('/api/listAnnotations');
    expect(requests[0]!.init.method).toBe('POST');
    expect((requests[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(JSON.parse(String(requests[0]!.init.body))).toEqual({ documentId: 'd' });
  });

  it('rethrows the service error as a GlossError with its code', async () => {
    const api = httpApi('tok', async () =>
      Response.json(
        { ok: false, error: { code: 'not_found', message: 'No such document' } },
        { status: 404 },
      ),
    );
    const error = await api.getDocument({ id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GlossError);
    expect(error).toMatchObject({ code: 'not_found', message: 'No such document' });
  });

  it('explains an unreachable server', async () => {
    const api = httpApi('tok', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.listTags({})).rejects.toThrow(/npm run web/);
  });
});

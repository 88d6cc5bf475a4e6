import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { refusalFor } from '../../../service/doors';
import { runCli } from '../../../service/cli';
import { openService } from '../../../service/service';
import { startWebServer } from '../../../service/web-server';
import { apiHeaders, rawRequest } from '../web/http';
import { makeTempDir, openTestService } from '../service/helpers';
import { buildAnalystProject, projectContent } from './attach-fixtures';

async function gloss(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    cwd,
  });
  return { code, stdout, stderr };
}

describe('exports streamed to a path', () => {
  it('writes the file whole, from one snapshot, and reports progress by job id', async () => {
    const { api } = openTestService();
    await buildAnalystProject(api);
    const dir = makeTempDir();
    const jobId = '01900000-0000-7000-8000-0000000000aa';
    const result = await api.exportToPath({ format: 'w3c', path: join(dir, 'out.jsonld'), jobId });
    expect(result.report.annotationCount).toBe(8);
    const written = readFileSync(result.path, 'utf8');
    expect(Buffer.byteLength(written)).toBe(result.byteSize);
    expect(JSON.parse(written).type).toBe('AnnotationCollection');
    expect(await api.exportProgress({ jobId })).toEqual({ done: 8, total: 8, finished: true });
  });

  it('refuses a folder that does not exist, and leaves no temporary file behind', async () => {
    const { api } = openTestService();
    const dir = makeTempDir();
    await expect(
      api.exportToPath({ format: 'qdpx', path: join(dir, 'missing', 'x.qdpx') }),
    ).rejects.toThrow(/its folder does not exist/);
  });

  it('is refused in browser mode and the app window, like every path method', () => {
    for (const method of [
      'exportToPath',
      'importAnnotationsFromPath',
      'saveProjectCopy',
      'takeDownload',
    ] as const) {
      expect(refusalFor('web', method)?.code).toBe('unauthorized');
      expect(refusalFor('desktop', method)?.code).toBe('unauthorized');
      expect(refusalFor('cli', method)).toBeUndefined();
    }
  });
});

describe('project copies', () => {
  it('saves a copy with the backup API that opens elsewhere with everything in it', async () => {
    const { api } = openTestService();
    await buildAnalystProject(api);
    const copyPath = join(makeTempDir(), 'copy.gloss');
    const copy = await api.saveProjectCopy({ path: copyPath });
    expect(copy.byteSize).toBeGreaterThan(0);
    const elsewhere = openService({
      projectPath: copyPath,
      author: 'colleague',
      appVersion: '0',
      mustExist: true,
    });
    onTestFinished(() => elsewhere.close());
    expect(await projectContent(elsewhere.api)).toEqual(await projectContent(api));
  });

  it('is downloaded once in browser mode, with the token', async () => {
    const dir = makeTempDir();
    const service = openService({
      projectPath: join(dir, 'case.gloss'),
      author: 't',
      appVersion: '0',
    });
    onTestFinished(() => service.close());
    await buildAnalystProject(service.api);
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    const server = await startWebServer({ api: service.api, staticDir: dir });
    onTestFinished(() => server.close());
    const prepared = await rawRequest({
      port: server.port,
      method: 'POST',
      path: '/api/prepareProjectCopyDownload',
      headers: apiHeaders(server.token, server.port),
      body: '{}',
    });
    const { result } = JSON.parse(prepared.body) as {
      result: { downloadId: string; fileName: string };
    };
    expect(result.fileName).toBe('case-copy.gloss');
    const get = (token: string) =>
      rawRequest({
        port: server.port,
        path: `/download/${result.downloadId}`,
        headers: { Authorization: `Bearer ${token}` },
      });
    expect((await get('wrong'.repeat(10))).status).toBe(401);
    const download = await get(server.token);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain('filename="case-copy.gloss"');
    expect(download.body.startsWith('SQLite format 3')).toBe(true);
    // Spent: a second fetch finds nothing.
    expect((await get(server.token)).status).toBe(404);
    // And the path methods stay closed to the page.
    const refused = await rawRequest({
      port: server.port,
      method: 'POST',
      path: '/api/takeDownload',
      headers: apiHeaders(server.token, server.port),
      body: JSON.stringify({ id: result.downloadId }),
    });
    expect(refused.status).toBe(403);
  });
});

describe('gloss import-annotations and gloss save-copy', () => {
  it('imports an exported file into another project and prints the report', async () => {
    const cwd = makeTempDir();
    const source = openService({ projectPath: join(cwd, 'a.gloss'), author: 'a', appVersion: '0' });
    await buildAnalystProject(source.api);
    await source.api.exportToPath({ format: 'qdpx', path: join(cwd, 'case.qdpx') });
    source.close();
    const run = await gloss(['import-annotations', 'case.qdpx', '--project', 'b.gloss'], cwd);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^document {2}"Kavkaz Files[^"]*": created /m);
    expect(run.stdout).toContain('added     8 annotations, 5 relations, 3 memos');
    expect(run.stderr).toContain('Imported 8 annotations from case.qdpx (REFI-QDA project)');
    const again = await gloss(['import-annotations', 'case.qdpx', '-p', 'b.gloss'], cwd);
    expect(again.stdout).toContain('(8 annotations were already in the project)');
  });

  it('exits 1 when something was left out, and 2 for a wrong command line', async () => {
    const cwd = makeTempDir();
    writeFileSync(
      join(cwd, 'stray.json'),
      JSON.stringify({
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'urn:uuid:01900000-0000-7000-8000-000000000001',
        type: 'Annotation',
        body: { type: 'TextualBody', purpose: 'tagging', value: 'Claim' },
        target: { source: 'http://x', selector: { type: 'TextQuoteSelector', exact: 'nowhere' } },
      }),
    );
    const run = await gloss(['import-annotations', 'stray.json', '-p', 'p.gloss'], cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'skipped   annotation "nowhere" in http://x: no document of the project contains its text',
    );
    expect((await gloss(['import-annotations', '-p', 'p.gloss'], cwd)).code).toBe(2);
    expect((await gloss(['import-annotations', 'x', '--format', 'pdf'], cwd)).stderr).toContain(
      'unknown format "pdf"',
    );
  });

  it('saves a copy, refusing to overwrite without --force', async () => {
    const cwd = makeTempDir();
    const project = openService({
      projectPath: join(cwd, 'p.gloss'),
      author: 'a',
      appVersion: '0',
    });
    await buildAnalystProject(project.api);
    project.close();
    const run = await gloss(['save-copy', 'copy.gloss', '--project', 'p.gloss'], cwd);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`Open it anywhere with --project ${join(cwd, 'copy.gloss')}`);
    expect(existsSync(join(cwd, 'copy.gloss'))).toBe(true);
    const refused = await gloss(['save-copy', 'copy.gloss', '--project', 'p.gloss'], cwd);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('add --force');
    expect((await gloss(['save-copy', 'copy.gloss', '--force', '-p', 'p.gloss'], cwd)).code).toBe(
      0,
    );
  });
});

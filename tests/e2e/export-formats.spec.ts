/**
 * The Export dialog with the exchange formats, in browser mode: every format with what it
 * carries, CoNLL with its tag choice and the report of the spans it had to leave out, a brat zip
 * checked file by file, a progress bar while an export runs, and the HTML report opened in the
 * browser — printable, and inert (its strict policy leaves any script in the project dead).
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import JSZip from 'jszip';
import {
  BUILTIN_ATTRIBUTE_IDS as A,
  BUILTIN_RELATION_TYPES,
  DEFAULT_SUBTAGS,
} from '../../core/codebook';
import type { GlossServer } from './fixtures';
import { expect, test } from './fixtures';
import { openButton } from './helpers/library';
import { cpSlice, findPhrase, readSample } from './helpers/text';

const sample = readSample();
const CLAIM = '00000000-0000-7000-8000-000000000001';
const PERSON = DEFAULT_SUBTAGS.find((t) => t.name === 'Person')!.id;
const SUPPORTS = BUILTIN_RELATION_TYPES.find((t) => t.key === 'supports')!.id;
const claimPhrase = findPhrase(
  sample.text,
  'there are about 500 ethnic Azerbaijanis in the ranks of the Armed Forces of Ukraine',
);
const statistic = findPhrase(sample.text, 'about 500 ethnic Azerbaijanis');
const person = findPhrase(sample.text, 'Ceyhun Mammadov');
const HOSTILE_NOTE =
  '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>';

/** The sample with a claim (graded, attributed, noted), a nested statistic and a person. */
async function annotatedSample(gloss: GlossServer): Promise<void> {
  const [outcome] = await gloss.call('importFiles', {
    files: [{ name: sample.fileName, data: Buffer.from(sample.content).toString('base64') }],
  });
  if (outcome?.status !== 'imported') throw new Error('the sample did not import');
  const documentId = outcome.document.id;
  const entity = await gloss.call('createEntity', {
    name: 'Ceyhun Mammadov',
    kind: 'person',
    aliases: ['Jeyhun Mammadov'],
  });
  await gloss.call('createAnnotation', {
    documentId,
    tagId: PERSON,
    start: person.start,
    end: person.end,
    entityId: entity.id,
  });
  const claim = await gloss.call('createAnnotation', {
    documentId,
    tagId: CLAIM,
    start: claimPhrase.start,
    end: claimPhrase.end,
    note: HOSTILE_NOTE,
    attributes: { [A.reliability]: 'B', [A.credibility]: '2', [A.attributedTo]: entity.id },
  });
  const nested = await gloss.call('createAnnotation', {
    documentId,
    tagId: PERSON,
    start: statistic.start,
    end: statistic.end,
  });
  await gloss.call('createRelation', { typeId: SUPPORTS, sourceId: nested.id, targetId: claim.id });
}

async function openExport(page: Page) {
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export annotations' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Clicks, waits for the download, and saves it under its own name (so its extension counts). */
async function saveDownload(page: Page, click: () => Promise<void>) {
  const downloading = page.waitForEvent('download');
  await click();
  const download = await downloading;
  const name = download.suggestedFilename();
  const path = join(await mkdtemp(join(tmpdir(), 'gloss-export-e2e-')), name);
  await download.saveAs(path);
  return { name, path };
}

test('every format is offered with what it carries; CoNLL reports the spans it left out', async ({
  page,
  gloss,
}) => {
  await annotatedSample(gloss);
  await page.goto(gloss.url);
  await openButton(page, sample.title).click();
  const dialog = await openExport(page);
  for (const [name, carries] of [
    ['W3C Web Annotation', /Everything/],
    ['REFI-QDA project', /NVivo/],
    ['brat standoff', /relations/],
    ['CoNLL-2003 / IOB2', /NER training/],
    ['doccano', /Spans and relations/],
    ['Label Studio', /per-span attributes/],
    ['spaCy', /entity offsets/],
    ['Report (HTML)', /Claims register/],
    ['Report (Markdown)', /Markdown/],
    ['CSV', /spreadsheets/],
    ['JSONL', /One document a line/],
  ] as const) {
    await expect(dialog.getByRole('radio', { name, exact: true })).toHaveAccessibleDescription(
      carries,
    );
  }
  await dialog.getByRole('radio', { name: 'CoNLL-2003 / IOB2' }).check();
  const tags = dialog.getByRole('group', { name: 'Tags' });
  await expect(tags.getByRole('checkbox', { name: 'Entity' })).toBeChecked();
  // A sub-tag comes with its parent: checked, and not separately changeable.
  await expect(tags.getByRole('checkbox', { name: 'Person' })).toBeChecked();
  await expect(tags.getByRole('checkbox', { name: 'Person' })).toBeDisabled();
  await dialog.getByRole('radio', { name: 'Whole project' }).check();
  const file = await saveDownload(page, () =>
    dialog.getByRole('button', { name: 'Save export' }).click(),
  );
  expect(file.name).toMatch(/\.conll$/);
  const conll = await readFile(file.path, 'utf8');
  expect(conll.split('\n')[0]).toMatch(
    /^# Gloss CoNLL-2003 IOB2 export .*Tokeniser: Unicode words/,
  );
  expect(conll).toContain('\nCeyhun -X- _ B-Person\nMammadov -X- _ I-Person\n');

  const finished = page.getByRole('dialog', { name: 'Export finished' });
  await expect(finished.getByRole('status')).toContainText(
    'Exported 2 annotations from 1 document',
  );
  const omitted = finished.getByRole('list', { name: /Not carried by CoNLL-2003/ });
  // The claim was not chosen, so neither it nor its relation is in the export: what CoNLL
  // itself could not carry is the entity link.
  await expect(omitted).toContainText('entity links (1)');
  await expect(omitted).toContainText('annotation authors and times (2)');
  await finished.getByRole('button', { name: 'Done' }).click();
  await expect(finished).toBeHidden();
});

test('a brat export downloads as a zip whose spans match the text, with a progress bar meanwhile', async ({
  page,
  gloss,
}) => {
  await annotatedSample(gloss);
  await page.goto(gloss.url);
  await expect(openButton(page, sample.title)).toBeVisible();
  const dialog = await openExport(page);
  await dialog.getByRole('radio', { name: 'brat standoff' }).check();
  // Hold the export's reply a moment, as a large project would, to see the progress bar.
  await page.route('**/api/exportProject', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  const file = await saveDownload(page, async () => {
    await dialog.getByRole('button', { name: 'Save export' }).click();
    await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Exporting…' })).toBeDisabled();
  });
  expect(file.name).toBe('gloss-export.zip');
  const zip = await JSZip.loadAsync(await readFile(file.path));
  const ann = Object.keys(zip.files).find((n) => n.endsWith('.ann'))!;
  const txt = await zip.file(ann.replace(/\.ann$/, '.txt'))!.async('string');
  expect(txt).toBe(sample.text);
  const lines = (await zip.file(ann)!.async('string')).trimEnd().split('\n');
  for (const line of lines.filter((l) => l.startsWith('T'))) {
    const [, data, text] = line.split('\t');
    const [, start, end] = data!.split(' ');
    expect(cpSlice(txt, Number(start), Number(end))).toBe(text);
  }
  expect(lines).toContainEqual(expect.stringMatching(/^A\d+\treliability T\d+ B$/));
  expect(lines).toContainEqual(expect.stringMatching(/^R1\tsupports Arg1:T\d+ Arg2:T\d+$/));
  const finished = page.getByRole('dialog', { name: 'Export finished' });
  await expect(finished.getByRole('list', { name: /Not carried by brat/ })).toContainText(
    'annotation authors and times (3)',
  );
});

test('the HTML report opens in the browser as a printable page where nothing runs', async ({
  page,
  gloss,
  browser,
}) => {
  await annotatedSample(gloss);
  await page.goto(gloss.url);
  await expect(openButton(page, sample.title)).toBeVisible();
  const dialog = await openExport(page);
  await dialog.getByRole('radio', { name: 'Report (HTML)' }).check();
  const file = await saveDownload(page, () =>
    dialog.getByRole('button', { name: 'Save export' }).click(),
  );
  expect(file.name).toBe('gloss-export.html');

  const report = await browser.newPage();
  const errors: string[] = [];
  report.on('pageerror', (error) => errors.push(error.message));
  await report.goto(`file://${file.path}`);
  // One document in the project: the report is titled by it.
  await expect(report).toHaveTitle(`${sample.title} — Gloss report`);
  await expect(report.getByRole('heading', { name: 'Claims register' })).toBeVisible();
  const claim = report.getByRole('article', { name: 'Claim 1' });
  await expect(claim).toContainText(claimPhrase.quote);
  await expect(claim).toContainText('Ceyhun Mammadov');
  await expect(claim).toContainText('B2');
  await expect(claim).toContainText(HOSTILE_NOTE);
  await expect(report.getByRole('heading', { name: 'Entity index' })).toBeVisible();
  await expect(report.getByText('Jeyhun Mammadov')).toBeVisible();
  // The hostile note is text: no image, no script ran, the title is untouched.
  expect(await report.locator('img, script').count()).toBe(0);
  expect(await report.title()).not.toBe('pwned');
  await report.emulateMedia({ media: 'print' });
  await expect(report.getByRole('navigation', { name: 'Contents' })).toBeHidden();
  expect(errors).toEqual([]);
  await report.close();
});

/** The library as a user meets it: the import picker, drag-and-drop onto the window, its list. */
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/** The rows of the library's list of documents. */
export function documentRows(page: Page): Locator {
  return page.getByRole('list', { name: 'Documents' }).getByRole('listitem');
}

/** The button that opens a document from the library. */
export function openButton(page: Page, title: string): Locator {
  return page.getByRole('button', { name: `Open ${title}`, exact: true });
}

/**
 * Imports through the hidden file input that the Import button opens in browser mode (a real
 * picker cannot be driven headless; setInputFiles is what choosing files in it amounts to).
 */
export async function importWithPicker(
  page: Page,
  files: Parameters<Locator['setInputFiles']>[0],
): Promise<void> {
  await page.getByLabel('Import files').setInputFiles(files);
}

/**
 * Drops files onto the window as a drag from the file manager does: dragenter (the drop overlay
 * must show), dragover, drop. The DataTransfer is built in the page, as only a real one carries
 * File objects.
 */
export async function dropFiles(
  page: Page,
  files: { name: string; type: string; content: string }[],
): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([f.content], f.name, { type: f.type }));
    return transfer;
  }, files);
  const target = page.getByRole('main');
  await target.dispatchEvent('dragenter', { dataTransfer });
  await expect(page.getByText('Drop to import')).toBeVisible();
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText('Drop to import')).toBeHidden();
  await dataTransfer.dispose();
}

/**
 * Checks what the user is told after an import: an alert naming every file that failed (and no
 * other), kept until dismissed, and a notice listing the titles imported. Dismisses the alert.
 * The one place that knows how import results are shown.
 */
export async function expectImportReport(
  page: Page,
  report: { imported: string[]; failed: string[]; notFailed: string[] },
): Promise<void> {
  // The notice of what was imported fades after a few seconds: read it first.
  const articles = report.imported.length === 1 ? 'article' : 'articles';
  const done = page
    .getByRole('status')
    .filter({ hasText: `Imported ${report.imported.length} ${articles}` });
  for (const title of report.imported) await expect(done).toContainText(title);
  const alert = page.getByRole('alert');
  const files = report.failed.length === 1 ? 'file' : 'files';
  await expect(alert).toContainText(`${report.failed.length} ${files} could not be imported`);
  for (const name of report.failed) await expect(alert).toContainText(name);
  for (const name of report.notFailed) await expect(alert).not.toContainText(name);
  await alert.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(alert).toBeHidden();
}

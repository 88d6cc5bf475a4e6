import { describe, expect, it } from 'vitest';
import { isSavedPageAssetDir } from '../../../core/import-rules';

describe('isSavedPageAssetDir', () => {
  it('recognises the asset folder of a page saved next to it', () => {
    expect(
      isSavedPageAssetDir('/cases/ship/Cargo story_files', [
        'Cargo story.html',
        'Cargo story_files',
      ]),
    ).toBe(true);
    expect(isSavedPageAssetDir('C:\\cases\\Bericht-Dateien\\', ['Bericht.htm'])).toBe(true);
    expect(isSavedPageAssetDir('informe_archivos', ['INFORME.HTML'])).toBe(true);
    expect(isSavedPageAssetDir('/x/Статья_файлы', ['Статья.html'])).toBe(true);
    expect(isSavedPageAssetDir('/x/page_files', ['page.xhtml'])).toBe(true);
  });

  it('leaves other folders alone', () => {
    expect(isSavedPageAssetDir('/cases/ship/Cargo story_files', ['Other.html'])).toBe(false);
    expect(isSavedPageAssetDir('/cases/project_files', ['project.docx'])).toBe(false);
    expect(isSavedPageAssetDir('/cases/_files', ['.html'])).toBe(false);
    expect(isSavedPageAssetDir('/cases/reports', ['reports.html'])).toBe(false);
  });
});

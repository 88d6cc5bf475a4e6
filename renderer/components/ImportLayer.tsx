import { IMPORT_ACCEPT } from '../files';
import type { ImportController } from '../import-controller';
import { ImportResultsDialog } from './ImportResultsDialog';
import { PasteDialog } from './PasteDialog';

/**
 * What import adds to the window whatever the view: the hidden file and folder inputs the
 * buttons open, the results dialog and the paste dialog. (The progress panel sits with the
 * notices; see App.)
 */
export function ImportLayer({
  imports,
  openDocument,
}: {
  imports: ImportController;
  openDocument: (documentId: string) => void;
}) {
  return (
    <>
      {imports.results && (
        <ImportResultsDialog
          results={imports.results}
          onClose={imports.closeResults}
          importAsNewVersion={imports.importAsNewVersion}
        />
      )}
      {imports.pasteOpen && (
        <PasteDialog
          onClose={imports.closePaste}
          onImported={imports.pasted}
          onOpenExisting={openDocument}
        />
      )}
      <input
        ref={imports.fileInput}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        aria-label="Import files"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length) imports.importFiles(files);
        }}
      />
      <input
        ref={imports.folderInput}
        type="file"
        multiple
        // Not in React's typings, but every engine Gloss runs on supports it.
        {...{ webkitdirectory: '' }}
        aria-label="Import folder files"
        className="visually-hidden"
        tabIndex={-1}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length) imports.importFolderFiles(files);
        }}
      />
    </>
  );
}

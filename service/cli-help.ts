import { defaultProjectPath } from './paths';

/** The commands that have their own help page. */
export type CliCommand = 'import' | 'export' | 'settings';

const project = `  --project, -p FILE   the project file (default: ${defaultProjectPath()})`;

/** The help pages of `gloss --help` and `gloss help COMMAND`. */
export const CLI_HELP: Record<'main' | CliCommand, string> = {
  main: `Gloss — read closely, tag claims, entities and opinions, export the spans.

Usage:
  gloss import PATH... [--project FILE] [--whole-page] [--encoding NAME] [--new-version]
  gloss export --format jsonl|csv [--document ID] [--out FILE] [--project FILE]
  gloss settings [--max-import-mb N] [--max-text-chars N] [--keep-original-mb N] [--project FILE]
  gloss help [COMMAND]
  gloss --version

Commands:
  import   add articles (.txt .md .html .mhtml .docx .pdf .epub, or folders of them) to a project
  export   write a project's annotations as JSONL (doccano) or CSV
  settings show or change a project's import limits

Run \`gloss help COMMAND\` for a command's options.
`,
  import: `Usage: gloss import PATH... [--project FILE] [--whole-page] [--encoding NAME] [--new-version]

Imports each PATH as a document of the project, which is created if it does not exist. A PATH
may be a file or a folder; folders are read recursively for the files Gloss imports (.txt, .md,
.html, .htm, .mhtml, .mht, .docx, .pdf, .epub), leaving out hidden files and the "_files" folders
of saved web pages. A file is read as what its content is, whatever its extension says.

Prints one line per file on standard output:
  imported FILE as ID "TITLE"
  duplicate FILE of ID "TITLE"   (same bytes as a document already in the project: skipped)
  failed   FILE: why
and, on a terminal, progress ("[3/12] report.pdf") and skipped entries on standard error.
Exits with 0 when nothing failed (duplicates are not failures), 1 when any file failed, 2 when
the command line is wrong.

Options:
${project}
  --whole-page, -w     web pages: keep the whole page instead of extracting the article
  --encoding, -e NAME  text files: read with this encoding instead of detecting one
                       (e.g. utf-8, windows-1251, koi8-r)
  --new-version        import a duplicate anyway, as a new version of the document it matches
  --help, -h           show this help
`,
  export: `Usage: gloss export --format jsonl|csv [--document ID] [--out FILE] [--project FILE]

Writes the annotations of every document (or of one) to FILE, or to standard output.
  jsonl  one line per document: {"id", "title", "text", "label": [[start, end, "Claim"], ...],
         "spans": [...]} — doccano's format; offsets count Unicode code points, end-exclusive.
  csv    one row per annotation, RFC 4180, UTF-8 with a byte-order mark for Excel.
         Spreadsheet safety: a text cell starting with =, +, -, @, a tab or a carriage return
         gets a leading ' so that spreadsheets do not run it as a formula. Numbers are unchanged;
         the JSONL export keeps every quote verbatim.

Options:
  --format, -f FORMAT  jsonl or csv (required)
  --document, -d ID    only this document
  --out, -o FILE       write to FILE instead of standard output
${project}
  --help, -h           show this help
`,
  settings: `Usage: gloss settings [--max-import-mb N] [--max-text-chars N] [--keep-original-mb N] [--project FILE]

Shows the project's import limits; with options, changes them first. They are stored in the
project file, so the desktop app, browser mode and the CLI all apply them.

Options:
  --max-import-mb N     the largest file an import accepts, in MB (default 200)
  --max-text-chars N    the most characters of text one import may extract (default 50000000)
  --keep-original-mb N  keep a document's original bytes (for re-import) up to this size, in MB;
                        0 keeps none (default 50)
${project}
  --help, -h            show this help
`,
};

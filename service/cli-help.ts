import { EXCHANGE_FORMAT_IDS } from '../core/api-exchange';
import { defaultProjectPath } from './paths';

/** The commands that have their own help page. */
export type CliCommand =
  'import' | 'export' | 'settings' | 'restore' | 'import-annotations' | 'save-copy' | 'codebook';

/** The formats `gloss export --format` takes. */
const EXCHANGE_LIST = EXCHANGE_FORMAT_IDS.join(', ');

const project = `  --project, -p FILE   the project file (default: ${defaultProjectPath()})`;

/** The help pages of `gloss --help` and `gloss help COMMAND`. */
export const CLI_HELP: Record<'main' | CliCommand, string> = {
  main: `Gloss — read closely, tag claims, entities and opinions, export the spans.

Usage:
  gloss import PATH... [--project FILE] [--whole-page] [--encoding NAME] [--new-version]
  gloss export --format FORMAT [--document ID] [--tags TAG,...] [--out FILE] [--project FILE]
  gloss settings [--max-import-mb N] [--max-text-chars N] [--keep-original-mb N]
                 [--backup-every-min N] [--keep-backups N] [--project FILE]
  gloss restore --list | --latest | --from NAME [--project FILE]
  gloss import-annotations FILE [--format ID] [--project FILE]
  gloss save-copy FILE [--force] [--project FILE]
  gloss codebook export [--out FILE] | import FILE [--project FILE]
  gloss help [COMMAND]
  gloss --version

Commands:
  import   add articles (.txt .md .html .mhtml .docx .pdf .epub, or folders of them) to a project
  export   write annotations as W3C, REFI-QDA, brat, CoNLL, doccano, Label Studio, spaCy,
           JSONL or CSV, or a report (HTML, Markdown)
  settings show or change a project's import limits and backup schedule
  restore  list a project's backups, or replace the project with one of them
  import-annotations  add annotations from W3C, REFI-QDA, brat, doccano or Label Studio files
  save-copy           save a copy of the whole project as one file, to open on another computer
  codebook            export the tags and attributes as JSON, or merge such a file into a project

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
  export: `Usage: gloss export --format FORMAT [--document ID] [--tags TAG,...] [--out FILE]
                    [--report FILE] [--project FILE]

Writes the annotations of every document (or of one) to FILE, streamed to disk, or to standard
output (text formats only). Offsets count Unicode code points, end-exclusive, in every format.
  w3c          W3C Web Annotation collection (JSON-LD): tags, notes, attributes, entity links,
               relations, memos
  qdpx / qdc   REFI-QDA project (NVivo, ATLAS.ti, MAXQDA) / its codebook alone
  brat         zip: per document .txt + .ann (T, A, N, R, # lines), annotation.conf,
               visual.conf; a span across a line break becomes fragments "s e;s e"
  conll        CoNLL-2003 IOB2, "token -X- _ B-TAG", entity tags unless --tags; the tokeniser
               (Unicode words, Intl.Segmenter) is stated in line 1; overlapping spans: the one
               starting first is kept, then the longer; every span left out is listed
  doccano      JSONL {"text", "entities", "relations"} (doccano relation extraction)
  labelstudio  zip: tasks.json (labels, relations, per-region attributes) and the
               labeling-config.xml to paste into the project's Labeling Interface
  spacy        JSONL {"text", "ents": [{"start", "end", "label"}]}, entity tags unless --tags
  html / md    report: claims register, entity index, opinions by holder (HTML printable)
  jsonl        Gloss JSONL, one line per document: text, details, doccano "label" triples
               [[start, end, "Claim"], ...], spans with tag path, attributes by key and the
               canonical entity, relations, memos
  csv          one row per annotation, RFC 4180, UTF-8 with a byte-order mark for Excel.
               Spreadsheet safety: a text cell starting with =, +, -, @, a tab or a carriage
               return gets a leading ' so that spreadsheets do not run it as a formula. Numbers
               are unchanged; the JSONL export keeps every quote verbatim.
Whatever a format cannot hold (relations across documents in brat, attributes in CoNLL…) is
listed on standard error after the summary.

Options:
  --format, -f FORMAT  ${EXCHANGE_LIST} (required)
  --document, -d ID    only this document
  --tags, -t TAGS      only these tags and their sub-tags: names, paths (Entity/Person) or ids,
                       separated by commas
  --out, -o FILE       write to FILE instead of standard output (required for zips)
  --report FILE        also write the export report (counts, everything left out) as JSON
${project}
  --help, -h           show this help
`,
  settings: `Usage: gloss settings [--max-import-mb N] [--max-text-chars N] [--keep-original-mb N]
                      [--backup-every-min N] [--keep-backups N] [--project FILE]

Shows the project's import limits and backup schedule; with options, changes them first. They
are stored in the project file, so the desktop app, browser mode and the CLI all apply them.

Options:
  --max-import-mb N     the largest file an import accepts, in MB (default 200)
  --max-text-chars N    the most characters of text one import may extract (default 50000000)
  --keep-original-mb N  keep a document's original bytes (for re-import) up to this size, in MB;
                        0 keeps none (default 50)
  --backup-every-min N  while the project changes, back it up at most every N minutes;
                        0 turns the timed backups off (default 10)
  --keep-backups N      how many backups to keep; older ones are deleted (default 10)
${project}
  --help, -h            show this help
`,
  restore: `Usage: gloss restore --list | --latest | --from NAME [--project FILE]

Gloss backs every project up by itself into a folder beside it (FILE.backups): when it is opened
after a change, every few minutes while it changes (see \`gloss settings\`), and before an
upgrade or a restore. Each backup is a complete project file, checked before it is kept.

  --list, -l       list the backups: name, time (UTC), why it was made, size, documents and
                   annotations
  --latest         replace the project with its newest good backup
  --from, -f NAME  replace the project with the backup NAME (as --list shows it)

Restoring first backs up the state it replaces, so a restore can be undone by restoring that
backup. A damaged project is not backed up: it is set aside, untouched, as FILE.damaged-TIME.
Close the desktop app and browser mode on this project first.

Options:
${project}
  --help, -h           show this help
`,
  'import-annotations': `Usage: gloss import-annotations FILE [--format ID] [--project FILE]

Adds the annotations of FILE to the project (created if it does not exist), in one transaction.
FILE is recognised by its content: W3C Web Annotation JSON-LD (.jsonld, .json), a REFI-QDA project
(.qdpx, from NVivo, ATLAS.ti, MAXQDA…) or codebook (.qdc), brat (.ann, or a .zip of .txt/.ann),
doccano (.jsonl) or Label Studio (.json).

Each document of the file is matched to the project's by content (the same file, or the same
text); a file that carries its texts (REFI-QDA, brat) adds the documents the project lacks;
otherwise annotations are found by their quote. Tags, attributes and entities are matched by id,
then by name, and created when missing. Importing the same file again adds nothing.

Prints one line per document, what was created, and every item left out with why:
  document  "TITLE": matched (same file) ID "TITLE"; N annotations added
  skipped   annotation "QUOTE" in TITLE: why
Exits with 0 when everything in the file is in the project, 1 when anything was left out or the
file could not be read, 2 when the command line is wrong.

Options:
  --format, -f ID      read FILE as w3c, qdpx, qdc, brat, doccano or labelstudio
${project}
  --help, -h           show this help
`,
  'save-copy': `Usage: gloss save-copy FILE [--force] [--project FILE]

Saves a copy of the whole project — documents, annotations, codebook, entities, notes, history —
as FILE, with SQLite's backup API, so the copy is consistent even while Gloss has the project
open. Open the copy on another computer with \`--project FILE\` (desktop, browser mode or CLI).

Options:
  --force              replace FILE if it exists
${project}
  --help, -h           show this help
`,
  codebook: `Usage: gloss codebook export [--out FILE] [--project FILE]
       gloss codebook import FILE [--project FILE]

export writes the project's codebook — the tags under Claim, Entity and Opinion with their colours,
hotkeys, descriptions and typed attributes — as JSON (format "gloss-codebook", version 1), to FILE
or standard output.

import merges such a file into the project: each tag is matched by id, then by its name under its
parent, and created when missing; attributes by id, then by key. Nothing is deleted or moved; a
hotkey another tag has is left out. Prints what was matched, created and updated, and on standard
error what was not applied and why.

Options:
  --out, -o FILE       (export) write to FILE instead of standard output
${project}
  --help, -h           show this help
`,
};

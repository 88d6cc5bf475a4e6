import { defaultProjectPath } from './paths';

/** The commands that have their own help page. */
export type CliCommand = 'import' | 'export';

const project = `  --project, -p FILE   the project file (default: ${defaultProjectPath()})`;

/** The help pages of `gloss --help`, `gloss help import` and `gloss help export`. */
export const CLI_HELP: Record<'main' | CliCommand, string> = {
  main: `Gloss — read closely, tag claims, entities and opinions, export the spans.

Usage:
  gloss import FILE... [--project FILE]
  gloss export --format jsonl|csv [--document ID] [--out FILE] [--project FILE]
  gloss help [COMMAND]
  gloss --version

Commands:
  import   add .txt and .md files to a project
  export   write a project's annotations as JSONL (doccano) or CSV

Run \`gloss help COMMAND\` for a command's options.
`,
  import: `Usage: gloss import FILE... [--project FILE]

Imports each FILE (.txt, .md or .markdown, UTF-8) as a document of the project, which is created
if it does not exist. Prints one line per file: "imported FILE as ID "TITLE"" or "failed FILE: why".
Exits with 0 when every file was imported, 1 when any failed, 2 when the command line is wrong.

Options:
${project}
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
};

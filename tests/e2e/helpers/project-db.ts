/**
 * Reads the project's SQLite file straight from the test process, read-only, while the server
 * still has it open: proof that what the UI shows was written to the real file.
 */
import Database from 'better-sqlite3';

export interface StoredAnnotation {
  id: string;
  documentTitle: string;
  tag: string;
  start: number;
  end: number;
  exact: string;
  note: string;
  /** The document's stored text, to cut the span out of. */
  text: string;
}

/** Every live annotation of the project, by document title then text order. */
export function storedAnnotations(projectPath: string): StoredAnnotation[] {
  const db = new Database(projectPath, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT a.id, d.title AS documentTitle, t.name AS tag, a.start, a."end" AS "end",
                a.exact, a.note, d.text
           FROM annotations a
           JOIN documents d ON d.id = a.document_id
           JOIN tags t ON t.id = a.tag_id
          WHERE a.deleted_at IS NULL AND d.deleted_at IS NULL
          ORDER BY d.title, a.start, a."end"`,
      )
      .all() as StoredAnnotation[];
  } finally {
    db.close();
  }
}

/** Titles of the project's live documents, sorted. */
export function storedDocumentTitles(projectPath: string): string[] {
  const db = new Database(projectPath, { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare('SELECT title FROM documents WHERE deleted_at IS NULL ORDER BY title')
      .all() as { title: string }[];
    return rows.map((r) => r.title);
  } finally {
    db.close();
  }
}

/**
 * Writes a zip into an ExportSink as it is made (yazl), one file at a time: `add` resolves only
 * once the zip has read the file, so a project of many documents never sits in memory whole —
 * at most about one document's files do, plus the sink's own buffer.
 */
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import type { ExportSink } from './registry-types';

type FileContent = string | Uint8Array | Iterable<string> | AsyncIterable<string>;

export class ZipStreamWriter {
  private readonly zip = new ZipFile();
  private readonly pumped: Promise<void>;
  private failure: unknown = null;

  /** `mtime` dates every entry, so the same export made twice has the same bytes. */
  constructor(
    sink: ExportSink,
    private readonly mtime: Date,
  ) {
    this.pumped = (async () => {
      for await (const chunk of this.zip.outputStream as AsyncIterable<Buffer>) {
        await sink.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      }
    })();
    // Remembered, and rethrown by the next add or by finish: never an unhandled rejection.
    this.pumped.catch((error: unknown) => {
      this.failure = error ?? new Error('the zip could not be written');
    });
  }

  /** Adds a file (its text is written as UTF-8) and waits until the zip has consumed it. */
  async add(path: string, content: FileContent): Promise<void> {
    if (this.failure) throw this.failure;
    // yazl keeps each entry (and so its stream) until the zip ends: the stream must not keep the
    // file's text once read, or every document of the export would stay in memory.
    const stream = Readable.from(asBuffers({ content }));
    const consumed = new Promise<void>((resolve, reject) => {
      stream.once('end', resolve);
      stream.once('error', reject);
    });
    this.zip.addReadStream(stream, path, { mtime: this.mtime, compress: true });
    await Promise.race([consumed, this.pumped.then(() => consumed)]);
    if (this.failure) throw this.failure;
  }

  /** Writes the central directory and waits until every byte has reached the sink. */
  async finish(): Promise<void> {
    this.zip.end();
    await this.pumped;
  }
}

/**
 * yazl checksums Buffers: text is encoded here, chunk by chunk. The holder is emptied as the
 * content is taken, so once the zip has read it nothing refers to it any more.
 */
async function* asBuffers(holder: { content: FileContent | null }): AsyncGenerator<Buffer> {
  const bytes = takeBytes(holder);
  if (bytes) {
    yield bytes;
    return;
  }
  const chunks = holder.content as Iterable<string> | AsyncIterable<string> | null;
  holder.content = null;
  if (chunks) for await (const chunk of chunks) yield Buffer.from(chunk, 'utf8');
}

/** The holder's text or bytes as one Buffer (and the holder emptied), or null for a stream. */
function takeBytes(holder: { content: FileContent | null }): Buffer | null {
  const { content } = holder;
  if (typeof content === 'string') {
    holder.content = null;
    return Buffer.from(content, 'utf8');
  }
  if (content instanceof Uint8Array) {
    holder.content = null;
    return Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  }
  return null;
}

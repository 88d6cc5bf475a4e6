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
    const stream = Readable.from(asBuffers(content));
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

/** yazl checksums Buffers: text is encoded here, chunk by chunk. */
async function* asBuffers(content: FileContent): AsyncGenerator<Buffer> {
  if (typeof content === 'string') {
    yield Buffer.from(content, 'utf8');
  } else if (content instanceof Uint8Array) {
    yield Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  } else {
    for await (const chunk of content) yield Buffer.from(chunk, 'utf8');
  }
}

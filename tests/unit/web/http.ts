/**
 * A raw HTTP client for the web-server tests. fetch() normalises paths ("/../x" → "/x") and
 * forbids setting Host, which are exactly what these tests need to control.
 */
import { request as httpRequest } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawRequest {
  port: number;
  method?: string;
  path: string;
  /** Headers to send; one given as '' is not sent at all (e.g. no Host, no Origin). */
  headers?: Record<string, string>;
  /** A string, or a list of chunks written one by one (sent chunked, without Content-Length). */
  body?: string | Buffer[];
  /** Where to connect; the Host header is set separately. */
  address?: string;
}

/** Sends one request and reads the whole response; rejects on a connection error. */
export function rawRequest(options: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: options.address ?? '127.0.0.1',
        port: options.port,
        method: options.method ?? 'GET',
        path: options.path,
        setHost: false,
        headers: withoutEmpty({ Host: `127.0.0.1:${options.port}`, ...options.headers }),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    const body = options.body;
    if (Array.isArray(body)) {
      // A server that gives up mid-upload closes the connection; later writes may then fail,
      // which is the behaviour under test, not an error of the client.
      req.on('error', () => {});
      for (const chunk of body) if (!req.destroyed) req.write(chunk);
      req.end();
    } else {
      req.end(body);
    }
  });
}

/** The headers of an API call that should be accepted. */
export function apiHeaders(token: string, port: number): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
    Origin: `http://127.0.0.1:${port}`,
  };
}

function withoutEmpty(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));
}

/**
 * A `fetch` over `XMLHttpRequest`, for the one thing fetch cannot do in browsers: report upload
 * progress (ky's own `onUploadProgress` needs request streams over HTTP/2, which most pages lack).
 * The core hands it to ky for a single call, so ky's timeouts, retries and errors still apply.
 */
import type { UploadProgress } from './core.js';

// Statuses whose Response must not have a body (the constructor throws otherwise).
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function xhrFetch(onProgress: (progress: UploadProgress) => void): typeof globalThis.fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    // The body as the Request encoded it: for FormData, the multipart bytes matching its Content-Type boundary.
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.blob();
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const abort = () => {
        xhr.abort();
        reject(new DOMException('The request was aborted.', 'AbortError'));
      };
      if (request.signal.aborted) return abort();
      request.signal.addEventListener('abort', abort, { once: true });
      xhr.open(request.method, request.url);
      xhr.withCredentials = request.credentials === 'include';
      xhr.responseType = 'blob';
      request.headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.upload.onprogress = (event) => {
        onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : (body?.size ?? 0) });
      };
      xhr.onload = () => {
        request.signal.removeEventListener('abort', abort);
        resolve(new Response(NULL_BODY_STATUSES.has(xhr.status) ? null : (xhr.response as Blob), {
          status: xhr.status,
          statusText: xhr.statusText,
          headers: parseHeaders(xhr.getAllResponseHeaders()),
        }));
      };
      // The message fetch implementations use, so that ky recognises a network error (and may retry).
      xhr.onerror = () => {
        request.signal.removeEventListener('abort', abort);
        reject(new TypeError('Network request failed'));
      };
      xhr.send(body);
    });
  };
}

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** Files: multipart upload, retrieve, content, delete, list. */
import { invalidRequest, missingParameter, notFound } from '../errors';
import { nowSeconds, type StoredFile } from '../state';
import type { FakeRuntime, Route } from '../runtime';
import { paginate } from './pagination';

const UPLOAD_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'];

export function getFile(runtime: FakeRuntime, id: string | undefined): StoredFile {
  const file = id ? runtime.state.files.get(id) : undefined;
  if (!file) throw notFound(`No such File object: ${id ?? ''}`, 'id');
  return file;
}

export const fileRoutes: Route[] = [
  {
    method: 'POST',
    template: '/files',
    operation: 'files.create',
    handle(runtime, { multipart }) {
      const upload = multipart?.files.find((f) => f.field === 'file');
      if (!upload) throw missingParameter('file');
      const purpose = multipart?.fields.purpose;
      if (!purpose) throw missingParameter('purpose');
      if (!UPLOAD_PURPOSES.includes(purpose)) {
        throw invalidRequest(
          400,
          `'${purpose}' is not one of ${UPLOAD_PURPOSES.map((p) => `'${p}'`).join(', ')} - 'purpose'`,
          'purpose',
        );
      }
      const createdAt = nowSeconds();
      const expiresAfterSeconds = Number(multipart?.fields['expires_after[seconds]']);
      const file: StoredFile = {
        object: {
          id: runtime.ids.next('file-'),
          object: 'file',
          bytes: upload.content.length,
          created_at: createdAt,
          ...(Number.isFinite(expiresAfterSeconds) ? { expires_at: createdAt + expiresAfterSeconds } : {}),
          filename: upload.filename,
          purpose,
          status: 'processed',
        },
        content: upload.content,
      };
      runtime.state.files.set(file.object.id, file);
      return { json: file.object };
    },
  },
  {
    method: 'GET',
    template: '/files',
    operation: 'files.list',
    handle(runtime, { query }) {
      const files = [...runtime.state.files.values()]
        .map((f) => f.object)
        .filter((f) => !query.purpose || f.purpose === query.purpose);
      return { json: paginate(files, query, { order: 'desc', limit: 10000, maxLimit: 10000 }) };
    },
  },
  {
    method: 'GET',
    template: '/files/{file_id}',
    operation: 'files.retrieve',
    handle: (runtime, { params }) => ({ json: getFile(runtime, params.file_id).object }),
  },
  {
    method: 'GET',
    template: '/files/{file_id}/content',
    operation: 'files.content',
    handle(runtime, { params }) {
      const file = getFile(runtime, params.file_id);
      // The real API refuses to hand back files uploaded for file_search/assistants.
      if (file.object.purpose === 'assistants') throw invalidRequest(400, 'Not allowed to download files of purpose: assistants');
      return { raw: file.content, contentType: 'application/octet-stream' };
    },
  },
  {
    method: 'DELETE',
    template: '/files/{file_id}',
    operation: 'files.delete',
    handle(runtime, { params }) {
      const file = getFile(runtime, params.file_id);
      runtime.state.files.delete(file.object.id);
      return { json: { id: file.object.id, object: 'file', deleted: true } };
    },
  },
];

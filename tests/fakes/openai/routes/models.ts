/** GET /v1/models and /v1/models/{model}. Unknown and retired models answer the real 404. */
import { FakeHttpError } from '../errors';
import { FAKE_MODELS, findModel, modelObject } from '../models';
import type { Route } from '../runtime';

export const modelRoutes: Route[] = [
  {
    method: 'GET',
    template: '/models',
    operation: 'models.list',
    handle: () => ({ json: { object: 'list', data: FAKE_MODELS.map(modelObject) } }),
  },
  {
    method: 'GET',
    template: '/models/{model}',
    operation: 'models.retrieve',
    handle(_runtime, { params }) {
      const id = params.model ?? '';
      const model = findModel(id);
      if (!model || model.id !== id) {
        throw new FakeHttpError(404, {
          message: `The model '${id}' does not exist`,
          type: 'invalid_request_error',
          param: 'model',
          code: 'model_not_found',
        });
      }
      return { json: modelObject(model) };
    },
  },
];

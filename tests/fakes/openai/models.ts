/**
 * The models the fake serves (2026-11). Retired models such as gpt-5-mini are absent on
 * purpose: GET /v1/models/{id} answers 404 and POST /v1/responses 400 `model_not_found`.
 * `snapshot` is what a Response's `model` field echoes, as the real API resolves aliases.
 */
export interface FakeModel {
  id: string;
  created: number;
  owned_by: string;
  snapshot: string;
  /** Models that run the Responses API (not embeddings/moderation). */
  responses: boolean;
}

export const FAKE_MODELS: readonly FakeModel[] = [
  { id: 'gpt-6-luna', created: 1789430400, owned_by: 'system', snapshot: 'gpt-6-luna-2026-09-15', responses: true },
  { id: 'gpt-6-sol', created: 1789430400, owned_by: 'system', snapshot: 'gpt-6-sol-2026-09-15', responses: true },
  { id: 'gpt-5.6-luna', created: 1781222400, owned_by: 'system', snapshot: 'gpt-5.6-luna-2026-06-12', responses: true },
  { id: 'gpt-5.5', created: 1776902400, owned_by: 'system', snapshot: 'gpt-5.5-2026-04-23', responses: true },
  { id: 'text-embedding-3-small', created: 1705948997, owned_by: 'system', snapshot: 'text-embedding-3-small', responses: false },
  {
    id: 'omni-moderation-latest',
    created: 1731689265,
    owned_by: 'system',
    snapshot: 'omni-moderation-2024-09-26',
    responses: false,
  },
];

/** Finds a model by alias or snapshot id. */
export function findModel(id: string): FakeModel | undefined {
  return FAKE_MODELS.find((m) => m.id === id || m.snapshot === id);
}

export function modelObject(model: FakeModel): { id: string; object: 'model'; created: number; owned_by: string } {
  return { id: model.id, object: 'model', created: model.created, owned_by: model.owned_by };
}

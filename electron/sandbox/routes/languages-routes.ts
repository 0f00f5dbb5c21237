import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { LanguageRecord } from '../org-state';
import type { Route } from '../route-table';
import { collectionRoutes } from './collection-routes';

export const LANGUAGES_PATH = '/api/v2/routing/languages';

const languageBody = z.object({ name: z.string().trim().min(1).max(255) });

export function renderLanguage(language: LanguageRecord) {
  return {
    id: language.id,
    name: language.name,
    dateModified: language.dateModified,
    state: 'active',
    version: String(language.version),
    selfUri: `${LANGUAGES_PATH}/${language.id}`,
  };
}

/** Languages, like skills, have no PUT or PATCH: 405 with `Allow`. */
export const languageRoutes: Route[] = collectionRoutes({
  path: LANGUAGES_PATH,
  idParam: 'languageId',
  label: 'language',
  records: (org) => org.languages,
  list: { kind: 'languages', nameMatch: 'prefix' },
  render: (_org, language) => renderLanguage(language),
  body: languageBody,
  create: (input, { now }) => ({ id: randomUUID(), name: input.name, dateModified: now, version: 1 }),
});

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { LanguageRecord } from '../org-state';
import {
  assertNameFree,
  listRecords,
  NO_CONTENT,
  parseBody,
  removeRecord,
  requireRecord,
} from '../route-helpers';
import type { Route } from '../route-table';

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
export const languageRoutes: Route[] = [
  {
    method: 'GET',
    pattern: LANGUAGES_PATH,
    handle: (request) => ({
      status: 200,
      body: listRecords(request, request.org.languages, renderLanguage, {
        kind: 'languages',
        basePath: LANGUAGES_PATH,
        nameMatch: 'prefix',
      }),
    }),
  },
  {
    method: 'POST',
    pattern: LANGUAGES_PATH,
    handle: ({ org, body, now }) => {
      const input = parseBody(languageBody, body);
      assertNameFree(org.languages, input.name, 'language');
      const language: LanguageRecord = { id: randomUUID(), name: input.name, dateModified: now, version: 1 };
      org.languages[language.id] = language;
      return { status: 200, body: renderLanguage(language), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${LANGUAGES_PATH}/:languageId`,
    handle: ({ org, params }) => ({
      status: 200,
      body: renderLanguage(requireRecord(org.languages, params.languageId ?? '', 'language')),
    }),
  },
  {
    method: 'DELETE',
    pattern: `${LANGUAGES_PATH}/:languageId`,
    handle: ({ org, params }) => {
      const language = requireRecord(org.languages, params.languageId ?? '', 'language');
      removeRecord(org.languages, language.id);
      return NO_CONTENT;
    },
  },
];

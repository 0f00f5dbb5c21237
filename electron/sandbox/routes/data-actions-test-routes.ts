import { z } from 'zod';
import { notFound } from '../genesys-error';
import { runActionTest } from '../action-test-execution';
import { ACTIONS_PATH, dataActionsOf } from '../integration-records';
import { parseBody, requireRecord } from '../route-helpers';
import type { Route } from '../route-table';
import { requirePublishedAction } from './data-actions-read-routes';

/** The body: "Map of parameters used for variable substitution" (the action's input). */
const testBody = z.record(z.string(), z.unknown());

/**
 * `POST …/actions/{actionId}/test` runs the published action, `…/draft/test` its draft; both answer
 * a `TestExecutionResult` (action-test-execution.ts) with 200 whether the action worked or not.
 * Nothing is written: a test changes nothing in the org.
 */
export const dataActionTestRoutes: Route[] = [
  {
    method: 'POST',
    pattern: `${ACTIONS_PATH}/:actionId/test`,
    handle: ({ org, params, body }) => {
      const action = requirePublishedAction(dataActionsOf(org), params.actionId ?? '');
      return { status: 200, body: runActionTest(action, parseBody(testBody, body ?? {})) };
    },
  },
  {
    method: 'POST',
    pattern: `${ACTIONS_PATH}/:actionId/draft/test`,
    handle: ({ org, params, body }) => {
      const action = requireRecord(dataActionsOf(org), params.actionId ?? '', 'action');
      if (action.draft === undefined) throw notFound(`The action ${action.id} has no draft.`);
      return { status: 200, body: runActionTest(action.draft, parseBody(testBody, body ?? {})) };
    },
  },
];

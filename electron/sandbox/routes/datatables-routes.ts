import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  checkSchemaOnlyAdds,
  datatableSchemaInput,
  normaliseDatatableSchema,
  validateRow,
  type DatatableRow,
} from '../datatable-schema';
import { flowsUsing, readForce, refuseUnlessForced } from '../flow-usage';
import { badRequest, notFound } from '../genesys-error';
import type { DatatableRecord, OrgState } from '../org-state';
import { pageOf, readPageRequest } from '../paging';
import {
  divisionRef,
  multiValue,
  NO_CONTENT,
  removeRecord,
  requireRecord,
  resolveDivisionId,
} from '../route-helpers';
import type { Route } from '../route-table';
import { collectionRoutes, setOptional } from './collection-routes';

export const DATATABLES_PATH = '/api/v2/flows/datatables';

const datatableBody = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().max(512).optional(),
  division: z.object({ id: z.string().min(1) }).optional(),
  schema: datatableSchemaInput,
});

/** `expand=schema` is how a client asks for the schema; without it Genesys leaves it out. */
function wantsSchema(query: URLSearchParams): boolean {
  return multiValue(query, 'expand').includes('schema');
}

export function renderDatatable(org: OrgState, table: DatatableRecord, withSchema: boolean) {
  return {
    id: table.id,
    name: table.name,
    division: divisionRef(org, table.divisionId),
    ...(table.description === undefined ? {} : { description: table.description }),
    ...(withSchema ? { schema: table.schema } : {}),
    selfUri: `${DATATABLES_PATH}/${table.id}`,
  };
}

/** `showbrief` defaults to true: only the key of each row, which is cheap to list. */
function readShowBrief(query: URLSearchParams): boolean {
  const raw = query.get('showbrief');
  if (raw === null || raw === '') return true;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw badRequest(`showbrief must be true or false, got "${raw}".`, [
    { errorCode: 'invalid.value', fieldName: 'showbrief' },
  ]);
}

function renderRow(row: DatatableRow, brief: boolean): DatatableRow {
  return brief ? { key: row.key ?? '' } : { ...row };
}

function requireRow(table: DatatableRecord, key: string): DatatableRow {
  const row = Object.hasOwn(table.rows, key) ? table.rows[key] : undefined;
  if (!row) throw notFound(`The row "${key}" was not found in data table ${table.id}.`);
  return row;
}

export const datatableRoutes: Route[] = [
  ...collectionRoutes({
    path: DATATABLES_PATH,
    idParam: 'datatableId',
    label: 'data table',
    records: (org) => org.datatables,
    list: {
      kind: 'datatables',
      nameMatch: 'wildcard',
      divisionOf: (table) => table.divisionId,
      carried: ['expand'],
    },
    // A write always answers with the schema, whatever `expand` says.
    render: (org, table) => renderDatatable(org, table, true),
    renderRead: (request, table) => renderDatatable(request.org, table, wantsSchema(request.query)),
    body: datatableBody,
    create: (input, { org }) => ({
      id: randomUUID(),
      name: input.name,
      divisionId: resolveDivisionId(org, input.division),
      ...(input.description === undefined ? {} : { description: input.description }),
      schema: normaliseDatatableSchema(input.schema),
      rows: {},
    }),
    replace: {
      apply: (table, input, { org }) => {
        const schema = normaliseDatatableSchema(input.schema);
        checkSchemaOnlyAdds(table.schema, schema);
        table.name = input.name;
        if (input.division) table.divisionId = resolveDivisionId(org, input.division);
        setOptional(table, 'description', input.description);
        table.schema = schema;
      },
    },
    // A data table a flow looks rows up in is refused unless `force=true`, as Genesys does.
    beforeDelete: (table, org, { query }) => {
      refuseUnlessForced(
        flowsUsing(org, (flow) => flow.datatableIds.includes(table.id)),
        `Data table "${table.name}"`,
        readForce(query, 'force'),
        'force',
      );
      for (const flow of Object.values(org.flows)) {
        flow.datatableIds = flow.datatableIds.filter((id) => id !== table.id);
      }
    },
  }),
  {
    method: 'GET',
    pattern: `${DATATABLES_PATH}/:datatableId/rows`,
    handle: ({ org, params, query, maxPageSizes }) => {
      const table = requireRecord(org.datatables, params.datatableId ?? '', 'data table');
      const page = readPageRequest(query, maxPageSizes.datatableRows);
      const brief = readShowBrief(query);
      const descending = (query.get('sortOrder') ?? '').toLowerCase() === 'desc';
      const rows = Object.values(table.rows)
        .sort((a, b) => String(a.key).localeCompare(String(b.key), 'en') * (descending ? -1 : 1))
        .map((row) => renderRow(row, brief));
      const carried: [string, string][] = [['showbrief', String(brief)]];
      if (query.has('sortOrder')) carried.push(['sortOrder', query.get('sortOrder') ?? '']);
      return { status: 200, body: pageOf(rows, page, `${DATATABLES_PATH}/${table.id}/rows`, carried) };
    },
  },
  {
    method: 'POST',
    pattern: `${DATATABLES_PATH}/:datatableId/rows`,
    handle: ({ org, params, body }) => {
      const table = requireRecord(org.datatables, params.datatableId ?? '', 'data table');
      const row = validateRow(table.schema, body);
      const key = String(row.key);
      if (Object.hasOwn(table.rows, key)) {
        throw badRequest(`A row with key "${key}" already exists in data table ${table.id}.`, [
          { errorCode: 'key.exists', fieldName: 'key', entityName: key },
        ]);
      }
      table.rows[key] = row;
      return { status: 200, body: { ...row }, changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${DATATABLES_PATH}/:datatableId/rows/:rowId`,
    handle: ({ org, params, query }) => {
      const table = requireRecord(org.datatables, params.datatableId ?? '', 'data table');
      return { status: 200, body: renderRow(requireRow(table, params.rowId ?? ''), readShowBrief(query)) };
    },
  },
  {
    method: 'PUT',
    pattern: `${DATATABLES_PATH}/:datatableId/rows/:rowId`,
    handle: ({ org, params, body }) => {
      const table = requireRecord(org.datatables, params.datatableId ?? '', 'data table');
      const key = params.rowId ?? '';
      requireRow(table, key);
      const row = validateRow(table.schema, body ?? {}, key);
      table.rows[key] = row;
      return { status: 200, body: { ...row }, changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${DATATABLES_PATH}/:datatableId/rows/:rowId`,
    handle: ({ org, params }) => {
      const table = requireRecord(org.datatables, params.datatableId ?? '', 'data table');
      const key = params.rowId ?? '';
      requireRow(table, key);
      removeRecord(table.rows, key);
      return NO_CONTENT;
    },
  },
];

import { z } from 'zod';
import { badRequest } from '../genesys-error';
import type { OrgState, UtilizationRecord } from '../org-state';
import { NO_CONTENT, parseBody } from '../route-helpers';
import type { Route } from '../route-table';

export const UTILIZATION_PATH = '/api/v2/routing/utilization';

const MEDIA_TYPES = ['call', 'callback', 'chat', 'email', 'message', 'workitem'] as const;

/** What an org has before anyone sets it, and what DELETE puts back. */
export function defaultUtilization(): UtilizationRecord {
  const one = (maximumCapacity: number) => ({
    maximumCapacity,
    interruptableMediaTypes: [],
    includeNonAcd: false,
  });
  return {
    media: { call: one(1), callback: one(1), chat: one(4), email: one(1), message: one(4) },
    labels: {},
  };
}

const mediaUtilization = z.object({
  maximumCapacity: z.number().int().min(0).max(25),
  interruptableMediaTypes: z.array(z.enum(MEDIA_TYPES)).optional(),
  includeNonAcd: z.boolean().optional(),
});

/** `UtilizationRequest`: settings per media type, per label (keyed by label id), inbound call cap. */
const utilizationBody = z.object({
  utilization: z.partialRecord(z.enum(MEDIA_TYPES), mediaUtilization).optional(),
  labelUtilizations: z
    .record(
      z.string().min(1),
      z.object({
        maximumCapacity: z.number().int().min(0).max(25),
        interruptingLabelIds: z.array(z.string().min(1)).optional(),
      }),
    )
    .optional(),
  maxInboundCalls: z.number().int().min(1).optional(),
});

export function renderUtilization(org: OrgState) {
  const settings = org.utilization;
  return {
    utilization: Object.fromEntries(
      Object.entries(settings.media).map(([media, value]) => [
        media,
        {
          maximumCapacity: value.maximumCapacity,
          interruptableMediaTypes: [...value.interruptableMediaTypes],
          includeNonAcd: value.includeNonAcd,
        },
      ]),
    ),
    labelUtilizations: Object.fromEntries(
      Object.entries(settings.labels).map(([labelId, value]) => [
        labelId,
        {
          maximumCapacity: value.maximumCapacity,
          interruptingLabelIds: [...value.interruptingLabelIds],
          labelName: org.utilizationLabels[labelId]?.name ?? '',
        },
      ]),
    ),
    ...(settings.maxInboundCalls === undefined ? {} : { maxInboundCalls: settings.maxInboundCalls }),
  };
}

/** Every label id used must be one of this org's labels: another org's id is a 400 naming where. */
function checkLabels(
  org: OrgState,
  labels: NonNullable<z.infer<typeof utilizationBody>['labelUtilizations']>,
) {
  const unknown: { field: string; id: string }[] = [];
  for (const [labelId, value] of Object.entries(labels)) {
    if (!Object.hasOwn(org.utilizationLabels, labelId))
      unknown.push({ field: `labelUtilizations.${labelId}`, id: labelId });
    for (const [index, id] of (value.interruptingLabelIds ?? []).entries()) {
      if (!Object.hasOwn(org.utilizationLabels, id)) {
        unknown.push({ field: `labelUtilizations.${labelId}.interruptingLabelIds.${index}`, id });
      }
    }
  }
  if (unknown.length === 0) return;
  throw badRequest(
    `Unknown utilization label at ${unknown.map((entry) => `${entry.field} (${entry.id})`).join(', ')}.`,
    unknown.map((entry) => ({ errorCode: 'invalid.reference', fieldName: entry.field, entityId: entry.id })),
  );
}

/**
 * The org-wide setting: one object, no id, no version. PUT replaces it whole (media types left out
 * go back to their defaults, labels left out lose their setting); DELETE resets it to the defaults.
 */
export const utilizationRoutes: Route[] = [
  {
    method: 'GET',
    pattern: UTILIZATION_PATH,
    handle: (request) => ({ status: 200, body: renderUtilization(request.org) }),
  },
  {
    method: 'PUT',
    pattern: UTILIZATION_PATH,
    handle: (request) => {
      const input = parseBody(utilizationBody, request.body);
      const labels = input.labelUtilizations ?? {};
      checkLabels(request.org, labels);
      const defaults = defaultUtilization();
      const media = { ...defaults.media };
      for (const [type, value] of Object.entries(input.utilization ?? {})) {
        if (value === undefined) continue;
        media[type] = {
          maximumCapacity: value.maximumCapacity,
          interruptableMediaTypes: [...new Set(value.interruptableMediaTypes ?? [])],
          includeNonAcd: value.includeNonAcd ?? false,
        };
      }
      request.org.utilization = {
        media,
        labels: Object.fromEntries(
          Object.entries(labels).map(([labelId, value]) => [
            labelId,
            {
              maximumCapacity: value.maximumCapacity,
              interruptingLabelIds: [...new Set(value.interruptingLabelIds ?? [])],
            },
          ]),
        ),
        ...(input.maxInboundCalls === undefined ? {} : { maxInboundCalls: input.maxInboundCalls }),
      };
      return { status: 200, body: renderUtilization(request.org), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: UTILIZATION_PATH,
    handle: (request) => {
      request.org.utilization = defaultUtilization();
      return NO_CONTENT;
    },
  },
];

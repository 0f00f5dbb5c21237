import { z } from 'zod';

/**
 * `DomainEntityRef` as the API returns it: `{id, name, selfUri}`. Loose because some references
 * are whole embedded objects (a queue's wrap-up code list returns full wrap-up codes).
 */
export const entityReferenceSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().nullish(),
    selfUri: z.string().nullish(),
  })
  .loose();
export type EntityReference = z.infer<typeof entityReferenceSchema>;

/** `active | inactive | deleted`, set by the server on skills, languages and schedules. */
export const entityStateSchema = z.enum(['active', 'inactive', 'deleted']);

/** Fields every Genesys object in Ferry's scope carries. */
export const entityIdentityFields = {
  id: z.string().min(1),
  name: z.string().min(1),
  selfUri: z.string().nullish(),
};

/** Audit fields of the objects that have them (`dateCreated`, `createdBy`, …). */
export const auditFields = {
  dateCreated: z.string().nullish(),
  dateModified: z.string().nullish(),
  createdBy: z.string().nullish(),
  modifiedBy: z.string().nullish(),
};

/**
 * Codes for failures of the object model. Kept beside the model until the channel map needs to
 * branch on them; `FerryError` accepts any code string.
 */
export const ModelErrorCode = {
  typeUnknown: 'object-type.unknown',
  dependencyCycle: 'object-type.dependency-cycle',
  objectInvalid: 'object.invalid',
  canonicalInvalid: 'object.canonical-invalid',
  keyInvalid: 'object.key-invalid',
} as const;

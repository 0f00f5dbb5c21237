/**
 * Named constants for the object model's failure codes, kept beside the model; each is declared
 * with its class and guidance in `shared/errors/error-registry`.
 */
export const ModelErrorCode = {
  typeUnknown: 'object-type.unknown',
  dependencyCycle: 'object-type.dependency-cycle',
  objectInvalid: 'object.invalid',
  canonicalInvalid: 'object.canonical-invalid',
  keyInvalid: 'object.key-invalid',
  /** A flow configuration refused by the strict flow-dialect parser (issue 18). */
  flowConfigurationInvalid: 'flow.configuration-invalid',
} as const;

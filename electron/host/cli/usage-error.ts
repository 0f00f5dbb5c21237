import { FerryError } from '../../../shared/api/api-error';

/** Wrong words on the command line: exit code 2 with the usage line. */
export class UsageError extends FerryError {
  constructor(message: string) {
    super('usage', message);
  }
}

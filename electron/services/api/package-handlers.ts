import type {
  PackageExport,
  PackageExportRequest,
  PackageImport,
  PackageReport,
} from '../../../shared/model/package-wire';
import type { ChannelHandlers } from './dispatcher';

/** What the package channels need from the package service (issue #7). */
export interface PackageServiceApi {
  export(request: PackageExportRequest): Promise<PackageExport>;
  verify(text: string, options?: { target?: string }): Promise<PackageReport>;
  import(text: string, options?: { target?: string }): Promise<PackageImport>;
}

export function createPackageHandlers(
  packages: PackageServiceApi,
): Pick<ChannelHandlers, 'packages.export' | 'packages.verify' | 'packages.import'> {
  return {
    'packages.export': (request) => packages.export(request),
    'packages.verify': ({ text, target }) => packages.verify(text, target !== undefined ? { target } : {}),
    'packages.import': ({ text, target }) => packages.import(text, target !== undefined ? { target } : {}),
  };
}

import type { PackageServiceApi } from '../../../services/packages/package-service';
import type { ChannelHandlers } from '../dispatcher';

export function createPackageHandlers(
  packages: PackageServiceApi,
): Pick<ChannelHandlers, 'packages.export' | 'packages.verify' | 'packages.import'> {
  return {
    'packages.export': (request) => packages.export(request),
    'packages.verify': ({ text, target }) => packages.verify(text, target !== undefined ? { target } : {}),
    'packages.import': ({ text, target }) => packages.import(text, target !== undefined ? { target } : {}),
  };
}

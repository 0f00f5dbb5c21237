import type { EnvironmentFieldsStore } from '../../../services/compare/environment-fields-store';
import type { ChannelHandlers } from '../dispatcher';

/** Environment-specific fields onto their store; no behaviour here. */
export function createEnvironmentFieldHandlers(
  fields: EnvironmentFieldsStore,
): Pick<
  ChannelHandlers,
  'compare.environmentFields' | 'compare.addEnvironmentField' | 'compare.removeEnvironmentField'
> {
  return {
    'compare.environmentFields': () => fields.list(),
    'compare.addEnvironmentField': ({ type, path, reason }) =>
      fields.add({ type, path, ...(reason === undefined ? {} : { reason }) }),
    'compare.removeEnvironmentField': ({ type, path }) => fields.remove(type, path),
  };
}

import type { ParameterService } from '../../../services/parameters/parameter-service';
import type { ChannelHandlers } from '../dispatcher';

/** Parameters and mappings onto the parameter service; no behaviour here. */
export function createParameterHandlers(
  parameters: ParameterService,
): Pick<
  ChannelHandlers,
  'parameters.list' | 'parameters.set' | 'parameters.unset' | 'parameters.map' | 'parameters.unmap'
> {
  return {
    'parameters.list': ({ environment }) => parameters.list(environment),
    'parameters.set': (input) => parameters.set(input),
    'parameters.unset': ({ environment, name, force }) => parameters.unset(environment, name, force ?? false),
    'parameters.map': ({ environment, type, from, to }) => parameters.map(environment, type, from, to),
    'parameters.unmap': ({ environment, type, from }) => parameters.unmap(environment, type, from),
  };
}

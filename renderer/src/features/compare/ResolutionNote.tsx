import { singularTypeLabel, type CompareResolutionWire } from './diff-model';

interface ResolutionNoteProps {
  resolution: CompareResolutionWire;
}

/** What a resolved compare took as equal, and why: each parameter's two values and each mapping. */
export function ResolutionNote({ resolution }: ResolutionNoteProps) {
  const { a, b, parameters, mappings } = resolution;
  const unresolved = [a === null ? 'the target' : null, b === null ? 'the source' : null].filter(
    (side) => side !== null,
  );
  return (
    <section
      className="card resolution-note"
      aria-label="Parameters and mappings"
      data-testid="resolution-note"
    >
      <p className="small">
        Compared after resolving parameters and mappings
        {a !== null && b !== null ? (
          <>
            {' '}
            of <strong>{b}</strong> and <strong>{a}</strong>
          </>
        ) : null}
        : a field holding each environment's own value of one parameter counts as equal, and the target is
        read in the source's names. Picking changes is off here; turn resolving off to build a changeset.
        {unresolved.length > 0 && (
          <> {unresolved.join(' and ')} is not an environment, so nothing of it was resolved.</>
        )}
      </p>
      {parameters.length === 0 && mappings.length === 0 ? (
        <p className="muted small">No parameter or mapping made anything equal.</p>
      ) : (
        <ul className="small resolution-list">
          {parameters.map((parameter) => (
            <li key={parameter.name} data-testid="resolution-parameter">
              Parameter <code>{parameter.name}</code> ({parameter.b} in {b ?? 'the source'}, {parameter.a} in{' '}
              {a ?? 'the target'}) made {parameter.fields} field{parameter.fields === 1 ? '' : 's'} equal
            </li>
          ))}
          {mappings.map((mapping) => (
            <li key={`${mapping.type}\u0000${mapping.a}`} data-testid="resolution-mapping">
              {singularTypeLabel(mapping.type)} “{mapping.a}” in {a ?? 'the target'} is “{mapping.b}” in{' '}
              {b ?? 'the source'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

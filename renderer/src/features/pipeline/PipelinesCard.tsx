import { useEffect, useState } from 'react';
import type { Pipeline } from '../../../../shared/promotion/pipeline/pipeline';
import { call, errorMessage } from '../../api/ferry-client';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { textSegments } from './pipeline-model';
import { NO_PIPELINE_TEXT, pipelineLines } from './pipelines-card-model';

/**
 * The signed pipelines on the Trust page (issue 20): where a person looks for the rules a change
 * follows between environments, and, with none signed, learns how one is made.
 */
export function PipelinesCard() {
  const head = useWorkspaceStore((state) => state.current?.head);
  const [pipelines, setPipelines] = useState<readonly Pipeline[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A commit may bring a newly signed pipeline.
  useEffect(() => {
    let current = true;
    call('pipelines.list', {})
      .then((list) => {
        if (current) {
          setPipelines(list);
          setError(null);
        }
      })
      .catch((caught: unknown) => {
        if (current) setError(errorMessage(caught));
      });
    return () => {
      current = false;
    };
  }, [head]);

  return (
    <section className="card trust-card" aria-labelledby="pipelines-title" data-testid="trust-pipelines">
      <h2 id="pipelines-title">Pipelines</h2>
      {error !== null ? (
        <p className="muted">The pipelines cannot be read: {error}</p>
      ) : pipelines === null ? (
        <p className="muted">Reading the pipelines…</p>
      ) : pipelines.length === 0 ? (
        <p data-testid="trust-pipelines-none">
          {textSegments(NO_PIPELINE_TEXT).map((segment, index) =>
            segment.code ? <code key={index}>{segment.text}</code> : <span key={index}>{segment.text}</span>,
          )}
        </p>
      ) : (
        pipelineLines(pipelines).map((line) => (
          <div key={line.name} data-testid="trust-pipeline" data-pipeline={line.name}>
            <h3>
              <code>{line.name}</code> {line.path}
            </h3>
            {line.description !== null && <p className="muted small">{line.description}</p>}
            <ul>
              {line.stages.map((stage, index) => (
                <li key={index}>{stage}</li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

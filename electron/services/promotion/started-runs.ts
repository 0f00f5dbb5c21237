import { access, mkdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../../../shared/model/canonical/sha256';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * The runs this machine started (or resumed) in one workspace, kept in the app's data folder,
 * never in the workspace: a run folder that arrived by pull is history, and only a run this
 * machine was writing can have been interrupted here (DESIGN §7b: nothing that arrives by pull is
 * acted on automatically). `<dataDir>/runs-started/<sha256 of the workspace's real path>/<run id>`.
 */
export class StartedRuns {
  constructor(
    private readonly dataDir: string,
    private readonly workspacePath: () => string,
  ) {}

  private async folder(): Promise<string> {
    // The real path: the same workspace reached through a symlink is the same workspace.
    const path = await realpath(this.workspacePath()).catch(() => this.workspacePath());
    return join(this.dataDir, 'runs-started', sha256Hex(new TextEncoder().encode(path)));
  }

  /** Recorded before the run's first entry, so a crash at any later point is found again. */
  async record(runId: string, at: Date): Promise<void> {
    const folder = await this.folder();
    await mkdir(folder, { recursive: true });
    await writeFileAtomic(join(folder, runId), `${JSON.stringify({ runId, at: at.toISOString() })}\n`);
  }

  async has(runId: string): Promise<boolean> {
    return access(join(await this.folder(), runId)).then(
      () => true,
      () => false,
    );
  }
}

import type { ParameterService } from '../../../services/parameters/parameter-service';
import { createParameterHandlers } from './parameter-handlers';
import { createEnvironmentFieldHandlers } from './environment-field-handlers';
import type { EnvironmentFieldsStore } from '../../../services/compare/environment-fields-store';
import { ErrorCode, FerryError } from '../../../../shared/api/api-error';
import type { HostCapabilities } from '../host-capabilities';
import { GENESYS_REGIONS } from '../../../services/connectors/genesys/regions';
import type { CompareService } from '../../../services/compare/compare-service';
import type { DriftService } from '../../../services/compare/drift-service';
import type { IgnoreRulesStore } from '../../../services/compare/ignore-rules-store';
import type { EnvironmentService } from '../../../services/environments/environment-service';
import type { SnapshotService } from '../../../services/snapshot/snapshot-service';
import type { AppSettings } from '../../../services/settings/app-settings';
import type { WorkspaceService } from '../../../services/workspace/workspace-service';
import type { ChangesetService } from '../../../services/authoring/changeset-service';
import type { ChangesetStore } from '../../../services/changesets/changeset-store';
import type { ChannelHandlers } from '../dispatcher';
import { createPromotionHandlers, type PromotionHandlerDeps } from './promotion-handlers';
import type { PackageServiceApi } from '../../../services/packages/package-service';
import { createPackageHandlers } from './package-handlers';
import { createTrustHandlers } from './trust-handlers';
import { createVaultHandlers } from './vault-handlers';
import { createDemoHandlers } from './demo-handlers';
import { createHistoryHandlers } from './history-handlers';
import type { DemoApprover } from '../../../services/demo/demo-approver';
import type { CredentialVault } from '../../../services/vault/credential-vault';
import type { RemoteService } from '../../../services/sync/remote-service';
import type { SyncService } from '../../../services/sync/sync-service';
import { createSyncHandlers } from './sync-handlers';
import { createAudioHandlers } from './audio-handlers';
import { createInsightsHandlers } from './insights-handlers';
import type { AudioStore } from '../../../services/audio/audio-store';
import type { InsightsServiceApi } from '../../../services/insights/insights-service';
import { createPipelineHandlers } from './pipeline-handlers';
import type { PipelineServiceApi } from '../../../services/governance/pipeline-service';
import type { FollowUpServiceApi } from '../../../services/governance/follow-up-service';

export interface HandlerDeps extends PromotionHandlerDeps {
  packages: PackageServiceApi;
  version: string;
  workspace: WorkspaceService;
  environments: EnvironmentService;
  snapshots: SnapshotService;
  compare: CompareService;
  drift: DriftService;
  ignoreRules: IgnoreRulesStore;
  changesets: ChangesetStore;
  authoring: ChangesetService;
  host: HostCapabilities;
  settings: Pick<AppSettings, 'theme' | 'setTheme'>;
  vault: CredentialVault;
  demoApprover: DemoApprover;
  parameters: ParameterService;
  environmentFields: EnvironmentFieldsStore;
  remotes: RemoteService;
  sync: SyncService;
  audio: AudioStore;
  insights: InsightsServiceApi;
  pipelines: PipelineServiceApi;
  followUps: FollowUpServiceApi;
}

/** Maps each channel of the contract onto the services; no behaviour lives here. */
export function createChannelHandlers({
  version,
  workspace,
  environments,
  snapshots,
  compare,
  drift,
  ignoreRules,
  changesets,
  authoring,
  host,
  packages,
  vault,
  demoApprover,
  settings,
  parameters,
  environmentFields,
  remotes,
  sync,
  audio,
  insights,
  pipelines,
  followUps,
  ...promotionDeps
}: HandlerDeps): ChannelHandlers {
  return {
    ...createPipelineHandlers({ pipelines, followUps }),
    ...createPackageHandlers(packages),
    ...createInsightsHandlers({ insights, host }),
    ...createPromotionHandlers({ ...promotionDeps, workspace, environments, host }),
    ...createTrustHandlers(promotionDeps.identity),
    ...createVaultHandlers(vault),
    ...createParameterHandlers(parameters),
    ...createEnvironmentFieldHandlers(environmentFields),
    ...createDemoHandlers(demoApprover),
    ...createHistoryHandlers(workspace),
    ...createSyncHandlers({ remotes, sync, events: promotionDeps.events }),
    ...createAudioHandlers(audio),
    'app.info': async () => ({
      name: 'Ferry',
      version,
      capabilities: {
        pickFolder: host.pickFolder !== null,
        openExternal: host.openExternal !== null,
        savePdf: host.savePdf !== null,
      },
    }),
    'workspace.create': ({ path, name }) => workspace.create(path, name),
    'workspace.open': ({ path }) => workspace.open(path),
    'workspace.current': () => workspace.info(),
    'workspace.close': async () => {
      workspace.close();
      return null;
    },
    'workspace.recent': async () => workspace.recent(),
    'settings.theme': async () => settings.theme(),
    'settings.setTheme': async ({ theme }) => settings.setTheme(theme),
    'workspace.forgetRecent': async ({ path }) => workspace.forgetRecent(path),
    'workspace.history': ({ limit }) => workspace.history(limit),
    'workspace.readConfig': async () => ({ text: await workspace.readConfigText() }),
    'dialog.pickFolder': async ({ title }) => {
      if (!host.pickFolder) throw unsupported('Choosing a folder with a dialog');
      return { path: await host.pickFolder(title) };
    },
    'shell.openExternal': async ({ url }) => {
      if (!host.openExternal) throw unsupported('Opening links in the system browser');
      await host.openExternal(url);
      return null;
    },
    'environments.list': () => environments.list(),
    'environments.regions': async () =>
      Object.entries(GENESYS_REGIONS).map(([id, domain]) => ({ id, domain })),
    'environments.save': ({ environment, secret, replace, acceptUnprotected }) =>
      environments.save(environment, secret, {
        ...(replace !== undefined ? { replace } : {}),
        ...(acceptUnprotected !== undefined ? { acceptUnprotected } : {}),
      }),
    'environments.remove': async ({ name }) => {
      await environments.remove(name);
      return null;
    },
    'environments.test': ({ name }) => environments.test(name),
    'snapshots.start': async ({ environment, types }) => {
      await environments.get(environment);
      return { jobId: snapshots.start(environment, types) };
    },
    'snapshots.cancel': async ({ jobId }) => {
      snapshots.cancel(jobId);
      return null;
    },
    'snapshots.tree': async ({ environment }) => snapshots.store().tree(environment),
    'snapshots.object': async ({ environment, type, file }) => {
      const object = await snapshots.store().readObject(environment, type, file);
      if (!object) {
        throw new FerryError(
          'snapshot.object-not-found',
          `No ${type} file "${file}" in the latest snapshot of ${environment}`,
        );
      }
      return object;
    },
    'compare.history': ({ environment, limit }) => compare.history(environment, limit),
    'compare.run': ({ a, b, includeUnchanged, quick, resolve, reuseLive }) =>
      compare.compare(a, b, {
        ...(includeUnchanged !== undefined ? { includeUnchanged } : {}),
        ...(quick !== undefined ? { quick } : {}),
        ...(resolve !== undefined ? { resolve } : {}),
        ...(reuseLive !== undefined ? { reuseLive } : {}),
      }),
    'compare.object': ({ a, b, type, key, previousKey, resolve }) =>
      compare.objectTexts(a, b, type, key, previousKey, resolve ?? false),
    'compare.ignoreRules': () => ignoreRules.rules(),
    'compare.addIgnoreRule': (rule) => ignoreRules.addRule(rule),
    'compare.removeIgnoreRule': ({ type, path }) => ignoreRules.removeRule(type, path),
    'drift.run': ({ environment }) => drift.drift(environment),
    'drift.accept': ({ environment, type, key }) => drift.accept(environment, type, key),
    'drift.revert': ({ environment, type, key }) => drift.revert(environment, type, key),
    'drift.unignore': async ({ environment, type, key }) => {
      await drift.unignore(environment, type, key);
      return null;
    },
    'drift.ignore': async ({ environment, type, key, reason }) => {
      await drift.ignore(environment, type, key, reason);
      return null;
    },
    'changesets.list': () => changesets.list(),
    'changesets.get': ({ id }) => changesets.get(id),
    'changesets.create': ({ title, description, ticket }) =>
      changesets.create({
        title,
        ...(description !== undefined ? { description } : {}),
        ...(ticket !== undefined ? { ticket } : {}),
      }),
    'changesets.save': ({ changeset }) => changesets.save(changeset),
    'changesets.duplicate': ({ id }) => changesets.duplicate(id),
    'changesets.remove': async ({ id }) => {
      await changesets.remove(id);
      return null;
    },
    'changesets.history': ({ id }) => authoring.history(id),
    'changesets.version': async ({ id, commit }) => ({ text: await authoring.versionText(id, commit) }),
    'changesets.check': ({ id, draft, environment }) =>
      authoring.check(id !== undefined ? { id } : { draft }, environment),
    'changesets.catalog': ({ environment }) => authoring.catalog(environment),
    'changesets.targetObject': async ({ environment, type, key }) => ({
      value: await authoring.targetObject(environment, type, key),
    }),
    'changesets.resolvePicks': (request) => authoring.resolvePicks(request),
    'changesets.addPicks': (request) => authoring.addPicks(request),
  };
}

function unsupported(what: string): FerryError {
  return new FerryError(ErrorCode.unsupported, `${what} is not available in this host`);
}

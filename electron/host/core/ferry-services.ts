import { userInfo } from 'node:os';
import { createChannelHandlers } from './handlers/channel-handlers';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { EventHub } from '../../services/events/event-hub';
import { silentLogger, type Logger } from '../../services/logging/logger';
import { AppSettings } from '../../services/settings/app-settings';
import type { CommitAuthor } from '../../services/workspace/workspace-git';
import { WorkspaceService } from '../../services/workspace/workspace-service';
import { headlessCapabilities, type HostCapabilities } from './host-capabilities';
import { join } from 'node:path';
import type { GenesysTransportOptions } from '../../services/connectors/genesys/genesys-transport';
import { CredentialSource } from '../../services/environments/credential-source';
import { EnvironmentService } from '../../services/environments/environment-service';
import { SnapshotService } from '../../services/snapshot/snapshot-service';
import { CompareService } from '../../services/compare/compare-service';
import { DriftService } from '../../services/compare/drift-service';
import { IgnoreRulesStore } from '../../services/compare/ignore-rules-store';
import { EnvironmentFieldsStore } from '../../services/compare/environment-fields-store';
import { ChangesetStore } from '../../services/changesets/changeset-store';
import { ChangesetService } from '../../services/authoring/changeset-service';
import { createIdentityServices, type IdentityServices } from '../../services/identity/identity-services';
import { PromotionEngine } from '../../services/promotion/promotion-engine';
import { LEASE_REMOTE_VARIABLE, WorkspaceLeases } from '../../services/locks/workspace-lease';
import { PolicyService } from '../../services/governance/policy-service';
import { PromotionService } from '../../services/governance/promotion-service';
import { PackageService } from '../../services/packages/package-service';
import { RemoteService } from '../../services/sync/remote-service';
import { SyncService } from '../../services/sync/sync-service';
import { CredentialVault, type CipherFactory } from '../../services/vault/credential-vault';
import { ParameterService } from '../../services/parameters/parameter-service';
import { headlessCipherFactory } from '../../services/vault/headless-cipher';
import { DemoApprover } from '../../services/demo/demo-approver';
import { AudioStore } from '../../services/audio/audio-store';
import { findWorkspaceAudio } from '../../services/audio/workspace-audio';
import { InsightsService } from '../../services/insights/insights-service';
import { FollowUpService } from '../../services/governance/follow-up-service';
import { PipelineService } from '../../services/governance/pipeline-service';
import { pipelineWaitsFrom } from '../../services/governance/pipelines/stage-entry';
import { stageDrift } from '../../services/governance/pipelines/stage-drift';
import { RunStore } from '../../services/promotion/run-store';

export interface FerryServicesOptions {
  /** Folder for app settings (Electron's userData, or a folder given to the bridge or a test). */
  dataDir: string;
  /** The app version, from Electron or package.json depending on the host. */
  version: string;
  host?: HostCapabilities;
  logger?: Logger;
  author?: CommitAuthor;
  clock?: () => Date;
  /** How the vault seals secrets; headless hosts default to FERRY_VAULT_PASSPHRASE. */
  cipherFactory?: CipherFactory;
  /**
   * The host can ask a person for the vault's passphrase (the browser bridge's page): without a
   * cipher of its own, the vault may then be unlocked for the session through `vault.unlock`.
   */
  sessionVaultUnlock?: boolean;
  env?: NodeJS.ProcessEnv;
  /** The in-process sandbox's URL, for environments whose url is `embedded`. */
  embeddedSandboxUrl?: () => string | null;
  transport?: GenesysTransportOptions;
}

export interface FerryServices {
  dispatcher: Dispatcher;
  events: EventHub;
  workspace: WorkspaceService;
  settings: AppSettings;
  environments: EnvironmentService;
  snapshots: SnapshotService;
  compare: CompareService;
  drift: DriftService;
  ignoreRules: IgnoreRulesStore;
  /** Fields that rightly differ per environment, declared and flagged (issue 15). */
  environmentFields: EnvironmentFieldsStore;
  changesets: ChangesetStore;
  authoring: ChangesetService;
  /** Signing key, trust store, approvals and the audit log. */
  identity: IdentityServices;
  /** Plans, runs, recovery and rollback (headless engine). */
  engine: PromotionEngine;
  /** Governed promotion: gates from policy and approvals, audit, change-control documents. */
  promotions: PromotionService;
  /** Environments' promotion policies, signed into the trust root. */
  policies: PolicyService;
  /** Signed change packages: export, offline verify, import. */
  packages: PackageService;
  /** Per-environment values: parameters, secret parameters and name mappings (issue 15). */
  parameters: ParameterService;
  /** The workspace's git remotes: clone, pull, push, sync, credentials per host (issue 16). */
  remotes: RemoteService;
  /** Team sync as a person sees it: pull summaries, incoming checks, unpushed approvals, history. */
  sync: SyncService;
  /** Prompt audio kept in the workspace by hash (issue 17). */
  audio: AudioStore;
  /** DORA keys and governance from the workspace's verified records (issue 19). */
  insights: InsightsService;
  /** Issue 20: emergency overrides' retrospective approvals. */
  followUps: FollowUpService;
  /** Issue 20: promotion pipelines (status, advance). */
  pipelines: PipelineService;
  /** The folder settings, the vault and the signing identity live in. */
  dataDir: string;
  vault: CredentialVault;
  version: string;
}

/** Wires every service once; each host (Electron, web bridge, CLI, tests) calls this. */
export function createFerryServices(options: FerryServicesOptions): FerryServices {
  const logger = options.logger ?? silentLogger;
  const events = new EventHub();
  const settings = new AppSettings(options.dataDir);
  const workspace = new WorkspaceService({
    settings,
    author: options.author ?? defaultAuthor(),
    ...(options.clock ? { clock: options.clock } : {}),
    onChange: (info) => events.emit('workspace.changed', info),
  });
  const version = options.version;
  const env = options.env ?? process.env;
  const cipherFactory =
    options.cipherFactory === undefined ? headlessCipherFactory(env) : options.cipherFactory;
  const vault = new CredentialVault(
    join(options.dataDir, 'vault.json'),
    cipherFactory,
    options.sessionVaultUnlock === true && cipherFactory === null,
  );
  const environments = new EnvironmentService({
    workspace,
    vault,
    credentials: new CredentialSource(vault, env),
    connectors: {
      ...(options.embeddedSandboxUrl ? { embeddedSandboxUrl: options.embeddedSandboxUrl } : {}),
      ...(options.transport ? { transport: options.transport } : {}),
      audioSource: (sha256) => findWorkspaceAudio(workspace.requirePath(), sha256),
    },
    lastSnapshot: (name) => snapshots.store().lastSnapshot(name),
  });
  // `environments` reads snapshot summaries lazily, through the service created just below.
  const snapshots: SnapshotService = new SnapshotService(workspace, environments, events);
  const ignoreRules = new IgnoreRulesStore(workspace);
  // The key is read when a changeset is created, by which time `identity` below exists.
  const changesets = new ChangesetStore(
    workspace,
    async () => (await identity.keys.identity())?.keyId ?? null,
    (id, digest) => identity.authorship.envelopeFor(id, digest),
  );
  const environmentFields = new EnvironmentFieldsStore(workspace);
  // `parameters` is created below; a compare asks for values only once everything is built.
  const compare = new CompareService(workspace, environments, snapshots, ignoreRules, changesets, {
    fields: environmentFields,
    values: async (name) => (await parameters.values(name)).values,
  });
  // Drift checks and triage go to the signed audit log (issue 19); `identity` is built below and
  // is asked only once drift runs.
  const drift = new DriftService(workspace, compare, snapshots, ignoreRules, changesets, {
    identity: () => identity.keys.identity(),
    append: (keyId, input) => identity.audit.append(keyId, input),
    logger,
  });
  const parameters = new ParameterService({ workspace, environments, changesets, vault, env });
  environments.useSecretParameters((name) => parameters.secretValues(name));
  const targetValues = (name: string, needed: readonly string[]) => parameters.values(name, needed);
  const authoring = new ChangesetService(workspace, environments, compare, changesets, targetValues);
  const identity = createIdentityServices({ workspace, vault, changesets }, options.dataDir);
  authoring.useRiskPolicy((name) => identity.trust.policy(name));
  if (options.author === undefined) {
    // A host that names no author uses the signing key's owner once there is a key.
    void identity.keys
      .identity()
      .then((found) => {
        if (found !== null) workspace.useSignerAsAuthor(found.owner);
      })
      .catch(() => undefined);
  }
  const engine = new PromotionEngine({
    workspace,
    environments,
    snapshots,
    targetValues,
    events,
    dataDir: options.dataDir,
    // Every run is signed by this machine's key, anchoring its audit chain (issue 11, point 4).
    signing: { key: identity.keys, auditHead: (keyId) => identity.audit.head(keyId) },
    // One promoter per environment across machines: a lease on the workspace's shared remote.
    leases: new WorkspaceLeases({
      workspaceDir: () => workspace.requirePath(),
      leaseRemote: () => env[LEASE_REMOTE_VARIABLE],
      // `remotes` is built below; credentials are asked for only once a run starts.
      credentials: (origin) => remotes.credentials.forOrigin(origin),
      identity: async () => {
        const found = await identity.keys.identity().catch(() => null);
        return found === null
          ? { holder: workspace.author().name }
          : { holder: found.owner, keyId: found.keyId };
      },
      recordBreak: async (record) => {
        const actor = await identity.keys.requireIdentity();
        await identity.audit.append(actor.keyId, {
          action: 'lease-break',
          subject: `environment/${record.environment}`,
          details: {
            environment: record.environment,
            remote: record.remote,
            reason: record.broke.reason,
            brokenBy: record.breaker.holder,
            runId: record.runId,
            displacedHolder: record.broke.holder,
            displacedRunId: record.broke.runId,
            displacedExpiresAt: record.broke.expiresAt,
          },
        });
      },
    }),
  });
  // Built before promotions: an override is refused while its promoter has an overdue follow-up.
  const followUps = new FollowUpService({ workspace, changesets, identity });
  const promotions = new PromotionService({
    workspace,
    environments,
    changesets,
    authoring,
    engine,
    identity,
    followUps,
    logger,
    // The pipeline pieces themselves, not PipelineService (which promotes through this service).
    pipelineWaits: pipelineWaitsFrom({
      pipelines: async () => (await identity.trust.root())?.pipelines ?? [],
      runs: () => engine.runs(),
      // Reads run folders only; it never writes or signs.
      readFiles: (runId) => new RunStore(workspace, { signing: null, dataDir: null }).readFiles(runId),
      findKey: (keyId) => identity.trust.find(keyId),
      now: () => workspace.now(),
      drift: async (environment, plan) => stageDrift(await environments.connector(environment), plan),
    }),
  });
  const policies = new PolicyService({ environments, trust: identity.trust });
  const packages = new PackageService({
    workspace,
    environments,
    snapshots,
    changesets,
    authoring,
    identity,
    engine,
    parameters,
  });
  const remotes = new RemoteService({ workspace, vault, env });
  const sync = new SyncService({ workspace, remotes, identity });
  const audio = new AudioStore(workspace, (id) => changesets.get(id));
  // Verifies against this machine's pinned trust root; its cache lives in the data folder, never the workspace.
  const insights = new InsightsService({
    workspaceDir: () => workspace.requirePath(),
    now: () => workspace.now(),
    trustRoot: () => identity.trust.root(),
    environments: async () => (await environments.configs()).map((environment) => environment.name),
    lastSnapshotAt: async (name) => (await snapshots.store().lastSnapshot(name))?.takenAt ?? null,
    dataDir: options.dataDir,
  });
  const pipelines = new PipelineService({
    workspace,
    environments,
    changesets,
    authoring,
    engine,
    promotions,
    identity,
    dataDir: options.dataDir,
  });
  const handlers = createChannelHandlers({
    version,
    workspace,
    environments,
    snapshots,
    compare,
    drift,
    ignoreRules,
    changesets,
    authoring,
    identity,
    engine,
    promotions,
    policies,
    events,
    packages,
    parameters,
    environmentFields,
    remotes,
    sync,
    audio,
    insights,
    followUps,
    pipelines,
    vault,
    demoApprover: new DemoApprover({ dataDir: options.dataDir, workspace, changesets, vault, identity }),
    settings,
    host: options.host ?? headlessCapabilities,
  });
  return {
    dispatcher: createDispatcher(handlers, logger),
    events,
    workspace,
    settings,
    environments,
    snapshots,
    compare,
    drift,
    ignoreRules,
    changesets,
    authoring,
    identity,
    engine,
    promotions,
    policies,
    packages,
    parameters,
    environmentFields,
    remotes,
    sync,
    audio,
    insights,
    followUps,
    pipelines,
    dataDir: options.dataDir,
    vault,
    version,
  };
}

export function defaultAuthor(): CommitAuthor {
  let name = 'Ferry user';
  try {
    name = userInfo().username || name;
  } catch {
    /* some sandboxes have no passwd entry */
  }
  return { name, email: `${name.replace(/[^A-Za-z0-9._-]/g, '_')}@ferry.local` };
}

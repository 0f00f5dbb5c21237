/**
 * Every code a `FerryError` can carry, declared once: what class of failure it is (which decides
 * the CLI's exit code, DESIGN §8) and what it means to a person, with what to do next. Throw sites
 * keep their own specific message; this is the general meaning shown beside it when that message
 * does not already say what to do.
 *
 * Classes: `bad-input` — the request, an argument or a file named something wrong or missing
 * (exit 2); `refused` — Ferry declined on purpose: a conflict, a gate, a lock, trust (exit 3);
 * `failed` — something broke on the way (exit 1).
 */
export type ErrorClass = 'bad-input' | 'refused' | 'failed';

export interface ErrorEntry {
  readonly class: ErrorClass;
  /** What went wrong, in general and in plain words. */
  readonly message: string;
  /** What a person does about it: shown after a throw site's message that does not say. */
  readonly nextStep: string;
}

export const errorRegistry = {
  // The process boundary and the hosts.
  'channel.unknown': {
    class: 'bad-input',
    message: 'Ferry does not know that request.',
    nextStep: 'Update the app so its window and main process match.',
  },
  'request.invalid': {
    class: 'bad-input',
    message: 'Some values are missing or not valid.',
    nextStep: 'Correct what the message names and try again.',
  },
  'sender.refused': {
    class: 'refused',
    message: 'Ferry accepts calls only from its own window.',
    nextStep: 'Use the Ferry window or the ferry command.',
  },
  unauthorized: {
    class: 'refused',
    message: 'The call did not carry the right token.',
    nextStep: 'Open Ferry from the address the app printed.',
  },
  unsupported: {
    class: 'failed',
    message: 'This is not possible here.',
    nextStep: 'Use the desktop app, or choose another format as the message says.',
  },
  internal: {
    class: 'failed',
    message: 'Ferry hit an unexpected error.',
    nextStep: 'Try again; if it persists, report it with the incident id.',
  },
  transport: {
    class: 'failed',
    message: 'The window and the main process did not understand each other.',
    nextStep: 'Restart Ferry.',
  },
  usage: {
    class: 'bad-input',
    message: 'The command line is not right.',
    nextStep: 'Run `ferry --help` to see the commands and their options.',
  },
  cancelled: {
    class: 'failed',
    message: 'The work was cancelled before it finished.',
    nextStep: 'Start it again when you are ready.',
  },
  'pdf.failed': {
    class: 'failed',
    message: 'The PDF could not be printed.',
    nextStep: 'Write the document as .html or .md instead.',
  },
  'path.invalid': {
    class: 'bad-input',
    message: 'That path cannot be used.',
    nextStep: 'Give a path inside the workspace, without links or "..".',
  },

  // The workspace folder.
  'workspace.not-found': {
    class: 'bad-input',
    message: 'There is no folder there.',
    nextStep: 'Check the path, or create a workspace with `ferry init`.',
  },
  'workspace.not-a-workspace': {
    class: 'bad-input',
    message: 'That folder is not a Ferry workspace.',
    nextStep: 'Open the folder that holds ferry.json, or run `ferry init`.',
  },
  'workspace.newer-format': {
    class: 'bad-input',
    message: 'A newer Ferry wrote this workspace.',
    nextStep: 'Update Ferry to open it.',
  },
  'workspace.corrupt': {
    class: 'bad-input',
    message: 'A workspace file is damaged.',
    nextStep: 'Restore it from git history (`git log -- <file>`) and try again.',
  },
  'workspace.exists': {
    class: 'bad-input',
    message: 'A workspace is already there.',
    nextStep: 'Open it instead, or choose another folder.',
  },
  'workspace.folder-not-empty': {
    class: 'bad-input',
    message: 'The folder is not empty.',
    nextStep: 'Choose an empty folder for the new workspace.',
  },
  'workspace.none-open': {
    class: 'bad-input',
    message: 'No workspace is open.',
    nextStep: 'Open or create one first.',
  },
  'workspace.symlink-refused': {
    class: 'refused',
    message: 'Ferry does not write through links inside a workspace.',
    nextStep: 'Replace the link with a real file or folder.',
  },

  // Environments and their credentials.
  'environment.not-found': {
    class: 'bad-input',
    message: 'There is no environment by that name.',
    nextStep: '`ferry env list` shows the ones this workspace has.',
  },
  'environment.exists': {
    class: 'bad-input',
    message: 'An environment by that name already exists.',
    nextStep: 'Choose another name, or edit the existing one.',
  },
  'environment.no-credentials': {
    class: 'bad-input',
    message: 'The environment has no client secret.',
    nextStep: 'Store one, or set the environment variable named.',
  },
  'environment.region-unknown': {
    class: 'bad-input',
    message: 'That Genesys Cloud region is not one Ferry knows.',
    nextStep: 'Pick a region from the list.',
  },
  'environment.locked': {
    class: 'refused',
    message: 'Someone else is promoting to this environment.',
    nextStep: 'Wait for them to finish, then try again.',
  },
  // The environment lease on a team workspace's shared remote (issue 16): one promoter across machines.
  'lease.unauthorized': {
    class: 'refused',
    message: "The shared remote refused the credentials for the environment's lease.",
    nextStep: 'Check the user name and token stored for this remote, then try again.',
  },
  'lease.remote-failed': {
    class: 'failed',
    message: "Ferry could not read or update the environment's lease on the shared remote.",
    nextStep: 'Check the connection and the remote address, then try again; nothing was promoted.',
  },
  'lease.not-expired': {
    class: 'refused',
    message: 'Only an expired lease can be broken.',
    nextStep: 'Wait for the holder to finish or for the lease to expire, then try again.',
  },
  'lease.lost': {
    class: 'failed',
    message: "This run no longer holds the environment's lease: someone broke or replaced it.",
    nextStep: 'Stop writing to the environment, compare it again, and ask who holds the lease now.',
  },
  'environment.sandbox-not-loopback': {
    class: 'refused',
    message: 'A sandbox must be on this machine.',
    nextStep: 'Use an address such as http://127.0.0.1:<port>.',
  },
  'environment.sandbox-not-running': {
    class: 'failed',
    message: 'The embedded sandbox is not running.',
    nextStep: 'Start it with `ferry sandbox` and try again.',
  },
  'environment.secret-not-for-sandbox': {
    class: 'refused',
    message: 'A sandbox logs in only with its published demo client.',
    nextStep: 'Unset the secret variable for it.',
  },

  // The vault and the signing key.
  'vault.locked': {
    class: 'refused',
    message: 'The vault is locked.',
    nextStep: 'Unlock it with its passphrase (or set FERRY_VAULT_PASSPHRASE) and try again.',
  },
  'vault.unavailable': {
    class: 'refused',
    message: 'This system cannot open the vault that way.',
    nextStep: 'Use the passphrase or FERRY_VAULT_PASSPHRASE.',
  },
  'vault.wrong-passphrase': {
    class: 'bad-input',
    message: "That is not the vault's passphrase.",
    nextStep: 'Type it again, checking the keyboard layout.',
  },
  'vault.passphrase-weak': {
    class: 'bad-input',
    message: 'That passphrase is too weak to protect your key and secrets.',
    nextStep: 'Choose a longer one.',
  },
  'vault.passphrase-too-short': {
    class: 'bad-input',
    message: 'The passphrase is too short.',
    nextStep: 'Use at least 8 characters.',
  },
  'vault.corrupt': {
    class: 'failed',
    message: 'The vault file is damaged.',
    nextStep: 'Remove it and enter the secrets again.',
  },
  'vault.unprotected': {
    class: 'refused',
    message: 'This system has no secure storage.',
    nextStep: 'Confirm to keep the secret as plain text, or use a passphrase.',
  },
  'vault.binding-mismatch': {
    class: 'failed',
    message: 'A sealed secret belongs to another destination.',
    nextStep: 'Enter the secret again for this one.',
  },
  'vault.secret-destination-changed': {
    class: 'refused',
    message: "The environment's address changed since its secret was stored.",
    nextStep: 'Enter the secret again.',
  },
  'vault.secret-unbound': {
    class: 'refused',
    message: 'The stored secret does not say where it may go.',
    nextStep: 'Enter the secret again to bind it.',
  },
  'key.none': {
    class: 'bad-input',
    message: 'This machine has no signing key yet.',
    nextStep: 'Run `ferry key init` first.',
  },
  'key.exists': {
    class: 'bad-input',
    message: 'This machine already has a signing key.',
    nextStep: 'Keep using it; a second would orphan what the first signed.',
  },
  'key.missing': {
    class: 'failed',
    message: "The signing key's private half is not in this vault.",
    nextStep: 'Use the vault it was made in.',
  },
  'key.mismatch': {
    class: 'failed',
    message: "The vault holds another signing key than this machine's identity.",
    nextStep: 'Use the matching vault.',
  },
  'key.damaged': {
    class: 'failed',
    message: 'The signing key in the vault cannot be read.',
    nextStep: 'Restore the vault from a backup or make a new key.',
  },

  // Trust: who may sign, approve and administer.
  'trust.none': {
    class: 'refused',
    message: 'This workspace has no trust root yet.',
    nextStep: 'Run `ferry trust init` to become its first admin.',
  },
  'trust.exists': {
    class: 'bad-input',
    message: 'This workspace already has a trust root.',
    nextStep: 'Change it with `ferry trust add` or `ferry trust revoke`.',
  },
  'trust.invalid': {
    class: 'bad-input',
    message: 'That trust root change is not valid.',
    nextStep: 'Correct what the message names and try again.',
  },
  'trust.unverified': {
    class: 'refused',
    message: 'The trust root does not verify.',
    nextStep: 'Ask an admin for its fingerprint and check it before going on.',
  },
  'trust.not-admin': {
    class: 'refused',
    message: 'Only an admin of the trust root may do this.',
    nextStep: 'Ask an admin.',
  },
  'trust.key-invalid': {
    class: 'bad-input',
    message: 'That is not a public key Ferry can trust.',
    nextStep: 'Give the PEM that `ferry key show` prints.',
  },
  'trust.key-exists': {
    class: 'bad-input',
    message: 'That key is already trusted.',
    nextStep: 'Nothing needs doing.',
  },
  'trust.key-revoked': {
    class: 'bad-input',
    message: 'That key was revoked and cannot be trusted again.',
    nextStep: 'Make a new key instead.',
  },
  'trust.key-not-found': {
    class: 'bad-input',
    message: 'No trusted key has that id.',
    nextStep: '`ferry trust status` shows the keys there are.',
  },
  'trust.no-proposal': {
    class: 'bad-input',
    message: 'There is no proposal for that version.',
    nextStep: 'Check the version number.',
  },
  'trust.proposal-outdated': {
    class: 'refused',
    message: 'The trust root moved on since this proposal.',
    nextStep: 'Propose the change again.',
  },
  'trust.proposal-pending': {
    class: 'refused',
    message: 'The change waits for more admins to sign.',
    nextStep: 'Ask them to approve the proposal.',
  },
  'trust.fingerprint-unknown': {
    class: 'bad-input',
    message: 'No trust root version has that fingerprint.',
    nextStep: 'Check it with the admin who gave it to you.',
  },
  'trust.pin-damaged': {
    class: 'refused',
    message: "This machine's trust pin is damaged.",
    nextStep: 'Ask an admin for the fingerprint and pin it again.',
  },
  'policy.invalid': {
    class: 'bad-input',
    message: 'The policy is not valid.',
    nextStep: 'Correct the settings named and try again.',
  },
  'cron.invalid': {
    class: 'bad-input',
    message: 'That is not a cron expression Ferry reads.',
    nextStep: 'Write five fields, such as "0 8 * * 1-5".',
  },
  'demo.only': {
    class: 'refused',
    message: 'This exists only in the demo workspace.',
    nextStep: 'In a real workspace a second person approves.',
  },
  'demo.approver-off': {
    class: 'refused',
    message: 'The demo approver is not set up.',
    nextStep: 'Add Rita on the Trust page first.',
  },

  // The audit log.
  'audit.corrupt': {
    class: 'failed',
    message: 'The audit log is damaged.',
    nextStep: 'Run `ferry audit verify` to see where, and restore it from git.',
  },
  'audit.trimmed': {
    class: 'failed',
    message: 'Audit entries are missing.',
    nextStep: 'Restore the log from git history before recording anything else.',
  },
  'audit.pins-damaged': {
    class: 'failed',
    message: 'The audit heads this machine recorded are damaged.',
    nextStep: 'Restore them from a backup.',
  },
  'audit.busy': {
    class: 'refused',
    message: 'Another Ferry process is writing the audit log.',
    nextStep: 'Try again in a moment.',
  },
  'audit.foreign-actor': {
    class: 'failed',
    message: 'This machine records audit entries only for its own key.',
    nextStep: 'Record it on the machine of that key.',
  },

  // Snapshots, comparison and drift.
  'snapshot.duplicate-key': {
    class: 'bad-input',
    message: 'Two objects in the org share a name.',
    nextStep: 'Rename one in Genesys Cloud and take the snapshot again.',
  },
  'snapshot.object-not-found': {
    class: 'bad-input',
    message: 'That object is not in the latest snapshot.',
    nextStep: 'Take a new snapshot or check the name.',
  },
  'compare.commit-unknown': {
    class: 'bad-input',
    message: 'There is no such commit in this workspace.',
    nextStep: 'Check the commit id.',
  },
  'compare.no-history': {
    class: 'bad-input',
    message: 'The workspace has no history that far back.',
    nextStep: 'Pick a later date.',
  },
  'compare.no-snapshot': {
    class: 'bad-input',
    message: 'There is no snapshot of that environment yet.',
    nextStep: 'Take one first.',
  },
  'compare.object-missing': {
    class: 'bad-input',
    message: 'That object is not on that side of the comparison.',
    nextStep: 'Check the name and the sides.',
  },
  'drift.none': {
    class: 'bad-input',
    message: 'That object has not drifted.',
    nextStep: 'There is nothing to accept or ignore.',
  },
  'drift.not-ignored': {
    class: 'bad-input',
    message: 'That object is not ignored.',
    nextStep: 'There is nothing to stop ignoring.',
  },

  // The object model.
  'object-type.unknown': {
    class: 'bad-input',
    message: 'Ferry does not know that object type.',
    nextStep: 'Check its spelling, such as routing.queue.',
  },
  'object-type.dependency-cycle': {
    class: 'failed',
    message: 'The object types depend on each other in a circle.',
    nextStep: 'Report this: it is a fault in Ferry.',
  },
  'object.invalid': {
    class: 'failed',
    message: 'An object does not fit what Ferry expects.',
    nextStep: 'Correct the fields named and try again.',
  },
  'object.canonical-invalid': {
    class: 'failed',
    message: 'An object file is not in the form Ferry writes.',
    nextStep: 'Restore it from git history.',
  },
  'object.key-invalid': {
    class: 'failed',
    message: 'An object file name cannot be read back as a name.',
    nextStep: 'Restore it from git history.',
  },

  // Changesets.
  'changeset.not-found': {
    class: 'bad-input',
    message: 'There is no changeset with that id.',
    nextStep: '`ferry changeset list` shows the ones there are.',
  },
  // Per-environment values (issue 15).
  'parameter.invalid': {
    class: 'bad-input',
    message: 'That parameter, value or mapping is not valid.',
    nextStep: 'Correct what the message names; `ferry param list <env>` shows what is set.',
  },
  'parameter.secret-elsewhere': {
    class: 'bad-input',
    message: 'That parameter is a secret in another environment, so it was not stored as plain text.',
    nextStep:
      'Set it as a secret (`--type secret`, or the type Secret on the Parameters tab); `--plain` stores it in the workspace on purpose.',
  },
  'parameter.not-found': {
    class: 'bad-input',
    message: 'No such parameter or mapping in that environment.',
    nextStep: 'Check the name with `ferry param list <env>`.',
  },
  'parameter.in-use': {
    class: 'refused',
    message: 'Changesets still use that parameter.',
    nextStep: 'Change those changesets first, or unset it anyway with --force.',
  },
  'parameter.mapping-invalid': {
    class: 'bad-input',
    message: 'A mapping would make a chain, a cycle or two names for one object.',
    nextStep: 'Map each name straight to its name in this environment, once.',
  },
  'parameter.unresolved': {
    class: 'refused',
    message: 'The changeset needs parameter values the environment does not have.',
    nextStep:
      'Set them with `ferry param set <env> <name> <value>` or on the Parameters tab (a password or token with `--type secret`, so it stays out of the workspace), then plan again.',
  },
  'changeset.invalid': {
    class: 'bad-input',
    message: 'The changeset is not valid.',
    nextStep: 'Correct what the message names and try again.',
  },
  'changeset.exists': {
    class: 'bad-input',
    message: 'Another version of this changeset is already saved.',
    nextStep: 'Make a new changeset instead.',
  },
  'changeset.missing-dependencies': {
    class: 'bad-input',
    message: 'Some objects depend on others not picked.',
    nextStep: 'Bring them along or require them in the target.',
  },
  'changeset.conflict': {
    class: 'refused',
    message: 'The target no longer matches what the changeset expects.',
    nextStep: 'Compare again and rebuild it.',
  },

  // Prompt audio (issue 17): WAV files kept in the workspace by hash.
  'audio.invalid': {
    class: 'bad-input',
    message: 'That file is not a WAV file Ferry can use as prompt audio.',
    nextStep: 'Pick a WAV file (RIFF/WAVE, at most 25 MiB) and try again.',
  },
  'audio.not-found': {
    class: 'bad-input',
    message: 'The workspace has no audio file with that hash there.',
    nextStep: 'Take a new snapshot of the environment, or attach the audio to the changeset again.',
  },
  'audio.hash-mismatch': {
    class: 'refused',
    message: 'An audio file in the workspace does not hold the bytes its name promises.',
    nextStep:
      'Someone changed or damaged the file: restore it from git history or take a new snapshot; nothing was written.',
  },
  'audio.transfer-failed': {
    class: 'failed',
    message: 'Genesys Cloud did not take or give back the prompt audio.',
    nextStep:
      'Check the prompt in Genesys Cloud, then retry; a failed transcode means the file was not usable audio.',
  },
  'audio.verify-failed': {
    class: 'failed',
    message: 'The audio Genesys Cloud holds after the upload is not the audio that was sent.',
    nextStep: 'Look at the prompt in Genesys Cloud; roll the run back or upload the audio again.',
  },

  // Team workspaces: remotes, clone, pull, push (issue 16).
  'sync.remote-invalid': {
    class: 'bad-input',
    message: 'That remote name or address cannot be used.',
    nextStep:
      'Give an https:// address without a user name or password in it (http:// only for this machine), and a simple name such as origin.',
  },
  'sync.remote-not-found': {
    class: 'bad-input',
    message: 'The workspace has no such remote.',
    nextStep: 'Add one with `ferry remote add origin <url>`; `ferry remote list` shows those there are.',
  },
  'sync.auth-failed': {
    class: 'refused',
    message: 'The remote refused the credentials (or asked for some and had none).',
    nextStep:
      'Store the right user name and token with `ferry remote login <remote or host>`, then try again.',
  },
  'sync.unreachable': {
    class: 'failed',
    message: 'The remote could not be reached or did not answer as a git server.',
    nextStep: 'Check the address and your connection, then try again.',
  },
  'sync.cancelled': {
    class: 'failed',
    message: 'The transfer was cancelled; the workspace is as it was.',
    nextStep: 'Start it again when you are ready.',
  },
  'sync.conflict': {
    class: 'refused',
    message: 'You and the remote both changed the same files; nothing was merged.',
    nextStep:
      'See them side by side with `ferry conflicts` (or on the Sync page in the app), then choose for each in one go: `ferry resolve <path or changeset id> mine|theirs|both …`.',
  },
  'sync.resolution-invalid': {
    class: 'bad-input',
    message: 'The choices do not match the conflicts there are now; nothing was merged.',
    nextStep:
      'List them with `ferry conflicts`, then give one choice for each in the same call: mine, theirs, or both for a changeset.',
  },
  'sync.behind': {
    class: 'refused',
    message: 'The remote has commits this workspace does not have yet.',
    nextStep: 'Pull first (`ferry pull`, or `ferry sync` to pull then push).',
  },
  'sync.local-changes': {
    class: 'refused',
    message: 'Files a pull would change have changes not yet committed.',
    nextStep: 'Finish or undo the work on the files named, then pull again.',
  },
  'sync.diverged': {
    class: 'refused',
    message: 'The workspace and the remote share no history.',
    nextStep: 'Clone the remote into a new folder instead of pulling it into this workspace.',
  },
  'sync.remote-moved': {
    class: 'refused',
    message: 'The remote changed since you looked at the conflicts; nothing was merged.',
    nextStep:
      'Review the conflicts again (`ferry conflicts`, or the Sync page in the app), then choose for each and resolve.',
  },
  'sync.unsafe-remote': {
    class: 'refused',
    message:
      'The remote holds entries a Ferry workspace never has (a link, a submodule, a reserved or clashing name); nothing was written.',
    nextStep:
      'Ask whoever pushed them to remove them from the remote branch; until then do not pull it into this workspace.',
  },

  // Packages.
  'package.too-large': {
    class: 'bad-input',
    message: 'The package would be too large to import.',
    nextStep: 'Split the changeset into smaller ones.',
  },
  'package.rejected': {
    class: 'failed',
    message: 'The package failed its checks and was not imported.',
    nextStep: 'Ask its author for a fresh export.',
  },
  'package.parameter-types': {
    class: 'refused',
    message: 'The package cannot say the type of every parameter its changeset uses.',
    nextStep:
      'Set each parameter in at least one environment, with one type everywhere (`ferry param set <env> <name> <value> --type <type>`), then export again.',
  },
  'package.changeset-rejected': {
    class: 'refused',
    message: 'A reviewer rejected this changeset.',
    nextStep: 'Address their comments and ask for approval again.',
  },
  'package.audio-missing': {
    class: 'bad-input',
    message:
      'The changeset writes prompt audio that is nowhere in this workspace, so the package could not carry it.',
    nextStep:
      'Take a snapshot of the environment the audio comes from, or attach the WAV file to the changeset again, then export again.',
  },
  'package.audio-mismatch': {
    class: 'refused',
    message:
      'An audio file the changeset names is in the workspace, but its bytes are not the audio the changeset names.',
    nextStep:
      'Restore the file from git history or take a new snapshot (or attach the right file again), then export again; nothing was packaged.',
  },

  // Promotion: plans, runs and gates.
  conflict: {
    class: 'refused',
    message: 'The target changed since the plan was made.',
    nextStep: 'Plan again and review the new plan.',
  },
  'gate.refused': {
    class: 'refused',
    message: 'A policy gate refused the promotion.',
    nextStep: 'Meet what the message names, or ask for an override.',
  },
  // Issue 20: pipelines, post-promotion checks, override follow-ups, standard changes.
  'pipeline.not-found': {
    class: 'bad-input',
    message: 'There is no such pipeline in the signed trust root.',
    nextStep:
      '`ferry pipeline list` shows the pipelines; an admin signs one with `ferry pipeline set <file>`.',
  },
  'pipeline.ambiguous': {
    class: 'bad-input',
    message: 'More than one pipeline could apply to this change.',
    nextStep: 'Name the one you mean with --pipeline <name>.',
  },
  'pipeline.waiting': {
    class: 'refused',
    message: 'The change cannot move to the next stage yet.',
    nextStep: '`ferry pipeline status <changeset>` says what it waits for; try again once that is met.',
  },
  'pipeline.finished': {
    class: 'refused',
    message: 'The change has reached the last stage of its pipeline.',
    nextStep: 'There is nothing left to advance.',
  },
  'pipeline.invalid': {
    class: 'bad-input',
    message: 'The pipeline definition is not valid.',
    nextStep: 'Correct what the message names and sign it again.',
  },
  'standard-change.invalid': {
    class: 'bad-input',
    message: 'The standard change templates are not valid.',
    nextStep: 'Correct what the message names and sign them again.',
  },
  'check.failed': {
    class: 'failed',
    message: 'A post-promotion check failed after the change was written.',
    nextStep: 'Read the check results in the run; the run was rolled back or stopped as the policy says.',
  },
  'followup.overdue': {
    class: 'refused',
    message: 'An earlier emergency override of yours has no retrospective approval and is overdue.',
    nextStep: 'Ask an approver to approve that changeset (`ferry approve <changeset>`), then override again.',
  },
  'promotion.plan-invalid': {
    class: 'bad-input',
    message: 'The plan is not one Ferry made.',
    nextStep: 'Plan again.',
  },
  'promotion.duplicate-key': {
    class: 'bad-input',
    message: 'Two objects in the target share a name.',
    nextStep: 'Rename one in Genesys Cloud and plan again.',
  },
  'promotion.no-id': {
    class: 'failed',
    message: 'Genesys Cloud created an object but did not say its id.',
    nextStep: 'Resume the run to check the target.',
  },
  'run.not-found': {
    class: 'bad-input',
    message: 'There is no run with that id.',
    nextStep: '`ferry runs` lists the runs there are.',
  },
  'run.corrupt': {
    class: 'bad-input',
    message: "The run's files are damaged.",
    nextStep: 'Restore the run folder from git history.',
  },
  'run.journal-corrupt': {
    class: 'bad-input',
    message: "The run's journal is damaged.",
    nextStep: 'Restore it from git history before resuming.',
  },
  'run.no-document': {
    class: 'bad-input',
    message: 'That run has no change-control document.',
    nextStep: 'Pick a run that went ahead; `ferry runs` lists them.',
  },
  'run.not-finished': {
    class: 'refused',
    message: 'The run has not finished.',
    nextStep: 'Resume it, or roll it back as an interrupted run.',
  },
  'run.not-interrupted': {
    class: 'refused',
    message: 'The run was not interrupted, so there is nothing to resume.',
    nextStep: 'Look at the run with `ferry runs` to see how it ended.',
  },
  'run.nothing-to-roll-back': {
    class: 'refused',
    message: 'The run was already rolled back.',
    nextStep: 'There is nothing left to do for it.',
  },
  'run.unverified': {
    class: 'refused',
    message: 'The run cannot be believed as it stands.',
    nextStep: 'Nothing was written; check who changed its files.',
  },

  // Genesys Cloud and the network.
  'genesys.bad-request': {
    class: 'failed',
    message: 'Genesys Cloud refused the request as malformed.',
    nextStep: 'Check the object named, then try again.',
  },
  'genesys.unauthorized': {
    class: 'failed',
    message: 'Genesys Cloud did not accept the credentials.',
    nextStep: 'Check the client id and secret.',
  },
  'genesys.bad-credentials': {
    class: 'bad-input',
    message: 'Genesys Cloud refused the client id or secret.',
    nextStep: 'Check both, and store the secret again.',
  },
  'genesys.forbidden': {
    class: 'failed',
    message: 'The OAuth client lacks a permission.',
    nextStep: 'Grant it in Genesys Cloud and try again.',
  },
  'genesys.not-found': {
    class: 'failed',
    message: 'Genesys Cloud does not have that object.',
    nextStep: 'Take a new snapshot and try again.',
  },
  'genesys.rate-limited': {
    class: 'failed',
    message: 'Genesys Cloud asked Ferry to slow down.',
    nextStep: 'Wait a minute and try again.',
  },
  'genesys.server-error': {
    class: 'failed',
    message: 'Genesys Cloud had a server error.',
    nextStep: 'Try again later.',
  },
  'genesys.malformed-response': {
    class: 'failed',
    message: 'Genesys Cloud answered in a way Ferry does not understand.',
    nextStep: 'Try again; report it if it persists.',
  },
  'genesys.not-updatable': {
    class: 'failed',
    message: 'Genesys Cloud cannot change this object in place.',
    nextStep: 'Delete it and create the new one.',
  },
  'genesys.listing-changed': {
    class: 'failed',
    message: 'The org changed while Ferry was reading it.',
    nextStep: 'Take the snapshot again.',
  },
  'genesys.destination-refused': {
    class: 'refused',
    message: 'Ferry sends secrets only to the region or sandbox they belong to.',
    nextStep: 'Check the environment address.',
  },
  'flow.export-failed': {
    class: 'failed',
    message: 'Genesys Cloud did not export a flow.',
    nextStep: 'Open the flow in Architect to check it exports, then take the snapshot again.',
  },
  'flow.import-failed': {
    class: 'failed',
    message: 'Genesys Cloud did not import or publish a flow.',
    nextStep: 'Read the messages Genesys gave, fix the flow or the target, then plan and promote again.',
  },
  'flow.checked-out': {
    class: 'refused',
    message: 'Someone has the flow checked out in the target.',
    nextStep: 'Ask them to check it in, or unlock it in Architect, then plan again.',
  },
  'flow.configuration-invalid': {
    class: 'bad-input',
    message: "A flow's configuration is not text Ferry accepts in its flow dialect.",
    nextStep:
      'Correct the configuration at the line named (plain YAML: no anchors, aliases, tags or repeated keys), then try again.',
  },
  'network.unreachable': {
    class: 'failed',
    message: 'Genesys Cloud could not be reached.',
    nextStep: 'Check the network connection and try again.',
  },
  'network.timeout': {
    class: 'failed',
    message: 'Genesys Cloud did not answer in time.',
    nextStep: 'Try again.',
  },
} as const satisfies Record<string, ErrorEntry>;

export type RegisteredErrorCode = keyof typeof errorRegistry;

/**
 * A Genesys reply status Ferry has no name for keeps its number in the code (`genesys.http-405`),
 * so support can read it; the whole family shares one entry.
 */
export type GenesysHttpErrorCode = `genesys.http-${number}`;

const GENESYS_HTTP_CODE = /^genesys\.http-\d+$/;

const genesysHttpEntry: ErrorEntry = {
  class: 'failed',
  message: 'Genesys Cloud refused the request.',
  nextStep: 'Check the message for its status and try again.',
};

/** A code `FerryError` accepts: a registered one, or a member of a registered family. */
export type ErrorCodeName = RegisteredErrorCode | GenesysHttpErrorCode;

export function isRegisteredErrorCode(code: string): code is RegisteredErrorCode {
  return Object.hasOwn(errorRegistry, code);
}

export function isErrorCode(code: string): code is ErrorCodeName {
  return isRegisteredErrorCode(code) || GENESYS_HTTP_CODE.test(code);
}

/** The entry for a code; one that is not registered (from a newer peer, say) reads as `internal`. */
export function errorEntryFor(code: string): ErrorEntry {
  if (isRegisteredErrorCode(code)) return errorRegistry[code];
  if (GENESYS_HTTP_CODE.test(code)) return genesysHttpEntry;
  return errorRegistry.internal;
}

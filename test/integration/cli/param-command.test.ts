import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createFerryServices } from '../../../electron/host/core/ferry-services';
import { FerryError } from '../../../shared/api/api-error';
import {
  parametersViewSchema,
  type ParameterView,
  type ParametersView,
} from '../../../shared/parameters/parameters-view';
import { nativeGit } from '../../support/native-git';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * `ferry param` (issue 15) through the real bin in a child process, against a workspace on disk
 * whose uat and prod are the sandbox's orgs. The CLI only parses and prints: what is checked here
 * is what a person sees (exit codes, words, no secret anywhere) and that refused input writes nothing.
 */
const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const author = { name: 'Casey Cli', email: 'casey@example.test' };
const PASSPHRASE = 'param-command-test-passphrase';
/** Distinctive, so finding it anywhere it must not be is certain. */
const SECRET = 'crm-Token-7f3a9c-DO-NOT-LEAK';

let world: SandboxWorkspace;

/** `ferry -w <workspace> …` with the workspace's data folder and vault passphrase; `input` on stdin. */
function ferry(
  args: string[],
  options: { input?: string; env?: Record<string, string | undefined> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, '-w', world.dir, ...args],
      {
        env: {
          ...process.env,
          FERRY_DATA_DIR: world.dataDir,
          FERRY_VAULT_PASSPHRASE: PASSPHRASE,
          ...options.env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

async function listJson(environment?: string): Promise<ParametersView[]> {
  const listed = await ferry(['param', 'list', ...(environment ? [environment] : []), '--json']);
  assert.equal(listed.code, 0, listed.stderr);
  return parametersViewSchema.array().parse(JSON.parse(listed.stdout));
}

function parametersFile(environment: string): string {
  return join(world.dir, 'environments', environment, 'parameters.json');
}

/** The file's bytes (null when absent) and the commit count: what "nothing written" means. */
async function workspaceState(environment: string) {
  const bytes = await readFile(parametersFile(environment), 'utf8').catch(() => null);
  return {
    bytes,
    commits: nativeGit(world.dir, 'rev-list', '--count', 'HEAD').trim(),
    status: nativeGit(world.dir, 'status', '--porcelain', '--untracked-files=all'),
  };
}

/** Every file under `dir`, text as read (binary files too: a plain secret would show in them). */
async function everyFileText(dir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    found.set(path, await readFile(path, 'latin1'));
  }
  return found;
}

before(async () => {
  world = await sandboxWorkspace({
    prefix: 'ferry-cli-param-',
    author,
    orgs: ['uat', 'prod'],
    env: { FERRY_VAULT_PASSPHRASE: PASSPHRASE },
  });
});
after(() => world.close());

describe('ferry param', () => {
  it('explains itself with examples, and is listed in the top-level help', async () => {
    const help = await ferry(['param', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /Parameters are the values that differ/);
    assert.match(help.stdout, /Examples:/);
    assert.match(help.stdout, /ferry param set prod crmToken - --type secret/);
    assert.match(help.stdout, /FERRY_PARAM_<ENV>_<NAME>/);
    const top = await ferry(['--help']);
    assert.equal(top.code, 0, top.stderr);
    assert.match(top.stdout, /ferry param set <env> <name> <value\|->/);
    const wrong = await ferry(['param', 'frobnicate']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /unknown param action "frobnicate"/);
  });

  it('sets, lists and unsets a parameter of each type', async () => {
    const cases = [
      { name: 'teamName', type: 'string', text: 'Billing team', shown: 'Billing team' },
      { name: 'maxWaitSeconds', type: 'number', text: '42', shown: '42' },
      { name: 'afterHours', type: 'boolean', text: 'TRUE', shown: 'true' },
      { name: 'billingCallingNumber', type: 'phone', text: '+442079460000', shown: '+442079460000' },
      { name: 'billingEmail', type: 'email', text: 'billing@example.com', shown: 'billing@example.com' },
      {
        name: 'crmUrl',
        type: 'url',
        text: 'https://crm.example.com/api',
        shown: 'https://crm.example.com/api',
      },
      {
        name: 'billingDivision',
        type: 'reference',
        text: 'authorization.division:Customer Care',
        shown: 'authorization.division:Customer Care',
      },
    ];
    const commitsBefore = Number((await workspaceState('uat')).commits);
    for (const { name, type, text, shown } of cases) {
      const set = await ferry(['param', 'set', 'uat', name, text, '--type', type]);
      assert.equal(set.code, 0, set.stderr);
      assert.match(set.stdout, new RegExp(`Set ${name} for uat to ${shown.replace(/[.+]/g, '\\$&')}`));
    }
    const set = await ferry(['param', 'set', 'uat', 'crmToken', '-', '--type', 'secret'], {
      input: `${SECRET}\n`,
    });
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /Set the secret crmToken for uat/);
    assert.match(set.stdout, /FERRY_PARAM_UAT_CRMTOKEN/);
    // One commit per change.
    assert.equal(Number((await workspaceState('uat')).commits), commitsBefore + cases.length + 1);

    const [view] = await listJson('uat');
    assert.equal(view?.environment, 'uat');
    for (const { name, type, shown } of cases) {
      const parameter: ParameterView | undefined = view?.parameters.find((entry) => entry.name === name);
      assert.deepEqual([parameter?.type, parameter?.value, parameter?.hasValue], [type, shown, true]);
      // Who set it: the signing key's owner, or this machine's user name when there is no key.
      assert.ok(parameter?.setBy);
    }
    const secret = view?.parameters.find((entry) => entry.name === 'crmToken');
    assert.deepEqual(secret && { type: secret.type, hasValue: secret.hasValue, value: secret.value }, {
      type: 'secret',
      hasValue: true,
      value: undefined,
    });

    const human = await ferry(['param', 'list', 'uat']);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^uat:\n {2}NAME +TYPE +VALUE +SET BY\n/);
    for (const { name, type, shown } of cases) {
      const row = human.stdout.split('\n').find((line) => line.trim().startsWith(`${name} `));
      assert.ok(row, `${name} is listed`);
      assert.match(
        row,
        new RegExp(
          `${name} +${type} +${shown.replace(/[.+]/g, '\\$&')} +\\S.*, \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC$`,
        ),
      );
    }
    assert.match(human.stdout, /crmToken +secret +\(secret: set on this machine\)/);

    for (const name of [...cases.map((entry) => entry.name), 'crmToken']) {
      const unset = await ferry(['param', 'unset', 'uat', name]);
      assert.equal(unset.code, 0, unset.stderr);
      assert.match(unset.stdout, new RegExp(`Unset ${name} for uat`));
    }
    assert.deepEqual((await listJson('uat'))[0]?.parameters, []);
    assert.match((await ferry(['param', 'list', 'uat'])).stdout, /uat:\n {2}no parameters/);
    const again = await ferry(['param', 'unset', 'uat', 'crmToken']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /uat has no parameter named "crmToken"/);
  });

  it('lists every environment as JSON when none is named', async () => {
    const views = await listJson();
    assert.deepEqual(
      views.map((view) => view.environment),
      ['uat', 'prod'],
    );
  });

  it('refuses a value that does not match its type, naming the type, and writes nothing', async () => {
    assert.equal(
      (await ferry(['param', 'set', 'prod', 'supportNumber', '+442079460001', '--type', 'phone'])).code,
      0,
    );
    const before = await workspaceState('prod');
    const wrong: [type: string, text: string, expected: RegExp][] = [
      ['phone', '020 7946 0000', /phone number \(E\.164\).*E\.164 form/],
      ['number', 'forty-two', /number.*must be a number/],
      ['boolean', 'yes', /true or false.*must be true or false/],
      ['email', 'billing at example', /email address.*billing@example\.com/],
      ['url', 'ftp://files.example.com', /URL.*http or https URL/],
      ['reference', 'Customer Care', /reference to an object.*<type>:<name>/],
      ['reference', 'routing.nothing:Somewhere', /names an object type Ferry does not know/],
    ];
    for (const [type, text, expected] of wrong) {
      const refused = await ferry(['param', 'set', 'prod', 'supportNumber', text, '--type', type]);
      assert.equal(refused.code, 2, `${type} ${text}: ${refused.stderr}`);
      assert.match(refused.stderr, expected);
      assert.match(refused.stderr, /supportNumber for prod is a/);
    }
    // The parameter's own type applies when --type is left out.
    const kept = await ferry(['param', 'set', 'prod', 'supportNumber', '0207 946 0001']);
    assert.equal(kept.code, 2);
    assert.match(kept.stderr, /phone number \(E\.164\)/);
    const unknownType = await ferry(['param', 'set', 'prod', 'supportNumber', '1', '--type', 'integer']);
    assert.equal(unknownType.code, 2);
    assert.match(unknownType.stderr, /"integer" is not a parameter type; use one of string, number/);
    assert.deepEqual(await workspaceState('prod'), before);
  });

  it('refuses a name with dots or slashes and writes nothing', async () => {
    const before = await workspaceState('prod');
    for (const name of ['a.b', '../x', 'a/b', '9lives']) {
      const refused = await ferry(['param', 'set', 'prod', name, 'text']);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(refused.stderr, new RegExp(`"${name.replace(/[.]/g, '\\.')}" cannot be a parameter name`));
      assert.match(refused.stderr, /no dots, slashes or spaces/);
    }
    assert.deepEqual(await workspaceState('prod'), before);
    const misuse = await ferry(['param', 'set', 'prod', 'onlyName']);
    assert.equal(misuse.code, 2);
    assert.match(misuse.stderr, /param set needs <env> <name> <value>/);
    const stray = await ferry(['param', 'list', '--force']);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--force is only for `ferry param unset`/);
    assert.deepEqual(await workspaceState('prod'), before);
  });

  it('refuses to unset a parameter a changeset uses, naming it, unless --force', async () => {
    assert.equal((await ferry(['param', 'set', 'prod', 'queueCaller', 'Acme Billing'])).code, 0);
    const { changeset } = await world.services.changesets.create({
      title: 'Caller name',
      operations: [
        {
          op: 'create',
          type: 'routing.queue',
          key: 'Caller Queue',
          body: { name: 'Caller Queue', callingPartyName: { $param: 'queueCaller' } },
        },
      ],
    });
    const before = await workspaceState('prod');
    const refused = await ferry(['param', 'unset', 'prod', 'queueCaller']);
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, new RegExp(`queueCaller is used by 1 changeset \\(${changeset.id}\\)`));
    assert.match(refused.stderr, /--force/);
    assert.deepEqual(await workspaceState('prod'), before);

    const forced = await ferry(['param', 'unset', 'prod', 'queueCaller', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, /Unset queueCaller for prod/);
    assert.match(forced.stdout, new RegExp(`Changeset ${changeset.id} still use`));
    const prod = (await listJson('prod'))[0];
    assert.equal(
      prod?.parameters.some((parameter) => parameter.name === 'queueCaller'),
      false,
    );
  });

  it('takes a secret from stdin into the vault only: never in an output, the workspace or its history', async () => {
    const empty = await ferry(['param', 'set', 'prod', 'crmToken', '-', '--type', 'secret'], { input: '' });
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /standard input was empty/);
    // Without the vault's passphrase there is nowhere to keep it: refused, nothing written.
    const before = await workspaceState('prod');
    const locked = await ferry(['param', 'set', 'prod', 'crmToken', '-', '--type', 'secret'], {
      input: SECRET,
      env: { FERRY_VAULT_PASSPHRASE: undefined },
    });
    assert.equal(locked.code, 3, locked.stderr);
    assert.match(locked.stderr, /FERRY_VAULT_PASSPHRASE/);
    assert.doesNotMatch(locked.stderr, new RegExp(SECRET));
    assert.deepEqual(await workspaceState('prod'), before);

    const set = await ferry(['param', 'set', 'prod', 'crmToken', '-', '--type', 'secret'], {
      input: `${SECRET}\n`,
    });
    assert.equal(set.code, 0, set.stderr);
    const setJson = await ferry(['param', 'set', 'prod', 'crmToken', '-', '--json'], { input: SECRET });
    assert.equal(setJson.code, 0, setJson.stderr);
    const json = await ferry(['param', 'list', '--json']);
    const human = await ferry(['param', 'list']);
    for (const output of [set, setJson, json, human]) {
      assert.equal(output.stdout.includes(SECRET) || output.stderr.includes(SECRET), false);
    }
    assert.match(human.stdout, /crmToken +secret +\(secret: set on this machine\)/);
    const crmToken = parametersViewSchema
      .array()
      .parse(JSON.parse(json.stdout))
      .find((view) => view.environment === 'prod')
      ?.parameters.find((parameter) => parameter.name === 'crmToken');
    assert.deepEqual(crmToken && [crmToken.type, crmToken.hasValue, 'value' in crmToken], [
      'secret',
      true,
      false,
    ]);
    // The file names the secret and nothing more.
    const file = JSON.parse(await readFile(parametersFile('prod'), 'utf8')) as {
      parameters: Record<string, object>;
    };
    assert.deepEqual(Object.keys(file.parameters.crmToken ?? {}).sort(), ['setAt', 'setBy', 'type']);

    // Not in the workspace's files, its commits or their diffs.
    for (const [path, text] of await everyFileText(world.dir)) {
      assert.equal(text.includes(SECRET), false, `${path} holds the secret`);
    }
    const history = nativeGit(world.dir, 'log', '-p', '--all');
    assert.match(history, /parameters prod: set crmToken \(secret\)/);
    assert.equal(history.includes(SECRET), false);

    // In the data folder only as the vault's sealed entry, bound to this workspace, prod and the name.
    for (const [path, text] of await everyFileText(world.dataDir)) {
      assert.equal(text.includes(SECRET), false, `${path} holds the secret in the clear`);
    }
    const vault = JSON.parse(await readFile(join(world.dataDir, 'vault.json'), 'utf8')) as {
      entries: Record<string, { boundTo?: Record<string, string> }>;
    };
    const entry = Object.entries(vault.entries).find(([key]) => key.endsWith('/parameters/prod/crmToken'));
    assert.deepEqual(entry?.[1].boundTo && { ...entry[1].boundTo, workspace: undefined }, {
      workspace: undefined,
      environment: 'prod',
      parameter: 'crmToken',
    });
    const reader = createFerryServices({
      dataDir: world.dataDir,
      version: 'test',
      env: { FERRY_VAULT_PASSPHRASE: PASSPHRASE },
      author,
    });
    await reader.workspace.open(world.dir);
    assert.equal((await reader.parameters.secretValues('prod')).get('crmToken'), SECRET);

    // Another machine (no vault here) has it only from the pipeline's variable.
    const elsewhere = await ferry(['param', 'list', 'prod'], { env: { FERRY_VAULT_PASSPHRASE: undefined } });
    assert.match(elsewhere.stdout, /crmToken +secret +\(secret: not set on this machine\)/);
    const pipeline = await ferry(['param', 'list', 'prod'], {
      env: { FERRY_VAULT_PASSPHRASE: undefined, FERRY_PARAM_PROD_CRMTOKEN: 'from-the-pipeline' },
    });
    assert.match(pipeline.stdout, /crmToken +secret +\(secret: set on this machine\)/);
    assert.equal(pipeline.stdout.includes('from-the-pipeline'), false);
  });

  it('refuses a plain value for a name that is a secret in another environment, unless --plain', async () => {
    const sealed = await ferry(['param', 'set', 'prod', 'apiKey', '-', '--type', 'secret'], {
      input: 'prod-api-key-sealed',
    });
    assert.equal(sealed.code, 0, sealed.stderr);
    const plainValue = 'uat-api-key-would-leak';
    const before = await workspaceState('uat');
    // The command line without --type: a usage error naming prod and the way out, nothing written.
    const refused = await ferry(['param', 'set', 'uat', 'apiKey', plainValue]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, /apiKey is a secret in prod/);
    assert.match(refused.stderr, /--type secret/);
    assert.match(refused.stderr, /--plain/);
    assert.equal(refused.stderr.includes(plainValue), false, 'the value is never echoed');
    assert.deepEqual(await workspaceState('uat'), before);
    // The Parameters tab's path (the service, with the type the form picked): the same rule.
    await assert.rejects(
      world.services.parameters.set({
        environment: 'uat',
        name: 'apiKey',
        value: plainValue,
        type: 'string',
      }),
      (error: unknown) =>
        error instanceof FerryError &&
        error.code === 'parameter.secret-elsewhere' &&
        /secret in prod/.test(error.message) &&
        /Parameters tab/.test(error.message),
    );
    assert.deepEqual(await workspaceState('uat'), before);
    // On purpose: stored as plain text, and said so.
    const contradict = await ferry([
      'param',
      'set',
      'uat',
      'apiKey',
      plainValue,
      '--plain',
      '--type',
      'secret',
    ]);
    assert.equal(contradict.code, 2);
    const onPurpose = await ferry(['param', 'set', 'uat', 'apiKey', plainValue, '--plain']);
    assert.equal(onPurpose.code, 0, onPurpose.stderr);
    const uat = (await listJson('uat'))[0]?.parameters.find((parameter) => parameter.name === 'apiKey');
    assert.equal(uat?.type, 'string');
    // Plain in uat says nothing of the next value (parameters.json is unsigned): --plain each time.
    const again = await ferry(['param', 'set', 'uat', 'apiKey', 'uat-api-key-2']);
    assert.equal(again.code, 2, again.stderr);
    const againOnPurpose = await ferry(['param', 'set', 'uat', 'apiKey', 'uat-api-key-2', '--plain']);
    assert.equal(againOnPurpose.code, 0, againOnPurpose.stderr);
  });

  it('maps and unmaps object names, refusing a chain or a cycle with the names involved', async () => {
    const mapped = await ferry([
      'param',
      'map',
      'prod',
      'authorization.division',
      'Customer Service',
      'Customer Care',
    ]);
    assert.equal(mapped.code, 0, mapped.stderr);
    assert.match(mapped.stdout, /"Customer Service" is now "Customer Care"/);
    assert.deepEqual((await listJson('prod'))[0]?.mappings, [
      { type: 'authorization.division', from: 'Customer Service', to: 'Customer Care' },
    ]);
    assert.match(
      (await ferry(['param', 'list', 'prod'])).stdout,
      /mappings \(name in changesets → name here\):\n {4}authorization\.division {2}"Customer Service" → "Customer Care"/,
    );

    const before = await workspaceState('prod');
    const chain = await ferry([
      'param',
      'map',
      'prod',
      'authorization.division',
      'Customer Care',
      'Care Team',
    ]);
    assert.equal(chain.code, 2, chain.stderr);
    assert.match(
      chain.stderr,
      /"Customer Service" is mapped to "Customer Care", which is mapped to "Care Team" \(a chain\)/,
    );
    const cycle = await ferry([
      'param',
      'map',
      'prod',
      'authorization.division',
      'Customer Care',
      'Customer Service',
    ]);
    assert.equal(cycle.code, 2, cycle.stderr);
    assert.match(
      cycle.stderr,
      /"Customer (Service|Care)" and "Customer (Service|Care)" are mapped to each other \(a cycle\)/,
    );
    const unknownType = await ferry(['param', 'map', 'prod', 'routing.nothing', 'A', 'B']);
    assert.equal(unknownType.code, 2);
    assert.match(unknownType.stderr, /"routing\.nothing" is not an object type Ferry knows/);
    assert.deepEqual(await workspaceState('prod'), before);

    const unmapped = await ferry(['param', 'unmap', 'prod', 'authorization.division', 'Customer Service']);
    assert.equal(unmapped.code, 0, unmapped.stderr);
    assert.match(unmapped.stdout, /"Customer Service" is no longer renamed/);
    assert.deepEqual((await listJson('prod'))[0]?.mappings, []);
    const missing = await ferry(['param', 'unmap', 'prod', 'authorization.division', 'Customer Service']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /prod has no mapping of authorization\.division "Customer Service"/);
  });
});

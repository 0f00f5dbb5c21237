/**
 * Package verification, the prompt audio a package carries (issue 17): each audio artifact must be
 * named by its own sha256, signed under that name with that digest, hash to it, be a WAV no larger
 * than prompt audio may be and as large as the changeset says, and the set must be exactly the
 * audio the signed changeset writes: none missing (the importer could not promote it), none extra
 * (nothing unreviewed lands in a workspace). Apart because it reads the artifacts against the
 * changeset's content, where the artifact checks read them against the signature.
 */
import type { Changeset } from '../../model/changeset';
import type { PackageCheck } from '../../model/package-wire';
import { AUDIO_MAX_BYTES } from '../../model/prompt-audio';
import { parseWavHeader } from '../../model/wav-header';
import { audioHashOfName, audioWrittenBy, claimsToBeAudio, type AudioUse } from '../package-audio';
import type { PackageStatement } from '../package-format';
import type { OpenedPackage } from '../read-package';
import { fail, pass } from './check-result';

export function checkAudio(
  opened: OpenedPackage,
  statement: PackageStatement,
  changeset: Changeset | null,
): PackageCheck[] {
  const checks: PackageCheck[] = [];
  const names = [
    ...opened.artifacts.map((artifact) => ({ kind: 'artifact', name: artifact.name })),
    ...statement.subject.map((subject) => ({ kind: 'subject', name: subject.name })),
  ];
  const badNames = names.filter(({ name }) => claimsToBeAudio(name) && audioHashOfName(name) === null);
  checks.push(
    badNames.length === 0
      ? pass('audio-names', 'every audio file is named audio-<its sha256>.wav')
      : fail(
          'audio-names',
          `${badNames.map(({ kind, name }) => `${kind} ${JSON.stringify(name.slice(0, 100))}`).join(', ')} ${badNames.length === 1 ? 'is' : 'are'} not named audio-<sha256 in lower-case hex>.wav: an audio file's name is its hash and nothing else`,
        ),
  );

  // Signed under its hash: a subject that names one hash but signs another digest is refused even
  // when the bytes match the digest, since the name is what the changeset is checked against.
  const misSigned = statement.subject.filter((subject) => {
    const named = audioHashOfName(subject.name);
    return named !== null && subject.digest.sha256 !== named;
  });
  checks.push(
    misSigned.length === 0
      ? pass('audio-subjects', "each audio subject's signed sha256 is the hash in its name")
      : fail(
          'audio-subjects',
          `${misSigned.map((subject) => subject.name).join(', ')} ${misSigned.length === 1 ? 'is' : 'are'} signed with a sha256 other than the one ${misSigned.length === 1 ? 'its name declares' : 'their names declare'}`,
        ),
  );

  const carried = opened.artifacts.flatMap((artifact) => {
    const sha256 = audioHashOfName(artifact.name);
    return sha256 === null ? [] : [{ sha256, artifact }];
  });
  const written: Map<string, AudioUse[]> = changeset ? audioWrittenBy(changeset) : new Map();
  if (changeset) {
    const carriedHashes = new Set(carried.map((file) => file.sha256));
    const missing = [...written].filter(([sha256]) => !carriedHashes.has(sha256));
    const extra = [...carriedHashes].filter((sha256) => !written.has(sha256));
    const problems = [
      ...missing.map(
        ([sha256, uses]) =>
          `the changeset writes audio ${sha256} (${uses[0]?.where ?? 'somewhere'}) but the package does not carry it (missing): an importer could not promote it`,
      ),
      ...extra.map(
        (sha256) =>
          `the package carries audio ${sha256} that the changeset does not write (extra): nothing a reviewer did not see may land`,
      ),
    ];
    checks.push(
      problems.length > 0
        ? fail('audio-files', problems.join('; '))
        : pass(
            'audio-files',
            written.size === 0
              ? 'the changeset writes no prompt audio and the package carries none'
              : `carries exactly the ${written.size} audio file${written.size === 1 ? '' : 's'} the changeset writes`,
          ),
    );
  }

  for (const { sha256, artifact } of carried) {
    checks.push(audioFileCheck(sha256, artifact.bytes, artifact.sha256, written.get(sha256) ?? []));
  }
  return checks;
}

function audioFileCheck(
  sha256: string,
  bytes: Uint8Array,
  actual: string,
  uses: readonly AudioUse[],
): PackageCheck {
  const check = `audio:${sha256}`;
  if (bytes.byteLength > AUDIO_MAX_BYTES) {
    return fail(
      check,
      `${bytes.byteLength} bytes, more than prompt audio may be (${AUDIO_MAX_BYTES} bytes, ${AUDIO_MAX_BYTES / (1024 * 1024)} MiB): oversize`,
    );
  }
  if (actual !== sha256) {
    return fail(
      check,
      `its bytes hash to ${actual}, not to the sha256 its name declares: the audio was altered`,
    );
  }
  const sized = uses.find((use) => use.descriptor.bytes !== bytes.byteLength);
  if (sized) {
    return fail(
      check,
      `${bytes.byteLength} bytes, but the changeset says ${sized.descriptor.bytes} (${sized.where})`,
    );
  }
  const wav = parseWavHeader(bytes);
  if (!wav.ok) return fail(check, `not usable as prompt audio: ${wav.reason}`);
  return pass(check, `${bytes.byteLength} bytes of WAV, sha256 as named and as the changeset names it`);
}

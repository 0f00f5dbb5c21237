import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import { gitObject, type GitObject } from './git-object-hash';

export interface CommitIdentity {
  name: string;
  email: string;
}

/**
 * Refuses what cannot go into a commit: identity fields end up inside `Name <email> time zone`,
 * so angle brackets or line breaks there would corrupt the object.
 */
export function checkCommitInput(author: CommitIdentity, message: string, now: Date): void {
  for (const [field, value] of [
    ['name', author.name],
    ['email', author.email],
  ] as const) {
    if (value.trim().length === 0 || /[<>\n\r\0]/.test(value)) {
      throw new FerryError(
        ErrorCode.requestInvalid,
        `author ${field} "${value}" cannot be used in a git commit`,
        {
          field,
        },
      );
    }
  }
  if (message.trim().length === 0 || message.includes('\0')) {
    throw new FerryError(ErrorCode.requestInvalid, 'a commit message must be non-empty text');
  }
  if (!Number.isFinite(now.getTime())) {
    throw new FerryError(ErrorCode.requestInvalid, 'the commit time is not a valid date');
  }
}

/** A commit object with author = committer, times in UTC, message ending in a newline. */
export function commitObject(args: {
  tree: string;
  parent: string | null;
  author: CommitIdentity;
  now: Date;
  message: string;
}): GitObject {
  checkCommitInput(args.author, args.message, args.now);
  const time = Math.floor(args.now.getTime() / 1000);
  const who = `${args.author.name} <${args.author.email}> ${time} +0000`;
  const lines = [`tree ${args.tree}`];
  if (args.parent !== null) lines.push(`parent ${args.parent}`);
  lines.push(
    `author ${who}`,
    `committer ${who}`,
    '',
    args.message.endsWith('\n') ? args.message : `${args.message}\n`,
  );
  return gitObject('commit', Buffer.from(lines.join('\n'), 'utf8'));
}

import './trust.css';
import { useEffect } from 'react';
import { authorshipEntry, useAuthorshipStore } from './authorship-store';
import { RefusalBanner } from './RefusalBanner';

/**
 * Who signed this version of the changeset as its author, and "Sign as author" when nobody did:
 * without an author signature no approval can count, because nobody can tell a review from a
 * self-approval. `digest` re-reads it whenever the saved changeset changes.
 */
export function AuthorshipStrip({
  changesetId,
  digest,
  onlyWhenUnsigned = false,
  onSigned,
}: {
  changesetId: string;
  digest: string;
  onlyWhenUnsigned?: boolean;
  onSigned?: () => void;
}) {
  const entry = useAuthorshipStore((state) => authorshipEntry(state, changesetId));
  const { load, sign } = useAuthorshipStore.getState();

  useEffect(() => {
    void useAuthorshipStore.getState().load(changesetId);
  }, [changesetId, digest]);

  const { authorship, refusal, signing } = entry;
  if (authorship === null) {
    return refusal ? <RefusalBanner refusal={refusal} onDismiss={() => void load(changesetId)} /> : null;
  }
  const signed = authorship.authors.length > 0;
  if (signed && onlyWhenUnsigned && refusal === null) return null;
  const others = authorship.signatures.filter((signature) => signature.status !== 'valid');
  return (
    <>
      <section
        className={signed ? 'authorship' : 'authorship unsigned'}
        aria-label="Author signature"
        data-testid="authorship"
        data-signed={String(signed)}
      >
        <div className="authorship-text">
          {signed ? (
            <span data-testid="authorship-authors">
              Signed as author by{' '}
              {authorship.authors
                .map((author) => `${author.owner} (${new Date(author.signedAt).toLocaleString()})`)
                .join(', ')}{' '}
              for this version.
            </span>
          ) : (
            <span data-testid="authorship-unsigned">
              <strong>Not signed by its author</strong> for this version: no approval counts until its author
              signs it.
            </span>
          )}
          {others.length > 0 && (
            <ul className="muted small" data-testid="authorship-other-signatures">
              {others.map((signature) => (
                <li key={signature.file}>
                  {signature.owner ?? signature.keyId.slice(0, 16)}: {signature.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
        {!signed && (
          <button
            type="button"
            className="primary"
            disabled={signing}
            onClick={() => void sign(changesetId).then((done) => done && onSigned?.())}
            data-testid="sign-as-author"
          >
            {signing ? 'Signing…' : 'Sign as author'}
          </button>
        )}
      </section>
      {refusal && <RefusalBanner refusal={refusal} />}
    </>
  );
}

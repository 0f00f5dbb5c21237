/**
 * The user name and token (or password) inputs of the clone and login dialogs, alike so a person
 * meets the same two fields, with the same autofill hints, wherever Ferry asks for a remote's
 * credentials. The values stay with the dialog, which sends them and clears the token.
 */
export function CredentialFields({
  namePrefix,
  username,
  token,
  onUsername,
  onToken,
  usernameLabel = 'User name',
  usernamePlaceholder,
  tokenRequired = false,
}: {
  /** The inputs are named `<prefix>-username` and `<prefix>-token`. */
  namePrefix: string;
  username: string;
  token: string;
  onUsername: (value: string) => void;
  onToken: (value: string) => void;
  usernameLabel?: string;
  usernamePlaceholder?: string;
  tokenRequired?: boolean;
}) {
  return (
    <>
      <label>
        {usernameLabel}
        <input
          name={`${namePrefix}-username`}
          autoComplete="username"
          value={username}
          onChange={(event) => onUsername(event.target.value)}
          placeholder={usernamePlaceholder}
        />
      </label>
      <label>
        Token or password
        <input
          name={`${namePrefix}-token`}
          type="password"
          autoComplete="current-password"
          value={token}
          onChange={(event) => onToken(event.target.value)}
          required={tokenRequired}
        />
      </label>
    </>
  );
}

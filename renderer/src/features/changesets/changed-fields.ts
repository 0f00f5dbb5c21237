/**
 * Which form fields an operation changes, so the form can mark them. A field matches a change at
 * its own path, inside it (a whole object added), or around it (one element of a list the field
 * edits as a whole).
 */
export function changedFieldMatcher(changePaths: readonly string[]): (fieldTestId: string) => boolean {
  const paths = [...new Set(changePaths)];
  return (fieldTestId) => {
    if (!fieldTestId.startsWith('field-')) return false;
    const field = fieldTestId.slice('field-'.length);
    return paths.some((path) => path === field || isInside(field, path) || isInside(path, field));
  };
}

function isInside(inner: string, outer: string): boolean {
  return inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

/**
 * What **Plan promotion…** hands the Promotions page: this changeset and the target picked in the
 * editor, so the person does not pick the environment a second time (none picked: they choose there).
 */
export function planPromotionSelection(
  changesetId: string,
  target: string | null,
): { changesetId: string; environment?: string } {
  return target === null ? { changesetId } : { changesetId, environment: target };
}

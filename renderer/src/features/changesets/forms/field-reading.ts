/**
 * What a model makes of text typed into a field: the value, or why it is not one. The same shape
 * as `Parsed` of the controls, declared apart so models stay free of the component module (and
 * so tests of a model load no JSX).
 */
export type FieldReading<T> = { ok: true; value: T } | { ok: false; error: string };

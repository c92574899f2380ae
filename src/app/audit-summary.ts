/** Shapes of audit summaries shared by the commands. */

/** `{field: {before, after}}` for the fields whose value changed (compared as JSON). */
export const changed = <T extends object>(before: T, after: T, fields: ReadonlyArray<keyof T & string>): Record<string, { before: unknown; after: unknown }> => {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const field of fields) {
    const [b, a] = [before[field], after[field]];
    if (JSON.stringify(b) !== JSON.stringify(a)) out[field] = { before: b ?? null, after: a ?? null };
  }
  return out;
};

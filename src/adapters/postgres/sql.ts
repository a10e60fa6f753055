/** Builds "col = $n" pairs for the fields present in a partial update. */
export function buildUpdate<T extends object>(
  patch: Partial<T>,
  columns: Record<keyof T, string>,
  jsonFields: Set<keyof T> = new Set(),
): { sets: string[]; values: unknown[] } {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const key of Object.keys(columns) as (keyof T)[]) {
    if (!(key in patch) || patch[key] === undefined) continue;
    values.push(jsonFields.has(key) ? JSON.stringify(patch[key]) : patch[key]);
    sets.push(`${columns[key]} = $${values.length}`);
  }
  return { sets, values };
}

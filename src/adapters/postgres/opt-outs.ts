import type { Queryable } from "./db";

export function optOutsStore(q: Queryable) {
  return {
    async add(phone: string, at: Date): Promise<void> {
      await q.query("insert into opted_out_phones (phone, opted_out_at) values ($1, $2) on conflict (phone) do nothing", [
        phone,
        at,
      ]);
    },
    async remove(phone: string): Promise<void> {
      await q.query("delete from opted_out_phones where phone = $1", [phone]);
    },
    async has(phone: string): Promise<boolean> {
      const { rows } = await q.query("select 1 from opted_out_phones where phone = $1", [phone]);
      return rows.length > 0;
    },
  };
}

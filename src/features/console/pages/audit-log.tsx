import { Hono } from "hono";
import type { Deps } from "../../../ports/deps";

export function auditRoutes(deps: Deps) {
  const app = new Hono();
  void deps;
  return app;
}

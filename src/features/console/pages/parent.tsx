import { Hono } from "hono";
import type { Deps } from "../../../ports/deps";

export function parentRoutes(deps: Deps) {
  const app = new Hono();
  void deps;
  return app;
}

import { Hono } from "hono";
import type { Deps } from "../../../ports/deps";

export function enrolRoutes(deps: Deps) {
  const app = new Hono();
  void deps;
  return app;
}

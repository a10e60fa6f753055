import { createContext, useContext } from "hono/jsx";

/** The session's CSRF token for forms inside a Layout (which provides it). */
export const CsrfContext = createContext("");

/**
 * The hidden CSRF field every console form carries. Inside a <Layout> it needs no props;
 * elsewhere pass `token={csrfToken(c)}`.
 */
export function CsrfField(props: { token?: string }) {
  const fromLayout = useContext(CsrfContext);
  return <input type="hidden" name="_csrf" value={props.token ?? fromLayout} />;
}

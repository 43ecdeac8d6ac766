// The box a recharts chart is drawn in, drawn only in the browser. Recharts measures text and
// legends with the DOM, so what it renders on the server never matches the browser's first
// render, and React would throw the server's HTML away (errors #418/#425). The chart is
// decorative (aria-hidden); the exact figures are the server-rendered table beside it.
import { useSyncExternalStore, type ReactNode } from "react";

const subscribe = () => () => {};

/** False while rendering on the server and hydrating, true once React runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

export function ChartFrame({ height, children }: { height: number; children: () => ReactNode }) {
  const hydrated = useHydrated();
  return (
    <div aria-hidden="true" className="chart-frame" style={{ minHeight: height }}>
      {hydrated ? children() : null}
    </div>
  );
}

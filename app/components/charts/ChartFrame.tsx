// The box a recharts chart is drawn in, drawn only in the browser and as wide as the box is.
// Recharts measures text and legends with the DOM, so what it renders on the server never matches
// the browser's first render, and React would throw the server's HTML away (errors #418/#425).
// The chart is decorative (aria-hidden); the exact figures are the server-rendered table beside it.
import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";

const subscribe = () => () => {};

/** False while rendering on the server and hydrating, true once React runs in the browser. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/** The width of the frame's box, followed as the window turns or resizes (0 until measured). */
function useBoxWidth(box: React.RefObject<HTMLDivElement>, hydrated: boolean): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = box.current;
    if (!hydrated || !element) return;
    const measure = () => setWidth(Math.floor(element.getBoundingClientRect().width));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [box, hydrated]);
  return width;
}

/**
 * `children(width)` draws the chart at the frame's width (at most `maxWidth`): 390 px phones get
 * a chart that fits. A chart drawn at a fixed width scrolls inside the frame instead of the page.
 */
export function ChartFrame({
  height,
  maxWidth = 720,
  children,
}: {
  height: number;
  maxWidth?: number;
  children: (width: number) => ReactNode;
}) {
  const hydrated = useHydrated();
  const box = useRef<HTMLDivElement>(null);
  const width = Math.min(useBoxWidth(box, hydrated), maxWidth);
  return (
    <div aria-hidden="true" className="chart-frame" ref={box} style={{ minHeight: height }}>
      {hydrated && width > 0 ? children(width) : null}
    </div>
  );
}

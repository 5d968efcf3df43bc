/**
 * Shows that the page runs React's development build under `<StrictMode>`: StrictMode mounts each
 * component, unmounts it and mounts it again, so an effect of the probe runs twice. The count is
 * written to `<html data-effect-mounts>` and shown.
 */
import { useEffect, useState } from 'react';

let mounts = 0;

export function StrictModeProbe() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    mounts += 1;
    document.documentElement.dataset.effectMounts = String(mounts);
    setCount(mounts);
  }, []);
  return (
    <p className="hint" id="strict-mode">
      {count > 1 ? `StrictMode on (development build): effects mounted ${count} times` : `effects mounted ${count} time(s)`}
    </p>
  );
}

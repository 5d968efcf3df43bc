/** Flags of every headless run. */
export declare const chromiumFlags: readonly string[];
/** `CHROME_PATH` when set, else Debian's chromium binary; undefined when there is none. */
export declare function findChromium(): string | undefined;

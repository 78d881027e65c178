/** [major, minor, patch] from a ">=22.12" range; null when the range is not a plain lower bound. */
export declare function minimumNode(range: string): [number, number, number] | null;
/** A one-line notice when `version` is older than `range`; null when it is recent enough. */
export declare function nodeNotice(version: string, range: string): string | null;
/** package.json's engines.node. */
export declare function engineRange(packageJsonPath?: string): string;

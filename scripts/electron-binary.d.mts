/** Where the Electron binary is, or null; never calls require('electron'). */
export declare function electronBinary(root?: string): string | null;

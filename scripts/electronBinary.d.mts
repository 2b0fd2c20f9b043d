/** The path of Electron's binary, or null where it has not been fetched (see electronBinary.mjs). */
export function electronBinary(): string | null;

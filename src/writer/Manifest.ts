/** Name of the manifest file vx-gen keeps at the root of each output folder (commit it with the output). */
export const MANIFEST_FILE = ".vx-manifest.json";

/** Folder inside the output folder where a write is staged before it is committed; exists only during a write. */
export const STAGING_DIR = ".vx-tmp";

export interface ManifestEntry {
  ownership: "generated" | "scaffold";
  /**
   * Hash of the content vx-gen last wrote there. A file whose content no longer has this hash was edited by the user
   * and is never deleted. Absent for a scaffold file the user created before vx-gen wrote it.
   */
  hash?: string;
  /** Scaffold files: the declarations vx-gen manages in them, name -> hash of the generated stub code. */
  declarations?: Record<string, string>;
}

/** What vx-gen wrote in an output folder. No timestamps or absolute paths: it is deterministic and can be committed. */
export interface Manifest {
  manifestVersion: 1;
  generator: "vx-gen";
  /** Keyed by path relative to the output folder, with `/` separators. */
  files: Record<string, ManifestEntry>;
}

export function emptyManifest(): Manifest {
  return { manifestVersion: 1, generator: "vx-gen", files: {} };
}

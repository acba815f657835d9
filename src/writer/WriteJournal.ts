/**
 * Written (atomically, by rename) into the staging folder once every new file is staged: its appearance is the
 * commit point of a write. A run that finds it finishes the interrupted write (roll forward) before anything else.
 */
export interface WriteJournal {
  journalVersion: 1;
  /** Staged file name inside the staging folder -> path relative to the output folder. Applied in order. */
  renames: { from: string; to: string }[];
  /** Paths relative to the output folder. */
  deletes: string[];
}

export const JOURNAL_FILE = "journal.json";

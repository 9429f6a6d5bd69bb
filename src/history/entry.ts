/** One line of `.lucid-env/history.jsonl`: pure data, shared by the history IO and the rotation checks. */

/** What one history line says: never a value. */
export interface HistoryEntry {
  time: string;
  file: string;
  key: string;
  action: string;
  fingerprint: string;
}

/** What a form shows after a submission: a message, errors per field, and what was typed. */
export interface FormState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** The submitted text, so a refused form keeps what the person typed. */
  values?: Record<string, string>;
  /** The form asks for confirmation before doing something destructive. */
  confirm?: boolean;
  /** Bumped on every answer so inputs take the submitted values again. */
  version?: number;
  /** What a successful action hands back to show (e.g. a link made for the reader). */
  data?: Record<string, string>;
  /** Towns the typed place name may mean, when the server could not tell (the place picker). */
  places?: { id: string; label: string }[];
}

/** A relation a model's properties ask for (`authorId`, `category: $ref Category`, `tagIds`, `tags: Tag[]`). */
export interface RelationRequest {
  from: string;
  /** The relation field wanted on `from` (a free name is chosen when taken), or the name already taken for it (`claimed`). */
  field: string;
  claimed: boolean;
  target: string;
  /** `one`: `from` holds the foreign key `fkColumn`; `many`: an implicit many-to-many (both sides lists). */
  kind: "one" | "many";
  /** The foreign key column on `from` (a field of `from` already), for `one`. */
  fkColumn?: string;
  required: boolean;
  /** The API property it comes from. */
  property: string;
}

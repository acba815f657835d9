/** One decimal digit. */
type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** Each string of a union of digit strings as its number literal type (`"404"` -> `404`). */
type NumberOf<Text> = Text extends `${infer Code extends number}` ? Code : never;

/** The status codes of an OpenAPI response range such as `4XX`: exactly `400 | 401 | ... | 499`. */
type StatusRange<Group extends 1 | 2 | 3 | 4 | 5> = NumberOf<`${Group}${Digit}${Digit}`>;

export type Status1XX = StatusRange<1>;
export type Status2XX = StatusRange<2>;
export type Status3XX = StatusRange<3>;
export type Status4XX = StatusRange<4>;
export type Status5XX = StatusRange<5>;

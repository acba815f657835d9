/**
 * Text a renderer printed, as it knows it: whether it is in its final layout (`laidOut`: printed by the layout printer
 * as prettier would, or data printed by `JSON.stringify`, so `finishFiles` does not run prettier over it) and whether
 * it was joined from memoized pieces (`joinPieces` hands out the very same object while no piece changed, so the next
 * stage tells an unchanged file by identity, and a changed one without comparing megabytes). Renderers never set
 * these by hand: they come with the way the text was made.
 */
export class PrintedText {
  readonly text: string;
  readonly laidOut: boolean;
  readonly joined: boolean;

  constructor({ text, laidOut, joined }: { text: string; laidOut: boolean; joined: boolean }) {
    this.text = text;
    this.laidOut = laidOut;
    this.joined = joined;
  }
}

/** Text already in its final layout (the layout printer's output, a fixed shape, compiled code, JSON data). */
export function laidOut(text: string): PrintedText {
  return new PrintedText({ text, laidOut: true, joined: false });
}

/** The text of a draft's content, whichever way it was printed. */
export function textOf(content: string | PrintedText): string {
  return typeof content === "string" ? content : content.text;
}

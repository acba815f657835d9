/**
 * One UTF-16 code unit that is half of a surrogate pair without its other half. Written to a UTF-8 file it would
 * become U+FFFD, so every emitter escapes or replaces it explicitly (the same bytes on every run and platform).
 */
export const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

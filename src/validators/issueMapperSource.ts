/**
 * The run-time part of every generated validator module, as JavaScript source: turns Ajv's errors into
 * `ValidationIssue`s (`{ field, message, keyword }`) with `field` like `items[2].price`, readable messages, duplicates
 * (and a format complaint about a value already reported for its type, and the type complaints of `anyOf`/`oneOf`
 * alternatives when another alternative got further) removed, at most `maxIssues`. Tested through the generated modules (test/validators).
 */
export function issueMapperSource({ maxIssues }: { maxIssues: number }): string {
  return `
const vxMaxIssues = ${JSON.stringify(maxIssues)};
const vxIdentifier = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const vxIndex = /^(?:0|[1-9][0-9]*)$/;
function vxKind(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number" && Number.isInteger(value)) return "integer";
  return typeof value;
}
function vxJson(value) {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? text.slice(0, 57) + "..." : text;
}
function vxList(items, conjunction) {
  if (items.length <= 1) return items.join("");
  return items.slice(0, -1).join(", ") + " " + conjunction + " " + items[items.length - 1];
}
function vxLocate(data, instancePath, extra) {
  const tokens = instancePath === "" ? [] : instancePath.slice(1).split("/").map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"));
  let field = "";
  let node = data;
  let parent;
  const all = extra === undefined ? tokens : tokens.concat([String(extra)]);
  for (const token of all) {
    if (Array.isArray(node) && vxIndex.test(token)) field += "[" + token + "]";
    else if (vxIdentifier.test(token)) field += (field === "" ? "" : ".") + token;
    else field += "[" + JSON.stringify(token) + "]";
    parent = node;
    node = node !== null && typeof node === "object" ? node[token] : undefined;
  }
  return { field, value: extra === undefined ? node : parent };
}
function vxMessage(error, value) {
  const p = error.params || {};
  switch (error.keyword) {
    case "type": {
      const types = (Array.isArray(p.type) ? p.type : String(p.type).split(",")).map((t) => (t === "array" || t === "object" || t === "integer" ? "an " + t : t === "null" ? "null" : "a " + t));
      return "must be " + vxList(types, "or") + " (got " + vxKind(value) + ")";
    }
    case "required":
      return "is required";
    case "dependentRequired":
    case "dependencies":
      return p.missingProperty !== undefined ? "is required when " + p.property + " is present" : String(error.message);
    case "additionalProperties":
    case "unevaluatedProperties":
      return "is not an allowed property";
    case "additionalItems":
    case "unevaluatedItems":
    case "items":
      if (typeof p.limit === "number") return "has more items than allowed (at most " + p.limit + ")";
      return String(error.message || "is invalid").replace(/NOT/g, "not");
    case "format":
      return "must be a valid " + p.format + (typeof value === "string" ? " (got " + vxJson(value) + ")" : "");
    case "enum": {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues : [];
      const shown = allowed.slice(0, 10).map(vxJson);
      if (allowed.length > 10) shown.push("... (" + allowed.length + " values)");
      return "must be one of " + vxList(shown, "or") + " (got " + vxJson(value) + ")";
    }
    case "const":
      return "must be " + vxJson(p.allowedValue) + " (got " + vxJson(value) + ")";
    case "oneOf":
      return Array.isArray(p.passingSchemas)
        ? "must match exactly one of the allowed schemas (matches alternatives " + p.passingSchemas.map((i) => i + 1).join(" and ") + ")"
        : "must match exactly one of the allowed schemas (matches none)";
    case "anyOf":
      return "must match at least one of the allowed schemas";
    case "not":
      return "must not match the excluded schema";
    case "false schema":
      return "is not allowed";
    default:
      return String(error.message || "is invalid").replace(/NOT/g, "not");
  }
}
// When an anyOf/oneOf fails and one alternative got past the type check (it reports something deeper), the plain
// "must be <type>" complaints of the other inline alternatives at the same place are noise: drop them. Typical case:
// a nullable reference (anyOf: [{type: "null"}, {$ref}]) given an object with a wrong field.
function vxWithoutLosingBranches(errors) {
  const drop = new Set();
  for (const union of errors) {
    if (union.keyword !== "anyOf" && union.keyword !== "oneOf") continue;
    const prefix = union.schemaPath + "/";
    const here = union.instancePath;
    const typeMisses = errors.filter((e) => e.keyword === "type" && e.instancePath === here && e.schemaPath.startsWith(prefix) && /^\\d+\\/type$/.test(e.schemaPath.slice(prefix.length)));
    if (typeMisses.length === 0) continue;
    const progressed = errors.some((e) => e !== union && !typeMisses.includes(e) && e.instancePath.startsWith(here + "/"));
    if (progressed) for (const e of typeMisses) drop.add(e);
  }
  return drop.size === 0 ? errors : errors.filter((e) => !drop.has(e));
}
function vxIssues(data, allErrors) {
  const errors = vxWithoutLosingBranches(allErrors);
  const issues = [];
  const seen = new Set();
  // A value of the wrong type gets one detail: its format (e.g. int64 for 1.5 under type integer) is the same fault.
  const mistyped = new Set(errors.filter((e) => e.keyword === "type").map((e) => e.instancePath));
  for (const error of errors) {
    if (error.keyword === "format" && mistyped.has(error.instancePath)) continue;
    const p = error.params || {};
    const extra = error.keyword === "required" || error.keyword === "dependentRequired" || error.keyword === "dependencies"
      ? p.missingProperty
      : error.keyword === "additionalProperties"
        ? p.additionalProperty
        : error.keyword === "unevaluatedProperties"
          ? p.unevaluatedProperty
          : error.keyword === "propertyNames" ? p.propertyName : undefined;
    const located = vxLocate(data, error.instancePath, extra);
    const issue = { field: located.field, message: vxMessage(error, located.value), keyword: error.keyword };
    const key = issue.field + "\\u0000" + issue.keyword + "\\u0000" + issue.message;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
    if (issues.length >= vxMaxIssues) break;
  }
  return issues;
}
const vxValid = Object.freeze({ valid: true, errors: Object.freeze([]) });
function vxWrap(validate) {
  return function validateData(data) {
    if (validate(data)) return vxValid;
    return { valid: false, errors: vxIssues(data, validate.errors || []) };
  };
}
`;
}

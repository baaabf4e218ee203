// Writes every YAML file of a folder the way Decap CMS saves an entry with no
// edit: parse (yaml 1.x, as decap-cms-core's formats/yaml.ts), restore the form's
// key order (as theme/admin/kinerja-admin.js does before saving), put the
// configured comment before the first key, and serialise with yaml's defaults.
// Usage: node cms_roundtrip.js ORDERS.json COLLECTION COMMENT SRC_DIR OUT_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const yaml = require(path.join(process.cwd(), "node_modules", "yaml"));

const [ordersFile, collection, comment, src, out] = process.argv.slice(2);
const orders = JSON.parse(fs.readFileSync(ordersFile, "utf8"))[collection];

function ordered(value, at) {
  if (Array.isArray(value)) return value.map((item) => ordered(item, at));
  if (value && typeof value === "object") {
    const wanted = orders[at] || [];
    const rank = (k) => (wanted.indexOf(k) < 0 ? wanted.length : wanted.indexOf(k));
    const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b));
    const result = {};
    for (const k of keys) result[k] = ordered(value[k], at ? at + "." + k : k);
    return result;
  }
  return value;
}

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith(".yaml") ? [path.join(dir, e.name)] : []
  );
}

for (const file of walk(src)) {
  const doc = yaml.parseDocument(fs.readFileSync(file, "utf8"), { prettyErrors: true });
  if (doc.errors.length) throw new Error(file + ": " + doc.errors[0].message);
  const contents = yaml.createNode(ordered(doc.toJSON(), ""));
  contents.items[0].commentBefore = " " + comment;
  const fresh = new yaml.Document();
  fresh.contents = contents;
  let text = fresh.toString();
  if (!text.endsWith("\n")) text += "\n";
  const target = path.join(out, path.relative(src, file));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
}

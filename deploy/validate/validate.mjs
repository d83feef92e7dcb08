// Validates rendered Kubernetes manifests (multi-document YAML on stdin, e.g. `kubectl kustomize ...`)
// against the OpenAPI schemas bundled in kubernetes-models (Kubernetes core/apps/policy/networking/rbac)
// and @kubernetes-models/prometheus-operator (PodMonitor). Offline: no cluster, no network.
// Prints one JSON line: {"objects": N, "results": [{kind, apiVersion, name, ok, errors: [...]}]}.
// Exit code 0 when every object validates, 1 otherwise, 2 on bad input.
// Note: the bundled schemas check types, required fields and enums, but accept unknown fields.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// apiVersion -> module prefix. Kinds from other groups fail as "no schema" rather than pass unchecked.
const groups = {
  "v1": "kubernetes-models/v1",
  "apps/v1": "kubernetes-models/apps/v1",
  "policy/v1": "kubernetes-models/policy/v1",
  "networking.k8s.io/v1": "kubernetes-models/networking.k8s.io/v1",
  "rbac.authorization.k8s.io/v1": "kubernetes-models/rbac.authorization.k8s.io/v1",
  "batch/v1": "kubernetes-models/batch/v1",
  "autoscaling/v2": "kubernetes-models/autoscaling/v2",
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

async function validate(obj) {
  const { apiVersion, kind } = obj;
  const name = obj?.metadata?.name ?? "";
  const result = { kind, apiVersion, name, ok: false, errors: [] };
  const prefix = groups[apiVersion];
  if (!prefix || !/^[A-Za-z]+$/.test(kind ?? "")) {
    result.errors.push(`no schema for ${apiVersion} ${kind}`);
    return result;
  }
  let Model;
  try {
    Model = (await import(`${prefix}/${kind}`))[kind];
  } catch {
    result.errors.push(`no schema for ${apiVersion} ${kind}`);
    return result;
  }
  // kustomize wraps long base64 values over lines; the API server's decoder (Go's encoding/base64)
  // skips the newlines, the schema's "byte" format does not: strip them as the server would.
  if (apiVersion === "v1" && kind === "Secret" && obj.data) {
    obj = { ...obj, data: Object.fromEntries(Object.entries(obj.data).map(([k, v]) => [k, typeof v === "string" ? v.replace(/[\r\n]/g, "") : v])) };
  }
  try {
    new Model(obj).validate();
    result.ok = true;
  } catch (e) {
    const details = Array.isArray(e.errors) ? e.errors.map(x => `${x.instancePath || "/"} ${x.message}`) : [];
    result.errors.push(...(details.length ? details : [String(e.message ?? e)]));
  }
  return result;
}

const text = readFileSync(process.argv[2] ?? 0, "utf8");
const docs = parseAllDocuments(text);
const parseErrors = docs.flatMap(d => d.errors.map(e => e.message));
if (parseErrors.length) {
  console.log(JSON.stringify({ objects: 0, results: [], parseErrors }));
  process.exit(2);
}
const objects = docs.map(d => d.toJS()).filter(o => o != null);
const results = [];
for (const o of objects) results.push(await validate(o));
console.log(JSON.stringify({ objects: objects.length, results }));
process.exit(results.every(r => r.ok) ? 0 : 1);

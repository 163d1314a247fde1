// Checks an OTLP/JSON ExportTraceServiceRequest or ExportMetricsServiceRequest against the
// OpenTelemetry protobuf schema compiled into @opentelemetry/otlp-transformer (pinned in package.json).
//
// That package ships the schema as protobufjs *static* code (pbjs -t static-module):
// one class per message with fromObject/verify/encode/decode, but no reflection JSON.
// The field table of each message is therefore read from its generated code:
// encode() names every field with its number, proto type and message type (packed repeated
// scalars too, as a fork() and a loop), verify()
// lists the valid values of enum fields, the prototype holds the fields and oneofs.
// Load fails loudly if that table disagrees with the prototype.
//
// JSON rules: https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding
import {createRequire} from 'node:module'

export const ROOT_MODULE = '@opentelemetry/otlp-transformer/build/src/generated/root.js'
export const TRACE_REQUEST_TYPE = 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest'
export const METRICS_REQUEST_TYPE = 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest'

const root = createRequire(import.meta.url)(ROOT_MODULE)
const lookup = name => name.split('.').reduce((o, k) => o?.[k], root)
function messageType(name) {
  const T = lookup(name)
  if (typeof T?.encode !== 'function') throw new Error(`${name} not found in ${ROOT_MODULE}`)
  return T
}

const typeName = T => T.getTypeUrl('').replace(/^\//, '')
const tables = new Map()

// {jsonName: {id, type, repeated, Type?, values?, oneof?}} for a generated message class.
function fieldsOf(T) {
  if (tables.has(T)) return tables.get(T)
  const fields = {}, enc = T.encode.toString(), ver = T.verify.toString()
  for (const m of enc.matchAll(/\$root\.([\w.]+)\.encode\(message\.(\w+)(\[i\])?, writer\.uint32\(\/\* id (\d+)/g))
    fields[m[2]] = {id: +m[4], type: 'message', repeated: !!m[3], Type: lookup(m[1])}
  for (const m of enc.matchAll(/\/\* id (\d+), wireType \d =\*\/ ?\d+\)\.(\w+)\(message\.(\w+)(\[i\])?\)/g))
    fields[m[3]] = {id: +m[1], type: m[2], repeated: !!m[4]}
  for (const m of enc.matchAll(/\/\* id (\d+), wireType 2 =\*\/ ?\d+\)\.fork\(\);\s*for \(var i = 0; i < message\.(\w+)\.length; \+\+i\)\s*writer\.(\w+)\(message\.\2\[i\]\)/g))
    fields[m[2]] = {id: +m[1], type: m[3], repeated: true}   // packed
  for (const [name, f] of Object.entries(fields)) {
    const sw = ver.match(new RegExp(`switch \\(message\\.${name}(?:\\[i\\])?\\) \\{([^}]*)\\}`))
    if (sw) Object.assign(f, {type: 'enum', values: new Set([...sw[1].matchAll(/case (-?\d+):/g)].map(c => +c[1]))})
  }
  for (const [oneof, d] of Object.entries(Object.getOwnPropertyDescriptors(T.prototype))) {
    if (!d.get) continue
    for (const name of Object.keys(fields)) {
      const probe = Object.create(T.prototype)
      probe[name] = 1
      if (d.get.call(probe) === name) fields[name].oneof = oneof
    }
  }
  const declared = Object.keys(T.prototype).filter(k => typeof T.prototype[k] !== 'function').sort().join()
  if (declared !== Object.keys(fields).sort().join())
    throw new Error(`cannot read the field table of ${typeName(T)}: prototype has [${declared}], encode() gave [${Object.keys(fields).sort()}]`)
  const table = Object.fromEntries(Object.entries(fields).sort((a, b) => a[1].id - b[1].id))
  tables.set(T, table)
  for (const f of Object.values(table)) if (f.Type) fieldsOf(f.Type)
  return table
}

const HEX_IDS = {traceId: 32, spanId: 16, parentSpanId: 16}   // OTLP/JSON exception: hex, not base64
// Messages whose ids must be present; elsewhere (metrics Exemplar) they are optional but checked when given.
const REQUIRED_IDS = new Set(['opentelemetry.proto.trace.v1.Span', 'opentelemetry.proto.trace.v1.Span.Link'])
const INT64 = {int64: [-(2n ** 63n), 2n ** 63n - 1n], sint64: [-(2n ** 63n), 2n ** 63n - 1n], sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n], fixed64: [0n, 2n ** 64n - 1n]}
const INT32 = {int32: [-(2 ** 31), 2 ** 31 - 1], sint32: [-(2 ** 31), 2 ** 31 - 1], sfixed32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1], fixed32: [0, 2 ** 32 - 1]}
const isObj = v => v !== null && typeof v === 'object' && !Array.isArray(v)
const show = v => JSON.stringify(v)?.slice(0, 60) ?? String(v)

function checkValue(v, f, name, path, out) {
  const bad = msg => out.push(`${path}: ${msg}, got ${show(v)}`)
  if (v === null) return out.push(`${path}: null is not allowed (omit the field instead)`)
  if (f.type === 'message') return checkMessage(v, f.Type, path, out)
  if (f.type === 'enum') {
    if (!Number.isInteger(v)) return bad('enum must be a JSON integer')
    if (!f.values.has(v)) bad(`not a value of the enum (${[...f.values]})`)
  } else if (f.type === 'bytes' && name in HEX_IDS) {
    if (name === 'parentSpanId' && v === '') return
    if (typeof v !== 'string' || !new RegExp(`^[0-9a-f]{${HEX_IDS[name]}}$`).test(v))
      return bad(`${name} must be ${HEX_IDS[name]} lowercase hex characters`)
    if (/^0+$/.test(v)) bad(`all-zero ${name} is invalid`)
  } else if (f.type === 'bytes') {
    if (typeof v !== 'string' || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v)) bad('bytes must be a base64 string')
  } else if (f.type === 'string') {
    if (typeof v !== 'string') bad('expected a string')
  } else if (f.type === 'bool') {
    if (typeof v !== 'boolean') bad('expected true or false')
  } else if (f.type === 'double' || f.type === 'float') {
    if (typeof v !== 'number' && !['NaN', 'Infinity', '-Infinity'].includes(v)) bad('expected a number (or "NaN", "Infinity", "-Infinity")')
  } else if (f.type in INT64) {
    const [lo, hi] = INT64[f.type]
    const ok = Number.isInteger(v) || (typeof v === 'string' && (lo < 0n ? /^-?\d+$/ : /^\d+$/).test(v))
    if (!ok) return bad(`${f.type} must be a JSON integer or a string of decimal digits`)
    if (BigInt(v) < lo || BigInt(v) > hi) bad(`out of ${f.type} range`)
  } else if (f.type in INT32) {
    const [lo, hi] = INT32[f.type]
    if (!Number.isInteger(v) || v < lo || v > hi) bad(`${f.type} must be a JSON integer in [${lo}, ${hi}]`)
  } else bad(`unsupported proto type ${f.type}`)
}

function checkMessage(obj, T, path, out) {
  if (!isObj(obj)) return out.push(`${path}: expected a JSON object (${typeName(T)}), got ${show(obj)}`)
  const fields = fieldsOf(T), oneofs = {}
  if (REQUIRED_IDS.has(typeName(T))) for (const k of ['traceId', 'spanId']) if (!(k in obj)) out.push(`${path}: missing ${k}`)
  for (const [key, v] of Object.entries(obj)) {
    const f = fields[key], p = `${path}.${key}`
    if (!f) { out.push(`${p}: unknown field of ${typeName(T)} (fields: ${Object.keys(fields).join(', ')})`); continue }
    if (f.oneof) (oneofs[f.oneof] ??= []).push(key)
    if (!f.repeated) checkValue(v, f, key, p, out)
    else if (!Array.isArray(v)) out.push(`${p}: repeated field must be a JSON array, got ${show(v)}`)
    else v.forEach((e, i) => checkValue(e, f, key, `${p}[${i}]`, out))
  }
  for (const [oneof, keys] of Object.entries(oneofs))
    if (keys.length > 1) out.push(`${path}: oneof ${oneof} has more than one member set (${keys.join(', ')})`)
}

// A validator for one request type: the JSON walk above, then the package's generated code on it
// (fromObject, verify, encode, decode); count(request) -> {what: n} must survive the binary round trip.
function requestValidator(type, count) {
  const Request = messageType(type)
  fieldsOf(Request)
  return obj => {
    const out = []
    checkMessage(obj, Request, '$', out)
    if (out.length) return out
    // Structure is sound: run the package's generated code on it (ids hex -> bytes first).
    const plain = JSON.parse(JSON.stringify(obj), (k, v) => k in HEX_IDS && typeof v === 'string' ? Buffer.from(v, 'hex') : v)
    const msg = Request.fromObject(plain)
    const err = Request.verify(msg)
    if (err) return [`$: protobufjs verify(): ${err}`]
    const decoded = Request.decode(Request.encode(msg).finish())
    const want = count(obj), got = count(decoded)
    for (const [what, n] of Object.entries(want))
      if (got[what] !== n) out.push(`$: binary round trip has ${got[what]} ${what}, the JSON has ${n}`)
    return out
  }
}

export const spansIn = req => (req.resourceSpans ?? []).flatMap(rs => (rs.scopeSpans ?? []).flatMap(ss => ss.spans ?? []))
export const metricsIn = req => (req.resourceMetrics ?? []).flatMap(rm => (rm.scopeMetrics ?? []).flatMap(sm => sm.metrics ?? []))
// Metric.data members (gauge, sum, histogram, exponentialHistogram, summary), read from the schema.
const METRIC_DATA = Object.entries(fieldsOf(messageType('opentelemetry.proto.metrics.v1.Metric')))
  .filter(([, f]) => f.oneof === 'data').map(([name]) => name)
export const dataPointsIn = metric => METRIC_DATA.flatMap(k => metric[k]?.dataPoints ?? [])

// Each returns the problems found in one request (parsed JSON); empty when valid.
export const validateTraceRequest = requestValidator(TRACE_REQUEST_TYPE, req => ({spans: spansIn(req).length}))
export const validateMetricsRequest = requestValidator(METRICS_REQUEST_TYPE, req => {
  const metrics = metricsIn(req)
  return {metrics: metrics.length, 'data points': metrics.flatMap(dataPointsIn).length}
})

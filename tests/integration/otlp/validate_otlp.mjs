#!/usr/bin/env node
// Validates a JSON-lines file of OTLP/JSON ExportTraceServiceRequests, or with --metrics of
// ExportMetricsServiceRequests (one per non-empty line), against the OpenTelemetry protobuf schema
// (see otlp_schema.mjs).
//
// usage: node validate_otlp.mjs FILE.jsonl [--expect-spans N] [--expect-names a,b]
//        node validate_otlp.mjs --metrics FILE.jsonl [--expect-metrics N] [--expect-names a,b]
//   --expect-spans / --expect-metrics: total span / Metric count over all requests;
//   --expect-names: each name occurs (span names, or metric names with --metrics).
// Prints one summary line and exits 0, or prints every problem as FILE:LINE: PATH: MESSAGE and exits 1.
import fs from 'node:fs'
import {parseArgs} from 'node:util'
import {validateTraceRequest, validateMetricsRequest, spansIn, metricsIn, dataPointsIn} from './otlp_schema.mjs'

const KINDS = {
  traces: {validate: validateTraceRequest, items: spansIn, noun: 'span', expect: 'expect-spans',
    summary: (reqs, spans) => `${reqs.flatMap(r => r.resourceSpans ?? []).length} resource spans, ${spans.length} spans, ` +
      `${new Set(spans.map(s => s.traceId)).size} distinct traces`},
  metrics: {validate: validateMetricsRequest, items: metricsIn, noun: 'metric', expect: 'expect-metrics',
    summary: (reqs, metrics) => `${metrics.length} metrics, ${metrics.flatMap(dataPointsIn).length} data points`},
}
const usage = 'usage: validate_otlp.mjs FILE.jsonl [--expect-spans N] [--expect-names a,b]\n' +
              '       validate_otlp.mjs --metrics FILE.jsonl [--expect-metrics N] [--expect-names a,b]'
let args
try {
  args = parseArgs({allowPositionals: true, options: {metrics: {type: 'boolean', default: false},
    'expect-spans': {type: 'string'}, 'expect-metrics': {type: 'string'}, 'expect-names': {type: 'string'}}})
} catch (e) {
  console.error(`${e.message}\n${usage}`)
  process.exit(2)
}
const kind = KINDS[args.values.metrics ? 'metrics' : 'traces']
const other = KINDS[args.values.metrics ? 'traces' : 'metrics']
const file = args.positionals[0]
const expectCount = args.values[kind.expect]
if (args.positionals.length !== 1 || args.values[other.expect] !== undefined || (expectCount !== undefined && !/^\d+$/.test(expectCount))) {
  console.error(usage)
  process.exit(2)
}

const problems = [], requests = []
let lines = 0, text
try {
  text = fs.readFileSync(file, 'utf8')
} catch (e) {
  console.log(`${file}: cannot read: ${e.message}`)
  process.exit(1)
}
text.split('\n').forEach((line, i) => {
  if (!line.trim()) return
  const at = `${file}:${i + 1}`
  let req
  try {
    req = JSON.parse(line)
  } catch (e) {
    return problems.push(`${at}: $: not valid JSON: ${e.message}`)
  }
  lines++
  const found = kind.validate(req)
  problems.push(...found.map(p => `${at}: ${p}`))
  if (!found.length) requests.push(req)
})

const items = requests.flatMap(kind.items)
if (!lines && !problems.length) problems.push(`${file}: no requests in file`)
if (!problems.length) {
  if (expectCount !== undefined && items.length !== +expectCount) problems.push(`${file}: ${items.length} ${kind.noun}s, expected ${expectCount}`)
  const names = new Set(items.map(item => item.name ?? ''))
  for (const name of (args.values['expect-names'] ?? '').split(',').filter(Boolean))
    if (!names.has(name)) problems.push(`${file}: no ${kind.noun} named ${JSON.stringify(name)}`)
}
if (problems.length) {
  problems.forEach(p => console.log(p))
  process.exit(1)
}
console.log(`${file}: OK: ${requests.length} requests, ${kind.summary(requests, items)}`)

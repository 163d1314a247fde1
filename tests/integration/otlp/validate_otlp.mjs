#!/usr/bin/env node
// Validates a JSON-lines file of OTLP/JSON ExportTraceServiceRequests (one per non-empty line)
// against the OpenTelemetry protobuf schema (see otlp_schema.mjs).
//
// usage: node validate_otlp.mjs FILE.jsonl [--expect-spans N] [--expect-names a,b]
//   --expect-spans: total span count over all requests; --expect-names: each name occurs.
// Prints one summary line and exits 0, or prints every problem as FILE:LINE: PATH: MESSAGE and exits 1.
import fs from 'node:fs'
import {parseArgs} from 'node:util'
import {validateTraceRequest} from './otlp_schema.mjs'

const usage = 'usage: validate_otlp.mjs FILE.jsonl [--expect-spans N] [--expect-names a,b]'
let args
try {
  args = parseArgs({allowPositionals: true, options: {'expect-spans': {type: 'string'}, 'expect-names': {type: 'string'}}})
} catch (e) {
  console.error(`${e.message}\n${usage}`)
  process.exit(2)
}
const file = args.positionals[0]
const expectSpans = args.values['expect-spans']
if (args.positionals.length !== 1 || (expectSpans !== undefined && !/^\d+$/.test(expectSpans))) {
  console.error(usage)
  process.exit(2)
}

const problems = []
const counts = {requests: 0, resourceSpans: 0, spans: 0}
const traces = new Set(), names = new Set()
let text
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
  counts.requests++
  const found = validateTraceRequest(req)
  problems.push(...found.map(p => `${at}: ${p}`))
  if (found.length) return
  for (const rs of req.resourceSpans ?? []) {
    counts.resourceSpans++
    for (const span of (rs.scopeSpans ?? []).flatMap(ss => ss.spans ?? [])) {
      counts.spans++
      traces.add(span.traceId)
      names.add(span.name ?? '')
    }
  }
})

if (!counts.requests && !problems.length) problems.push(`${file}: no requests in file`)
if (!problems.length) {
  if (expectSpans !== undefined && counts.spans !== +expectSpans) problems.push(`${file}: ${counts.spans} spans, expected ${expectSpans}`)
  for (const name of (args.values['expect-names'] ?? '').split(',').filter(Boolean))
    if (!names.has(name)) problems.push(`${file}: no span named ${JSON.stringify(name)}`)
}
if (problems.length) {
  problems.forEach(p => console.log(p))
  process.exit(1)
}
console.log(`${file}: OK: ${counts.requests} requests, ${counts.resourceSpans} resource spans, ${counts.spans} spans, ${traces.size} distinct traces`)

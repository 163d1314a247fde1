#!/usr/bin/env node
// OTLP/HTTP JSON trace receiver for tests.
//
// usage: node receiver.mjs --port-file PATH --out FILE.jsonl [--fail-first N [--fail-status 503]] [--stall]
//   Listens on 127.0.0.1 with an ephemeral port and writes the port to --port-file once listening.
//   POST /v1/traces (Content-Type: application/json, optionally gzip-encoded): the body is checked
//   with validateTraceRequest; valid -> appended as one line to FILE.jsonl, answer 200
//   {"partialSuccess":{}}; invalid -> answer 400 and one line appended to FILE.errors and stderr.
//   --fail-first N: answer the first N POSTs with --fail-status (default 503), store nothing.
//   --stall: accept connections but never answer.  Anything else: 404.  Exits 0 on SIGTERM/SIGINT.
import fs from 'node:fs'
import http from 'node:http'
import zlib from 'node:zlib'
import {parseArgs} from 'node:util'
import {validateTraceRequest} from './otlp_schema.mjs'

const usage = 'usage: receiver.mjs --port-file PATH --out FILE.jsonl [--fail-first N [--fail-status 503]] [--stall]'
let opts
try {
  opts = parseArgs({options: {'port-file': {type: 'string'}, out: {type: 'string'}, 'fail-first': {type: 'string', default: '0'},
    'fail-status': {type: 'string', default: '503'}, stall: {type: 'boolean', default: false}}}).values
} catch (e) {
  console.error(`${e.message}\n${usage}`)
  process.exit(2)
}
if (!opts['port-file'] || !opts.out || !/^\d+$/.test(opts['fail-first']) || !/^[1-5]\d\d$/.test(opts['fail-status'])) {
  console.error(usage)
  process.exit(2)
}
const errorsFile = opts.out.replace(/\.jsonl$/, '') + '.errors'
let posts = 0

function reject(res, status, n, message) {
  const line = `request ${n}: ${status}: ${message}`
  console.error(`receiver: ${line}`)
  fs.appendFileSync(errorsFile, line.replace(/\n/g, ' | ') + '\n')
  reply(res, status, {code: 3, message})
}
function reply(res, status, body) {
  res.writeHead(status, {'content-type': 'application/json'}).end(JSON.stringify(body))
}

const server = http.createServer((req, res) => {
  const chunks = []
  req.on('data', c => chunks.push(c))
  req.on('end', () => {
    if (opts.stall) return
    if (req.method !== 'POST' || req.url.split('?')[0] !== '/v1/traces') return reply(res, 404, {code: 5, message: 'not found'})
    const n = ++posts
    if (n <= +opts['fail-first']) return reply(res, +opts['fail-status'], {code: 14, message: `injected failure ${n}/${opts['fail-first']}`})
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
      return reject(res, 415, n, `Content-Type must be application/json, got ${req.headers['content-type']}`)
    let text, body
    try {
      const raw = Buffer.concat(chunks)
      text = (req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw).toString('utf8')
      body = JSON.parse(text)
    } catch (e) {
      return reject(res, 400, n, `unreadable body: ${e.message}`)
    }
    const problems = validateTraceRequest(body)
    if (problems.length) return reject(res, 400, n, problems.join('\n'))
    // Raw newlines can only be whitespace in valid JSON, so this keeps the body intact on one line.
    fs.appendFileSync(opts.out, text.replace(/[\r\n]+/g, ' ').trim() + '\n')
    reply(res, 200, {partialSuccess: {}})
  })
})

server.listen(0, '127.0.0.1', () => {
  const tmp = `${opts['port-file']}.tmp`
  fs.writeFileSync(tmp, `${server.address().port}\n`)
  fs.renameSync(tmp, opts['port-file'])   // readers never see a partial port file
})
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
})

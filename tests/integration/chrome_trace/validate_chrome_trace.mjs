#!/usr/bin/env node
// Validates a Chrome trace-event JSON file: structural checks, then speedscope's
// real importer (run from the bundle shipped in the `speedscope` npm package).
//
// usage: node validate_chrome_trace.mjs TRACE.json [--expect-names a,b,c]
//                                      [--expect-min-events N] [--allow-warnings]
//   --expect-min-events counts non-metadata events (everything but ph "M").
//   Importer warnings (e.g. badly nested X events) fail unless --allow-warnings.
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import {createRequire} from 'node:module'

function fail(msg) {
  console.error(`FAIL: ${msg}`)
  process.exit(1)
}

function parseArgs(argv) {
  const opts = {file: null, names: [], minEvents: 0, allowWarnings: false}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--expect-names') opts.names = (argv[++i] ?? '').split(',').filter(Boolean)
    else if (a === '--expect-min-events') opts.minEvents = Number(argv[++i])
    else if (a === '--allow-warnings') opts.allowWarnings = true
    else if (!a.startsWith('--') && opts.file === null) opts.file = a
    else fail(`unexpected argument: ${a}`)
  }
  if (!opts.file) fail('usage: validate_chrome_trace.mjs TRACE.json [--expect-names a,b] [--expect-min-events N] [--allow-warnings]')
  if (!Number.isInteger(opts.minEvents) || opts.minEvents < 0) fail('--expect-min-events needs a non-negative integer')
  return opts
}

const isObj = v => v !== null && typeof v === 'object' && !Array.isArray(v)
const isNonNeg = v => typeof v === 'number' && Number.isFinite(v) && v >= 0

// Returns the list of problems found (empty when the trace is well-formed).
function checkStructure(trace) {
  const errs = []
  // Both the JSON Array Format and the JSON Object Format are valid.
  const events = Array.isArray(trace) ? trace : isObj(trace) ? trace.traceEvents : undefined
  if (!Array.isArray(events)) return {errs: ['top level must be an array or an object with a "traceEvents" array'], events: []}
  if (isObj(trace) && 'displayTimeUnit' in trace && !['ms', 'ns'].includes(trace.displayTimeUnit))
    errs.push(`displayTimeUnit must be "ms" or "ns", got ${JSON.stringify(trace.displayTimeUnit)}`)

  events.forEach((e, i) => {
    const bad = msg => errs.push(`event #${i} (${JSON.stringify(e?.name)}): ${msg}`)
    if (!isObj(e)) return bad('not an object')
    if (typeof e.ph !== 'string') return bad('ph must be a string')
    if (e.ph === 'X') {
      if (typeof e.name !== 'string') bad('name must be a string')
      if (!isNonNeg(e.ts)) bad(`ts must be a finite number >= 0, got ${JSON.stringify(e.ts)}`)
      if (!isNonNeg(e.dur)) bad(`dur must be a finite number >= 0, got ${JSON.stringify(e.dur)}`)
      if (!Number.isInteger(e.pid)) bad(`pid must be an integer, got ${JSON.stringify(e.pid)}`)
      if (!Number.isInteger(e.tid)) bad(`tid must be an integer, got ${JSON.stringify(e.tid)}`)
      if ('args' in e && !isObj(e.args)) bad('args must be an object')
    } else if (e.ph === 'M') {
      if (typeof e.name !== 'string') bad('metadata name must be a string')
      if (!Number.isInteger(e.pid)) bad(`pid must be an integer, got ${JSON.stringify(e.pid)}`)
      if (e.name === 'thread_name' || e.name === 'process_name') {
        if (e.name === 'thread_name' && !Number.isInteger(e.tid)) bad(`tid must be an integer, got ${JSON.stringify(e.tid)}`)
        if (!isObj(e.args) || typeof e.args.name !== 'string') bad('args.name must be a string')
      }
    }
  })
  return {errs, events}
}

// speedscope ships only a browser bundle (an esbuild IIFE), with its importers
// hidden inside. We evaluate that bundle unmodified except for one injected
// snippet: right after the app creates the lazy import of its importer module
// (`var X=Promise.resolve().then(()=>(initFn(),importModule));`) we publish that
// promise and `return` from the IIFE, so the UI code that follows (preact
// rendering into document.body, WebGL) never runs.
async function loadSpeedscopeImporter() {
  const require = createRequire(import.meta.url)
  let pkgDir
  try {
    pkgDir = path.dirname(require.resolve('speedscope/package.json'))
  } catch {
    fail('speedscope is not installed; run: npm ci --no-audit --no-fund --prefix tests/integration/chrome_trace')
  }
  const version = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')).version
  const relDir = path.join(pkgDir, 'dist', 'release')
  const bundle = fs.readdirSync(relDir).find(n => /^speedscope-\w+\.js$/.test(n))
  if (!bundle) fail(`no speedscope-*.js bundle in ${relDir}`)
  const src = fs.readFileSync(path.join(relDir, bundle), 'utf8')

  const hook = /var (\w+)=Promise\.resolve\(\)\.then\(\(\)=>\(\w+\(\),\w+\)\);/g
  const hits = [...src.matchAll(hook)]
  if (hits.length !== 1) fail(`speedscope ${version}: expected 1 importer hook point in ${bundle}, found ${hits.length}`)
  const patched = src.replace(hook, m => `${m}globalThis.__vigilSpeedscopeImport=${hits[0][1]};return;`)

  // Browser globals read by the bundle's top-level UI state code before the hook
  // (URL hash/protocol, colour-scheme preference). The importers don't use them.
  globalThis.window ??= globalThis
  globalThis.location ??= {hash: '', protocol: 'file:', href: 'file:///'}
  globalThis.localStorage ??= {}
  globalThis.matchMedia ??= () => ({matches: false})

  let mod
  try {
    vm.runInThisContext(patched, {filename: bundle})
    mod = await globalThis.__vigilSpeedscopeImport
  } catch (e) {
    fail(`speedscope ${version}: loading ${bundle} failed: ${e?.message ?? e}`)
  }
  if (typeof mod?.importProfileGroupFromText !== 'function')
    fail(`speedscope ${version}: hooked module has no importProfileGroupFromText`)
  return {importProfileGroupFromText: mod.importProfileGroupFromText, version}
}

// Runs fn while collecting (not printing) speedscope's console chatter.
async function captureConsole(fn) {
  const saved = {log: console.log, warn: console.warn, error: console.error}
  const logs = [], warnings = []
  console.log = (...a) => logs.push(a.join(' '))
  console.warn = console.error = (...a) => warnings.push(a.join(' '))
  try {
    return {result: await fn(), logs, warnings}
  } finally {
    Object.assign(console, saved)
  }
}

const opts = parseArgs(process.argv.slice(2))
let text
try {
  text = fs.readFileSync(opts.file, 'utf8')
} catch (e) {
  fail(`cannot read ${opts.file}: ${e.message}`)
}
let trace
try {
  trace = JSON.parse(text)
} catch (e) {
  fail(`${opts.file} is not valid JSON: ${e.message}`)
}

const {errs, events} = checkStructure(trace)
if (errs.length) fail(`${errs.length} structural error(s):\n  ${errs.slice(0, 20).join('\n  ')}`)
const nonMeta = events.filter(e => e.ph !== 'M').length
if (nonMeta < opts.minEvents) fail(`expected >= ${opts.minEvents} non-metadata events, found ${nonMeta}`)

const {importProfileGroupFromText, version} = await loadSpeedscopeImporter()
// A neutral file name: speedscope picks some importers by file-name suffix
// (e.g. *.chrome.json means DevTools timeline); we want content-based detection.
const {result: group, logs, warnings} = await captureConsole(() =>
  importProfileGroupFromText('trace.json', text),
).catch(e => fail(`speedscope ${version} importer threw: ${e?.stack ?? e}`))
const format = logs.find(l => l.startsWith('Importing as '))?.slice('Importing as '.length) ?? 'unknown format'
if (!group) fail(`speedscope ${version} did not recognise the file (returned null)`)
if (!group.profiles?.length) fail(`speedscope ${version} imported 0 profiles`)
if (warnings.length && !opts.allowWarnings)
  fail(`speedscope ${version} importer warnings:\n  ${warnings.slice(0, 20).join('\n  ')}`)

const frameNames = new Set()
for (const p of group.profiles) p.forEachFrame(f => frameNames.add(f.name))
// speedscope names a trace-event frame `${name} ${JSON.stringify(args)}` when args is present.
const hasFrame = n => frameNames.has(n) || [...frameNames].some(f => f.startsWith(`${n} {`))
const missing = opts.names.filter(n => !hasFrame(n))
if (missing.length) fail(`expected frame names not found in any profile: ${missing.join(', ')}`)

console.log(
  `OK ${opts.file}: ${group.profiles.length} profiles, ${frameNames.size} distinct frames, ` +
    `${events.length} events (${nonMeta} non-metadata); speedscope ${version} imported it as ${format}` +
    (warnings.length ? ` with ${warnings.length} warning(s)` : ''),
)

// Parses LogQL queries (one per line on stdin, each "<name>\t<query>") with Grafana's own
// grammar (@grafana/lezer-logql) and prints "<name>: <position> <snippet>" for every query
// that does not parse. Exits 1 when one does not, 0 when all parse.
import {parser} from '@grafana/lezer-logql'
import {readFileSync} from 'node:fs'

let bad = 0
for (const line of readFileSync(0, 'utf8').split('\n').filter(Boolean)) {
  const [name, query] = line.split('\t')
  let error = null
  parser.parse(query).iterate({
    enter(node) {
      if (error === null && node.type.isError) error = node.from
    },
  })
  if (error !== null) {
    bad++
    console.log(`${name}: does not parse at ${error}: ${query.slice(Math.max(0, error - 20), error + 20)}`)
  }
}
process.exit(bad ? 1 : 0)

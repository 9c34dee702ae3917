'use strict'
// Parse a Ticketmaster Discovery page and print its events, one line each.
//
//     node examples/node/parse_events.js [PAGE.json]
//
// Build the addon first: cd bindings/node && npm ci && npx napi build --platform
const fs = require('node:fs')
const path = require('node:path')
const gigradar = require('../../bindings/node')

const page = process.argv[2] ?? path.join(__dirname, '..', 'data', 'ticketmaster_sample.json')
const { events, problems } = gigradar.parse('ticketmaster', fs.readFileSync(page))
for (const event of events) {
  const where = event.venue?.name ?? 'venue to be announced'
  const when = event.start ?? event.localDate ?? 'date to be announced'
  const bill = event.performers.map((p) => p.name).join(', ') || '-'
  console.log(`${when}  ${event.title} @ ${where}  [${event.status}]  ${bill}`)
}
for (const problem of problems) {
  console.error(`skipped: ${problem.provider} item ${problem.index}: ${problem.message}`)
}

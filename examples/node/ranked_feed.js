'use strict'
// A ranked feed with reasons from the sample data: merge the listings, build a taste profile
// from Spotify responses and picks, and print the top shows for someone in Highbury, London.
//
//     node examples/node/ranked_feed.js [NOW]
//
// Build the addon first: cd bindings/node && npm ci && npx napi build --platform
const fs = require('node:fs')
const path = require('node:path')
const gigradar = require('../../bindings/node')

const data = (name) => fs.readFileSync(path.join(__dirname, '..', 'data', name))
const now = process.argv[2] ?? '2026-12-02T18:00:00Z'

async function main() {
  const listings = gigradar.parseJsonl(data('sample_events.jsonl'))
  const { events } = gigradar.dedup(listings)
  const set = new gigradar.EventSet(events)

  const profile = new gigradar.Profile()
  profile.addSpotifyTop(data('spotify_top_short_term.json'), 'short_term')
  profile.addSpotifyTop(data('spotify_top_long_term.json'), 'long_term')
  profile.addSpotifyFollowed(data('spotify_following.json'))
  profile.addPicks(data('picks.json').toString('utf8'))

  const context = { now, lat: 51.5465, lon: -0.1058, k: 8 }
  // Synchronous for one person; rankMany ranks many people off the event loop.
  const [feed] = await gigradar.rankMany([profile], set, context)
  for (const { event, score, reasons } of feed) {
    const when = event.localDate ?? 'date to be announced'
    console.log(`${score.toFixed(1).padStart(5)}  ${when}  ${event.title} @ ${event.venue?.name ?? '?'}`)
    console.log(`       ${reasons.map((r) => r.text).join(' · ')}`)
  }
}

main().catch((err) => {
  console.error(`${err.code ?? 'error'}: ${err.message}`)
  process.exitCode = 1
})

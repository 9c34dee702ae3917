'use strict'
// Times the Node binding on generated listings: building an EventSet from JSON Lines (in Rust)
// and from JavaScript objects, one rank, and eight profiles with rank versus rankMany.
// A measurement, not a test (no test checks wall time).
//
//     cargo build --release --locked -p gigradar-node
//     cp target/release/libgigradar_node.so /tmp/gigradar.node
//     target/debug/gen-listings --seed 2 --listings 100000 --out /tmp/listings.jsonl
//     GIGRADAR_ADDON=/tmp/gigradar.node node bindings/node/bench/rank.js /tmp/listings.jsonl
//
// Without GIGRADAR_ADDON it loads the dev build in bindings/node (much slower).
const fs = require('node:fs')
const path = require('node:path')
const gigradar = require(process.env.GIGRADAR_ADDON ?? path.join(__dirname, '..'))

const data = (name) => fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'data', name))
const ms = (f) => {
  const start = process.hrtime.bigint()
  const value = f()
  return [Number(process.hrtime.bigint() - start) / 1e6, value]
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main() {
  const jsonl = fs.readFileSync(process.argv[2])
  const [fromJsonl, set] = ms(() => gigradar.EventSet.fromJsonl(jsonl))
  const [parseJsonl, events] = ms(() => gigradar.parseJsonl(jsonl))
  const [fromObjects] = ms(() => new gigradar.EventSet(events))

  const profile = new gigradar.Profile()
  profile.addSpotifyTop(data('spotify_top_short_term.json'), 'short_term')
  profile.addSpotifyTop(data('spotify_top_long_term.json'), 'long_term')
  profile.addSpotifyFollowed(data('spotify_following.json'))
  profile.addPicks(data('picks.json').toString('utf8'))
  // The generator's listings are in US and European cities in 2026.
  const context = { now: '2026-03-01T00:00:00Z', lat: 40.75, lon: -73.99, k: 20 }
  const ranks = Array.from({ length: 15 }, () => ms(() => gigradar.rank(profile, set, context))[0])
  const profiles = Array.from({ length: 8 }, () => profile)
  const [sequential] = ms(() => profiles.map((p) => gigradar.rank(p, set, context)))
  const start = process.hrtime.bigint()
  await gigradar.rankMany(profiles, set, context)
  const parallel = Number(process.hrtime.bigint() - start) / 1e6

  const row = (what, value) => console.log(`${what.padEnd(44)} ${value.toFixed(1).padStart(9)} ms`)
  console.log(`${set.length} events`)
  row('EventSet.fromJsonl', fromJsonl)
  row('parseJsonl (to JavaScript objects)', parseJsonl)
  row('new EventSet(objects)', fromObjects)
  row('rank, top 20 with reasons (median of 15)', median(ranks))
  row('8 profiles: rank one after another', sequential)
  row('8 profiles: rankMany', parallel)
}

main().catch((err) => {
  console.error(`${err.code ?? 'error'}: ${err.message}`)
  process.exitCode = 1
})

'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const gigradar = require('..')
const { ROOT } = require('./helpers')

const SAMPLE = path.join(ROOT, 'examples', 'data', 'sample_events.jsonl')

function sampleEvents() {
  return gigradar.parseJsonl(fs.readFileSync(SAMPLE))
}

// The Little Simz show as a second provider lists it: same act, venue and night, its own id.
function relisted(event, provider, id) {
  return {
    ...event,
    id: `ev_${provider}_${id}`,
    title: `${event.title} (live)`,
    sources: [{ provider, id, url: `https://example.invalid/${provider}/${id}` }],
  }
}

test('parseJsonl reads the canonical JSON Lines into typed events and eventsToJsonl writes them back', () => {
  const events = sampleEvents()
  assert.equal(events.length, 28)
  assert.equal(events[0].localDate, '2026-12-04')
  assert.equal(events[0].venue.postalCode, 'N22 7AY')
  const again = gigradar.parseJsonl(gigradar.eventsToJsonl(events))
  assert.deepEqual(again, events)
})

test('dedup merges two listings of one show and explains why', () => {
  const events = sampleEvents()
  const simz = events.find((e) => e.title === 'Little Simz')
  const twin = relisted(simz, 'bandsintown', '99001')
  const result = gigradar.dedup([...events, twin], true)
  assert.equal(result.events.length, events.length, 'the relisting joins its show')
  const merged = result.events.find((e) => e.sources.length === 2)
  assert.deepEqual(merged.sources.map((s) => s.provider).sort(), ['bandsintown', 'ticketmaster'])
  assert.equal(result.merges.length, 1)
  const evidence = result.merges[0]
  assert.equal(evidence.eventId, merged.id)
  assert.deepEqual(evidence.sources, ['bandsintown:99001', 'ticketmaster:G5v0009Smpl'])
  assert.equal(evidence.pairs.length, 1)
  const pair = evidence.pairs[0]
  assert.ok(pair.score > 0.5 && pair.score <= 1, `score ${pair.score}`)
  assert.ok(pair.round >= 1)
  assert.equal(pair.features.sameProvider, false)
  assert.equal(pair.features.startDiffMinutes, 0)
  assert.ok(pair.features.distanceM < 1)
  assert.ok(pair.features.sharedActNames >= 1)
})

test('dedup without explain leaves the evidence out, and never merges two nights', () => {
  const events = sampleEvents()
  const result = gigradar.dedup(events)
  assert.equal(result.events.length, events.length, 'three Fred again.. nights stay three')
  assert.deepEqual(result.merges, [])
})

test('mergeInto keeps the existing id and reports what joined it', () => {
  const events = sampleEvents()
  const simz = events.find((e) => e.title === 'Little Simz')
  const twin = relisted(simz, 'dice', 'd-77')
  const result = gigradar.mergeInto(events, [twin])
  assert.equal(result.events.length, events.length)
  const merged = result.events.find((e) => e.id === simz.id)
  assert.equal(merged.sources.length, 2)
  assert.equal(result.merges.length, 1)
  assert.deepEqual(result.aliases, {})
})

test('a bad event is an ERR_INVALID_INPUT naming the event and the field', () => {
  const events = sampleEvents()
  const bad = { ...events[1], start: 'next friday' }
  assert.throws(() => gigradar.dedup([events[0], bad]), (err) => {
    assert.equal(err.code, 'ERR_INVALID_INPUT')
    assert.match(err.message, new RegExp(`event ${bad.id}: start`))
    return true
  })
  assert.throws(() => gigradar.dedup([{ ...events[0], sources: [] }]), { code: 'ERR_INVALID_INPUT' })
  assert.throws(() => gigradar.dedup([{ ...events[0], status: 'maybe' }]), { code: 'ERR_INVALID_INPUT' })
})

'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const gigradar = require('..')
const { ROOT } = require('./helpers')

const DATA = path.join(ROOT, 'examples', 'data')
const read = (name) => fs.readFileSync(path.join(DATA, name))
const NOW = '2026-12-02T18:00:00Z'
const HIGHBURY = { now: NOW, lat: 51.5465, lon: -0.1058 }
const KINDS = ['artist', 'genre', 'distance', 'time', 'feedback']

function sampleProfile() {
  const profile = new gigradar.Profile()
  assert.deepEqual(profile.addSpotifyTop(read('spotify_top_short_term.json'), 'short_term'), [])
  assert.deepEqual(profile.addSpotifyTop(read('spotify_top_long_term.json').toString('utf8'), 'long_term'), [])
  assert.deepEqual(profile.addSpotifyFollowed(read('spotify_following.json')), [])
  profile.addPicks(read('picks.json').toString('utf8'))
  return profile
}

const sampleSet = () => gigradar.EventSet.fromJsonl(read('sample_events.jsonl'))

test('a profile round-trips through its JSON form', () => {
  const profile = sampleProfile()
  const json = profile.toJson()
  assert.ok(JSON.parse(json).artists.some((a) => a.name === 'Floating Points'))
  assert.equal(gigradar.Profile.fromJson(json).toJson(), json)
  assert.equal(new gigradar.Profile().toJson(), gigradar.Profile.fromJson(new gigradar.Profile().toJson()).toJson())
})

test('profile inputs that are not what they claim throw ERR_INVALID_INPUT', () => {
  const profile = new gigradar.Profile()
  assert.throws(() => gigradar.Profile.fromJson('{"artists": 3'), { code: 'ERR_INVALID_INPUT' })
  assert.throws(() => profile.addPicks('{"artistz": []}'), { code: 'ERR_INVALID_INPUT' })
  assert.throws(() => profile.addSpotifyTop(read('spotify_top_short_term.json'), 'weekly'), {
    code: 'ERR_INVALID_INPUT',
  })
  assert.throws(() => profile.addSpotifyFollowed('not json'), { code: 'ERR_INVALID_INPUT' })
})

test('one bad artist in a Spotify response is a problem, the rest is kept', () => {
  const profile = new gigradar.Profile()
  const page = {
    href: 'https://api.spotify.com/v1/me/top/artists?time_range=short_term',
    offset: 0,
    items: [{ id: '2Mu5NfyYm8n5iTomuKAEHl', name: 'Bicep', genres: ['electronica'] }, { genres: [] }],
  }
  const problems = profile.addSpotifyTop(JSON.stringify(page), 'short_term')
  assert.equal(problems.length, 1)
  assert.equal(problems[0].index, 1)
  assert.deepEqual(
    JSON.parse(profile.toJson()).artists.map((a) => a.name),
    ['Bicep'],
  )
})

test('an event set is built once, from events or from JSON Lines, and looked into', () => {
  const set = sampleSet()
  assert.equal(set.length, 28)
  const first = set.event(0)
  assert.equal(typeof first.title, 'string')
  assert.equal(set.eventIndex(first.id), 0)
  assert.equal(set.event(28), null)
  assert.equal(set.eventIndex('ev_nope'), null)
  const fromEvents = new gigradar.EventSet(gigradar.parseJsonl(read('sample_events.jsonl')))
  assert.equal(fromEvents.length, 28)
})

test('fromJsonl names the line that is wrong', () => {
  const lines = read('sample_events.jsonl').toString('utf8').split('\n')
  lines.splice(3, 0, '', '{"id": "x", "title": 5}')
  assert.throws(() => gigradar.EventSet.fromJsonl(lines.join('\n')), (err) => {
    assert.equal(err.code, 'ERR_INVALID_INPUT')
    assert.match(err.message, /line 5\b/)
    return true
  })
})

test('rank gives the top k upcoming shows with typed reasons that sum to the score', () => {
  const ranked = gigradar.rank(sampleProfile(), sampleSet(), { ...HIGHBURY, k: 5 })
  assert.equal(ranked.length, 5)
  for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].score >= ranked[i].score)
  for (const r of ranked) {
    assert.equal(r.event.id, r.eventId)
    if (r.event.start !== undefined) assert.ok(new Date(r.event.start) > new Date(NOW), `${r.event.title} has not started`)
    assert.ok(r.event.localDate >= '2026-12-02', r.event.localDate)
    const sum = r.reasons.reduce((s, reason) => s + reason.contribution, 0)
    assert.ok(Math.abs(sum - r.score) < 1e-9, `${sum} vs ${r.score}`)
    for (const reason of r.reasons) {
      assert.ok(KINDS.includes(reason.kind), reason.kind)
      assert.equal(typeof reason.text, 'string')
      assert.ok(Array.isArray(reason.via))
    }
  }
  const titles = ranked.map((r) => r.event.title)
  assert.ok(!titles.some((t) => t.startsWith('Coldplay')), 'a disliked artist never shows')
  const artist = ranked.flatMap((r) => r.reasons).find((reason) => reason.kind === 'artist')
  assert.ok(artist.artist && artist.source, 'an artist reason names the artist and the source')
  assert.ok(['headliner', 'support'].includes(artist.role))
  const distance = ranked.flatMap((r) => r.reasons).find((reason) => reason.kind === 'distance')
  assert.equal(typeof distance.distanceKm, 'number')
})

test('weights are core defaults, and changing one changes the scores', () => {
  const weights = gigradar.defaultWeights()
  assert.equal(weights.headliner, 40)
  assert.equal(weights.timeScaleDays, 14)
  const profile = sampleProfile()
  const set = sampleSet()
  const base = gigradar.rank(profile, set, HIGHBURY, weights)
  const same = gigradar.rank(profile, set, HIGHBURY)
  assert.deepEqual(base, same)
  const louder = gigradar.rank(profile, set, HIGHBURY, { ...weights, distance: 100 })
  assert.notDeepEqual(
    louder.map((r) => r.score),
    base.map((r) => r.score),
  )
})

test('feedback: a hidden event never shows again, a saved one gets a feedback reason', () => {
  const profile = sampleProfile()
  const set = sampleSet()
  const before = gigradar.rank(profile, set, HIGHBURY)
  const [top, second] = before
  profile.addFeedback(top.event, 'hide', '2026-12-01T10:00:00Z')
  profile.addFeedback(second.event, 'save', '2026-12-01T10:00:00Z')
  const after = gigradar.rank(profile, set, HIGHBURY)
  assert.ok(!after.some((r) => r.eventId === top.eventId))
  const saved = after.find((r) => r.eventId === second.eventId)
  const reason = saved.reasons.find((x) => x.kind === 'feedback' && x.action === 'save')
  assert.ok(reason, 'the save is a reason')
  assert.throws(() => profile.addFeedback(top.event, 'love', NOW), { code: 'ERR_INVALID_INPUT' })
  assert.throws(() => profile.addFeedback(top.event, 'save', 'yesterday'), { code: 'ERR_INVALID_INPUT' })
})

test('an invalid now, position or radius is ERR_INVALID_INPUT', () => {
  const profile = sampleProfile()
  const set = sampleSet()
  for (const bad of [
    { ...HIGHBURY, now: 'tomorrow' },
    { ...HIGHBURY, lat: 91 },
    { ...HIGHBURY, lon: Number.NaN },
    { ...HIGHBURY, radiusKm: -1 },
    { ...HIGHBURY, radiusKm: 0 },
  ]) {
    assert.throws(() => gigradar.rank(profile, set, bad), { code: 'ERR_INVALID_INPUT' }, JSON.stringify(bad))
  }
})

test('rankMany resolves one ranking per profile, in order, equal to rank', async () => {
  const set = sampleSet()
  const fan = sampleProfile()
  const empty = new gigradar.Profile()
  const picks = new gigradar.Profile()
  picks.addPicks('{"artists": ["Ezra Collective"], "genres": ["techno"]}')
  const pending = gigradar.rankMany([fan, empty, picks, fan], set, { ...HIGHBURY, k: 7 })
  assert.ok(pending instanceof Promise)
  const all = await pending
  assert.equal(all.length, 4)
  assert.deepEqual(all[0], gigradar.rank(fan, set, { ...HIGHBURY, k: 7 }))
  assert.deepEqual(all[1], gigradar.rank(empty, set, { ...HIGHBURY, k: 7 }))
  assert.deepEqual(all[2], gigradar.rank(picks, set, { ...HIGHBURY, k: 7 }))
  assert.deepEqual(all[3], all[0])
  assert.equal(all[2][0].event.title, 'Ezra Collective')
  await assert.rejects(gigradar.rankMany([fan], set, { ...HIGHBURY, radiusKm: -5 }), { code: 'ERR_INVALID_INPUT' })
  await assert.rejects(gigradar.rankMany([fan], set, { ...HIGHBURY, now: 'soon' }), { code: 'ERR_INVALID_INPUT' })
})

'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')

const gigradar = require('..')
const { FIXTURES, fixtureFiles, skipWithoutFixtures } = require('./helpers')

const CATEGORIES = ['music', 'sports', 'arts', 'comedy', 'family', 'film', 'other']
const STATUSES = ['scheduled', 'cancelled', 'postponed', 'rescheduled']

test('the real Ticketmaster payloads are present', { skip: skipWithoutFixtures }, () => {
  assert.ok(fixtureFiles('ticketmaster').length > 0)
})

for (const file of fixtureFiles('ticketmaster')) {
  test(`parses ${path.basename(file)} into plain event objects`, () => {
    const result = gigradar.parse('ticketmaster', fs.readFileSync(file))
    assert.deepEqual(Object.keys(result).sort(), ['events', 'problems'])
    assert.ok(result.events.length > 0)
    for (const event of result.events) {
      assert.equal(Object.getPrototypeOf(event), Object.prototype)
      assert.equal(typeof event.id, 'string')
      assert.equal(typeof event.title, 'string')
      assert.ok(CATEGORIES.includes(event.category), event.category)
      assert.ok(STATUSES.includes(event.status), event.status)
      assert.ok(Array.isArray(event.genres))
      for (const p of event.performers) {
        assert.ok(['headliner', 'support'].includes(p.role))
        assert.equal(typeof p.ids, 'object')
      }
      if (event.start !== undefined) {
        assert.ok(!Number.isNaN(new Date(event.start).getTime()), event.start)
        assert.ok(event.start.startsWith(event.localDate))
      }
      if (event.venue?.lat !== undefined) assert.equal(typeof event.venue.lat, 'number')
      assert.deepEqual(
        event.sources.map((s) => s.provider),
        ['ticketmaster'],
      )
      // Plain data: survives JSON.
      assert.deepEqual(JSON.parse(JSON.stringify(event)), event)
    }
  })
}

test('a string and a Buffer of the same page give the same events', { skip: skipWithoutFixtures }, () => {
  const file = path.join(FIXTURES, 'ticketmaster', 'events_la_keyword_2024.json')
  const fromBuffer = gigradar.parse('ticketmaster', fs.readFileSync(file))
  const fromString = gigradar.parse('ticketmaster', fs.readFileSync(file, 'utf8'))
  assert.deepEqual(fromString, fromBuffer)
  const first = fromBuffer.events[0]
  assert.equal(first.title, '2024 IU HEREH WORLD TOUR CONCERT')
  assert.equal(first.timezone, 'America/Los_Angeles')
  assert.equal(first.localDate, '2024-08-02')
  assert.equal(first.venue.name, 'Kia Forum')
  assert.equal(first.venue.postalCode, '90305')
})

test('a bad item becomes a problem and the rest is kept', () => {
  const page = {
    _embedded: {
      events: [
        { id: 'G1', name: 'Bicep', dates: { start: { localDate: '2026-05-01' } } },
        { name: 'no id' },
      ],
    },
  }
  const result = gigradar.parse('ticketmaster', JSON.stringify(page))
  assert.deepEqual(
    result.events.map((e) => e.title),
    ['Bicep'],
  )
  assert.equal(result.problems.length, 1)
  assert.equal(result.problems[0].provider, 'ticketmaster')
  assert.equal(result.problems[0].index, 1)
  assert.equal(result.events[0].start, undefined, 'no local time: no instant')
})

for (const provider of ['bandsintown', 'eventbrite', 'seatgeek', 'songkick']) {
  for (const file of fixtureFiles(provider)) {
    test(`${provider} ${path.basename(file)} parses or is refused as invalid input`, () => {
      try {
        gigradar.parse(provider, fs.readFileSync(file))
      } catch (err) {
        assert.equal(err.code, 'ERR_INVALID_INPUT')
      }
    })
  }
}

'use strict'
// The Fetcher against a loopback Ticketmaster Discovery API (node:http on 127.0.0.1) that fails
// before it answers: the events arrive, the stats count the retries, the observer hears them.
// The server runs on this process's event loop, so every fetch here that completes also shows
// that fetch never blocks the loop (a blocking fetch would wait forever for its own server).
const { test } = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const util = require('node:util')

const gigradar = require('..')

const KEY = 'tm-secret-key-0123456789'

function listing(id, day) {
  return {
    name: `Loopback Show ${id}`,
    type: 'event',
    id,
    url: `https://www.ticketmaster.com/event/${id}`,
    dates: {
      start: { localDate: `2026-12-${day}`, localTime: '19:30:00', dateTime: `2026-12-${day}T19:30:00Z` },
      timezone: 'Europe/London',
      status: { code: 'onsale' },
    },
    _embedded: {
      venues: [
        {
          id: 'KovZpZA7AAEA',
          name: 'Loopback Hall',
          timezone: 'Europe/London',
          city: { name: 'London' },
          country: { countryCode: 'GB' },
          location: { longitude: '-0.1278', latitude: '51.5074' },
        },
      ],
    },
  }
}

// A Discovery API: one page of listings at /discovery/v2/events.json; `faults` answer the first
// requests (status, headers, body) before the real page.
async function discovery(faults, events = [listing('G5vLOOP1', '10'), listing('G5vLOOP2', '11')]) {
  const seen = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1')
    seen.push(url)
    if (url.pathname !== '/discovery/v2/events.json') {
      res.writeHead(404).end('{}')
      return
    }
    if (url.searchParams.get('apikey') !== KEY) {
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end('{"fault":{"faultstring":"Invalid ApiKey","detail":{"errorcode":"oauth.v2.InvalidApiKey"}}}')
      return
    }
    const fault = faults.shift()
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers })
      res.end(fault.body ?? '{"fault":{"faultstring":"try later"}}')
      return
    }
    const page = { size: 200, totalElements: events.length, totalPages: 1, number: 0 }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ _links: { self: { href: '/discovery/v2/events?page=0' } }, page, _embedded: { events } }))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  return { base, seen, close: () => new Promise((resolve) => server.close(resolve)) }
}

const QUERY = {
  provider: 'ticketmaster',
  lat: 51.5074,
  lon: -0.1278,
  radiusKm: 20,
  from: '2026-12-01T00:00:00Z',
  to: '2026-12-31T00:00:00Z',
}

// Observer calls are queued to the JavaScript thread; let the queue drain.
const drain = () => new Promise((resolve) => setTimeout(resolve, 50))

test('fetch retries a 500 and a 429, returns the events, and the stats and observer count it', async () => {
  const api = await discovery([
    { status: 500 },
    { status: 429, headers: { 'retry-after': '1' } },
  ])
  try {
    const heard = []
    const fetcher = new gigradar.Fetcher({ ticketmaster: { baseUrl: api.base, key: KEY } }, (event) => heard.push(event))
    const pending = fetcher.fetch(QUERY)
    assert.ok(pending instanceof Promise, 'fetch does not block the event loop')
    const batch = await pending
    await drain()
    assert.equal(batch.provider, 'ticketmaster')
    assert.deepEqual(batch.events.map((e) => e.sources[0].id).sort(), ['G5vLOOP1', 'G5vLOOP2'])
    assert.equal(batch.events[0].venue.name, 'Loopback Hall')
    assert.ok(batch.events.every((e) => e.sources[0].fetchedAt), 'listings are stamped')
    assert.deepEqual(batch.failures, [])
    assert.equal(batch.pages.length, 1)
    assert.ok(batch.pages[0].bytes > 0)
    assert.ok(!batch.pages[0].url.includes(KEY), 'page URLs lose the key')
    assert.equal(api.seen.length, 3)

    const stats = fetcher.stats()
    const tm = stats.providers.find((p) => p.provider === 'ticketmaster')
    assert.equal(tm.requests, 3)
    assert.equal(tm.retries, 2)
    assert.equal(tm.rateLimited, 1)
    assert.equal(tm.serverErrors, 1)
    assert.equal(tm.failures, 0)
    assert.ok(tm.bytes > 0)
    assert.equal(tm.latencyBuckets.length, stats.latencyBucketsMs.length + 1)
    assert.equal(
      tm.latencyBuckets.reduce((a, b) => a + b, 0),
      3,
    )

    const responses = heard.filter((e) => e.kind === 'response')
    assert.deepEqual(responses.map((e) => e.status), [500, 429, 200])
    assert.ok(responses.every((e) => typeof e.latencyMs === 'number' && e.provider === 'ticketmaster'))
    assert.equal(heard.filter((e) => e.kind === 'retry').length, 2)
    const progress = heard.filter((e) => e.kind === 'progress')
    assert.ok(progress.length >= 1, 'progress is reported after the page')
    const last = progress[progress.length - 1]
    assert.equal(last.events, batch.events.length)
    assert.equal(last.done, batch.events.length)
    assert.equal(last.pages, 1)
    assert.ok(!JSON.stringify(heard).includes(KEY), 'observer events never carry the key')
  } finally {
    await api.close()
  }
})

test('a page that fails for good is a failure in the batch with its typed fields, not a rejection', async () => {
  const api = await discovery([{ status: 429, headers: { 'retry-after': '7200' } }])
  try {
    const heard = []
    const fetcher = new gigradar.Fetcher({ ticketmaster: { baseUrl: api.base, key: KEY } }, (event) => heard.push(event))
    const batch = await fetcher.fetch(QUERY)
    await drain()
    assert.deepEqual(batch.events, [])
    assert.equal(batch.failures.length, 1)
    const failure = batch.failures[0]
    assert.equal(failure.code, 'ERR_RATE_LIMITED')
    assert.equal(failure.retryAfterSecs, 7200)
    assert.match(failure.query, /discovery\/v2\/events/)
    assert.ok(!failure.query.includes(KEY) && !failure.message.includes(KEY))
    const failed = heard.find((e) => e.kind === 'failure')
    assert.ok(failed, 'the observer hears the failure')
    assert.equal(failed.provider, 'ticketmaster')
  } finally {
    await api.close()
  }
})

test('a rejected key fails the page as ERR_PROVIDER 401 without showing the key', async () => {
  const api = await discovery([])
  try {
    const wrong = 'wrong-key-should-not-leak-42'
    const fetcher = new gigradar.Fetcher({ ticketmaster: { baseUrl: api.base, key: wrong } })
    const batch = await fetcher.fetch(QUERY)
    assert.equal(batch.failures.length, 1)
    assert.equal(batch.failures[0].code, 'ERR_PROVIDER')
    assert.equal(batch.failures[0].status, 401)
    assert.ok(!JSON.stringify(batch).includes(wrong))
  } finally {
    await api.close()
  }
})

test('keys never show in toString, inspect or JSON', () => {
  const fetcher = new gigradar.Fetcher({ ticketmaster: { baseUrl: 'http://127.0.0.1:9', key: KEY } })
  for (const shown of [String(fetcher), `${fetcher}`, util.inspect(fetcher, { showHidden: true }), JSON.stringify(fetcher)]) {
    assert.ok(!shown.includes(KEY), shown)
  }
  assert.match(String(fetcher), /ticketmaster: http:\/\/127\.0\.0\.1:9 \(key set\)/)
})

test('a query that cannot start rejects with a typed error', async () => {
  const fetcher = new gigradar.Fetcher({ ticketmaster: { baseUrl: 'http://127.0.0.1:9', key: KEY } })
  await assert.rejects(fetcher.fetch({ provider: 'myspace' }), { code: 'ERR_UNKNOWN_PROVIDER' })
  await assert.rejects(fetcher.fetch({ provider: 'songkick' }), { code: 'ERR_INVALID_INPUT' })
  await assert.rejects(fetcher.fetch({ ...QUERY, from: 'last week' }), { code: 'ERR_INVALID_INPUT' })
})

test('with no options the fetcher reads its key and base URL from the environment', async () => {
  const api = await discovery([])
  process.env.TICKETMASTER_API_KEY = KEY
  process.env.GIGRADAR_TICKETMASTER_BASE_URL = api.base
  try {
    const fetcher = new gigradar.Fetcher()
    assert.match(String(fetcher), new RegExp(`ticketmaster: ${api.base} \\(key set\\)`))
    const batch = await fetcher.fetch(QUERY)
    assert.equal(batch.events.length, 2)
    delete process.env.TICKETMASTER_API_KEY
    await assert.rejects(new gigradar.Fetcher().fetch(QUERY), (err) => {
      assert.equal(err.code, 'ERR_INVALID_INPUT')
      assert.match(err.message, /TICKETMASTER_API_KEY/)
      return true
    })
  } finally {
    delete process.env.TICKETMASTER_API_KEY
    delete process.env.GIGRADAR_TICKETMASTER_BASE_URL
    await api.close()
  }
})

'use strict'
// Spotify sign-in (authorization code + PKCE) and signals against a loopback server that plays
// both accounts.spotify.com and api.spotify.com.
const { test } = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const http = require('node:http')
const util = require('node:util')

const gigradar = require('..')

const ACCESS = 'access-token-secret-AAAA'
const REFRESH = 'refresh-token-secret-RRRR'
const CLIENT_ID = 'loopback-client'
const REDIRECT = 'http://127.0.0.1:8888/callback'

const artist = (id, name, genres = []) => ({ id, name, genres, type: 'artist', uri: `spotify:artist:${id}` })
const TOP = {
  short_term: [artist('4ILn2ByWB0yWrPJzIj8Ww4', 'Floating Points', ['electronica']), artist('2Mu5NfyYm8n5iTomuKAEHl', 'Bicep')],
  medium_term: [artist('6F8m4mOtVZbDYFAyMQ3wIN', 'Caribou', ['indietronica'])],
  long_term: [],
}
const FOLLOWED = [artist('0wVbFn6gP8qmN3NjA7ZtlM', 'Nala Sinephro', ['spiritual jazz'])]

// `apiStatus` (when set) answers every Web API call with that status and headers instead.
async function spotifyServer(options = {}) {
  const seen = { challenge: null, tokenForms: [], apiCalls: 0 }
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1')
    let body = ''
    for await (const chunk of req) body += chunk
    const json = (status, value, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(value))
    }
    if (req.method === 'POST' && url.pathname === '/api/token') {
      const form = new URLSearchParams(body)
      seen.tokenForms.push(form)
      const verifier = form.get('code_verifier') ?? ''
      const challenge = crypto.createHash('sha256').update(verifier).digest('base64url')
      if (form.get('grant_type') !== 'authorization_code' || form.get('code') !== 'the-code' || challenge !== seen.challenge) {
        return json(400, { error: 'invalid_grant', error_description: 'Invalid authorization code' })
      }
      return json(200, { access_token: ACCESS, token_type: 'Bearer', expires_in: 3600, refresh_token: REFRESH, scope: 'user-top-read user-follow-read' })
    }
    seen.apiCalls++
    if (req.headers.authorization !== `Bearer ${ACCESS}`) return json(401, { error: { status: 401, message: 'Invalid access token' } })
    if (options.apiStatus) return json(options.apiStatus, { error: { status: options.apiStatus, message: 'no' } }, options.apiHeaders)
    if (url.pathname === '/v1/me/top/artists') {
      const range = url.searchParams.get('time_range')
      const items = TOP[range]
      return json(200, { href: `https://api.spotify.com/v1/me/top/artists?time_range=${range}`, items, limit: 50, next: null, offset: 0, previous: null, total: items.length })
    }
    if (url.pathname === '/v1/me/following') {
      return json(200, { artists: { href: '', items: FOLLOWED, limit: 50, next: null, cursors: { after: null }, total: FOLLOWED.length } })
    }
    json(404, { error: { status: 404, message: 'no such path' } })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  return { base, seen, close: () => new Promise((resolve) => server.close(resolve)) }
}

const optionsFor = (base) => ({ clientId: CLIENT_ID, redirectUri: REDIRECT, accountsBaseUrl: base, apiBaseUrl: base })

async function signedIn(server) {
  const spotify = new gigradar.Spotify(optionsFor(server.base))
  const { authorizeUrl, state } = spotify.beginSignIn()
  server.seen.challenge = new URL(authorizeUrl).searchParams.get('code_challenge')
  await spotify.finishSignIn(`${REDIRECT}?code=the-code&state=${state}`)
  return spotify
}

test('sign in with PKCE, read the signals, add them to a profile and rank with them', async () => {
  const server = await spotifyServer()
  try {
    const spotify = new gigradar.Spotify(optionsFor(server.base))
    assert.equal(spotify.tokens(), null)
    const { authorizeUrl, state } = spotify.beginSignIn()
    const authorize = new URL(authorizeUrl)
    assert.equal(authorize.origin + authorize.pathname, `${server.base}/authorize`)
    assert.equal(authorize.searchParams.get('client_id'), CLIENT_ID)
    assert.equal(authorize.searchParams.get('state'), state)
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256')
    server.seen.challenge = authorize.searchParams.get('code_challenge')

    const finishing = spotify.finishSignIn(`${REDIRECT}?code=the-code&state=${state}`)
    assert.ok(finishing instanceof Promise)
    assert.equal(await finishing, undefined)
    assert.equal(server.seen.tokenForms[0].get('client_id'), CLIENT_ID)

    const signals = await spotify.signals()
    assert.deepEqual(
      signals.top.map((t) => [t.artist.name, t.term, t.rank]),
      [
        ['Floating Points', 'short_term', 1],
        ['Bicep', 'short_term', 2],
        ['Caribou', 'medium_term', 1],
      ],
    )
    assert.deepEqual(signals.followed.map((a) => a.name), ['Nala Sinephro'])
    assert.deepEqual(signals.top[0].artist.genres, ['electronica'])

    const profile = new gigradar.Profile()
    profile.addSpotifySignals(signals)
    const liked = JSON.parse(profile.toJson()).artists.map((a) => a.name)
    assert.deepEqual(liked.sort(), ['Bicep', 'Caribou', 'Floating Points', 'Nala Sinephro'])
    const stats = spotify.stats().providers.find((p) => p.provider === 'spotify')
    assert.ok(stats.requests >= 5, `${stats.requests} requests`)
  } finally {
    await server.close()
  }
})

test('tokens are exported secret-wrapped and imported into a new Spotify', async () => {
  const server = await spotifyServer()
  try {
    const spotify = await signedIn(server)
    const tokens = spotify.tokens()
    assert.ok(tokens instanceof gigradar.SpotifyTokens)
    for (const shown of [String(tokens), util.inspect(tokens, { showHidden: true }), JSON.stringify(tokens)]) {
      assert.ok(!shown.includes(ACCESS) && !shown.includes(REFRESH), shown)
    }
    assert.deepEqual(tokens.scopes, ['user-top-read', 'user-follow-read'])
    assert.ok(new Date(tokens.expiresAt) > new Date())
    const secrets = tokens.revealSecrets()
    assert.equal(secrets.accessToken, ACCESS)
    assert.equal(secrets.refreshToken, REFRESH)

    const kept = JSON.parse(JSON.stringify(secrets))
    const heard = []
    const again = new gigradar.Spotify(optionsFor(server.base), gigradar.SpotifyTokens.fromSecrets(kept), (e) => heard.push(e))
    const signals = await again.signals()
    assert.equal(signals.followed.length, 1)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const responses = heard.filter((e) => e.kind === 'response')
    assert.equal(responses.length, 4, 'three top-artist terms and the followed artists')
    assert.ok(responses.every((e) => e.provider === 'spotify' && e.status === 200))
    assert.ok(!JSON.stringify(heard).includes(ACCESS), 'observer events never carry a token')
    assert.throws(() => gigradar.SpotifyTokens.fromSecrets({ ...kept, expiresAt: 'soon' }), { code: 'ERR_INVALID_INPUT' })
  } finally {
    await server.close()
  }
})

test('sign-in failures are typed: forged state, refused code, not signed in', async () => {
  const server = await spotifyServer()
  try {
    const spotify = new gigradar.Spotify(optionsFor(server.base))
    await assert.rejects(spotify.finishSignIn(`${REDIRECT}?code=the-code&state=forged`), { code: 'ERR_INVALID_INPUT' })
    await assert.rejects(spotify.finishSignIn('not a url'), { code: 'ERR_INVALID_INPUT' })
    const { state } = spotify.beginSignIn()
    await assert.rejects(spotify.finishSignIn(`${REDIRECT}?code=stolen&state=${state}`), (err) => {
      assert.equal(err.code, 'ERR_REAUTH_REQUIRED')
      assert.ok(!err.message.includes('stolen'), 'the code never shows')
      return true
    })
    await assert.rejects(spotify.signals(), { code: 'ERR_REAUTH_REQUIRED' })
  } finally {
    await server.close()
  }
})

test('API errors reject with their typed fields: provider, status, retryAfterSecs', async () => {
  const forbidden = await spotifyServer({ apiStatus: 403 })
  try {
    const spotify = await signedIn(forbidden)
    await assert.rejects(spotify.signals(), (err) => {
      assert.ok(err instanceof Error)
      assert.equal(err.code, 'ERR_PROVIDER')
      assert.equal(err.code, gigradar.ErrorCode.Provider)
      assert.equal(err.provider, 'spotify')
      assert.equal(err.status, 403)
      assert.equal(err.retryAfterSecs, undefined)
      assert.match(err.message, /403/)
      assert.ok(!err.message.includes(ACCESS))
      return true
    })
  } finally {
    await forbidden.close()
  }
  const limited = await spotifyServer({ apiStatus: 429, apiHeaders: { 'retry-after': '3600' } })
  try {
    const spotify = await signedIn(limited)
    await assert.rejects(spotify.signals(), (err) => {
      assert.equal(err.code, gigradar.ErrorCode.RateLimited)
      assert.equal(err.provider, 'spotify')
      assert.equal(err.retryAfterSecs, 3600)
      assert.equal(err.status, undefined)
      return true
    })
  } finally {
    await limited.close()
  }
})

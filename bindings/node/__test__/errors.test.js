'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')

const gigradar = require('..')

test('an unknown provider throws ERR_UNKNOWN_PROVIDER', () => {
  assert.throws(() => gigradar.parse('myspace', '{}'), { code: 'ERR_UNKNOWN_PROVIDER' })
})

test('a payload that is not JSON throws ERR_INVALID_INPUT', () => {
  for (const payload of ['', 'not json', '[1, 2', Buffer.from([0xff, 0xfe])]) {
    assert.throws(() => gigradar.parse('ticketmaster', payload), { code: 'ERR_INVALID_INPUT' })
  }
})

test('errors are real Error objects', () => {
  try {
    gigradar.parse('myspace', '{}')
    assert.fail('parse should have thrown')
  } catch (err) {
    assert.ok(err instanceof Error)
    assert.equal(typeof err.message, 'string')
  }
})

test('a payload of the wrong type is refused', () => {
  assert.throws(() => gigradar.parse('ticketmaster', 42))
})

test('errors carry the core message and only the fields their kind has', () => {
  try {
    gigradar.parse('ticketmaster', 'not json')
    assert.fail('parse should have thrown')
  } catch (err) {
    assert.equal(err.code, gigradar.ErrorCode.InvalidInput)
    assert.match(err.message, /^invalid input: /)
    assert.equal(err.provider, undefined)
    assert.equal(err.status, undefined)
    assert.equal(err.retryAfterSecs, undefined)
  }
  try {
    gigradar.parse('myspace', '{}')
    assert.fail('parse should have thrown')
  } catch (err) {
    assert.equal(err.code, gigradar.ErrorCode.UnknownProvider)
    assert.match(err.message, /myspace/)
  }
})

test('ErrorCode lists every code, in Node style', () => {
  assert.deepEqual(Object.values(gigradar.ErrorCode).sort(), [
    'ERR_INVALID_INPUT',
    'ERR_NETWORK',
    'ERR_NOT_FOUND',
    'ERR_PROVIDER',
    'ERR_RATE_LIMITED',
    'ERR_REAUTH_REQUIRED',
    'ERR_STORAGE',
    'ERR_UNKNOWN_PROVIDER',
  ])
})

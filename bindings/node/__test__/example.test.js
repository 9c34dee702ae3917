'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')

const { ROOT } = require('./helpers')

const run = (name, ...args) =>
  execFileSync(process.execPath, [path.join(ROOT, 'examples', 'node', name), ...args], { encoding: 'utf8' })

test('examples/node/parse_events.js prints the three sample events', () => {
  const lines = run('parse_events.js').trim().split('\n')
  assert.equal(lines.length, 3)
  assert.match(lines[0], /Lowlight Parade: Northern Lights Tour @ Roundhouse/)
  assert.match(lines[1], /\[rescheduled\]/)
  assert.match(lines[2], /^2026-05-21 {2}Open Mic Comedy Night .*\[cancelled\]/)
})

test('examples/node/ranked_feed.js prints eight ranked shows, each with its reasons', () => {
  const lines = run('ranked_feed.js').trimEnd().split('\n')
  assert.equal(lines.length, 16)
  const shows = lines.filter((_, i) => i % 2 === 0)
  const reasons = lines.filter((_, i) => i % 2 === 1)
  const scores = shows.map((l) => Number.parseFloat(l))
  for (let i = 1; i < scores.length; i++) assert.ok(scores[i - 1] >= scores[i], shows.join('\n'))
  assert.ok(!shows.some((l) => l.includes('Coldplay')), 'a disliked artist never shows')
  assert.ok(reasons.every((l) => l.trim().length > 0))
  assert.ok(reasons.some((l) => /Floating Points|Little Simz|Nala Sinephro/.test(l)), reasons.join('\n'))
  assert.ok(reasons.some((l) => /km/.test(l)), 'distances are reasons')
})

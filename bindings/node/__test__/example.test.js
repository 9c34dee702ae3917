'use strict'
const { test } = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')

const { ROOT } = require('./helpers')

test('examples/node/parse_events.js prints the three sample events', () => {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'examples', 'node', 'parse_events.js')], {
    encoding: 'utf8',
  })
  const lines = out.trim().split('\n')
  assert.equal(lines.length, 3)
  assert.match(lines[0], /Lowlight Parade: Northern Lights Tour @ Roundhouse/)
  assert.match(lines[1], /\[rescheduled\]/)
  assert.match(lines[2], /^2026-05-21 {2}Open Mic Comedy Night .*\[cancelled\]/)
})

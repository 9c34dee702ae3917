'use strict'
// Where the real provider payloads live: ../shared/fixtures beside the project root, read in place.
const fs = require('node:fs')
const path = require('node:path')

const ROOT = path.resolve(__dirname, '..', '..', '..')
const FIXTURES = path.resolve(ROOT, '..', 'shared', 'fixtures')

function fixtureFiles(provider) {
  const dir = path.join(FIXTURES, provider)
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f))
}

// A skip reason when the payloads are absent, else false (node:test's `skip` option).
const skipWithoutFixtures = fs.existsSync(FIXTURES)
  ? false
  : `real provider payloads not found at ${FIXTURES} (read in place, never copied)`

module.exports = { ROOT, FIXTURES, fixtureFiles, skipWithoutFixtures }

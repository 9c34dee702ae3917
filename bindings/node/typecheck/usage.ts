// Touches every public name of the gigradar package with the types a user would write;
// `tsc --noEmit` over this file fails when index.d.ts loses a type or a name disappears.
import { readFileSync } from 'node:fs'
import {
  parse,
  type Event,
  type ExternalIds,
  type ParseResult,
  type Performer,
  type Price,
  type Problem,
  type Source,
  type Venue,
} from '..'

function describe(result: ParseResult): string[] {
  const lines: string[] = []
  for (const event of result.events) {
    const e: Event = event
    const fields: Array<string | undefined> = [
      e.id, e.title, e.category, e.status, e.start, e.end, e.timezone,
      e.localDate, e.localTime, e.url, e.image,
    ]
    const genres: string[] = e.genres
    for (const performer of e.performers) {
      const p: Performer = performer
      const ids: ExternalIds = p.ids
      const known: Array<string | undefined> = [
        ids.spotify, ids.musicbrainz, ids.ticketmaster, ids.bandsintown,
        ids.eventbrite, ids.seatgeek, ids.songkick, ids.dice,
      ]
      lines.push(`${p.name} ${p.role} ${known.join(',')}`)
    }
    const venue: Venue | undefined = e.venue
    if (venue !== undefined) {
      const place: Array<string | undefined> = [
        venue.name, venue.address, venue.city, venue.region, venue.postalCode, venue.country,
      ]
      const at: Array<number | undefined> = [venue.lat, venue.lon]
      const venueIds: ExternalIds = venue.ids
      lines.push(`${place.join(',')} ${at.join(',')} ${venueIds.ticketmaster}`)
    }
    const price: Price | undefined = e.price
    if (price !== undefined) {
      const range: number = price.max - price.min
      lines.push(`${range} ${price.currency}`)
    }
    for (const source of e.sources) {
      const s: Source = source
      const parts: Array<string | undefined> = [s.provider, s.id, s.url, s.fetchedAt]
      lines.push(parts.join(','))
    }
    lines.push(`${fields.join(',')} ${genres.join(',')}`)
  }
  for (const problem of result.problems) {
    const p: Problem = problem
    const index: number | undefined = p.index
    const item: string | undefined = p.itemId
    lines.push(`${p.provider} ${index} ${item} ${p.message}`)
  }
  return lines
}

const fromText: ParseResult = parse('ticketmaster', '{}')
const fromBytes: ParseResult = parse('ticketmaster', readFileSync(__filename))
try {
  describe(fromText).concat(describe(fromBytes))
} catch (err) {
  const code: unknown = (err as NodeJS.ErrnoException).code
  console.log(code)
}

// Touches every public name of the gigradar package with the types a user would write;
// `tsc --noEmit` over this file fails when index.d.ts loses a type or a name disappears.
import { readFileSync } from 'node:fs'
import {
  dedup,
  defaultWeights,
  ErrorCode,
  type ErrorFields,
  EventSet,
  eventsToJsonl,
  Fetcher,
  mergeInto,
  parse,
  parseJsonl,
  Profile,
  rank,
  rankMany,
  Spotify,
  SpotifyTokens,
  type Batch,
  type DedupResult,
  type Event,
  type ExternalIds,
  type FetchEvent,
  type FetcherOptions,
  type FetchQuery,
  type MergeEvidence,
  type MergeResult,
  type PageFailure,
  type PageSummary,
  type PairEvidence,
  type PairFeatures,
  type ParseResult,
  type Performer,
  type Price,
  type Problem,
  type ProviderOverride,
  type ProviderStats,
  type RankContext,
  type Ranked,
  type Reason,
  type SignIn,
  type Source,
  type SpotifyArtist,
  type SpotifyOptions,
  type SpotifySignals,
  type SpotifyTokenSecrets,
  type StatsSnapshot,
  type TopArtist,
  type Venue,
  type Weights,
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
  lines.push(...problems(result.problems))
  return lines
}

function problems(list: Problem[]): string[] {
  return list.map((p: Problem) => {
    const index: number | undefined = p.index
    const item: string | undefined = p.itemId
    return `${p.provider} ${index} ${item} ${p.message}`
  })
}

function explain(merges: MergeEvidence[]): string[] {
  const lines: string[] = []
  for (const m of merges) {
    for (const pair of m.pairs) {
      const p: PairEvidence = pair
      const f: PairFeatures | undefined = p.features
      const numbers: Array<number | undefined> = [
        p.round, p.score, f?.sharedPerformerIds, f?.sharedActNames, f?.titleSimilarity,
        f?.venueSimilarity, f?.distanceM, f?.startDiffMinutes,
      ]
      const flags: Array<boolean | undefined> = [f?.placeholderVenue, f?.package, f?.sameProvider]
      lines.push(`${m.eventId} ${m.sources.join('+')} ${p.a}~${p.b} ${numbers.join(',')} ${flags.join(',')}`)
    }
  }
  return lines
}

function reasons(feed: Ranked[]): string[] {
  return feed.map((r: Ranked) => {
    const event: Event = r.event
    const parts = r.reasons.map((reason: Reason) => {
      const optional: Array<string | number | undefined> = [
        reason.artist, reason.role, reason.source, reason.genre, reason.likedGenre,
        reason.distanceKm, reason.daysUntil, reason.action,
      ]
      return `${reason.kind} ${reason.contribution} ${reason.text} ${reason.via.join('/')} ${optional.join(',')}`
    })
    return `${r.index} ${r.eventId} ${event.title} ${r.score} ${parts.join('; ')}`
  })
}

function counters(stats: StatsSnapshot): number[] {
  const bounds: number[] = stats.latencyBucketsMs
  return stats.providers.flatMap((p: ProviderStats) => [
    p.requests, p.retries, p.rateLimited, p.serverErrors, p.networkErrors, p.failures,
    p.bytes, p.waitedMs, ...p.latencyBuckets, ...bounds,
  ])
}

function batchLines(batch: Batch): string[] {
  const pages = batch.pages.map((p: PageSummary) => `${p.url} ${p.fetchedAt} ${p.bytes}`)
  const failures = batch.failures.map((f: PageFailure) => {
    const code: ErrorCode = f.code
    return `${f.provider} ${f.query} ${code} ${f.message} ${f.status} ${f.retryAfterSecs}`
  })
  const events: Event[] = batch.events
  return [batch.provider, ...pages, ...failures, ...problems(batch.problems), `${events.length}`]
}

function heard(event: FetchEvent): string {
  const optional: Array<string | number | undefined> = [
    event.path, event.query, event.status, event.latencyMs, event.bytes, event.attempt,
    event.reason, event.waitMs, event.message, event.done, event.total, event.events, event.pages,
  ]
  return `${event.kind} ${event.provider} ${optional.join(',')}`
}

async function main(): Promise<void> {
  const fromText: ParseResult = parse('ticketmaster', '{}')
  const fromBytes: ParseResult = parse('ticketmaster', readFileSync(__filename))
  const lines = describe(fromText).concat(describe(fromBytes))

  const listings: Event[] = parseJsonl(readFileSync('events.jsonl'))
  const jsonl: string = eventsToJsonl(listings)
  const deduped: DedupResult = dedup(parseJsonl(jsonl), true)
  const plain: DedupResult = dedup(listings)
  const merged: MergeResult = mergeInto(deduped.events, plain.events)
  const aliases: Record<string, string> = merged.aliases
  lines.push(...explain(deduped.merges), ...explain(merged.merges), JSON.stringify(aliases))

  const profile = new Profile()
  const skipped: Problem[] = profile.addSpotifyTop(readFileSync('top.json'), 'short_term')
  lines.push(...problems(skipped), ...problems(profile.addSpotifyFollowed('{"items": []}')))
  profile.addPicks('{"artists": ["Bicep"]}')
  profile.addFeedback(listings[0], 'save', new Date().toISOString())
  const copy: Profile = Profile.fromJson(profile.toJson())

  const set = new EventSet(deduped.events)
  const fromJsonl: EventSet = EventSet.fromJsonl(jsonl)
  const size: number = set.length + fromJsonl.length
  const first: Event | null = set.event(0)
  const index: number | null = set.eventIndex(first?.id ?? '')
  lines.push(`${size} ${index}`)

  const weights: Weights = { ...defaultWeights(), genre: 30 }
  const all: Array<number> = [
    weights.headliner, weights.support, weights.genre, weights.distance, weights.time,
    weights.timeScaleDays, weights.save, weights.skip, weights.artistSave, weights.artistSkip,
    weights.feedbackHalfLifeDays,
  ]
  const context: RankContext = { now: new Date().toISOString(), lat: 51.5, lon: -0.1, radiusKm: 25, k: 10, maxPerHeadliner: 1 }
  const feed: Ranked[] = rank(copy, set, context, weights)
  const feeds: Ranked[][] = await rankMany([profile, copy], set, { now: context.now, lat: 0, lon: 0 })
  lines.push(...reasons(feed), ...feeds.flatMap(reasons), all.join(','))

  const override: ProviderOverride = { baseUrl: 'http://127.0.0.1:8080', key: 'k' }
  const options: FetcherOptions = { ticketmaster: override, eventbrite: {}, bandsintown: {}, dice: {} }
  const fetcher = new Fetcher(options, (event: FetchEvent) => lines.push(heard(event)))
  const query: FetchQuery = {
    provider: 'ticketmaster', lat: 51.5, lon: -0.1, radiusKm: 20, from: '2026-12-01T00:00:00Z',
    to: '2027-01-01T00:00:00Z', keyword: 'jazz', classification: 'music', artists: [],
    organizers: [], venues: [], datasetId: undefined, actorRunId: undefined,
  }
  const batch: Batch = await fetcher.fetch(query)
  lines.push(...batchLines(batch), ...counters(fetcher.stats()).map(String), fetcher.toString())

  const spotifyOptions: SpotifyOptions = {
    clientId: 'id', redirectUri: 'http://127.0.0.1:8888/callback',
    accountsBaseUrl: 'http://127.0.0.1:9', apiBaseUrl: 'http://127.0.0.1:9',
  }
  const spotify = new Spotify(spotifyOptions)
  const signIn: SignIn = spotify.beginSignIn()
  await spotify.finishSignIn(`${signIn.authorizeUrl}&state=${signIn.state}`)
  const signals: SpotifySignals = await spotify.signals()
  const top: TopArtist[] = signals.top
  const followed: SpotifyArtist[] = signals.followed
  lines.push(...top.map((t) => `${t.artist.id} ${t.artist.name} ${t.artist.genres.join('/')} ${t.term} ${t.rank}`))
  lines.push(...followed.map((a) => a.name))
  profile.addSpotifySignals(signals)
  lines.push(...counters(spotify.stats()).map(String))

  const tokens: SpotifyTokens | null = spotify.tokens()
  if (tokens !== null) {
    const secrets: SpotifyTokenSecrets = tokens.revealSecrets()
    const optional: Array<string | undefined> = [secrets.accessToken, secrets.refreshToken, secrets.expiresAt]
    const again = new Spotify(spotifyOptions, SpotifyTokens.fromSecrets(secrets), (e: FetchEvent) => heard(e))
    lines.push(tokens.toString(), tokens.expiresAt, tokens.scopes.join(' '), optional.join(','), `${again.tokens()}`)
  }
  console.log(lines.join('\n'))
}

main().catch((err: unknown) => {
  const e = err as Error & ErrorFields
  const fields: Array<string | number | undefined> = [e.code, e.provider, e.status, e.retryAfterSecs]
  console.log(fields.join(','))
  if (e.code === ErrorCode.RateLimited) console.log(e.provider, e.retryAfterSecs)
  if (e.code === ErrorCode.Provider) console.log(e.provider, e.status)
  console.log(e.message)
})

package dev.gigradar.examples.feed

import dev.gigradar.EventSet
import dev.gigradar.Profile
import dev.gigradar.SpotifyTerm
import dev.gigradar.dedup
import dev.gigradar.rank
import java.io.File
import java.util.Locale

/**
 * The ranked feed of the sample person in Highbury, London: listings merged with [dedup], a
 * taste profile from saved Spotify responses and a picks file, then [rank] with its reasons.
 *
 * Arguments (both optional): the data folder (`examples/data`) and the moment of ranking. The
 * default moment is 2026-12-02 18:00 UTC, where the sample listings are, not `Instant.now()`.
 * In an app, run this from `Dispatchers.IO`: every call blocks. Run by the JUnit tests in
 * bindings/mobile/kotlin-tests.
 */
fun main(args: Array<String>) {
    val data = File(args.getOrElse(0) { "examples/data" })
    val now = args.getOrElse(1) { "2026-12-02T18:00:00Z" }

    val listings = EventSet.fromJsonl(File(data, "sample_events.jsonl").readBytes())
    val merged = dedup(listings.events())
    val events = EventSet(merged.events)

    val profile = Profile()
    // The short-term response names its term in its `href`; say it anyway for the long one.
    profile.addSpotifyTop(File(data, "spotify_top_short_term.json").readBytes())
    profile.addSpotifyTop(File(data, "spotify_top_long_term.json").readBytes(), SpotifyTerm.LONG)
    profile.addSpotifyFollowed(File(data, "spotify_following.json").readBytes())
    profile.addPicks(File(data, "picks.json").readText())

    val feed = rank(profile, events, now, lat = 51.5465, lon = -0.1058, radiusKm = 25.0, k = 10u)
    println("${listings.len()} listings, ${events.len()} shows; the best ${feed.size} for you:")
    for ((i, ranked) in feed.withIndex()) {
        val event = ranked.event
        val place = event.venue?.name ?: "venue to be announced"
        println(String.format(Locale.ROOT, "%2d. %5.1f  %s @ %s, %s", i + 1, ranked.score, event.title, place, event.localDate ?: "date to be announced"))
        for (reason in ranked.reasons) {
            println(String.format(Locale.ROOT, "           %+5.1f  %s", reason.contribution, reason.text))
        }
    }
}

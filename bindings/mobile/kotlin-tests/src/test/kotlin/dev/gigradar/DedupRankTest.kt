package dev.gigradar

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream

/** dedup, mergeInto, Profile, EventSet and rank against the sample data in examples/data. */
class DedupRankTest {
    private val root = File(System.getProperty("gigradar.root") ?: "../../..").canonicalFile
    private val data = File(root, "examples/data")
    private val now = "2026-12-02T18:00:00Z"
    private val listings by lazy { EventSet.fromJsonl(File(data, "sample_events.jsonl").readBytes()) }

    private fun sampleProfile(): Profile {
        val profile = Profile()
        assertTrue(profile.addSpotifyTop(File(data, "spotify_top_short_term.json").readBytes()).isEmpty())
        profile.addSpotifyTop(File(data, "spotify_top_long_term.json").readBytes(), SpotifyTerm.LONG)
        profile.addSpotifyFollowed(File(data, "spotify_following.json").readBytes())
        profile.addPicks(File(data, "picks.json").readText())
        return profile
    }

    /** The first [n] sample shows listed again by Bandsintown (the sample has one listing per show). */
    private fun twins(n: Int): List<Event> = listings.events().take(n).mapIndexed { i, e ->
        e.copy(id = "bit-$i", title = e.title.uppercase(), sources = listOf(Source("bandsintown", "bit-$i", null, null)))
    }

    @Test
    fun dedupMergesListingsOfOneShowAndExplainsWhy() {
        val all = listings.events() + twins(3)
        val plain = dedup(all)
        assertEquals(28, plain.events.size)
        assertTrue(plain.merges.isEmpty(), "evidence only when asked")
        val explained = dedup(all, explain = true)
        assertEquals(plain.events, explained.events)
        assertEquals(3, explained.merges.size)
        for (merge in explained.merges) {
            val event = explained.events.single { it.id == merge.eventId }
            assertEquals(event.sources.map { "${it.provider}:${it.id}" }.sorted(), merge.sources.sorted())
            assertEquals(setOf("ticketmaster", "bandsintown"), event.sources.map { it.provider }.toSet())
            val pair = merge.pairs.single()
            assertTrue(pair.round >= 1u && pair.score in 0.5..1.0, pair.toString())
            val features = pair.features!!
            assertEquals(1.0, features.titleSimilarity, 1e-9)
            assertEquals(false, features.sameProvider)
            assertEquals(0L, features.startDiffMinutes)
        }
        // Every listing is in exactly one merged event.
        assertEquals(all.sumOf { it.sources.size }, plain.events.sumOf { it.sources.size })
    }

    @Test
    fun mergeIntoKeepsExistingIds() {
        val existing = dedup(listings.events()).events
        val result = mergeInto(existing, twins(2))
        assertEquals(existing.map { it.id }, result.events.map { it.id })
        assertEquals(2, result.merges.size)
        assertEquals(existing.sumOf { it.sources.size } + 2, result.events.sumOf { it.sources.size })
        assertTrue(result.aliases.isEmpty(), "no existing event was absorbed")
    }

    @Test
    fun aMalformedEventIsInvalidInputNamingIt() {
        val event = listings.event(0u)!!.copy(localDate = "the 4th")
        val error = assertThrows<GigradarException.InvalidInput> { dedup(listOf(event)) }
        assertTrue(error.reason.contains(event.id), error.reason)
        assertThrows<GigradarException.InvalidInput> { EventSet(listOf(event.copy(localDate = null, sources = listOf()))) }
    }

    @Test
    fun eventSetFromJsonlNamesTheBadLine() {
        assertEquals(28uL, listings.len())
        assertEquals(false, listings.isEmpty())
        assertEquals("Fred again.. - Ten Days Live", listings.event(0u)!!.title)
        assertNull(listings.event(28u))
        val good = File(data, "sample_events.jsonl").readText().lines().first()
        val error = assertThrows<GigradarException.InvalidInput> {
            EventSet.fromJsonl("$good\n\n{\"title\": 1}\n".toByteArray())
        }
        assertTrue(error.reason.contains("line 3"), error.reason)
    }

    @Test
    fun profilesRoundTripAndRejectBadInput() {
        val profile = sampleProfile()
        val again = Profile.fromJson(profile.toJson())
        assertEquals(profile.toJson(), again.toJson())
        assertThrows<GigradarException.InvalidInput> { Profile.fromJson("{\"artists\": 3}") }
        assertThrows<GigradarException.InvalidInput> { profile.addPicks("{\"favourite\": \"x\"}") }
        assertThrows<GigradarException.InvalidInput> { profile.addSpotifyTop("not json".toByteArray()) }
        assertThrows<GigradarException.InvalidInput> {
            profile.addFeedback(listings.event(0u)!!, FeedbackAction.SAVE, "last week")
        }
    }

    @Test
    fun rankGivesTheFeedWithReasonsThatSumToTheScore() {
        val set = EventSet(dedup(listings.events()).events)
        val feed = rank(sampleProfile(), set, now, 51.5465, -0.1058, radiusKm = 25.0, k = 10u)
        assertEquals(10, feed.size)
        assertTrue(feed.zipWithNext().all { (a, b) -> a.score >= b.score })
        for (ranked in feed) {
            assertEquals(ranked.score, ranked.reasons.sumOf { it.contribution }, 1e-6)
            assertEquals(ranked.event, set.event(ranked.index))
            assertTrue(ranked.event.title != "Coldplay - Music of the Spheres", "disliked never shown")
        }
        val artist = feed.flatMap { it.reasons }.first { it.kind == ReasonKind.ARTIST }
        assertNotNull(artist.artist)
        assertTrue(artist.source in setOf("picked", "spotify_top", "spotify_followed"))
        assertTrue(artist.role in setOf("headliner", "support"))
        assertNotNull(feed.flatMap { it.reasons }.firstOrNull { it.kind == ReasonKind.DISTANCE }?.distanceKm)
        assertNotNull(feed.flatMap { it.reasons }.firstOrNull { it.kind == ReasonKind.TIME }?.daysUntil)
    }

    @Test
    fun feedbackMovesAnEventAndHideRemovesIt() {
        val set = EventSet(dedup(listings.events()).events)
        val profile = sampleProfile()
        val before = rank(profile, set, now, 51.5465, -0.1058, k = 50u)
        val top = before.first().event
        profile.addFeedback(top, FeedbackAction.HIDE, "2026-12-02T17:00:00Z")
        val after = rank(profile, set, now, 51.5465, -0.1058, k = 50u)
        assertTrue(after.none { it.event.id == top.id })
        val saved = before.last().event
        profile.addFeedback(saved, FeedbackAction.SAVE, "2026-12-02T17:30:00Z")
        val boosted = rank(profile, set, now, 51.5465, -0.1058, k = 50u).first { it.event.id == saved.id }
        val reason = boosted.reasons.first { it.kind == ReasonKind.FEEDBACK && it.action == FeedbackAction.SAVE }
        assertTrue(reason.contribution > 0)
        assertTrue(boosted.score > before.last().score)
    }

    @Test
    fun invalidContextIsInvalidInput() {
        val profile = Profile()
        assertThrows<GigradarException.InvalidInput> { rank(profile, listings, "tomorrow", 51.5, -0.1) }
        assertThrows<GigradarException.InvalidInput> { rank(profile, listings, now, 95.0, -0.1) }
        assertThrows<GigradarException.InvalidInput> { rank(profile, listings, now, 51.5, -190.0) }
        assertThrows<GigradarException.InvalidInput> { rank(profile, listings, now, 51.5, -0.1, radiusKm = 0.0) }
        assertThrows<GigradarException.InvalidInput> { rankMany(listOf(profile), listings, now, 51.5, -0.1, radiusKm = Double.NaN) }
    }

    @Test
    fun weightsDefaultToCoresAndChangeTheScore() {
        assertEquals(defaultWeights(), Weights())
        val set = EventSet(dedup(listings.events()).events)
        val profile = sampleProfile()
        val plain = rank(profile, set, now, 51.5465, -0.1058)
        val noTime = rank(profile, set, now, 51.5465, -0.1058, weights = Weights(time = 0.0))
        assertTrue(noTime.flatMap { it.reasons }.none { it.kind == ReasonKind.TIME })
        assertTrue(plain.flatMap { it.reasons }.any { it.kind == ReasonKind.TIME })
    }

    @Test
    fun rankManyMatchesRankPerProfile() {
        val set = EventSet(dedup(listings.events()).events)
        val jazz = Profile()
        jazz.addPicks("{\"genres\": [\"jazz\"]}")
        val profiles = listOf(sampleProfile(), jazz, Profile())
        val many = rankMany(profiles, set, now, 51.5465, -0.1058, k = 5u)
        assertEquals(profiles.size, many.size)
        for ((profile, feed) in profiles.zip(many)) {
            assertEquals(rank(profile, set, now, 51.5465, -0.1058, k = 5u), feed)
        }
        assertTrue(many[0] != many[1])
    }

    @Test
    fun theRankedFeedExamplePrintsReasons() {
        val captured = ByteArrayOutputStream()
        val stdout = System.out
        System.setOut(PrintStream(captured, true, "UTF-8"))
        try {
            dev.gigradar.examples.feed.main(arrayOf(data.path))
        } finally {
            System.setOut(stdout)
        }
        val lines = captured.toString("UTF-8").trim().lines()
        assertTrue(lines[0].startsWith("28 listings, "), lines[0])
        assertTrue(lines[0].endsWith("the best 10 for you:"), lines[0])
        assertTrue(lines[1].startsWith(" 1. "), lines[1])
        // Each show is followed by its reasons, signed contributions and sentences.
        assertTrue(lines.count { Regex("^ {11}[+-] ?\\d+\\.\\d  \\S").containsMatchIn(it) } >= 10, lines.joinToString("\n"))
        assertTrue(lines.none { it.contains("Coldplay") })
    }
}

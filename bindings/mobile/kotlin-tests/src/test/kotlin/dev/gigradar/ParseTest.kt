package dev.gigradar

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream
import java.time.OffsetDateTime

class ParseTest {
    private val root = File(System.getProperty("gigradar.root") ?: "../../..").canonicalFile
    private val fixtures = File(root.parentFile, "shared/fixtures")

    @Test
    fun parsesARealTicketmasterPage() {
        val page = File(fixtures, "ticketmaster/events_la_keyword_2024.json")
        assumeTrue(page.isFile, "real provider payloads not found at $fixtures (read in place, never copied)")
        val result = parse("ticketmaster", page.readBytes())
        assertEquals(20, result.events.size)
        assertTrue(result.problems.isEmpty())
        val first = result.events[0]
        assertEquals("2024 IU HEREH WORLD TOUR CONCERT", first.title)
        assertEquals("Kia Forum", first.venue?.name)
        assertEquals("2024-08-02", first.localDate)
        assertEquals("America/Los_Angeles", first.timezone)
        assertEquals(OffsetDateTime.parse("2024-08-02T19:30:00-07:00"), OffsetDateTime.parse(first.start!!))
        assertEquals(listOf("IU"), first.performers.map { it.name })
        assertEquals("headliner", first.performers[0].role)
        assertEquals(listOf("ticketmaster"), first.sources.map { it.provider })
        for (event in result.events) {
            assertTrue(event.status in setOf("scheduled", "cancelled", "postponed", "rescheduled"))
        }
    }

    @Test
    fun aBadItemIsAProblemAndTheRestIsKept() {
        val page = """{"_embedded":{"events":[{"id":"G1","name":"Bicep","dates":{"start":{"localDate":"2026-05-01"}}},{"name":"no id"}]}}"""
        val result = parse("ticketmaster", page.toByteArray())
        assertEquals(listOf("Bicep"), result.events.map { it.title })
        assertEquals(1, result.problems.size)
        assertEquals(1u, result.problems[0].index)
        assertEquals(null, result.events[0].start)
    }

    @Test
    fun anUnknownProviderIsATypedError() {
        val error = assertThrows<GigradarException.UnknownProvider> { parse("myspace", "{}".toByteArray()) }
        assertTrue(error.reason.contains("myspace"))
    }

    @Test
    fun aPayloadThatIsNotJsonIsInvalidInput() {
        assertThrows<GigradarException.InvalidInput> { parse("ticketmaster", "not json".toByteArray()) }
        // Every gigradar error is one sealed type a caller can `when` over.
        val error: GigradarException = assertThrows<GigradarException> { parse("ticketmaster", ByteArray(0)) }
        assertNotNull(error.message)
    }

    @Test
    fun theKotlinExamplePrintsTheSampleEvents() {
        val sample = File(root, "examples/data/ticketmaster_sample.json")
        val captured = ByteArrayOutputStream()
        val stdout = System.out
        System.setOut(PrintStream(captured, true, "UTF-8"))
        try {
            dev.gigradar.examples.main(arrayOf(sample.path))
        } finally {
            System.setOut(stdout)
        }
        val lines = captured.toString("UTF-8").trim().lines()
        assertEquals(3, lines.size)
        assertTrue(lines[0].contains("Lowlight Parade: Northern Lights Tour @ Roundhouse"))
        assertTrue(lines[1].contains("[rescheduled]"))
        assertTrue(lines[2].startsWith("2026-05-21  Open Mic Comedy Night"))
    }
}

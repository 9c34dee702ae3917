package dev.gigradar

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.URLDecoder
import java.util.Collections
import java.util.concurrent.atomic.AtomicInteger

/**
 * The Fetcher against a Ticketmaster Discovery API on 127.0.0.1: the base URL replaces
 * `https://app.ticketmaster.com`, so requests arrive at `/discovery/v2/events.json`.
 */
class FetchTest {
    private val root = File(System.getProperty("gigradar.root") ?: "../../..").canonicalFile
    private val page = File(root, "examples/data/ticketmaster_sample.json").readBytes()
    private val key = "tm-key-0123456789"
    private val server: HttpServer = HttpServer.create(InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
    private val requests = AtomicInteger()
    private val keysSeen = Collections.synchronizedList(mutableListOf<String?>())
    private val base get() = "http://127.0.0.1:${server.address.port}"

    /** The first request is answered with [firstStatus] (a 429 says retry after 1 s), the rest with the page. */
    private fun serve(firstStatus: Int) {
        server.createContext("/discovery/v2/events.json") { exchange: HttpExchange ->
            val query = exchange.requestURI.rawQuery.orEmpty().split('&').associate {
                val (k, v) = (it.split('=', limit = 2) + "").take(2)
                k to URLDecoder.decode(v, "UTF-8")
            }
            keysSeen.add(query["apikey"])
            val n = requests.getAndIncrement()
            if (n == 0) {
                if (firstStatus == 429) exchange.responseHeaders.add("Retry-After", "1")
                val fault = """{"fault":{"faultstring":"try later","detail":{"errorcode":"x"}}}""".toByteArray()
                exchange.responseHeaders.add("Content-Type", "application/json")
                exchange.sendResponseHeaders(firstStatus, fault.size.toLong())
                exchange.responseBody.use { it.write(fault) }
            } else {
                exchange.responseHeaders.add("Content-Type", "application/json")
                exchange.sendResponseHeaders(200, page.size.toLong())
                exchange.responseBody.use { it.write(page) }
            }
        }
        server.start()
    }

    @AfterEach
    fun stop() = server.stop(0)

    private class Recorder : FetchObserver {
        val events = Collections.synchronizedList(mutableListOf<FetchEvent>())
        override fun onEvent(event: FetchEvent) {
            events.add(event)
        }
    }

    private fun ticketmaster(observer: FetchObserver?) =
        Fetcher(listOf(ProviderOverride("ticketmaster", baseUrl = base, key = Secret(key))), observer)

    private val query = FetchQuery(
        provider = "ticketmaster",
        from = "2026-05-01T00:00:00Z",
        to = "2026-06-01T00:00:00Z",
        keyword = "live",
    )

    @Test
    fun eventsArriveAfterA500AndStatsCountIt() {
        serve(500)
        val recorder = Recorder()
        val fetcher = ticketmaster(recorder)
        val batch = fetcher.fetch(query)

        assertEquals("ticketmaster", batch.provider)
        assertEquals(3, batch.events.size)
        assertEquals("Lowlight Parade: Northern Lights Tour", batch.events[0].title)
        assertTrue(batch.failures.isEmpty())
        assertEquals(1, batch.pages.size)
        assertEquals(page.size.toULong(), batch.pages[0].bytes)
        assertEquals(listOf(key, key), keysSeen.toList())

        val stats = fetcher.stats().providers.single { it.provider == "ticketmaster" }
        assertEquals(2uL, stats.requests)
        assertEquals(1uL, stats.retries)
        assertEquals(1uL, stats.serverErrors)
        assertEquals(0uL, stats.rateLimited)
        assertEquals(latencyBucketBoundsMs().size + 1, stats.latencyBuckets.size)
        assertEquals(2uL, stats.latencyBuckets.sum())
        assertTrue(stats.bytes >= page.size.toULong())

        val responses = recorder.events.filterIsInstance<FetchEvent.Response>()
        assertEquals(listOf(500.toUShort(), 200.toUShort()), responses.map { it.status })
        assertEquals(1, recorder.events.filterIsInstance<FetchEvent.Retry>().size)
        val progress = recorder.events.filterIsInstance<FetchEvent.Progress>()
        assertTrue(progress.isNotEmpty(), "progress after every page")
        assertEquals(batch.events.size.toULong(), progress.last().events)
        assertEquals(progress.last().events, progress.last().done)
        assertEquals(1uL, progress.last().pages)
        for (event in recorder.events) assertFalse(event.toString().contains(key), "$event")
        for (p in batch.pages) assertFalse(p.url.contains(key), p.url)
    }

    @Test
    fun a429IsWaitedOutAndCounted() {
        serve(429)
        val fetcher = ticketmaster(null)
        val batch = fetcher.fetch(query)
        assertEquals(3, batch.events.size)
        val stats = fetcher.stats().providers.single { it.provider == "ticketmaster" }
        assertEquals(1uL, stats.rateLimited)
        assertEquals(1uL, stats.retries)
        assertTrue(stats.waitedMs >= 900uL, "Retry-After: 1 was honoured (${stats.waitedMs} ms)")
    }

    @Test
    fun aPageThatNeverWorksIsAFailureNamingItsQuery() {
        server.createContext("/discovery/v2/events.json") { exchange ->
            requests.incrementAndGet()
            exchange.sendResponseHeaders(404, -1)
            exchange.close()
        }
        server.start()
        val recorder = Recorder()
        val batch = ticketmaster(recorder).fetch(query)
        assertTrue(batch.events.isEmpty())
        val failure = batch.failures.single()
        assertTrue(failure.query.contains("/discovery/v2/events.json"), failure.query)
        assertFalse(failure.query.contains(key) || failure.message.contains(key), failure.toString())
        assertEquals(1, recorder.events.filterIsInstance<FetchEvent.Failure>().size)
    }

    @Test
    fun keysNeverShowAndBadQueriesAreTyped() {
        val override = ProviderOverride("ticketmaster", baseUrl = "http://127.0.0.1:9", key = Secret(key))
        assertFalse(override.toString().contains(key), override.toString())
        assertThrows<GigradarException.UnknownProvider> { Fetcher(listOf(ProviderOverride("myspace"))) }
        assertThrows<GigradarException.InvalidInput> { Fetcher(listOf(ProviderOverride("seatgeek"))) }
        val fetcher = Fetcher(listOf(override))
        assertThrows<GigradarException.InvalidInput> { fetcher.fetch(query.copy(from = "soon")) }
        assertThrows<GigradarException.InvalidInput> { fetcher.fetch(query.copy(lat = 51.5)) }
        val error = assertThrows<GigradarException.InvalidInput> { fetcher.fetch(FetchQuery(provider = "songkick")) }
        assertFalse(error.toString().contains(key))
    }

    @Test
    fun anObserverThatThrowsAbortsTheFetchWithoutCrashing() {
        serve(500)
        val throwing = object : FetchObserver {
            override fun onEvent(event: FetchEvent) = throw IllegalStateException("observer bug")
        }
        assertThrows<InternalException> { ticketmaster(throwing).fetch(query) }
        // The library is still usable afterwards.
        assertEquals(3, ticketmaster(null).fetch(query).events.size)
    }
}

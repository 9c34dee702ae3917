package dev.gigradar

import com.sun.net.httpserver.HttpExchange
import com.sun.net.httpserver.HttpServer
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.URI
import java.net.URLDecoder
import java.util.Collections

/** Sign-in and signals against one server on 127.0.0.1 acting as Spotify's accounts and Web API. */
class SpotifyTest {
    private val root = File(System.getProperty("gigradar.root") ?: "../../..").canonicalFile
    private val data = File(root, "examples/data")
    private val server: HttpServer = HttpServer.create(InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
    private val base get() = "http://127.0.0.1:${server.address.port}"
    private val tokenForms = Collections.synchronizedList(mutableListOf<Map<String, String>>())
    private val bearers = Collections.synchronizedList(mutableListOf<String?>())
    private val access = "access-7f3a9c2e"
    private val refresh = "refresh-51b0d4e8"
    private val redirect = "http://127.0.0.1:8888/callback"

    private fun form(text: String): Map<String, String> = text.split('&').filter { it.isNotEmpty() }.associate {
        val (k, v) = (it.split('=', limit = 2) + "").take(2)
        URLDecoder.decode(k, "UTF-8") to URLDecoder.decode(v, "UTF-8")
    }

    private fun reply(exchange: HttpExchange, status: Int, body: ByteArray) {
        exchange.responseHeaders.add("Content-Type", "application/json")
        exchange.sendResponseHeaders(status, body.size.toLong())
        exchange.responseBody.use { it.write(body) }
    }

    private fun serve(codeAccepted: Boolean = true) {
        server.createContext("/api/token") { exchange ->
            val f = form(exchange.requestBody.readBytes().toString(Charsets.UTF_8))
            tokenForms.add(f)
            if (codeAccepted && f["code"] == "the-code") {
                reply(exchange, 200, """{"access_token":"$access","token_type":"Bearer","expires_in":3600,"refresh_token":"$refresh","scope":"user-top-read user-follow-read"}""".toByteArray())
            } else {
                reply(exchange, 400, """{"error":"invalid_grant","error_description":"Invalid authorization code"}""".toByteArray())
            }
        }
        server.createContext("/v1/me") { exchange ->
            bearers.add(exchange.requestHeaders.getFirst("Authorization"))
            val q = form(exchange.requestURI.rawQuery.orEmpty())
            val empty = """{"items":[],"next":null,"offset":${q["offset"] ?: "0"},"total":0}""".toByteArray()
            val body = when {
                exchange.requestURI.path == "/v1/me/following" -> File(data, "spotify_following.json").readBytes()
                (q["offset"] ?: "0") != "0" -> empty
                q["time_range"] == "short_term" -> File(data, "spotify_top_short_term.json").readBytes()
                q["time_range"] == "long_term" -> File(data, "spotify_top_long_term.json").readBytes()
                else -> empty
            }
            reply(exchange, 200, body)
        }
        server.start()
    }

    @AfterEach
    fun stop() = server.stop(0)

    /** What an app does with its platform's secret storage, kept in a field here. */
    private class HostStore : SpotifyTokenStore {
        var saved: SpotifyToken? = null
        var cleared = 0
        override fun load(): SpotifyToken? = saved
        override fun save(token: SpotifyToken) {
            saved = token
        }
        override fun clear() {
            saved = null
            cleared++
        }
    }

    private fun callback(signIn: SignIn, code: String = "the-code") = "$redirect?code=$code&state=${signIn.state}"

    @Test
    fun signInSavesTokensInTheHostStoreAndSignalsFeedAProfile() {
        serve()
        val store = HostStore()
        val spotify = Spotify("client-1", redirect, accountsBaseUrl = base, apiBaseUrl = base, tokenStore = store)
        val signIn = spotify.beginSignIn()
        val authorize = URI(signIn.authorizeUrl)
        assertEquals("$base/authorize", "${authorize.scheme}://${authorize.authority}${authorize.path}")
        val asked = form(authorize.rawQuery)
        assertEquals("client-1", asked["client_id"])
        assertEquals(redirect, asked["redirect_uri"])
        assertEquals("S256", asked["code_challenge_method"])
        assertEquals(signIn.state, asked["state"])

        spotify.finishSignIn(callback(signIn))
        val exchange = tokenForms.single()
        assertEquals("authorization_code", exchange["grant_type"])
        assertEquals("the-code", exchange["code"])
        assertEquals(43, exchange["code_verifier"]?.length)
        val token = store.saved!!
        assertEquals(access, token.accessToken())
        assertEquals(refresh, token.refreshToken())
        assertEquals(listOf("user-top-read", "user-follow-read"), token.scopes())
        assertTrue(token.expiresAtEpochSecs() > (System.currentTimeMillis() / 1000).toULong())
        assertFalse(token.toString().contains(access) || token.toString().contains(refresh), token.toString())

        val signals = spotify.signals()
        assertTrue(bearers.isNotEmpty() && bearers.all { it == "Bearer $access" })
        assertEquals(20, signals.top.size)
        assertEquals(TopArtist(signals.top[0].artist, SpotifyTerm.SHORT, 1u), signals.top[0])
        assertEquals("Fred again..", signals.top[0].artist.name)
        assertEquals(SpotifyTerm.LONG, signals.top.last().term)
        assertEquals(listOf("Bicep", "Fontaines D.C.", "Khruangbin", "Nils Frahm", "Little Simz", "Sault"), signals.followed.map { it.name })
        assertTrue(spotify.stats().providers.single { it.provider == "spotify" }.requests >= 5uL)

        val profile = Profile()
        profile.addSpotifySignals(signals)
        val set = EventSet.fromJsonl(File(data, "sample_events.jsonl").readBytes())
        val feed = rank(profile, set, "2026-12-02T18:00:00Z", 51.5465, -0.1058)
        val sources = feed.flatMap { it.reasons }.filter { it.kind == ReasonKind.ARTIST }.mapNotNull { it.source }.toSet()
        assertTrue(sources.containsAll(listOf("spotify_top", "spotify_followed")), sources.toString())
    }

    @Test
    fun tokensComeBackFromTheHostStore() {
        serve()
        val store = HostStore()
        store.saved = SpotifyToken(access, refresh, (System.currentTimeMillis() / 1000 + 3600).toULong(), listOf())
        val spotify = Spotify("client-1", redirect, base, base, store)
        assertEquals(6, spotify.signals().followed.size)
        assertTrue(tokenForms.isEmpty(), "a fresh stored token needs no refresh")
    }

    @Test
    fun failuresAreTyped() {
        serve(codeAccepted = false)
        val store = HostStore()
        val spotify = Spotify("client-1", redirect, base, base, store)
        assertThrows<GigradarException.ReauthRequired> { spotify.signals() }
        val signIn = spotify.beginSignIn()
        assertThrows<GigradarException.InvalidInput> { spotify.finishSignIn("$redirect?code=x&state=forged") }
        assertThrows<GigradarException.InvalidInput> { spotify.finishSignIn("$redirect?error=access_denied&state=${signIn.state}") }
        val again = spotify.beginSignIn()
        val error = assertThrows<GigradarException.ReauthRequired> { spotify.finishSignIn(callback(again, "revoked")) }
        assertFalse(error.reason.contains("revoked"), error.reason)
        assertNull(store.saved)
        // Without a host store the tokens live in memory only.
        assertThrows<GigradarException.ReauthRequired> { Spotify("client-1", redirect, base, base).signals() }
    }

    @Test
    fun aLongRateLimitAndAForbiddenAnswerAreTypedWithTheirNumbers() {
        var status = 429
        server.createContext("/v1/me") { exchange ->
            if (status == 429) exchange.responseHeaders.add("Retry-After", "3600")
            reply(exchange, status, """{"error":{"status":$status,"message":"no"}}""".toByteArray())
        }
        server.start()
        val store = HostStore()
        store.saved = SpotifyToken(access, refresh, (System.currentTimeMillis() / 1000 + 3600).toULong(), listOf())
        val spotify = Spotify("client-1", redirect, base, base, store)
        val limited = assertThrows<GigradarException.RateLimited> { spotify.signals() }
        assertEquals("spotify", limited.provider)
        assertTrue(limited.retryAfterSecs in 3590uL..3600uL, "${limited.retryAfterSecs}")
        status = 403
        val forbidden = assertThrows<GigradarException.Provider> { spotify.signals() }
        assertEquals(403.toUShort(), forbidden.status)
        assertFalse(forbidden.reason.contains(access) || limited.reason.contains(access))
    }
}

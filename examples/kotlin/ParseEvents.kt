package dev.gigradar.examples

import dev.gigradar.parse
import java.io.File

/**
 * Parse a Ticketmaster Discovery page and print its events, one line each.
 *
 * Run by the JUnit tests in bindings/mobile/kotlin-tests (see its README).
 */
fun main(args: Array<String>) {
    val page = File(args.getOrElse(0) { "examples/data/ticketmaster_sample.json" })
    val result = parse("ticketmaster", page.readBytes())
    for (event in result.events) {
        val place = event.venue?.name ?: "venue to be announced"
        val day = event.start ?: event.localDate ?: "date to be announced"
        val bill = event.performers.joinToString(", ") { it.name }.ifEmpty { "-" }
        println("$day  ${event.title} @ $place  [${event.status}]  $bill")
    }
    for (problem in result.problems) {
        System.err.println("skipped: ${problem.provider} item ${problem.index}: ${problem.message}")
    }
}

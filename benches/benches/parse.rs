//! Parsing throughput: events per second on a large Ticketmaster page.
//!
//! The page is built here from one realistic event of our own (venue, two attractions with
//! external links, classifications, price ranges, ten images, as the Discovery API sends them),
//! repeated with distinct ids, dates and coordinates. Run: `cargo bench -p gigradar-benches --bench parse`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use gigradar_providers::{Provider, parse};
use std::hint::black_box;

fn event(i: usize) -> String {
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    let lat = 40.0 + (i % 100) as f64 * 0.01;
    let images: Vec<String> = (0..10)
        .map(|k| {
            format!(
                r#"{{"ratio":"16_9","url":"https://s1.ticketm.net/dam/a/{i}/{k}_RETINA_PORTRAIT_16_9.jpg","width":{},"height":{},"fallback":false}}"#,
                100 * (k + 1),
                56 * (k + 1)
            )
        })
        .collect();
    format!(
        r#"{{"name":"Artist {i} - World Tour","type":"event","id":"vvG1{i:06}","test":false,
"url":"https://www.ticketmaster.com/event/0900605A{i:08X}","locale":"en-us","images":[{images}],
"sales":{{"public":{{"startDateTime":"2026-03-07T20:00:00Z","startTBD":false,"startTBA":false}}}},
"dates":{{"start":{{"localDate":"2026-{month:02}-{day:02}","localTime":"19:30:00","dateTime":"2026-{month:02}-{day:02}T23:30:00Z",
"dateTBD":false,"dateTBA":false,"timeTBA":false,"noSpecificTime":false}},"timezone":"America/New_York","status":{{"code":"onsale"}},"spanMultipleDays":false}},
"classifications":[{{"primary":true,"segment":{{"id":"KZFzniwnSyZfZ7v7nJ","name":"Music"}},"genre":{{"id":"KnvZfZ7vAeA","name":"Rock"}},
"subGenre":{{"id":"KZazBEonSMnZfZ7v6F1","name":"Pop"}},"type":{{"id":"KZAyXgnZfZ7v7nI","name":"Undefined"}},"subType":{{"id":"KZFzBErXgnZfZ7v7lJ","name":"Undefined"}},"family":false}}],
"priceRanges":[{{"type":"standard","currency":"USD","min":49.5,"max":129.5}}],
"_embedded":{{"venues":[{{"name":"Venue {v}","type":"venue","id":"KovZpZA{v:05}","timezone":"America/New_York","postalCode":"10001",
"city":{{"name":"New York"}},"state":{{"name":"New York","stateCode":"NY"}},"country":{{"name":"United States Of America","countryCode":"US"}},
"address":{{"line1":"{v} Broadway"}},"location":{{"longitude":"-73.99","latitude":"{lat:.4}"}}}}],
"attractions":[{{"name":"Artist {i}","type":"attraction","id":"K8vZ9{i:06}","externalLinks":{{"spotify":[{{"url":"https://open.spotify.com/artist/4ad2LbNDqsdEOjlNZuJ9y5"}}],
"musicbrainz":[{{"id":"c5a0a216-c33c-42dc-92b8-4b60236f8dad"}}],"homepage":[{{"url":"https://example.com/"}}]}},
"classifications":[{{"primary":true,"segment":{{"name":"Music"}},"genre":{{"name":"Rock"}},"subGenre":{{"name":"Pop"}}}}]}},
{{"name":"Support {i}","type":"attraction","id":"K8vZ8{i:06}"}}]}}}}"#,
        images = images.join(","),
        v = i % 500,
    )
}

fn page(n: usize) -> Vec<u8> {
    let events: Vec<String> = (0..n).map(event).collect();
    format!(
        r#"{{"_embedded":{{"events":[{}]}},"_links":{{"self":{{"href":"/discovery/v2/events.json?page=0&size={n}"}}}},"page":{{"size":{n},"totalElements":{n},"totalPages":1,"number":0}}}}"#,
        events.join(",")
    )
    .into_bytes()
}

fn bench_parse(c: &mut Criterion) {
    let n = 1000;
    let payload = page(n);
    let check = parse(Provider::Ticketmaster, &payload).expect("page parses");
    assert_eq!((check.events.len(), check.problems.len()), (n, 0));

    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("ticketmaster_page_1000_events", |b| {
        b.iter(|| parse(Provider::Ticketmaster, black_box(&payload)).expect("parses"))
    });
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);

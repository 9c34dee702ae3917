//! `gigradar fetch` end to end against a one-page Ticketmaster on 127.0.0.1.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;

const PAGE: &str = r#"{"_embedded":{"events":[
 {"id":"G1","name":"Bicep","type":"event","dates":{"start":{"localDate":"2026-05-01","localTime":"20:00:00"},"timezone":"Europe/London"}},
 {"id":"G2","name":"Floating Points","type":"event","dates":{"start":{"localDate":"2026-05-02","localTime":"21:00:00"},"timezone":"Europe/London"}}]},
 "_links":{"self":{"href":"/discovery/v2/events.json?page=0&size=200"}},
 "page":{"size":200,"totalElements":2,"totalPages":1,"number":0}}"#;

/// Answer every request with `status` and `body`; returns the base URL.
fn server(status: u16, body: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut s = stream.unwrap();
            let mut buf = [0u8; 8192];
            let _ = s.read(&mut buf);
            let _ = write!(
                s,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

fn gigradar(base: Option<&str>, key: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gigradar"));
    cmd.arg("fetch").args(args);
    cmd.env_remove("TICKETMASTER_API_KEY")
        .env_remove("GIGRADAR_TICKETMASTER_BASE_URL");
    if let Some(b) = base {
        cmd.env("GIGRADAR_TICKETMASTER_BASE_URL", b);
    }
    if let Some(k) = key {
        cmd.env("TICKETMASTER_API_KEY", k);
    }
    cmd.output().unwrap()
}

const TM: [&str; 8] = [
    "--provider",
    "ticketmaster",
    "--near",
    "51.5074,-0.1278",
    "--from",
    "2026-04-01",
    "--to",
    "2026-06-01",
];

#[test]
fn writes_events_as_json_lines() {
    let base = server(200, PAGE);
    let out = gigradar(Some(&base), Some("cli-key-1"), &TM);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{stdout}");
    assert!(lines[0].contains(r#""title":"Bicep""#));
}

#[test]
fn a_failed_provider_exits_1_without_showing_the_key() {
    let base = server(401, r#"{"fault":{"faultstring":"Invalid ApiKey"}}"#);
    let out = gigradar(Some(&base), Some("cli-key-SECRET"), &TM);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("401"), "{stderr}");
    assert!(!stderr.contains("cli-key-SECRET"), "{stderr}");
}

#[test]
fn bad_usage_exits_2() {
    let out = gigradar(None, None, &TM);
    assert_eq!(out.status.code(), Some(2), "no key set");
    assert!(String::from_utf8_lossy(&out.stderr).contains("TICKETMASTER_API_KEY"));
    let out = gigradar(
        None,
        Some("k"),
        &["--provider", "ticketmaster", "--near", "north"],
    );
    assert_eq!(out.status.code(), Some(2));
    let out = gigradar(None, Some("k"), &["--provider", "songkick"]);
    assert_eq!(out.status.code(), Some(2));
}

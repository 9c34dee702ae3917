//! `gigradar spotify login` end to end: the browser's redirect is played by the test, Spotify by
//! a loopback server.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};

fn read_request(s: &mut TcpStream) -> String {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = s.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf).into_owned();
        if let Some(i) = text.find("\r\n\r\n") {
            let length = text[..i]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if buf.len() >= i + 4 + length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// Spotify's accounts and Web API in one, one artist everywhere.
fn spotify_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut s = stream.unwrap();
            let req = read_request(&mut s);
            let target = req.split(' ').nth(1).unwrap_or("").to_owned();
            let artist =
                r#"{"id":"4Z8W4fKeB5YxbusRsdQVPb","name":"Radiohead","genres":[],"images":[]}"#;
            let body = if target.starts_with("/api/token") {
                assert!(
                    req.contains("grant_type=authorization_code") && req.contains("code_verifier="),
                    "{req}"
                );
                r#"{"access_token":"AT","token_type":"Bearer","expires_in":3600,"refresh_token":"RT"}"#.to_owned()
            } else if target.starts_with("/v1/me/top/artists") {
                format!(r#"{{"items":[{artist}],"next":null,"offset":0,"limit":50,"total":1}}"#)
            } else {
                format!(
                    r#"{{"artists":{{"items":[{artist}],"next":null,"cursors":{{"after":null}},"total":1}}}}"#
                )
            };
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

#[test]
fn login_then_signals_as_json_lines() {
    let base = spotify_server();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gigradar"))
        .args(["spotify", "login", "--port", "0"])
        .env("SPOTIFY_CLIENT_ID", "cli-client")
        .env("GIGRADAR_SPOTIFY_BASE_URL", &base)
        .env("GIGRADAR_SPOTIFY_API_BASE_URL", &base)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let authorize = loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "no authorize URL printed"
        );
        if line.starts_with(&base) {
            break line.trim().to_owned();
        }
    };
    let url = url::Url::parse(&authorize).unwrap();
    let q: std::collections::HashMap<String, String> = url.query_pairs().into_owned().collect();
    let redirect = url::Url::parse(&q["redirect_uri"]).unwrap();
    // The browser, sent back by Spotify.
    let mut browser =
        TcpStream::connect((redirect.host_str().unwrap(), redirect.port().unwrap())).unwrap();
    write!(
        browser,
        "GET /callback?code=abc&state={} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        q["state"]
    )
    .unwrap();
    let mut answer = String::new();
    browser.read_to_string(&mut answer).unwrap();
    assert!(answer.contains("Signed in"), "{answer}");

    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    // One profile, as `gigradar profile` writes it, ready for `gigradar rank --profile`.
    let profile = gigradar_core::profile::Profile::from_json(&stdout).unwrap();
    assert!(
        stdout.contains("Radiohead") && stdout.contains(r#""short_term""#),
        "{stdout}"
    );
    assert!(stdout.contains("spotify_followed"), "{stdout}");
    assert!(!profile.artists.is_empty());
}

#[test]
fn login_without_a_client_id_is_bad_usage() {
    let out = Command::new(env!("CARGO_BIN_EXE_gigradar"))
        .args(["spotify", "login", "--port", "0"])
        .env_remove("SPOTIFY_CLIENT_ID")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

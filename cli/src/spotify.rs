//! `gigradar spotify login`: sign in with Spotify in a browser, then print a profile built from
//! the listening signals (the JSON `gigradar profile` writes and `gigradar rank` reads).

use crate::{Failure, output};
use gigradar_core::profile::Profile;
use gigradar_providers::spotify::{MemoryTokenStore, Spotify, SpotifyConfig};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;

/// Spotify: sign in and read top and followed artists.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Sign in through a browser, then print a profile (JSON) built from top artists (all three
    /// time ranges) and followed artists; `gigradar rank --profile` reads it.
    ///
    /// Listens once on 127.0.0.1:PORT for Spotify's redirect (register
    /// http://127.0.0.1:PORT/callback in the app's settings). Needs SPOTIFY_CLIENT_ID; PKCE, so no
    /// client secret. Tokens are kept in memory for this run only.
    Login {
        /// The port of the one-shot redirect listener.
        #[arg(long, default_value_t = 8888)]
        port: u16,
    },
}

pub fn run(args: Args) -> Result<(), Failure> {
    match args.command {
        Command::Login { port } => login(port),
    }
}

fn login(port: u16) -> Result<(), Failure> {
    let client_id = std::env::var("SPOTIFY_CLIENT_ID")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .ok_or_else(|| Failure::input("spotify is not configured: set SPOTIFY_CLIENT_ID"))?;
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| Failure::input(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let mut config = SpotifyConfig::new(client_id.trim(), &redirect);
    if let Ok(base) = std::env::var("GIGRADAR_SPOTIFY_BASE_URL") {
        config.accounts_base_url = base.trim_end_matches('/').to_owned();
    }
    if let Ok(base) = std::env::var("GIGRADAR_SPOTIFY_API_BASE_URL") {
        config.api_base_url = base.trim_end_matches('/').to_owned();
    }
    let spotify = Spotify::new(config, Arc::new(MemoryTokenStore::default()));
    let start = spotify.begin_sign_in()?;
    eprintln!(
        "Open this address in a browser to sign in with Spotify:\n{}",
        start.authorize_url
    );

    // One request to /callback; anything else (a favicon) gets a 404 and we keep listening.
    let outcome = loop {
        let (stream, _) = listener
            .accept()
            .map_err(|e| Failure::input(format!("redirect listener failed: {e}")))?;
        let mut reader = BufReader::new(&stream);
        let mut line = String::new();
        if reader.read_line(&mut line).is_err() {
            continue;
        }
        let target = line.split(' ').nth(1).unwrap_or("/").to_owned();
        let mut writer = &stream;
        if !target.starts_with("/callback") {
            let _ = writer.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            continue;
        }
        let outcome = spotify.finish_sign_in(&format!("http://127.0.0.1:{port}{target}"));
        let page = match &outcome {
            Ok(()) => "Signed in to gigradar. You can close this tab.".to_owned(),
            Err(e) => format!("Sign-in failed: {e}"),
        };
        let _ = write!(
            writer,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
            page.len()
        );
        break outcome;
    };
    outcome?;
    eprintln!("signed in; reading top and followed artists");
    let signals = spotify.signals()?;
    // Straight into a profile, the same JSON `gigradar profile` writes: `gigradar rank --profile` reads it.
    let mut profile = Profile::default();
    signals.add_to(&mut profile);
    output::write_jsonl([profile.to_json()])
}

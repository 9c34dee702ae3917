//! `gigradar profile`: Spotify responses and a picks file in, one profile (JSON) out.

use crate::{Failure, input};
use gigradar_core::profile::{Picks, Profile, SpotifyTerm};
use std::path::PathBuf;

/// Build a taste profile from Spotify responses and explicit picks; write it (JSON) to stdout.
///
/// Every input is optional (no input gives an empty profile). Spotify responses are read exactly
/// as the Web API sends them: a top-artists paging object, a bare `items` array, or the
/// followed-artists `{"artists": {...}}` wrapper.
#[derive(clap::Args)]
#[command(after_help = "\
The term of a --spotify-top file is, in order: the TERM of `TERM=FILE` (short_term, medium_term,
long_term, or short, medium, long), else the `time_range=` in the response's `href`, else
medium_term (Spotify's default when a request names no time_range). Ranks continue from the
page's `offset`, so later pages of one term can be passed as more --spotify-top files.

Examples:
  gigradar profile --spotify-top short_term=top_short.json --spotify-top top_long.json \\
      --spotify-following following.json --picks picks.json > profile.json")]
pub struct Args {
    /// A `GET /me/top/artists` response, as `FILE` or `TERM=FILE`; repeat for each term or page.
    #[arg(long = "spotify-top", value_name = "[TERM=]FILE")]
    spotify_top: Vec<String>,
    /// A `GET /me/following?type=artist` response; repeat for more pages.
    #[arg(long = "spotify-following", value_name = "FILE")]
    spotify_following: Vec<PathBuf>,
    /// A picks file (JSON): liked and disliked artists and genres, home and radius.
    #[arg(long, value_name = "FILE")]
    picks: Option<PathBuf>,
}

/// `TERM=FILE` when the part before `=` is a term; otherwise the whole argument is a path.
fn split_term(arg: &str) -> (Option<SpotifyTerm>, PathBuf) {
    if let Some((t, path)) = arg.split_once('=')
        && let Some(term) = SpotifyTerm::parse(t)
    {
        return (Some(term), PathBuf::from(path));
    }
    (None, PathBuf::from(arg))
}

fn read_page(path: &std::path::Path) -> Result<gigradar_providers::spotify::ArtistPage, Failure> {
    let bytes = input::read_all(path)?;
    let page = gigradar_providers::spotify::parse_artists(&bytes)
        .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
    for p in &page.problems {
        eprintln!("problem: {}: {p}", path.display());
    }
    Ok(page)
}

pub fn run(args: Args) -> Result<(), Failure> {
    let mut profile = Profile::default();
    for arg in &args.spotify_top {
        let (term, path) = split_term(arg);
        let page = read_page(&path)?;
        let term = term.or(page.term).unwrap_or_else(|| {
            eprintln!(
                "note: {}: no term given or in the response; reading it as medium_term",
                path.display()
            );
            SpotifyTerm::Medium
        });
        profile.add_spotify_top(term, page.offset.saturating_add(1), &page.artists);
    }
    for path in &args.spotify_following {
        let page = read_page(path)?;
        profile.add_spotify_followed(&page.artists);
    }
    if let Some(path) = &args.picks {
        let bytes = input::read_all(path)?;
        let text = String::from_utf8_lossy(&bytes);
        let picks = Picks::from_json(&text)
            .map_err(|e| Failure::input(format!("{}: {e}", path.display())))?;
        profile.add_picks(&picks);
    }
    crate::output::write_jsonl([profile.to_json()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn term_prefix_or_plain_path() {
        assert_eq!(
            split_term("short_term=a.json"),
            (Some(SpotifyTerm::Short), PathBuf::from("a.json"))
        );
        assert_eq!(split_term("x=y.json"), (None, PathBuf::from("x=y.json")));
        assert_eq!(split_term("top.json"), (None, PathBuf::from("top.json")));
    }
}

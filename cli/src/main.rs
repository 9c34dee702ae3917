//! `gigradar`: the operator's command line.
//!
//! Conventions (DESIGN.md): data commands write JSON Lines on stdout; progress and problems go
//! to stderr; exit 0 ok, 1 a provider failed, 2 bad usage or input, 3 storage error, 75 busy.

mod dedup;
mod fetch;
mod input;
mod output;
mod parse;
mod profile;
mod rank;
mod spotify;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "gigradar",
    version,
    about = "Live-event discovery: turn provider listings into one catalogue of shows, and rank them for a person.",
    long_about = "gigradar turns the listings of Ticketmaster, Bandsintown, Eventbrite, DICE, SeatGeek and \
Songkick into one clean catalogue of shows (canonical events, JSON Lines), and ranks upcoming shows for a person.\n\n\
Data commands write JSON Lines on stdout; problems and progress go to stderr.\n\
Exit codes: 0 ok, 1 a provider failed, 2 bad usage or input, 3 storage error, 75 busy."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Parse(parse::Args),
    // Boxed: its many options would otherwise make every `Command` as large as it.
    Fetch(Box<fetch::Args>),
    Spotify(spotify::Args),
    Profile(profile::Args),
    Rank(rank::Args),
    Dedup(dedup::Args),
}

/// A command's failure: the exit code and a one-line reason for stderr.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Bad usage or input: exit 2.
    pub fn input(message: impl std::fmt::Display) -> Self {
        Failure {
            code: 2,
            message: message.to_string(),
        }
    }
}

impl From<gigradar_core::Error> for Failure {
    fn from(e: gigradar_core::Error) -> Self {
        use gigradar_core::Error as E;
        let code = match &e {
            E::InvalidInput(_) | E::UnknownProvider(_) | E::NotFound(_) => 2,
            E::Storage(_) => 3,
            E::RateLimited { .. } | E::Provider { .. } | E::Network(_) | E::ReauthRequired(_) => 1,
        };
        Failure {
            code,
            message: e.to_string(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(args),
        Command::Fetch(args) => fetch::run(*args),
        Command::Spotify(args) => spotify::run(args),
        Command::Profile(args) => profile::run(args),
        Command::Rank(args) => rank::run(args),
        Command::Dedup(args) => dedup::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("gigradar: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

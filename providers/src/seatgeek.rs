//! seatgeek payloads. (Parser lands in a follow-up commit.)

use gigradar_core::{Error, ParseOutcome};

pub fn parse(_payload: &[u8]) -> Result<ParseOutcome, Error> {
    Err(Error::invalid("the seatgeek parser is not implemented yet"))
}

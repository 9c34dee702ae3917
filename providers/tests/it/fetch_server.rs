//! A small HTTP/1.1 server on 127.0.0.1 for the fetch tests, and a transport that stamps each
#![allow(dead_code)] // shared by every fetch test module; not each uses every helper
//! request with the test's manual clock so the server judges rate limits on the client's time.

use gigradar_providers::http::{
    Clock, ManualClock, Request, Response, Transport, TransportError, UreqTransport,
    UreqTransportConfig,
};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// The header carrying the client's (manual) clock, in nanoseconds since the epoch.
pub const CLOCK_HEADER: &str = "X-Test-Clock";

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: HashMap<String, String>,
    /// The raw target, query included.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// When the client sent it, on the client's clock.
    pub at: SystemTime,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.get(name).map(String::as_str)
    }
}

/// How the server answers one request.
pub enum Reply {
    Json {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Declares the whole length, sends only `sent` bytes, and hangs up.
    CutOff { body: String, sent: usize },
    /// Says nothing for this long, then hangs up.
    Stall(Duration),
    /// The body gzip-compressed, with `Content-Encoding: gzip`.
    Gzip(String),
}

impl Reply {
    pub fn ok(body: String) -> Reply {
        Reply::Json {
            status: 200,
            headers: Vec::new(),
            body,
        }
    }
    pub fn status(status: u16, body: &str) -> Reply {
        Reply::Json {
            status,
            headers: Vec::new(),
            body: body.to_owned(),
        }
    }
    pub fn with_header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Json { headers, .. } = &mut self {
            headers.push((name.to_owned(), value.to_owned()));
        }
        self
    }
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

pub struct Server {
    pub base: String,
    log: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    pub fn start(handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let server_log = log.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (handler, log) = (handler.clone(), server_log.clone());
                std::thread::spawn(move || serve(stream, &*handler, &log));
            }
        });
        Server { base, log }
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }

    /// The most requests that arrived within any `window` (on the client's clock).
    pub fn max_in_window(&self, window: Duration) -> usize {
        let mut at: Vec<SystemTime> = self.seen().iter().map(|s| s.at).collect();
        at.sort();
        let mut best = 0;
        let mut lo = 0;
        for hi in 0..at.len() {
            while at[hi].duration_since(at[lo]).unwrap() >= window {
                lo += 1;
            }
            best = best.max(hi - lo + 1);
        }
        best
    }
}

fn serve(mut stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Seen>>) {
    let Some(seen) = read_request(&mut stream) else {
        return;
    };
    log.lock().unwrap().push(seen.clone());
    let reply = handler(&seen);
    let _ = match reply {
        Reply::Json {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            stream
                .write_all(head.as_bytes())
                .and_then(|()| stream.write_all(body.as_bytes()))
        }
        Reply::CutOff { body, sent } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream
                .write_all(head.as_bytes())
                .and_then(|()| stream.write_all(&body.as_bytes()[..sent.min(body.len())]))
        }
        Reply::Gzip(body) => {
            use flate2::{Compression, write::GzEncoder};
            let mut enc = GzEncoder::new(Vec::new(), Compression::default());
            enc.write_all(body.as_bytes()).unwrap();
            let zipped = enc.finish().unwrap();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                zipped.len()
            );
            stream
                .write_all(head.as_bytes())
                .and_then(|()| stream.write_all(&zipped))
        }
        Reply::Stall(d) => {
            std::thread::sleep(d);
            Ok(())
        }
    };
    let _ = stream.flush();
}

fn read_request(stream: &mut TcpStream) -> Option<Seen> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let url = url::Url::parse(&format!("http://x{target}")).ok()?;
    let query = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let at = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(CLOCK_HEADER))
        .and_then(|(_, v)| v.parse::<u64>().ok())
        .map(|ns| SystemTime::UNIX_EPOCH + Duration::from_nanos(ns))
        .unwrap_or_else(SystemTime::now);
    Some(Seen {
        method,
        path: url.path().to_owned(),
        query,
        target,
        headers,
        body,
        at,
    })
}

/// The default transport with each request stamped with the manual clock's time.
pub struct StampingTransport {
    pub inner: UreqTransport,
    pub clock: Arc<ManualClock>,
}

impl StampingTransport {
    pub fn new(clock: Arc<ManualClock>) -> Self {
        Self::with_timeout(clock, Duration::from_secs(5))
    }

    pub fn with_timeout(clock: Arc<ManualClock>, timeout: Duration) -> Self {
        let config = UreqTransportConfig {
            request_timeout: timeout,
            ..UreqTransportConfig::default()
        };
        StampingTransport {
            inner: UreqTransport::new(config),
            clock,
        }
    }
}

impl Transport for StampingTransport {
    fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let ns = self
            .clock
            .now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let stamped = request.clone().header(CLOCK_HEADER, ns.to_string());
        self.inner.send(&stamped)
    }
}

/// A seeded generator for fault plans.
pub struct Dice(u64);

impl Dice {
    pub fn new(seed: u64) -> Self {
        Dice(seed)
    }
    /// Uniform in [0, 1).
    pub fn roll(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

//! The benchmark data and prepared profile as flat little-endian arrays, for the Python baselines
//! (benches/rank_baseline.py), with Rust's own top 20 to compare against.

use gigradar_core::profile::{Profile, genre_key};
use gigradar_core::rank::{EventSet, RankContext, Ranked, Weights, genre_similarity, genres_for};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

fn write_bytes(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::File::create(dir.join(name))?.write_all(bytes)
}

fn f64s(v: &[f64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}
fn i64s(v: &[i64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}
fn u32s(v: &[u32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// Write `dir/{lat,lon}.f64`, `start.i64` (unix s), `g_off.u32`/`g_ids.u32` (genres per event),
/// `p_off.u32`/`p_artist.u32`/`p_support.u32` (performers), `artist_aff.f64` (per artist of the
/// pool, 0 when not liked), `genre_val.f64` (per genre of the vocabulary), `ids.txt`, `meta.json`.
pub fn write(
    dir: &Path,
    set: &EventSet,
    profile: &Profile,
    ctx: &RankContext,
    top: &[Ranked],
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let vocab = crate::genre_names();
    let gindex: HashMap<String, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, g)| (genre_key(g), i as u32))
        .collect();
    let artist_of = |name: &str| -> u32 {
        name.strip_prefix("Artist ")
            .and_then(|n| n.parse().ok())
            .expect("benchmark artists are named `Artist N`")
    };
    let events = set.events();
    let (mut lat, mut lon, mut start) = (Vec::new(), Vec::new(), Vec::new());
    let (mut g_off, mut g_ids) = (vec![0u32], Vec::new());
    let (mut p_off, mut p_artist, mut p_support) = (vec![0u32], Vec::new(), Vec::new());
    let mut ids = String::new();
    for e in events {
        let v = e.venue.as_ref().expect("benchmark events have venues");
        lat.push(v.lat.unwrap_or(0.0));
        lon.push(v.lon.unwrap_or(0.0));
        start.push(e.start.map_or(0, |s| s.timestamp()));
        g_ids.extend(e.genres.iter().map(|g| gindex[&genre_key(g)]));
        g_off.push(g_ids.len() as u32);
        for p in &e.performers {
            p_artist.push(artist_of(&p.name));
            p_support.push(u32::from(p.role == gigradar_core::Role::Support));
        }
        p_off.push(p_artist.len() as u32);
        ids.push_str(&e.id);
        ids.push('\n');
    }
    let mut artist_aff = vec![0.0f64; crate::ARTISTS];
    for a in &profile.artists {
        artist_aff[artist_of(&a.name) as usize] = a.affinity();
    }
    let tastes = genres_for(profile, set);
    let genre_val: Vec<f64> = vocab
        .iter()
        .map(|g| {
            let key = genre_key(g);
            let best = tastes
                .iter()
                .map(|t| t.affinity * genre_similarity(&key, &t.name))
                .fold(0.0f64, f64::max);
            best.max(0.0)
        })
        .collect();
    write_bytes(dir, "lat.f64", &f64s(&lat))?;
    write_bytes(dir, "lon.f64", &f64s(&lon))?;
    write_bytes(dir, "start.i64", &i64s(&start))?;
    write_bytes(dir, "g_off.u32", &u32s(&g_off))?;
    write_bytes(dir, "g_ids.u32", &u32s(&g_ids))?;
    write_bytes(dir, "p_off.u32", &u32s(&p_off))?;
    write_bytes(dir, "p_artist.u32", &u32s(&p_artist))?;
    write_bytes(dir, "p_support.u32", &u32s(&p_support))?;
    write_bytes(dir, "artist_aff.f64", &f64s(&artist_aff))?;
    write_bytes(dir, "genre_val.f64", &f64s(&genre_val))?;
    write_bytes(dir, "ids.txt", ids.as_bytes())?;
    let w = Weights::default();
    let meta = serde_json::json!({
        "events": events.len(),
        "now": ctx.now.timestamp(),
        "lat": ctx.lat, "lon": ctx.lon, "radius_km": ctx.radius_km,
        "k": ctx.k, "max_per_headliner": ctx.max_per_headliner,
        "weights": {
            "headliner": w.headliner, "support": w.support, "genre": w.genre,
            "distance": w.distance, "time": w.time, "time_scale_days": w.time_scale_days,
        },
        "rust_top": top.iter().map(|r| serde_json::json!({"id": r.event_id, "score": r.score})).collect::<Vec<_>>(),
    });
    write_bytes(dir, "meta.json", meta.to_string().as_bytes())
}

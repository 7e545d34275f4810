//! `report map --format svg`: a dot per division at its seat, its area proportional to the
//! signed amount, on an equirectangular projection of China's bounding box, with a title, a
//! graticule and a legend. Hand-laid SVG written with maud (circles and text need no chart
//! library): text stays text, every value is escaped, and the same rows give the same bytes.

use maud::{Markup, html};
use rusqlite::types::Value;

use crate::source::figure::format_yuan;
use crate::store::QueryResult;

/// China's bounding box in degrees (the map's edges).
const WEST: f64 = 73.0;
const EAST: f64 = 136.0;
const SOUTH: f64 = 3.0;
const NORTH: f64 = 54.0;
const WIDTH: f64 = 820.0;
/// Room left of the map for the latitudes, and above it for the title.
const LEFT: f64 = 44.0;
const TOP: f64 = 58.0;
/// Pixels per degree, the same along both axes (equirectangular).
const SCALE: f64 = (WIDTH - LEFT - 16.0) / (EAST - WEST);
const MAP_HEIGHT: f64 = (NORTH - SOUTH) * SCALE;
const LEGEND_HEIGHT: f64 = 110.0;
/// The largest amount's radius; a dot is never smaller than the least.
const MAX_RADIUS: f64 = 30.0;
const MIN_RADIUS: f64 = 2.5;
/// How many of the largest dots are named beside them.
const LABELLED: usize = 8;
const FONTS: &str =
    "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";

/// One division's dot.
struct Dot {
    x: f64,
    y: f64,
    name: String,
    amount: Option<i64>,
    events: i64,
}

fn project(longitude: f64, latitude: f64) -> (f64, f64) {
    (
        LEFT + (longitude - WEST) * SCALE,
        TOP + (NORTH - latitude) * SCALE,
    )
}

/// A coordinate as written in the SVG: one decimal, so the same rows give the same bytes.
fn px(v: f64) -> String {
    format!("{v:.1}")
}

fn dots(result: &QueryResult) -> Option<Vec<Dot>> {
    let at = |name: &str| result.columns.iter().position(|c| c == name);
    let (lon, lat, name, amount, events) = (
        at("longitude")?,
        at("latitude")?,
        at("division")?,
        at("signed_amount_yuan")?,
        at("events")?,
    );
    let mut dots: Vec<Dot> = result
        .rows
        .iter()
        .filter_map(|row| {
            let (Value::Real(x), Value::Real(y)) = (&row[lon], &row[lat]) else {
                return None;
            };
            let (x, y) = project(*x, *y);
            Some(Dot {
                x,
                y,
                name: match &row[name] {
                    Value::Text(t) => t.clone(),
                    _ => String::new(),
                },
                amount: match row[amount] {
                    Value::Integer(a) => Some(a),
                    _ => None,
                },
                events: match row[events] {
                    Value::Integer(n) => n,
                    _ => 0,
                },
            })
        })
        .collect();
    // The largest drawn first, so that a small dot is never hidden under a large one.
    dots.sort_by(|a, b| b.amount.cmp(&a.amount).then_with(|| a.name.cmp(&b.name)));
    Some(dots)
}

/// The radius whose disc's area is to the largest's as `amount` is to `max`.
fn radius(amount: Option<i64>, max: i64) -> f64 {
    match amount {
        #[allow(clippy::cast_precision_loss)]
        Some(a) if a > 0 && max > 0 => {
            (MAX_RADIUS * (a as f64 / max as f64).sqrt()).max(MIN_RADIUS)
        }
        _ => MIN_RADIUS,
    }
}

/// The map of the `map` report's rows (None when the rows are not that report's).
pub fn svg(result: &QueryResult) -> Option<String> {
    let dots = dots(result)?;
    let max = dots.iter().filter_map(|d| d.amount).max().unwrap_or(0);
    let height = (TOP + MAP_HEIGHT + LEGEND_HEIGHT).ceil();
    let events: i64 = dots.iter().map(|d| d.events).sum();
    let markup = html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(WIDTH) height=(height)
            viewBox={"0 0 " (WIDTH) " " (height)} style={"font-family:" (FONTS)} {
            rect width=(WIDTH) height=(height) fill="white" {}
            text x="12" y="24" font-size="16" {
                "Signed amount by county (億元): a dot per division at its seat, its area proportional to the amount"
            }
            text x="12" y="44" font-size="12" fill="#555" {
                (dots.len()) " divisions, " (events) " ceremonies · equirectangular projection, "
                (WEST) "–" (EAST) "°E, " (SOUTH) "–" (NORTH) "°N"
            }
            (graticule())
            @for d in &dots {
                @let r = radius(d.amount, max);
                @let hollow = d.amount.is_none_or(|a| a == 0);
                circle cx=(px(d.x)) cy=(px(d.y)) r=(px(r))
                    fill=(if hollow { "none" } else { "#3664a0" }) fill-opacity="0.55"
                    stroke="#1f3d66" stroke-width="0.8" {
                    title { (d.name) " " (d.amount.map_or_else(|| "amount not stated".to_string(), format_yuan)) }
                }
            }
            @for d in dots.iter().take(LABELLED).filter(|d| d.amount.is_some_and(|a| a > 0)) {
                text x=(px(d.x + radius(d.amount, max) + 3.0)) y=(px(d.y + 4.0)) font-size="12" {
                    (d.name) " " (d.amount.map(format_yuan).unwrap_or_default())
                }
            }
            (legend(max, TOP + MAP_HEIGHT + 34.0))
        }
    };
    Some(markup.into_string())
}

/// The frame, and a line every 10 degrees with its label.
fn graticule() -> Markup {
    let (x0, y0) = project(WEST, NORTH);
    let (x1, y1) = project(EAST, SOUTH);
    html! {
        rect x=(px(x0)) y=(px(y0)) width=(px(x1 - x0)) height=(px(y1 - y0))
            fill="#f3f6f9" stroke="#9aa8b5" stroke-width="0.8" {}
        g stroke="#d5dde5" stroke-width="0.6" {
            @for lon in (80..=130).step_by(10) {
                @let (x, _) = project(f64::from(lon), NORTH);
                line x1=(px(x)) y1=(px(y0)) x2=(px(x)) y2=(px(y1)) {}
            }
            @for lat in (10..=50).step_by(10) {
                @let (_, y) = project(WEST, f64::from(lat));
                line x1=(px(x0)) y1=(px(y)) x2=(px(x1)) y2=(px(y)) {}
            }
        }
        g font-size="12" fill="#555" {
            @for lon in (80..=130).step_by(10) {
                @let (x, _) = project(f64::from(lon), NORTH);
                text x=(px(x)) y=(px(y1 + 14.0)) text-anchor="middle" { (lon) "°E" }
            }
            @for lat in (10..=50).step_by(10) {
                @let (_, y) = project(WEST, f64::from(lat));
                text x=(px(x0 - 4.0)) y=(px(y + 4.0)) text-anchor="end" { (lat) "°N" }
            }
        }
    }
}

/// The largest 1, 2 or 5 × 10ⁿ yuan not above `amount` (266億 → 200億), for the legend.
fn round_down(amount: i64) -> i64 {
    let mut unit = 1_i64;
    while unit <= amount / 10 {
        unit *= 10;
    }
    [5, 2, 1]
        .into_iter()
        .map(|m| m * unit)
        .find(|v| *v <= amount)
        .unwrap_or(amount)
}

/// Three reference dots (round amounts near the largest, a quarter and a sixteenth of it) and
/// a hollow one.
fn legend(max: i64, y: f64) -> Markup {
    let mut sizes: Vec<i64> = [max, max / 4, max / 16]
        .into_iter()
        .filter(|a| *a > 0)
        .map(round_down)
        .collect();
    sizes.dedup();
    let cy = y + MAX_RADIUS + 4.0;
    html! {
        g font-size="12" {
            text x="12" y=(px(y)) { "Legend: dot area ∝ signed amount" }
            @for (i, amount) in sizes.iter().enumerate() {
                @let cx = 40.0 + 150.0 * i as f64;
                @let r = radius(Some(*amount), max);
                circle cx=(px(cx)) cy=(px(cy)) r=(px(r)) fill="#3664a0" fill-opacity="0.55"
                    stroke="#1f3d66" stroke-width="0.8" {}
                text x=(px(cx + r + 6.0)) y=(px(cy + 4.0)) { (format_yuan(*amount)) }
            }
            @let hx = 40.0 + 150.0 * sizes.len() as f64;
            circle cx=(px(hx)) cy=(px(cy)) r=(px(MIN_RADIUS)) fill="none" stroke="#1f3d66"
                stroke-width="0.8" {}
            text x=(px(hx + MIN_RADIUS + 6.0)) y=(px(cy + 4.0)) { "amount not stated" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_amounts_are_round() {
        assert_eq!(round_down(26_600_000_000), 20_000_000_000);
        assert_eq!(round_down(6_650_000_000), 5_000_000_000);
        assert_eq!(round_down(1_662_500_000), 1_000_000_000);
        assert_eq!(round_down(7), 5);
        assert_eq!(round_down(1), 1);
    }

    #[test]
    fn a_dot_is_placed_by_longitude_then_latitude() {
        // The map's corners are the bounding box's; 江津 (106.26°E, 29.29°N) is right of the
        // middle (104.5°E) and above it (28.5°N); 三亚 (109.5°E, 18.3°N) below it.
        assert_eq!(project(WEST, NORTH), (LEFT, TOP));
        let (x, y) = project(106.26, 29.29);
        let (cx, cy) = project(104.5, 28.5);
        assert!(x > cx && y < cy);
        assert!(project(109.5, 18.3).1 > cy);
        assert!((radius(Some(25), 100) - MAX_RADIUS / 2.0).abs() < 1e-9);
    }
}

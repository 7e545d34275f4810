//! Events as GeoJSON (RFC 7946) for `export --geojson`: one Point per event at the seat of its
//! place's division today, its figures as properties, so that QGIS or geojson.io read the file
//! as it is. Positions are longitude then latitude (WGS 84), with no `crs` member (RFC 7946 §4).

use rusqlite::types::Value;
use serde_json::{Map, Value as Json, json};

use crate::store::QueryResult;

/// Every event with its place's division and that division's seat today. `code` is the code
/// the place carries (valid on the event's date); `province` and `prefecture` are today's, as
/// the seat is; a county directly under its province has no prefecture. An event whose place has
/// no division with a seat has NULL coordinates.
pub const EVENTS_SQL: &str = "
SELECT e.event_id,
       e.name                AS event,
       e.held_on,
       e.kind,
       p.name                AS place,
       d.division_code       AS code,
       d.today_code,
       d.province_today      AS province,
       d.prefecture_today    AS prefecture,
       e.project_count,
       e.signed_amount_yuan,
       s.url                 AS source_url,
       d.longitude,
       d.latitude
  FROM events e
  JOIN places p ON p.place_id = e.place_id
  JOIN sources s ON s.source_id = e.source_id
  LEFT JOIN place_divisions d ON d.place_id = e.place_id
 ORDER BY e.held_on, e.event_id";

fn json(value: &Value) -> Json {
    match value {
        Value::Null => Json::Null,
        Value::Integer(n) => json!(n),
        Value::Real(x) => json!(x),
        Value::Text(t) => json!(t),
        Value::Blob(b) => json!(String::from_utf8_lossy(b)),
    }
}

/// The FeatureCollection of the rows of [`EVENTS_SQL`] that have a position, and how many rows
/// had none (left out).
pub fn feature_collection(result: &QueryResult) -> (Json, usize) {
    let at = |name: &str| result.columns.iter().position(|c| c == name);
    let (Some(lon), Some(lat)) = (at("longitude"), at("latitude")) else {
        return (json!({ "type": "FeatureCollection", "features": [] }), 0);
    };
    let mut features = Vec::with_capacity(result.rows.len());
    let mut left_out = 0;
    for row in &result.rows {
        let (Value::Real(x), Value::Real(y)) = (&row[lon], &row[lat]) else {
            left_out += 1;
            continue;
        };
        let properties: Map<String, Json> = result
            .columns
            .iter()
            .zip(row)
            .enumerate()
            .filter(|(i, _)| *i != lon && *i != lat)
            .map(|(_, (name, value))| (name.clone(), json(value)))
            .collect();
        features.push(json!({
            "type": "Feature",
            "geometry": { "type": "Point", "coordinates": [x, y] },
            "properties": properties,
        }));
    }
    (
        json!({ "type": "FeatureCollection", "features": features }),
        left_out,
    )
}

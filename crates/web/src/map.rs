//! The map of England: district boundaries (ONS GeoJSON, WGS84) merged into one shape per
//! upper-tier LA, projected and simplified once at start-up, then coloured per request.
//!
//! Steps, once: read the districts and the district → upper-tier lookup from the reference
//! folder; keep English districts; for each upper-tier code find the LA
//! (`lacs_authorities::by_gss`); dissolve the districts of one LA into its outline by dropping
//! the borders they share (the boundaries are topologically clean: a shared border is the
//! same edge walked both ways); project (equirectangular, true to scale at 53°N); simplify
//! every ring (Douglas–Peucker, tolerance one unit of a 1000-wide map); write SVG path data
//! with whole-number coordinates. London's 33 boroughs are too small to find at that scale,
//! so they are drawn in an enlarged inset instead, and the main map shows London as one grey
//! outline.

use std::fmt::Write;
use std::collections::HashMap;
use std::path::Path;

use lacs_domain::{AuthorityId, OfstedRegion};
use maud::{html, Markup};

use crate::pages::components::svg_patterns;

/// England's main map is this wide in SVG units.
const MAP_W: f64 = 1000.0;
/// The inset's left edge and width (it sits over the North Sea, top right).
const INSET_X: f64 = 800.0;
const INSET_W: f64 = 500.0;
const INSET_Y: f64 = 20.0;
/// Douglas–Peucker tolerance, in SVG units.
const TOLERANCE: f64 = 1.0;
/// Rings smaller than this (square units) are dropped (rocks and small islands).
const MIN_RING_AREA: f64 = 3.0;
/// The latitude at which the projection is true to scale.
const LAT0: f64 = 53.0;

/// One LA's shape.
#[derive(Debug, Clone)]
pub struct LaShape {
    pub urn: AuthorityId,
    /// SVG path data.
    pub path: String,
    /// Drawn in the London inset.
    pub inset: bool,
}

/// The map's geometry, built once.
#[derive(Debug, Clone)]
pub struct MapGeometry {
    /// By name of the LA, so the keyboard goes through them in a findable order.
    pub shapes: Vec<LaShape>,
    /// London as one outline on the main map.
    pub london: String,
    pub width: f64,
    pub height: f64,
    /// The inset's frame: x, y, width, height.
    pub inset_frame: (f64, f64, f64, f64),
    /// Districts whose upper-tier code names no LA in the register (Isles of Scilly).
    pub unmatched: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error("{path}: {message}")]
    File { path: String, message: String },
}

type Pt = (i64, i64);
const Q: f64 = 1e7;

fn quant(c: &serde_json::Value) -> Option<Pt> {
    let a = c.as_array()?;
    Some(((a.first()?.as_f64()? * Q).round() as i64, (a.get(1)?.as_f64()? * Q).round() as i64))
}

/// Reads the reference files and builds the geometry.
pub fn load(dir: &Path) -> Result<MapGeometry, MapError> {
    let geo_path = dir.join("local_authority_districts_boundaries.json");
    let lookup_path = dir.join("LTLA-UTLA_Apr23_Lookup_England-Wales.csv");
    let file_err = |p: &Path, m: String| MapError::File { path: p.display().to_string(), message: m };
    let geo_text = std::fs::read_to_string(&geo_path).map_err(|e| file_err(&geo_path, e.to_string()))?;
    let lookup_text = std::fs::read_to_string(&lookup_path).map_err(|e| file_err(&lookup_path, e.to_string()))?;
    build(&geo_text, &lookup_text).map_err(|m| file_err(dir, m))
}

/// Builds the geometry from the GeoJSON text and the lookup CSV text.
pub fn build(geojson: &str, lookup_csv: &str) -> Result<MapGeometry, String> {
    let lookup = parse_lookup(lookup_csv)?;
    let geo: serde_json::Value = serde_json::from_str(geojson).map_err(|e| format!("not GeoJSON: {e}"))?;
    let features = geo["features"].as_array().ok_or("GeoJSON without features")?;

    // Rings of each LA (quantized lon/lat), and of London as a whole.
    let mut rings_by_la: HashMap<AuthorityId, Vec<Vec<Pt>>> = HashMap::new();
    let mut district_count: HashMap<AuthorityId, usize> = HashMap::new();
    let mut london: Vec<Vec<Pt>> = Vec::new();
    let mut unmatched = Vec::new();
    for f in features {
        let props = &f["properties"];
        let code = props["LAD23CD"].as_str().or_else(|| props["LAD22CD"].as_str()).unwrap_or("");
        if !code.starts_with('E') {
            continue;
        }
        let utla = lookup.get(code).map(String::as_str).unwrap_or(code);
        let Some(a) = lacs_authorities::by_gss(utla) else {
            unmatched.push(code.to_string());
            continue;
        };
        let geom = &f["geometry"];
        let polys: Vec<&serde_json::Value> = match geom["type"].as_str() {
            Some("Polygon") => vec![&geom["coordinates"]],
            Some("MultiPolygon") => geom["coordinates"].as_array().map(|v| v.iter().collect()).unwrap_or_default(),
            _ => continue,
        };
        let rings = rings_by_la.entry(a.urn).or_default();
        *district_count.entry(a.urn).or_default() += 1;
        for p in polys {
            for r in p.as_array().into_iter().flatten() {
                let mut ring: Vec<Pt> = r.as_array().into_iter().flatten().filter_map(quant).collect();
                ring.dedup();
                if ring.len() >= 4 {
                    if ring.first() != ring.last() {
                        let first = ring[0];
                        ring.push(first);
                    }
                    if a.ofsted_region == OfstedRegion::London {
                        london.push(ring.clone());
                    }
                    rings.push(ring);
                }
            }
        }
    }
    if rings_by_la.is_empty() {
        return Err("no English district matched an LA".into());
    }

    // Projection: equirectangular, scaled to MAP_W.
    let k = LAT0.to_radians().cos();
    let (mut minx, mut maxx, mut miny, mut maxy) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for rings in rings_by_la.values() {
        for r in rings {
            for &(lon, lat) in r {
                let (x, y) = (lon as f64 / Q * k, lat as f64 / Q);
                minx = minx.min(x);
                maxx = maxx.max(x);
                miny = miny.min(y);
                maxy = maxy.max(y);
            }
        }
    }
    let scale = MAP_W / (maxx - minx);
    let project = |p: Pt| -> (f64, f64) {
        ((p.0 as f64 / Q * k - minx) * scale, (maxy - p.1 as f64 / Q) * scale)
    };
    let height = (maxy - miny) * scale;

    // London's frame, for the inset.
    let (mut lminx, mut lmaxx, mut lminy, mut lmaxy) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for r in &london {
        for &p in r {
            let (x, y) = project(p);
            lminx = lminx.min(x);
            lmaxx = lmaxx.max(x);
            lminy = lminy.min(y);
            lmaxy = lmaxy.max(y);
        }
    }
    let have_london = lminx < lmaxx;
    let iscale = if have_london { INSET_W / (lmaxx - lminx) } else { 1.0 };
    let inset_h = if have_london { (lmaxy - lminy) * iscale } else { 0.0 };
    let to_inset = |(x, y): (f64, f64)| (INSET_X + (x - lminx) * iscale, INSET_Y + (y - lminy) * iscale);

    let mut shapes = Vec::new();
    for (urn, rings) in &rings_by_la {
        let a = lacs_authorities::by_urn(*urn).expect("matched above");
        let outline = if district_count[urn] > 1 { dissolve(rings) } else { rings.clone() };
        let inset = a.ofsted_region == OfstedRegion::London && have_london;
        let projected: Vec<Vec<(f64, f64)>> = outline
            .iter()
            .map(|r| r.iter().map(|&p| if inset { to_inset(project(p)) } else { project(p) }).collect())
            .collect();
        let path = path_data(&projected);
        if !path.is_empty() {
            shapes.push(LaShape { urn: *urn, path, inset });
        }
    }
    shapes.sort_by(|a, b| {
        let name = |u| lacs_authorities::by_urn(u).map_or("", |a| a.name.as_str());
        name(a.urn).cmp(name(b.urn))
    });
    let london_outline = if have_london {
        let rings: Vec<Vec<(f64, f64)>> =
            dissolve(&london).iter().map(|r| r.iter().map(|&p| project(p)).collect()).collect();
        path_data(&rings)
    } else {
        String::new()
    };
    unmatched.sort();
    Ok(MapGeometry {
        shapes,
        london: london_outline,
        width: INSET_X + INSET_W + 10.0,
        height: height.max(INSET_Y + inset_h) + 10.0,
        inset_frame: (INSET_X - 8.0, INSET_Y - 8.0, INSET_W + 16.0, inset_h + 16.0),
        unmatched,
    })
}

/// District code → upper-tier code.
fn parse_lookup(text: &str) -> Result<HashMap<String, String>, String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().map_err(|e| e.to_string())?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim().to_ascii_uppercase().starts_with(name));
    let (Some(l), Some(u)) = (col("LTLA"), col("UTLA")) else {
        return Err("lookup without LTLA and UTLA columns".into());
    };
    let mut map = HashMap::new();
    for rec in r.records() {
        let rec = rec.map_err(|e| e.to_string())?;
        if let (Some(a), Some(b)) = (rec.get(l), rec.get(u)) {
            map.insert(a.trim().to_string(), b.trim().to_string());
        }
    }
    Ok(map)
}

/// The outline of several rings that share borders: every edge walked both ways is dropped,
/// and what is left is chained back into rings.
fn dissolve(rings: &[Vec<Pt>]) -> Vec<Vec<Pt>> {
    let mut count: HashMap<(Pt, Pt), i32> = HashMap::new();
    for r in rings {
        for w in r.windows(2) {
            *count.entry((w[0], w[1])).or_default() += 1;
        }
    }
    let mut edges: Vec<(Pt, Pt)> = Vec::new();
    for r in rings {
        for w in r.windows(2) {
            let (a, b) = (w[0], w[1]);
            if count.get(&(b, a)).copied().unwrap_or(0) > 0 {
                continue;
            }
            edges.push((a, b));
        }
    }
    let mut from: HashMap<Pt, Vec<usize>> = HashMap::new();
    for (i, e) in edges.iter().enumerate() {
        from.entry(e.0).or_default().push(i);
    }
    let mut used = vec![false; edges.len()];
    let mut out = Vec::new();
    for start in 0..edges.len() {
        if used[start] {
            continue;
        }
        used[start] = true;
        let mut ring = vec![edges[start].0, edges[start].1];
        let origin = edges[start].0;
        let mut at = edges[start].1;
        while at != origin {
            let next = from.get(&at).and_then(|v| v.iter().copied().find(|&i| !used[i]));
            let Some(n) = next else { break };
            used[n] = true;
            at = edges[n].1;
            ring.push(at);
        }
        if ring.len() >= 4 {
            out.push(ring);
        }
    }
    out
}

/// Douglas–Peucker on an open polyline; keeps both ends.
fn simplify(points: &[(f64, f64)], tol: f64) -> Vec<(f64, f64)> {
    if points.len() < 3 {
        return points.to_vec();
    }
    let mut keep = vec![false; points.len()];
    keep[0] = true;
    keep[points.len() - 1] = true;
    let mut stack = vec![(0usize, points.len() - 1)];
    while let Some((a, b)) = stack.pop() {
        if b <= a + 1 {
            continue;
        }
        let (p, q) = (points[a], points[b]);
        let (dx, dy) = (q.0 - p.0, q.1 - p.1);
        let len = (dx * dx + dy * dy).sqrt();
        let mut best = (0.0, a);
        for (i, &r) in points.iter().enumerate().take(b).skip(a + 1) {
            let d = if len == 0.0 {
                ((r.0 - p.0).powi(2) + (r.1 - p.1).powi(2)).sqrt()
            } else {
                ((r.0 - p.0) * dy - (r.1 - p.1) * dx).abs() / len
            };
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.0 > tol {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    points.iter().zip(keep).filter_map(|(p, k)| k.then_some(*p)).collect()
}

fn area(r: &[(f64, f64)]) -> f64 {
    r.windows(2).map(|w| w[0].0 * w[1].1 - w[1].0 * w[0].1).sum::<f64>().abs() / 2.0
}

/// SVG path data of closed rings: simplified, small rings dropped, whole-number coordinates.
fn path_data(rings: &[Vec<(f64, f64)>]) -> String {
    let mut d = String::new();
    for r in rings {
        if r.len() < 4 || area(r) < MIN_RING_AREA {
            continue;
        }
        // Split the closed ring at its farthest point from the start so both halves simplify
        // with fixed ends.
        let far = (1..r.len() - 1)
            .max_by(|&i, &j| {
                let di = (r[i].0 - r[0].0).powi(2) + (r[i].1 - r[0].1).powi(2);
                let dj = (r[j].0 - r[0].0).powi(2) + (r[j].1 - r[0].1).powi(2);
                di.total_cmp(&dj)
            })
            .unwrap_or(1);
        let mut pts = simplify(&r[..=far], TOLERANCE);
        pts.pop();
        pts.extend(simplify(&r[far..], TOLERANCE));
        let mut ints: Vec<(i64, i64)> = pts.iter().map(|p| (p.0.round() as i64, p.1.round() as i64)).collect();
        ints.dedup();
        if ints.first() == ints.last() {
            ints.pop();
        }
        if ints.len() < 3 {
            continue;
        }
        // Relative moves after the first point: shorter numbers.
        let (x0, y0) = ints[0];
        let _ = write!(d, "M{x0} {y0}l");
        let mut prev = ints[0];
        for (i, &(x, y)) in ints.iter().enumerate().skip(1) {
            let (dx, dy) = (x - prev.0, y - prev.1);
            if i > 1 && dx >= 0 {
                d.push(' ');
            }
            let _ = write!(d, "{dx}");
            if dy >= 0 {
                d.push(' ');
            }
            let _ = write!(d, "{dy}");
            prev = (x, y);
        }
        d.push('Z');
    }
    d
}

/// What one LA looks like on the map.
pub struct MapInfo {
    pub href: String,
    /// Name and grade in words: the link's title, and the label shown on hover and focus.
    pub name: String,
    pub grade_text: String,
    /// SVG fill (colour or texture).
    pub paint: String,
}

impl MapGeometry {
    /// The map as inline SVG: one link per LA (the districts of an LA, and LAs that stood for
    /// one council on the date, merged), in name order, each with its name and grade.
    /// `info` gives, for a current LA's URN, the key of the LA it stands for on the date
    /// (itself, or the council it replaced) and how to draw it.
    pub fn svg(&self, title: &str, info: impl Fn(AuthorityId) -> (AuthorityId, MapInfo)) -> Markup {
        // Group shapes by the LA they stand for, keeping name order.
        let mut groups: Vec<(AuthorityId, MapInfo, String, String)> = Vec::new();
        for s in &self.shapes {
            let (key, mi) = info(s.urn);
            let slot = match groups.iter().position(|g| g.0 == key) {
                Some(i) => i,
                None => {
                    groups.push((key, mi, String::new(), String::new()));
                    groups.len() - 1
                }
            };
            let target = if s.inset { &mut groups[slot].3 } else { &mut groups[slot].2 };
            target.push_str(&s.path);
        }
        groups.sort_by(|a, b| a.1.name.cmp(&b.1.name));
        let (w, h) = (self.width.round(), self.height.round());
        // The hover and focus label sits in the English Channel, bottom right.
        let (lx, ly) = (430.0, h - 96.0);
        let label_w = |mi: &MapInfo| (mi.name.chars().count().max(mi.grade_text.chars().count()) as f64 * 17.0 + 36.0).min(w - lx - 4.0);
        html! {
            svg.map viewBox={ "0 0 " (w) " " (h) } role="group" aria-labelledby="map-t" {
                title id="map-t" { (title) }
                (svg_patterns())
                @if !self.london.is_empty() {
                    @let (fx, fy, fw, fh) = self.inset_frame;
                    g aria-hidden="true" {
                        path.london d=(self.london) {}
                        rect.inset x=(fx.round()) y=(fy.round()) width=(fw.round()) height=(fh.round()) {}
                        text.map-note x=((fx + 6.0).round()) y=((fy + fh + 30.0).round()) { "London, enlarged" }
                    }
                }
                @for (_, mi, main, inset) in &groups {
                    a href=(mi.href) class="la" {
                        title { (mi.name) ": " (mi.grade_text) }
                        path d={ (main) (inset) } fill=(mi.paint) {}
                        g.lbl aria-hidden="true" transform={ "translate(" (lx) " " (ly) ")" } {
                            rect width=(label_w(mi).round()) height="82" rx="6" {}
                            text x="16" y="34" class="lbl-name" { (mi.name) }
                            text x="16" y="68" { (mi.grade_text) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dissolve_drops_the_shared_border() {
        // Two unit squares side by side, each walked anticlockwise.
        let s = |x: i64| vec![(x, 0), (x + 1, 0), (x + 1, 1), (x, 1), (x, 0)];
        let out = dissolve(&[s(0), s(1)]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].len(), 7, "{:?}", out[0]); // 6 corners, closed
    }

    #[test]
    fn simplify_keeps_corners_and_drops_collinear_points() {
        let line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (2.0, 5.0)];
        assert_eq!(simplify(&line, 0.5), vec![(0.0, 0.0), (2.0, 0.0), (2.0, 5.0)]);
    }

    #[test]
    fn builds_from_a_tiny_geojson() {
        let geo = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"LAD23CD":"E08000016"},"geometry":{"type":"Polygon","coordinates":[[[-1.8,53.5],[-1.3,53.5],[-1.3,53.6],[-1.8,53.6],[-1.8,53.5]]]}},
          {"type":"Feature","properties":{"LAD23CD":"E09000012"},"geometry":{"type":"Polygon","coordinates":[[[-0.1,51.5],[0.0,51.5],[0.0,51.6],[-0.1,51.6],[-0.1,51.5]]]}},
          {"type":"Feature","properties":{"LAD23CD":"S12000033"},"geometry":{"type":"Polygon","coordinates":[[[-2,57],[-1,57],[-1,58],[-2,57]]]}}
        ]}"#;
        let lookup = "\u{feff}LTLA23CD,LTLA23NM,UTLA23CD\nE08000016,Barnsley,E08000016\nE09000012,Hackney,E09000012\n";
        let m = build(geo, lookup).unwrap();
        assert_eq!(m.shapes.len(), 2);
        assert_eq!(m.shapes[0].urn, 80426);
        assert!(!m.shapes[0].inset && m.shapes[1].inset);
        assert!(m.shapes[0].path.starts_with('M') && m.shapes[0].path.ends_with('Z'));
        assert!(!m.london.is_empty());
    }
}

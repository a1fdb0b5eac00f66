//! Where scatter point labels go: beside their point where they hide no other label
//! and no marker, or a little further out with a thin leader line.

use super::canvas::{Anchor, Canvas, Rect};
use super::error::ChartError;
use super::style::{INK, LEADER, POINT_FONT};

/// Space between a marker's edge and its label.
pub(super) const LABEL_GAP: i32 = 4;
/// How much further out each ring of candidate positions lies.
const RING_STEP: i32 = 16;
const RINGS: i32 = 10;

/// A possible place for a label.
struct Candidate {
    at: (i32, i32),
    anchor: Anchor,
    rect: Rect,
}

/// Candidate places for a label `w` pixels wide next to a marker at `(x, y)`:
/// right, left, above, below and the four diagonals, nearest ring first.
fn candidates(x: i32, y: i32, w: i32, radius: i32) -> Vec<Candidate> {
    let line = POINT_FONT.line_px();
    let mut out = Vec::with_capacity(8 * RINGS as usize);
    for ring in 0..RINGS {
        let d = radius + LABEL_GAP + ring * RING_STEP;
        let e = d * 7 / 10; // the diagonal offsets
        let places = [
            ((x + d, y), Anchor::LEFT, x + d, y - line / 2),
            ((x - d, y), Anchor::RIGHT, x - d - w, y - line / 2),
            (
                (x, y - d - line / 2),
                Anchor::CENTER,
                x - w / 2,
                y - d - line,
            ),
            ((x, y + d + line / 2), Anchor::CENTER, x - w / 2, y + d),
            ((x + e, y - e - line / 2), Anchor::LEFT, x + e, y - e - line),
            ((x + e, y + e + line / 2), Anchor::LEFT, x + e, y + e),
            (
                (x - e, y - e - line / 2),
                Anchor::RIGHT,
                x - e - w,
                y - e - line,
            ),
            ((x - e, y + e + line / 2), Anchor::RIGHT, x - e - w, y + e),
        ];
        for (at, anchor, left, top) in places {
            let rect = Rect {
                left,
                top,
                right: left + w,
                bottom: top + line,
            };
            out.push(Candidate { at, anchor, rect });
        }
    }
    out
}

fn overlap_area(a: &Rect, b: &Rect) -> i64 {
    let w = (a.right.min(b.right) - a.left.max(b.left)).max(0);
    let h = (a.bottom.min(b.bottom) - a.top.max(b.top)).max(0);
    i64::from(w) * i64::from(h)
}

/// Draws `labels[i]` (estimated `widths[i]` pixels wide) near the marker at `at[i]`,
/// in order, each at the first candidate inside `plot` that overlaps no earlier
/// label and no marker, or else at the candidate that overlaps least.
pub(super) fn draw_point_labels(
    canvas: &Canvas,
    labels: &[&str],
    at: &[(i32, i32)],
    widths: &[i32],
    radius: i32,
    plot: Rect,
) -> Result<(), ChartError> {
    let markers: Vec<Rect> = at
        .iter()
        .map(|&(x, y)| Rect {
            left: x - radius - 1,
            top: y - radius - 1,
            right: x + radius + 1,
            bottom: y + radius + 1,
        })
        .collect();
    let mut placed: Vec<Rect> = Vec::with_capacity(labels.len());
    for (i, label) in labels.iter().enumerate() {
        let (x, y) = at[i];
        let options = candidates(x, y, widths[i], radius);
        let mut best: Option<(i64, usize)> = None;
        for (c, option) in options.iter().enumerate() {
            if !plot.contains(&option.rect) {
                continue;
            }
            // Hiding another label is worse than touching a marker.
            let clash: i64 = placed
                .iter()
                .map(|other| 4 * overlap_area(&option.rect, other))
                .chain(
                    (markers.iter().enumerate())
                        .filter(|(m, _)| *m != i)
                        .map(|(_, other)| overlap_area(&option.rect, other)),
                )
                .sum();
            if best.is_none_or(|(b, _)| clash < b) {
                best = Some((clash, c));
            }
            if clash == 0 {
                break;
            }
        }
        let index = best.map_or(0, |(_, c)| c);
        let chosen = &options[index];
        if index >= 8 {
            // Beyond the first ring: a leader line from the marker's edge to the label.
            let (tx, ty) = chosen.at;
            let (dx, dy) = (f64::from(tx - x), f64::from(ty - y));
            let length = dx.hypot(dy).max(1.0);
            let start = (
                x + (dx / length * f64::from(radius + 1)).round() as i32,
                y + (dy / length * f64::from(radius + 1)).round() as i32,
            );
            let end = (
                tx - (dx / length * 2.0).round() as i32,
                ty - (dy / length * 2.0).round() as i32,
            );
            canvas.line(&[start, end], LEADER, 1)?;
        }
        placed.push(chosen.rect);
        canvas.text(label, chosen.at, POINT_FONT, INK, chosen.anchor)?;
    }
    Ok(())
}

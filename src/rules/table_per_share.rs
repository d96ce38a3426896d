//! `table-per-share`: net loss (or income) per share = net loss / weighted average shares, in a
//! table that states all three.

use super::*;
use crate::tables::Grid;

pub static RULE: RuleDef = RuleDef {
    id: "table-per-share",
    summary: "Net loss (income) per share must equal net loss (income) / weighted average shares",
    default_severity: Severity::Error,
    kinds: &[],
    docs: DOCS,
    check,
    check_document: Some(check_document),
};

const DOCS: &str = "\
In a statement of operations with a \"net loss\" (or \"net income\") row, a \"net loss per share\"
row and a \"weighted average shares\" row, recomputes, column by column,
    per share = net loss / weighted average shares
within the rounding of each cell: a table \"in thousands, except per share data\" states both
the loss and the shares in thousands, so the scale cancels, and every cell stands for ±0.5 of
its last digit. Signs are compared as sizes (losses are shown in parentheses or not). A column
is reported only when another column of the same rows agrees, so a table whose rows mean
something else (a loss attributable to common stock after preferred dividends) stays quiet.

Example (error):
    Net loss                               (5,480)
    Net loss per share, basic and diluted  (0.15)
    Weighted average shares outstanding    45,000
    5,480 / 45,000 = 0.12, stated 0.15.

Suppress: <!-- tieout-ignore table-per-share: reason --> on the line before.";

fn check(_: &Ctx, _: &Claim) -> Vec<Outcome> {
    Vec::new()
}

fn has(words: &[&str], w: &str) -> bool {
    words.contains(&w)
}

/// (net result row, per-share row, shares row)
fn rows(g: &Grid) -> Option<(usize, usize, usize)> {
    let per_share = g.rows.iter().position(|r| {
        let w = r.words();
        has(&w, "per") && has(&w, "share") && (has(&w, "loss") || has(&w, "income") || has(&w, "earnings"))
            // a per-share figure of continuing operations is not the net result's
            && !has(&w, "continuing")
            && !has(&w, "discontinued")
            && r.full
    })?;
    let shares = g.rows.iter().position(|r| {
        let w = r.words();
        has(&w, "weighted") && (has(&w, "shares") || has(&w, "share")) && r.full
    })?;
    // the net result row: the nearest above the per-share row named just "net loss" / "net income"
    let net = (0..per_share).rev().find(|&i| {
        let w = g.rows[i].words();
        g.rows[i].full
            && has(&w, "net")
            && (has(&w, "loss") || has(&w, "income") || has(&w, "earnings"))
            && !has(&w, "per")
            && w.len() <= 6
    })?;
    Some((net, per_share, shares))
}

fn check_document(ctx: &Ctx) -> Vec<Outcome> {
    let mut out = Vec::new();
    for g in &ctx.tables().grids {
        let Some((net, ps, sh)) = rows(g) else { continue };
        let mut ok = 0;
        let mut bad = Vec::new();
        for c in 0..g.columns.len() {
            if g.columns[c].maybe_change() {
                continue;
            }
            let (Some(n), Some(p), Some(s)) = (g.rows[net].at(c), g.rows[ps].at(c), g.rows[sh].at(c)) else {
                continue;
            };
            if n.percent || p.percent || s.percent || n.dash || s.dash || s.value.is_zero() {
                continue;
            }
            let Some(q) = n.interval().abs().div(&s.interval().abs()) else { continue };
            if q.intersects(&p.interval().abs()) {
                ok += 1;
            } else {
                bad.push((c, n.clone(), p.clone(), s.clone(), q));
            }
        }
        if ok == 0 {
            continue;
        }
        for (c, n, p, s, q) in bad {
            let Some(face) = n.value.checked_div(s.value).map(|q| q.abs()) else {
                continue;
            };
            out.push(Outcome::Mismatch(Mismatch {
                tier: Tier::Error,
                message: format!(
                    "{} in column {} is not {} / {} = {}",
                    g.rows[ps].label,
                    g.column_name(c),
                    ctx.text[n.range.clone()].trim(),
                    ctx.text[s.range.clone()].trim(),
                    crate::interval::show(face, 3)
                ),
                primary: p.range.clone(),
                primary_label: format!("recomputed: {}", crate::interval::show(face, 2)),
                labels: vec![
                    (n.range.clone(), g.rows[net].label.clone()),
                    (s.range.clone(), g.rows[sh].label.clone()),
                ],
                help: format!(
                    "{} / {} = {}; the rounding of the cells allows {}..{}, stated {}",
                    ctx.text[n.range.clone()].trim(),
                    ctx.text[s.range.clone()].trim(),
                    crate::interval::show(face, 4),
                    crate::interval::show(q.lo, 4),
                    crate::interval::show(q.hi, 4),
                    ctx.text[p.range.clone()].trim()
                ),
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::rule_findings;

    fn findings(md: &str) -> Vec<String> {
        rule_findings("t.md", md, "table-per-share")
    }

    const TABLE: &str = "Statement of operations (in thousands, except per share data)\n\n\
| | Q3 2016 | Q3 2015 |\n|---|---|---|\n\
| Net loss | (5,480) | (6,985) |\n\
| Net loss per share, basic and diluted | (0.12) | (0.16) |\n\
| Weighted average shares outstanding | 45,000 | 44,000 |\n";

    #[test]
    fn per_share_equals_loss_over_shares() {
        assert_eq!(findings(TABLE), Vec::<String>::new());
        let bad = TABLE.replace("(0.16)", "(0.19)");
        assert_eq!(findings(&bad), vec!["error `(0.19)`"]);
    }
}

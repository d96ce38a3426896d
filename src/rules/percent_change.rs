//! `percent-change`: a stated percent change recomputed from the two values it relates.

use super::*;

pub static RULE: RuleDef = RuleDef {
    id: "percent-change",
    summary: "A stated percent change must match the values it compares",
    default_severity: Severity::Error,
    kinds: &[ClaimKind::Change],
    docs: DOCS,
    check,
    check_document: None,
};

const DOCS: &str = "\
Recomputes a stated percent change from the base and the new value it relates:
    change = (new - base) / base
or, when only the base and the stated change are given (\"decreased by $8.6 million compared
to $13.8 million ... a 38% improvement\"), from the stated delta: change = delta / base.

Rounding. Every figure stands for the interval its written precision allows: \"$7M\" is
6.5M..7.5M, \"$5.5M\" is 5.45M..5.55M, \"21%\" is 20.5%..21.5%. A figure written out in full
(\"$1,287,000\") is exact. A hedge widens the interval as the rule pack says (\"approximately\"
adds 5% either side; \"more than\" makes it a lower bound).
- error: no values inside those intervals give the stated percentage.
- warning: the claim holds only because one amount is written with fewer digits than the others
  (\"$7M\" beside \"$5.5M\"); read at their precision (7.0M) it fails. The help says what the
  short figure would have to be.
The sign is checked by `change-direction`; this rule compares magnitudes.

Example (error):
    Net loss decreased 12% to $5.5 million from $7.0 million.
    (7.0M - 5.5M) / 7.0M = 21.4%, stated 12%.
Not flagged (honest rounding):
    Cash used decreased 52% to $2.1 million, compared with $4.5 million.
    At face value 53.3%, but 4.45..4.55 and 2.05..2.15 allow 51.7%..54.9%.

Suppress one occurrence with a comment on the line before:
    <!-- tieout-ignore percent-change: restated base -->   (Markdown, HTML)
    tieout-ignore percent-change: restated base            (plain text, on its own line)";

fn check(ctx: &Ctx, c: &Claim) -> Vec<Outcome> {
    let Some(p) = c.percent else { return vec![] };
    if c.mixed_sign {
        return vec![Outcome::Unverifiable(
            "one value is a loss and the other a profit, and their signs are not written".into(),
        )];
    }
    let rel = match (c.base, c.current, c.delta) {
        (Some(a), Some(b), _) => match stated_sign(ctx, c, p) {
            // "an increase of 12%": the sign is stated too; from a negative base (a loss) the
            // change is (new - base) / |base|
            Some(sign) => Relation {
                form: Form::RatioMinusOne,
                x: b,
                y: a,
                stated: p,
                scale: Decimal::ONE_HUNDRED
                    * sign
                    * if ctx.fig(a).value < Decimal::ZERO {
                        -Decimal::ONE
                    } else {
                        Decimal::ONE
                    },
                magnitude: false,
            },
            None => Relation {
                form: Form::RatioMinusOne,
                x: b,
                y: a,
                stated: p,
                scale: Decimal::ONE_HUNDRED,
                magnitude: true,
            },
        },
        (Some(a), None, Some(d)) => Relation {
            form: Form::Quot,
            x: d,
            y: a,
            stated: p,
            scale: Decimal::ONE_HUNDRED,
            magnitude: true,
        },
        _ => {
            return vec![Outcome::Unverifiable(format!(
                "the base of the {} change is not stated",
                ctx.written(p)
            ))]
        }
    };
    let neighbours: Vec<FigId> = [c.base, c.current, c.delta].into_iter().flatten().collect();
    let out = check_relation(ctx, &rel, &neighbours, &|tier, e, need| {
        describe(ctx, c, &rel, tier, e, need)
    });
    if let Outcome::Mismatch(m) = &out {
        if m.tier == Tier::Error {
            if let Some(blame) = blame_current(ctx, c) {
                return vec![Outcome::Mismatch(blame)];
            }
        }
    }
    vec![out]
}

/// The sign the direction word next to the percent gives it (+1 up, -1 down), if any.
fn stated_sign(ctx: &Ctx, c: &Claim, p: FigId) -> Option<Decimal> {
    use crate::claims::Dir;
    if ctx.fig(p).value < Decimal::ZERO {
        return None;
    }
    let pr = &ctx.fig(p).range;
    // the word that governs it: before it ("increased by 12%"), else right after ("a 12% increase")
    let before = c
        .directions
        .iter()
        .filter(|d| d.range.end <= pr.start && pr.start - d.range.end <= 30)
        .min_by_key(|d| pr.start - d.range.end);
    let after = c
        .directions
        .iter()
        .filter(|d| d.range.start >= pr.end && d.range.start - pr.end <= 20)
        .min_by_key(|d| d.range.start - pr.end);
    let d = before.or(after)?;
    let up = match d.dir {
        Dir::Up => true,
        Dir::Down => false,
        Dir::Better => !c.lower_is_better,
        Dir::Worse => c.lower_is_better,
    };
    Some(if up { Decimal::ONE } else { -Decimal::ONE })
}

fn describe(
    ctx: &Ctx,
    c: &Claim,
    rel: &Relation,
    tier: Tier,
    e: &Eval,
    need: Option<(FigId, Interval)>,
) -> Mismatch {
    let (xs, ys) = (ctx.written(rel.x), ctx.written(rel.y));
    // the change is stated as a fall
    let down = !rel.magnitude && stated_sign(ctx, c, rel.stated) == Some(-Decimal::ONE);
    // from a negative base, (new - base) / |base|
    let base_sign = if ctx.fig(rel.y).value < Decimal::ZERO && rel.form == Form::RatioMinusOne {
        -Decimal::ONE
    } else {
        Decimal::ONE
    };
    // at face value: signed when the claim states a direction, else a size
    let face = apply(
        rel.form,
        Interval::point(ctx.fig(rel.x).value),
        Interval::point(ctx.fig(rel.y).value),
    )
    .and_then(|i| i.scale(Decimal::ONE_HUNDRED * base_sign))
    .map(|i| if rel.magnitude { i.abs().lo } else { i.lo });
    let formula = match rel.form {
        Form::Quot => format!("{xs} / {ys}"),
        _ => format!("({xs} - {ys}) / {ys}"),
    };
    // the message speaks of sizes, as the text does; the help shows the signs
    let size = face.map(|f| pct(f.abs())).unwrap_or_else(|| "?".into());
    let written = ctx.written(rel.stated).to_string();
    let face = face.map(pct).unwrap_or_else(|| "?".into());
    let stated = if rel.magnitude {
        ctx.written(rel.stated).to_string()
    } else if down {
        format!("-{}", ctx.written(rel.stated))
    } else {
        format!("+{}", ctx.written(rel.stated))
    };
    let mut help = format!("{formula} = {face}, stated {stated}");
    match tier {
        Tier::Error => help.push_str(&format!(
            "; the written precision of the figures allows {}",
            pct_interval(if down { e.computed.neg() } else { e.computed })
        )),
        Tier::Warning => {
            if let Some((id, iv)) = need {
                help.push_str(&format!(
                    "; read at the precision of the other amounts, {} would have to be {} for {} to hold",
                    ctx.written(id),
                    show_interval_like(ctx.fig(id), iv, 2),
                    stated
                ));
            }
        }
    }
    let message = match tier {
        Tier::Error => format!("stated change of {written} does not match the figures: {formula} = {size}"),
        Tier::Warning => format!(
            "stated change of {written} holds only if a shorter figure is read loosely: {formula} = {size}"
        ),
    };
    let mut labels = vec![];
    if let Some(a) = c.base {
        labels.push((ctx.fig(a).range.clone(), "base".to_string()));
    }
    if let Some(b) = c.current {
        let l = if c.current_from_context {
            "new value (stated earlier in the paragraph)"
        } else {
            "new value"
        };
        labels.push((ctx.fig(b).range.clone(), l.to_string()));
    }
    if let Some(d) = c.delta {
        labels.push((ctx.fig(d).range.clone(), "stated change".to_string()));
    }
    Mismatch {
        tier,
        message,
        primary: ctx.fig(rel.stated).range.clone(),
        primary_label: format!("recomputed: {face}"),
        // (signed when a direction word states the sign)
        labels,
        help,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn consistent_changes_from_real_release_shapes() {
        for t in [
            "Net loss decreased 52% to $3.1 million, compared with $6.4 million.",
            "Cash used in operations decreased 52% to $2.1 million, compared with $4.5 million.",
            "Nine-month net loss decreased 23% to $13.8 million from $18.0 million.",
            "Net sales decreased 3.2 percent to $293.6 million from $303.5 million.",
            "Online sales increased 1.1 percent to $46.6 million, compared to $46.1 million.",
            "Total revenues of $509,589, a 234% increase compared to $152,430.",
            "Operating expenses reduced to $5.21 million, down 21% from $6.62 million.",
            "Net sales decreased by 28%, or $1.6 million, to $4.0 million from $5.6 million.",
            "Loss from operations improved by $796,000, or 62%, from $1,287,000 to $491,000.",
            "Revenue of $18.5 million, an increase of 4% compared to $17.9 million.",
            "Revenue fell 7.4% to $48.3 million from $52.2 million.",
        ] {
            assert_eq!(findings(t), Vec::<String>::new(), "{t}");
            assert_eq!(statuses(t, "change"), vec!["consistent"], "{t}");
        }
    }

    #[test]
    fn wrong_percent_is_an_error() {
        let t = "Net loss decreased 12% to $5.5 million from $7.0 million.";
        assert_eq!(findings(t), vec!["error percent-change `12%`"]);
    }

    #[test]
    fn delta_and_percent_that_disagree() {
        // "by $8.6M" gives 62%; 38% fits "decreased TO $8.6M": one statement is wrong
        let t = "Net loss decreased by $8.6 million compared to $13.8 million, a 38% improvement.";
        assert_eq!(findings(t), vec!["error percent-change `38%`"]);
    }

    #[test]
    fn short_figure_gives_warning_with_what_it_would_need() {
        let t = "Operating loss improved by roughly 12% ($1.5M), down from a $7M loss to approximately $5.5M.";
        let r = run(t);
        let f: Vec<_> = r.findings.iter().filter(|f| f.rule == "percent-change").collect();
        assert_eq!(f.len(), 1, "{:?}", r.findings);
        assert_eq!(f[0].severity.as_str(), "warning");
        assert!(f[0].help.as_deref().unwrap().contains("$7M would have to be"), "{:?}", f[0].help);
    }

    #[test]
    fn the_direction_word_gives_the_percent_its_sign() {
        // a 6.7% fall stated as a 12% increase: both the sign and the size are wrong, and
        // rounding (1.45 = 1.45) cannot make it an increase
        let t = "Revenue was $1.4 million, compared with $1.5 million a year ago, an increase of 12%.";
        assert_eq!(
            findings(t),
            vec![
                "error change-direction `increase`",
                "error percent-change `12%`"
            ]
        );
        let t = "Revenue was $1.4 million, compared with $1.5 million a year ago, a decrease of 7%.";
        assert_eq!(findings(t), Vec::<String>::new());
        // a loss that shrank "improved": the sign is that of a fall
        let t = "Net loss improved by 20% to $4.0 million from $5.0 million.";
        assert_eq!(findings(t), Vec::<String>::new());
    }

    #[test]
    fn no_base_is_unverifiable() {
        let t = "Revenue was $453K, a recovery of approximately 78% from the second quarter.";
        assert_eq!(statuses(t, "change"), vec!["unverifiable"]);
        assert_eq!(findings(t), Vec::<String>::new());
    }
}

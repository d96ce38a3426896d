//! Stage 4: rules. One module per rule, each declaring a [`RuleDef`] named `RULE` with its id,
//! one-line summary, documentation for `tieout explain`, the claim kinds it checks, and its
//! check function. `build.rs` finds the modules, so adding a rule touches only its own module,
//! its pack in `rules/` and its fixtures.
//!
//! Every check recomputes a claim twice:
//! - **error tier**: each figure at its own written precision, widened by its hedge. If no
//!   values inside those intervals make the claim true, no honest rounding can explain it.
//! - **warning tier**: a rounded figure written with fewer digits than the other amounts of the
//!   claim ("$7M" beside "$5.5M") is read at their precision (7.0M). If the claim then fails, it
//!   holds only thanks to the short figure, and the help says what that figure would have to be.

use std::ops::Range;

use rust_decimal::Decimal;

use crate::claims::{Claim, ClaimKind, FigId};
use crate::extract::{Family, Figure};
use crate::interval::Interval;
use crate::pack::Pack;

pub use crate::extract::show::{group_thousands, pct, pct_interval, show_interval_like, show_like};

include!(concat!(env!("OUT_DIR"), "/rules_registry.rs"));

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "note" => Some(Severity::Note),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A rule's declaration.
pub struct RuleDef {
    /// Stable id, used in output, configuration and suppression comments.
    pub id: &'static str,
    /// One line for `tieout rules`.
    pub summary: &'static str,
    /// The most severe finding it reports by default.
    pub default_severity: Severity,
    /// The claim kinds it checks.
    pub kinds: &'static [ClaimKind],
    /// Full documentation for `tieout explain`, with a worked example.
    pub docs: &'static str,
    /// The check of one claim of the kinds above.
    pub check: fn(&Ctx, &Claim) -> Vec<Outcome>,
    /// A check of the whole document (tables, facts), run once per document.
    pub check_document: Option<fn(&Ctx) -> Vec<Outcome>>,
}

impl RuleDef {
    /// A rule that checks the whole document once (its tables, its facts) and no single claim.
    pub const fn document(
        id: &'static str,
        summary: &'static str,
        default_severity: Severity,
        docs: &'static str,
        check_document: fn(&Ctx) -> Vec<Outcome>,
    ) -> RuleDef {
        RuleDef {
            id,
            summary,
            default_severity,
            kinds: &[],
            docs,
            check: |_, _| Vec::new(),
            check_document: Some(check_document),
        }
    }
}

/// What a rule sees.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub figs: &'a [Figure],
    pub pack: &'a Pack,
    /// The whole document (its tables, its original bytes).
    pub doc: &'a crate::source::Document,
    /// Every claim recognised in the document.
    pub claims: &'a [Claim],
    /// The facts the document states.
    pub facts: &'a [crate::facts::Fact],
    /// Facts supplied from outside (`--facts FILE`).
    pub external_facts: &'a [crate::facts::Fact],
    /// The periods and dates the document names.
    pub periods: &'a crate::facts::DocPeriods,
    /// Figures that are not in the text (a base from a facts file), shown by these names.
    pub names: &'a std::collections::BTreeMap<FigId, String>,
    /// The document's tables, read on first use and shared by the table rules.
    pub tables: std::cell::OnceCell<crate::tables::Reading>,
    /// The totals of those tables that do not foot, found once and shared by the table rules
    /// (which do not report them again).
    pub footing: std::cell::OnceCell<Vec<Mismatch>>,
}

impl Ctx<'_> {
    /// The document's tables, read once for every table rule.
    pub fn tables(&self) -> &crate::tables::Reading {
        self.tables
            .get_or_init(|| crate::tables::Reading::new(self.doc, self.pack))
    }

    pub fn fig(&self, id: FigId) -> &Figure {
        &self.figs[id]
    }
    /// The figure as written, without its hedge.
    pub fn written(&self, id: FigId) -> &str {
        match self.names.get(&id) {
            Some(n) => n,
            None => &self.text[self.figs[id].range.clone()],
        }
    }
}

/// The two tiers of a mismatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Error,
    Warning,
}

/// A mismatch a rule found.
#[derive(Debug, Clone)]
pub struct Mismatch {
    pub tier: Tier,
    pub message: String,
    /// The text the finding points at (usually the stated figure).
    pub primary: Range<usize>,
    pub primary_label: String,
    /// Other figures involved, with labels.
    pub labels: Vec<(Range<usize>, String)>,
    /// The computation.
    pub help: String,
}

/// One check's result.
#[derive(Debug, Clone)]
pub enum Outcome {
    Consistent,
    /// The claim cannot be checked; the reason says what is missing.
    Unverifiable(String),
    Mismatch(Mismatch),
}

/// Look up a rule by id.
pub fn by_id(id: &str) -> Option<&'static RuleDef> {
    ALL.iter().copied().find(|r| r.id == id)
}

// ---------------------------------------------------------------------------------------------
// Shared machinery for rules that compare a stated figure with a recomputed relation.

/// The formulas the rules recompute. Each names each figure once, so interval arithmetic is exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `x / y - 1` (percent change, premium)
    RatioMinusOne,
    /// `1 - x / y` (discount)
    OneMinusRatio,
    /// `x - y` (delta, point change)
    Diff,
    /// `x / y` (multiple, quantity, share of total, delta over base)
    Quot,
}

/// A stated figure against `scale * form(x, y)`.
#[derive(Debug, Clone, Copy)]
pub struct Relation {
    pub form: Form,
    pub x: FigId,
    pub y: FigId,
    pub stated: FigId,
    /// Multiplies the result: 100 for percentages, 10000 for basis points.
    pub scale: Decimal,
    /// Compare magnitudes (stated figures are written without sign: "decreased 52%").
    pub magnitude: bool,
}

/// The result of recomputing a relation at one tier.
#[derive(Debug, Clone, Copy)]
pub struct Eval {
    pub computed: Interval,
    pub stated: Interval,
    pub holds: bool,
}

/// Apply a form to two intervals.
pub fn apply(form: Form, x: Interval, y: Interval) -> Option<Interval> {
    match form {
        Form::RatioMinusOne => x.div(&y)?.shift(-Decimal::ONE),
        Form::OneMinusRatio => Some(x.div(&y)?.shift(-Decimal::ONE)?.neg()),
        Form::Diff => x.sub(&y),
        Form::Quot => x.div(&y),
    }
}

impl Relation {
    fn eval_with(&self, ctx: &Ctx, iv: &dyn Fn(FigId) -> Interval) -> Option<Eval> {
        let mut computed = apply(self.form, iv(self.x), iv(self.y))?.scale(self.scale)?;
        let stated = iv(self.stated);
        if self.magnitude && ctx.fig(self.stated).value >= Decimal::ZERO {
            computed = computed.abs();
        }
        Some(Eval {
            computed,
            stated,
            holds: computed.intersects(&stated),
        })
    }

    /// Error tier: every figure at its own precision.
    pub fn eval(&self, ctx: &Ctx) -> Option<Eval> {
        self.eval_with(ctx, &|id| ctx.fig(id).interval())
    }

    /// Warning tier: short figures read at the finest precision of their neighbours.
    pub fn eval_fine(&self, ctx: &Ctx, neighbours: &[FigId]) -> Option<(Eval, Vec<FigId>)> {
        let fine = Fine::of(ctx, neighbours)?;
        let short: Vec<FigId> = [self.x, self.y, self.stated]
            .into_iter()
            .filter(|&id| fine.is_short(ctx.fig(id)))
            .collect();
        if short.is_empty() {
            return None;
        }
        Some((self.eval_with(ctx, &|id| fine.at(ctx.fig(id)))?, short))
    }

    /// What `target` would have to be (others at the warning tier) for the stated figure to hold.
    pub fn solve(&self, ctx: &Ctx, target: FigId, neighbours: &[FigId]) -> Option<Interval> {
        let fine = Fine::of(ctx, neighbours)?;
        let at = |id: FigId| fine.at(ctx.fig(id));
        let mut s = at(self.stated).scale(Decimal::ONE / self.scale)?;
        // the sign the stated figure has in fact: that of the change at face value
        if self.magnitude && ctx.fig(self.stated).value >= Decimal::ZERO {
            let face = apply(
                self.form,
                Interval::point(ctx.fig(self.x).value),
                Interval::point(ctx.fig(self.y).value),
            )?;
            if face.mid() < Decimal::ZERO {
                s = s.neg();
            }
        }
        let (x, y) = (at(self.x), at(self.y));
        let one = Interval::point(Decimal::ONE);
        if target == self.x {
            match self.form {
                Form::RatioMinusOne => s.add(&one)?.mul(&y),
                Form::OneMinusRatio => one.sub(&s)?.mul(&y),
                Form::Diff => s.add(&y),
                Form::Quot => s.mul(&y),
            }
        } else if target == self.y {
            match self.form {
                Form::RatioMinusOne => x.div(&s.add(&one)?),
                Form::OneMinusRatio => x.div(&one.sub(&s)?),
                Form::Diff => x.sub(&s),
                Form::Quot => x.div(&s),
            }
        } else if target == self.stated {
            Some(apply(self.form, x, y)?.scale(self.scale)?)
        } else {
            None
        }
    }
}

/// The warning tier's precision: the finest resolution among the rounded neighbours of one
/// family (amounts of one currency, shares, ratios) written with the same scale word. A figure
/// of that family and scale written with fewer digits ("$7M" beside "$5.5M") is short; figures
/// written with another scale ("$5.8 billion" beside "$304 million") are left alone.
#[derive(Debug, Clone)]
pub struct Fine {
    pub resolution: Decimal,
    pub family: Family,
    pub scale: Decimal,
}

impl Fine {
    pub fn of(ctx: &Ctx, neighbours: &[FigId]) -> Option<Fine> {
        let mut best: Option<Fine> = None;
        for &id in neighbours {
            let f = ctx.fig(id);
            if !f.rounded || matches!(f.family(), Family::Other) {
                continue;
            }
            match &best {
                Some(b) if b.family != f.family() || b.scale != f.scale => {}
                Some(b) if f.resolution >= b.resolution => {}
                _ => {
                    best = Some(Fine {
                        resolution: f.resolution,
                        family: f.family(),
                        scale: f.scale,
                    })
                }
            }
        }
        best
    }

    pub fn is_short(&self, f: &Figure) -> bool {
        f.rounded
            && f.resolution > self.resolution
            && f.family() == self.family
            && f.scale == self.scale
    }

    /// The figure's interval at this precision (unchanged unless it is short).
    pub fn at(&self, f: &Figure) -> Interval {
        if self.is_short(f) {
            f.interval_at(Some(self.resolution))
        } else {
            f.interval()
        }
    }
}

/// Turns an evaluation into a mismatch: the tier, the evaluation, and for the warning tier the
/// short figure with the interval it would need.
pub type Describe<'a> = dyn Fn(Tier, &Eval, Option<(FigId, Interval)>) -> Mismatch + 'a;

/// Check a relation at both tiers. `describe` turns the evaluation into a mismatch.
pub fn check_relation(
    ctx: &Ctx,
    rel: &Relation,
    neighbours: &[FigId],
    describe: &Describe,
) -> Outcome {
    let Some(e) = rel.eval(ctx) else {
        return Outcome::Unverifiable("the base is zero or the arithmetic overflows".into());
    };
    if !e.holds {
        return Outcome::Mismatch(describe(Tier::Error, &e, None));
    }
    if let Some((fine, short)) = rel.eval_fine(ctx, neighbours) {
        if !fine.holds {
            let target = short[0];
            let need = rel.solve(ctx, target, neighbours).map(|iv| (target, iv));
            return Outcome::Mismatch(describe(Tier::Warning, &fine, need));
        }
    }
    Outcome::Consistent
}

// ---------------------------------------------------------------------------------------------
// Formatting figures for messages.

/// When a change states both a percent and a delta that agree with each other through the base
/// ("21% ($1.5M) ... from $7M"), but the new value fits neither, the new value is the figure to
/// blame: the finding points at it. `percent-change` and `change-amount` both call this, and the
/// pipeline keeps one finding per claim and span.
pub fn blame_current(ctx: &Ctx, c: &Claim) -> Option<Mismatch> {
    let (a, b, p, d) = (c.base?, c.current?, c.percent?, c.delta?);
    let agree = Relation {
        form: Form::Quot,
        x: d,
        y: a,
        stated: p,
        scale: Decimal::ONE_HUNDRED,
        magnitude: true,
    };
    if !agree.eval(ctx)?.holds {
        return None;
    }
    let (fa, fb, fd) = (ctx.fig(a), ctx.fig(b), ctx.fig(d));
    let sign = if fb.value < fa.value {
        -Decimal::ONE
    } else {
        Decimal::ONE
    };
    // the new value the stated change implies, whichever way it went
    let implied_down = fa.interval().sub(&fd.interval())?;
    let implied_up = fa.interval().add(&fd.interval())?;
    let implied =
        if implied_down.intersects(&fb.interval()) || implied_up.intersects(&fb.interval()) {
            return None;
        } else if (fa.value - fd.value - fb.value).abs() <= (fa.value + fd.value - fb.value).abs() {
            implied_down
        } else {
            implied_up
        };
    let _ = sign;
    let (as_, bs, ds, ps) = (
        ctx.written(a),
        ctx.written(b),
        ctx.written(d),
        ctx.written(p),
    );
    Some(Mismatch {
        tier: Tier::Error,
        message: format!(
            "the new value {bs} does not fit the stated change of {ps} ({ds}) from {as_}"
        ),
        primary: fb.range.clone(),
        primary_label: format!("the stated change implies {}", show_interval_like(fb, implied, 1)),
        labels: vec![
            (fa.range.clone(), "base".into()),
            (ctx.fig(p).range.clone(), "stated percent".into()),
            (fd.range.clone(), "stated change".into()),
        ],
        help: format!(
            "{ds} / {as_} agrees with {ps}, so the new value should be {as_} -/+ {ds} = {}, not {bs}",
            show_interval_like(fb, implied, 1)
        ),
    })
}

/// The hull of the text ranges of some figures.
pub fn hull(ctx: &Ctx, ids: &[FigId]) -> Range<usize> {
    let s = ids
        .iter()
        .map(|&i| ctx.fig(i).range.start)
        .min()
        .unwrap_or(0);
    let e = ids.iter().map(|&i| ctx.fig(i).range.end).max().unwrap_or(0);
    s..e
}

#[cfg(test)]
#[path = "_testutil.rs"]
pub(crate) mod testutil;

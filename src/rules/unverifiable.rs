//! `unverifiable`: a claim that states a change or share without the figure it is computed from.
//!
//! The other rules report such claims as unverifiable; the pipeline emits one note per claim
//! under this id, so it can be selected, ignored or raised like any rule.

use super::*;

pub static RULE: RuleDef = RuleDef {
    id: "unverifiable",
    summary: "A stated change or share whose base is not stated (reported, never guessed)",
    default_severity: Severity::Note,
    kinds: &[],
    docs: DOCS,
    check,
    check_document: None,
};

const DOCS: &str = "\
A claim whose base is not in the text cannot be tied out: \"a recovery of approximately 78%
from second quarter 2016\" with no second-quarter figure, \"decreased by approximately $2.3M as
compared to the same period last year\", \"about 7.9% of the total outstanding shares\".
tieout lists such claims with status `unverifiable` and a note; it never guesses the base.
Notes do not fail a run unless `--deny note`; the human format lists them with --show-notes.
Make them checkable by stating the base, or by supplying prior figures with --facts.

To turn the notes into warnings, in tieout.toml:
    [severity]
    unverifiable = \"warning\"";

fn check(_ctx: &Ctx, _c: &Claim) -> Vec<Outcome> {
    Vec::new()
}

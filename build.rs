//! Embeds the rule packs (`rules/*.toml`) and registers the rule modules (`src/rules/*.rs`).
//!
//! Adding a rule touches its own module, its pack and its fixtures: this script finds both, so
//! no central list needs editing. A rule module declares `pub static RULE: RuleDef`.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");

    // rule packs
    let mut packs: Vec<String> = std::fs::read_dir(Path::new(&root).join("rules"))
        .expect("rules/ directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    packs.sort();
    let mut s = String::from("/// Rule packs embedded from rules/*.toml: (file name, text).\n");
    s.push_str("pub static EMBEDDED_PACKS: &[(&str, &str)] = &[\n");
    for p in &packs {
        let full = Path::new(&root).join("rules").join(p);
        writeln!(
            s,
            "    ({p:?}, include_str!({:?})),",
            full.display().to_string()
        )
        .unwrap();
    }
    s.push_str("];\n");
    std::fs::write(Path::new(&out).join("packs.rs"), s).unwrap();
    println!("cargo:rerun-if-changed=rules");

    // rule modules: every src/rules/*.rs except mod.rs and files starting with '_'
    let mut mods: Vec<String> = std::fs::read_dir(Path::new(&root).join("src/rules"))
        .expect("src/rules directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rs") && n != "mod.rs" && !n.starts_with('_'))
        .map(|n| n.trim_end_matches(".rs").to_string())
        .collect();
    mods.sort();
    let mut r = String::new();
    for m in &mods {
        let full = Path::new(&root).join("src/rules").join(format!("{m}.rs"));
        writeln!(
            r,
            "#[path = {:?}]\npub mod {m};",
            full.display().to_string()
        )
        .unwrap();
    }
    r.push_str("/// Every rule, in id order of their modules.\npub static ALL: &[&RuleDef] = &[\n");
    for m in &mods {
        writeln!(r, "    &{m}::RULE,").unwrap();
    }
    r.push_str("];\n");
    std::fs::write(Path::new(&out).join("rules_registry.rs"), r).unwrap();
    println!("cargo:rerun-if-changed=src/rules");
}

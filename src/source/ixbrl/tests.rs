use super::*;

fn load(html: &str) -> crate::source::Document {
    crate::source::load_bytes("t.html", html.as_bytes().to_vec(), None).unwrap()
}

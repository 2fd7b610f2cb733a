//! A template made ready to fill: parsed, its tera strings checked by the sandbox and compiled.

use std::collections::BTreeSet;
use std::fmt;

use tera::{ErrorKind, Kwargs, State, StringInput, Tera};

use super::format::{self, file_position, FieldSource, TemplateFile};
use super::sandbox;
use super::{TemplateError, TemplateInfo};
use crate::dates;

/// One compiled tera string.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    /// Draft field path (`body`, `cc[1]`).
    pub path: String,
    /// Name inside the tera instance.
    pub tera_name: String,
}

/// A checked, compiled template.
#[derive(Clone)]
pub struct Template {
    /// The file as parsed.
    pub file: TemplateFile,
    /// The file's text (what `export` writes).
    pub source: String,
    /// Shipped with the program.
    pub builtin: bool,
    pub(crate) tera: Tera,
    pub(crate) fields: Vec<Field>,
}

impl fmt::Debug for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Template")
            .field("name", &self.file.name)
            .field("builtin", &self.builtin)
            .finish_non_exhaustive()
    }
}

/// The engine every template runs in: no file loader, markup escaping for the body, our filters.
fn engine() -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on([".md"]);
    tera.set_escape_fn(sandbox::escape_markup);
    tera.register_filter("date_words", |s: &str, _: Kwargs, _: &State| {
        dates::parse(s)
            .map(dates::words)
            .unwrap_or_else(|| s.to_string())
    });
    tera.register_filter("date_short", |s: &str, _: Kwargs, _: &State| date_short(s));
    tera.register_filter("date_party", |s: &str, _: Kwargs, _: &State| date_short(s));
    tera.register_filter("strip_end", |s: StringInput, _: Kwargs, _: &State| {
        s.inherit_safety(
            s.as_str()
                .trim_end()
                .trim_end_matches(['.', ';', ','])
                .trim_end()
                .to_string(),
        )
    });
    tera.register_filter("date_weekday", |s: &str, _: Kwargs, _: &State| {
        dates::parse(s)
            .map(|d| dates::weekday(d).to_string())
            .unwrap_or_default()
    });
    tera.register_filter("roman", |n: i64, _: Kwargs, _: &State| roman(n));
    tera.register_function("range", super::budget::range);
    tera.register_filter("agency", |s: &str, _: Kwargs, _: &State| agency(s));
    tera
}

fn cap_first(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An agency name in capitals as written inside a sentence (Phụ lục II of NĐ 30):
/// `SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH` → `Sở Văn hóa, Thể thao và Du lịch`,
/// `ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN` → `Ủy ban nhân dân tỉnh Lạng Sơn`,
/// `BAN THƯỜNG VỤ TỈNH ỦY` → `Ban Thường vụ Tỉnh ủy`. A heuristic: unusual names are
/// best given by the clerk.
pub fn agency(s: &str) -> String {
    const TYPES: &[&str] = &[
        "sở",
        "ban",
        "phòng",
        "cục",
        "trung tâm",
        "văn phòng",
        "bộ",
        "viện",
        "trường",
        "hội",
    ];
    const PLACES: &[&str] = &[
        "tỉnh",
        "huyện",
        "xã",
        "thành phố",
        "phường",
        "quận",
        "thị xã",
        "thị trấn",
    ];
    const COMMITTEES: &[&str] = &["ủy", "uỷ"];
    const ACRONYMS: &[&str] = &[
        "UBND", "HĐND", "MTTQ", "TP.", "TW", "BCH", "BTV", "HĐQT", "TNHH",
    ];
    let orig: Vec<&str> = s.split_whitespace().collect();
    let low: Vec<String> = orig.iter().map(|w| w.to_lowercase()).collect();
    let vowels = "aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ";
    let mut out: Vec<String> = Vec::with_capacity(low.len());
    let mut cap_next = true;
    let mut place = false;
    let mut i = 0;
    while i < low.len() {
        let w = &low[i];
        let acronym = ACRONYMS.contains(&orig[i].trim_end_matches(','))
            || (orig[i].chars().count() >= 2
                && !orig[i].chars().any(|c| c.is_lowercase())
                && !w.chars().any(|c| vowels.contains(c)));
        let two = low.get(i + 1).map(|n| format!("{w} {n}"));
        let next_is_committee = low
            .get(i + 1)
            .is_some_and(|n| COMMITTEES.contains(&n.as_str()));
        let is_type2 = two.as_deref().is_some_and(|t| TYPES.contains(&t));
        let is_place2 = two.as_deref().is_some_and(|t| PLACES.contains(&t));
        let word = if acronym {
            orig[i].to_string()
        } else if cap_next || place || (next_is_committee && i > 0) {
            cap_first(w)
        } else {
            w.clone()
        };
        let mut step = 1;
        cap_next = false;
        if is_type2 || is_place2 {
            out.push(word);
            out.push(low[i + 1].clone());
            step = 2;
            if is_type2 {
                cap_next = true;
            } else {
                place = true;
            }
        } else {
            let after_committee = i > 0 && COMMITTEES.contains(&low[i - 1].as_str());
            if TYPES.contains(&w.as_str()) && !next_is_committee && !after_committee {
                cap_next = true;
            }
            if PLACES.contains(&w.as_str()) && !next_is_committee {
                place = true;
            }
            out.push(word);
        }
        let last = &out[out.len() - 1];
        if last.ends_with(',') {
            cap_next = true;
            place = false;
        }
        if last == "và" {
            cap_next = true;
        }
        i += step;
    }
    out.join(" ")
}

/// `05/4/2025`, `15/02/2025`: the short date of a citation ([`dates::citation`]). Text that
/// is not a date is returned as it is.
pub fn date_short(s: &str) -> String {
    dates::parse(s).map_or_else(|| s.to_string(), dates::citation)
}

/// Roman numerals for 1–3999 (`4` → `IV`); other numbers as digits.
pub fn roman(n: i64) -> String {
    if !(1..=3999).contains(&n) {
        return n.to_string();
    }
    const T: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut s = String::new();
    for (v, r) in T {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

impl Template {
    /// Parses and compiles a template file's text. `origin` names it in errors until its own
    /// name is known.
    pub fn from_source(text: &str, origin: &str, builtin: bool) -> Result<Template, TemplateError> {
        let file = format::parse(text, origin)?;
        let name = file.name.clone();
        let mut tera = engine();
        let mut fields = Vec::new();
        let mut allowed: BTreeSet<&str> = file.vars.iter().map(|v| v.key.as_str()).collect();
        allowed.extend(["profile", "today", "signer"]);
        for src in file.draft.fields() {
            let at = |offset: usize, code: crate::error::ErrorCode, message: String| {
                let (line, column) = file_position(text, &src, offset);
                TemplateError::At {
                    code,
                    template: name.clone(),
                    field: src.path.clone(),
                    line,
                    column,
                    message,
                }
            };
            let scan = sandbox::scan(src.text).map_err(|r| {
                at(
                    r.offset,
                    crate::error::ErrorCode::TemplateForbidden,
                    r.message,
                )
            })?;
            let tera_name = if src.path == "body" {
                "body.md".to_string()
            } else {
                src.path.clone()
            };
            tera.add_raw_template(&tera_name, src.text)
                .map_err(|e| match e.kind() {
                    ErrorKind::SyntaxError(r) => at(
                        r.span().range.start,
                        crate::error::ErrorCode::TemplateSyntax,
                        r.message().to_string(),
                    ),
                    other => at(
                        0,
                        crate::error::ErrorCode::TemplateSyntax,
                        first_line(&other.to_string()),
                    ),
                })?;
            for (n, offset) in &scan.names {
                if !allowed.contains(n.as_str()) && !scan.bound.iter().any(|b| b == n) {
                    return Err(at(
                        *offset,
                        crate::error::ErrorCode::TemplateUndefined,
                        format!("variable `{n}` is not defined (declare it as a [[var]])"),
                    ));
                }
            }
            fields.push(Field {
                path: src.path.clone(),
                tera_name,
            });
        }
        Ok(Template {
            file,
            source: text.to_string(),
            builtin,
            tera,
            fields,
        })
    }

    /// The template's name.
    pub fn name(&self) -> &str {
        &self.file.name
    }

    /// What a list shows of it.
    pub fn info(&self) -> TemplateInfo {
        TemplateInfo {
            name: self.file.name.clone(),
            title: self.file.title.clone(),
            description: self.file.description.clone(),
            regime: self.file.regime.as_str().to_string(),
            kind: self.file.kind.clone(),
            builtin: self.builtin,
            vars: self.file.vars.clone(),
        }
    }

    /// Maps a rendering error of a field to the template file's line and column.
    pub(crate) fn render_error(&self, field: &Field, e: &tera::Error) -> TemplateError {
        let (offset, message) = match e.kind() {
            ErrorKind::RenderingError(r) | ErrorKind::SyntaxError(r) => {
                (r.span().range.start, r.message().to_string())
            }
            other => (0, first_line(&other.to_string())),
        };
        let (line, column) = self
            .sources()
            .into_iter()
            .find(|s| s.path == field.path)
            .map(|s| file_position(&self.source, &s, offset))
            .unwrap_or((1, 1));
        TemplateError::At {
            code: crate::error::ErrorCode::TemplateRender,
            template: self.file.name.clone(),
            field: field.path.clone(),
            line,
            column,
            message,
        }
    }

    fn sources(&self) -> Vec<FieldSource<'_>> {
        self.file.draft.fields()
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::agency;

    #[test]
    fn agency_names_in_sentence_case() {
        assert_eq!(
            agency("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
            "Sở Văn hóa, Thể thao và Du lịch"
        );
        assert_eq!(
            agency("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"),
            "Ủy ban nhân dân tỉnh Lạng Sơn"
        );
        assert_eq!(agency("BAN THƯỜNG VỤ TỈNH ỦY"), "Ban Thường vụ Tỉnh ủy");
        assert_eq!(agency("TỈNH ỦY"), "Tỉnh ủy");
        assert_eq!(agency("UBND TỈNH LẠNG SƠN"), "UBND tỉnh Lạng Sơn");
        assert_eq!(agency("VĂN PHÒNG TỈNH ỦY"), "Văn phòng Tỉnh ủy");
    }
}

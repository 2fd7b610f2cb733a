//! Puts the children of WordprocessingML property elements in the order of the schema.
//!
//! docx-rs writes the children of `w:pPr`, `w:rPr`, `w:style`, `w:sectPr`… in the order they
//! were set; ISO/IEC 29500 fixes one sequence per element type. [`SEQUENCES`] lists, for every
//! property element the project emits, its children in the schema's order (taken from
//! `wml.xsd`; a test compares each list with the schema), and [`rewrite`] stably sorts the
//! children of those elements by it, copying every other byte as it is. Content elements
//! (`w:body`, `w:p`, `w:r`, `w:tbl`…) are never reordered: their order is the text.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The children of one element type, in the order of its schema sequence.
#[derive(Debug)]
pub struct Sequence {
    /// Local name of the element (namespace `w:`).
    pub element: &'static str,
    /// Local names of the parents this entry is for; empty: any parent not listed elsewhere.
    pub parents: &'static [&'static str],
    /// The complex type of `wml.xsd` the list is taken from.
    pub schema_type: &'static str,
    /// Local names of the children in schema order (with their prefix when not `w:`).
    pub children: &'static [&'static str],
}

const PPR_BASE: [&str; 33] = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
];

/// `CT_PPr`: paragraph properties of a paragraph (the base, then the mark's run properties).
const PPR: &[&str] = &concat::<33, 3, 36>(PPR_BASE, ["rPr", "sectPr", "pPrChange"]);

/// `CT_PPrGeneral`: paragraph properties of a style or of the defaults (no run properties).
const PPR_GENERAL: &[&str] = &concat::<33, 1, 34>(PPR_BASE, ["pPrChange"]);

/// `CT_ParaRPr`: run properties (those of a run, `CT_RPr`, are the same list without the
/// four revision marks at the start).
const RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];

const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

const TBL_PR: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
    "tblPrChange",
];

const TC_PR: &[&str] = &[
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
    "headers",
    "cellIns",
    "cellDel",
    "cellMerge",
    "tcPrChange",
];

const SECT_PR: &[&str] = &[
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];

const SETTINGS: &[&str] = &[
    "writeProtection",
    "view",
    "zoom",
    "removePersonalInformation",
    "removeDateAndTime",
    "doNotDisplayPageBoundaries",
    "displayBackgroundShape",
    "printPostScriptOverText",
    "printFractionalCharacterWidth",
    "printFormsData",
    "embedTrueTypeFonts",
    "embedSystemFonts",
    "saveSubsetFonts",
    "saveFormsData",
    "mirrorMargins",
    "alignBordersAndEdges",
    "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter",
    "gutterAtTop",
    "hideSpellingErrors",
    "hideGrammaticalErrors",
    "activeWritingStyle",
    "proofState",
    "formsDesign",
    "attachedTemplate",
    "linkStyles",
    "stylePaneFormatFilter",
    "stylePaneSortMethod",
    "documentType",
    "mailMerge",
    "revisionView",
    "trackRevisions",
    "doNotTrackMoves",
    "doNotTrackFormatting",
    "documentProtection",
    "autoFormatOverride",
    "styleLockTheme",
    "styleLockQFSet",
    "defaultTabStop",
    "autoHyphenation",
    "consecutiveHyphenLimit",
    "hyphenationZone",
    "doNotHyphenateCaps",
    "showEnvelope",
    "summaryLength",
    "clickAndTypeStyle",
    "defaultTableStyle",
    "evenAndOddHeaders",
    "bookFoldRevPrinting",
    "bookFoldPrinting",
    "bookFoldPrintingSheets",
    "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery",
    "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin",
    "drawingGridVerticalOrigin",
    "doNotShadeFormData",
    "noPunctuationKerning",
    "characterSpacingControl",
    "printTwoOnOne",
    "strictFirstAndLastChars",
    "noLineBreaksAfter",
    "noLineBreaksBefore",
    "savePreviewPicture",
    "doNotValidateAgainstSchema",
    "saveInvalidXml",
    "ignoreMixedContent",
    "alwaysShowPlaceholderText",
    "doNotDemarcateInvalidXml",
    "saveXmlDataOnly",
    "useXSLTWhenSaving",
    "saveThroughXslt",
    "showXMLTags",
    "alwaysMergeEmptyNamespace",
    "updateFields",
    "hdrShapeDefaults",
    "footnotePr",
    "endnotePr",
    "compat",
    "docVars",
    "rsids",
    "m:mathPr",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "sl:schemaLibrary",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
];

const COMPAT: &[&str] = &[
    "useSingleBorderforContiguousCells",
    "wpJustification",
    "noTabHangInd",
    "noLeading",
    "spaceForUL",
    "noColumnBalance",
    "balanceSingleByteDoubleByteWidth",
    "noExtraLineSpacing",
    "doNotLeaveBackslashAlone",
    "ulTrailSpace",
    "doNotExpandShiftReturn",
    "spacingInWholePoints",
    "lineWrapLikeWord6",
    "printBodyTextBeforeHeader",
    "printColBlack",
    "wpSpaceWidth",
    "showBreaksInFrames",
    "subFontBySize",
    "suppressBottomSpacing",
    "suppressTopSpacing",
    "suppressSpacingAtTopOfPage",
    "suppressTopSpacingWP",
    "suppressSpBfAfterPgBrk",
    "swapBordersFacingPages",
    "convMailMergeEsc",
    "truncateFontHeightsLikeWP6",
    "mwSmallCaps",
    "usePrinterMetrics",
    "doNotSuppressParagraphBorders",
    "wrapTrailSpaces",
    "footnoteLayoutLikeWW8",
    "shapeLayoutLikeWW8",
    "alignTablesRowByRow",
    "forgetLastTabAlignment",
    "adjustLineHeightInTable",
    "autoSpaceLikeWord95",
    "noSpaceRaiseLower",
    "doNotUseHTMLParagraphAutoSpacing",
    "layoutRawTableWidth",
    "layoutTableRowsApart",
    "useWord97LineBreakRules",
    "doNotBreakWrappedTables",
    "doNotSnapToGridInCell",
    "selectFldWithFirstOrLastChar",
    "applyBreakingRules",
    "doNotWrapTextWithPunct",
    "doNotUseEastAsianBreakRules",
    "useWord2002TableStyleRules",
    "growAutofit",
    "useFELayout",
    "useNormalStyleForList",
    "doNotUseIndentAsNumberingTabStop",
    "useAltKinsokuLineBreakRules",
    "allowSpaceOfSameStyleInTable",
    "doNotSuppressIndentation",
    "doNotAutofitConstrainedTables",
    "autofitToFirstFixedWidthCell",
    "underlineTabInNumList",
    "displayHangulFixedWidth",
    "splitPgBreakAndParaMark",
    "doNotVertAlignCellWithSp",
    "doNotBreakConstrainedForcedTable",
    "doNotVertAlignInTxbx",
    "useAnsiKerningPairs",
    "cachedColBalance",
    "compatSetting",
];

/// Every element whose children the pass orders. An entry with parents comes before the
/// entry of the same element for any other parent.
pub const SEQUENCES: &[Sequence] = &[
    Sequence {
        element: "pPr",
        parents: &["style", "pPrDefault", "lvl"],
        schema_type: "CT_PPrGeneral",
        children: PPR_GENERAL,
    },
    Sequence {
        element: "pPr",
        parents: &[],
        schema_type: "CT_PPr",
        children: PPR,
    },
    Sequence {
        element: "rPr",
        parents: &[],
        schema_type: "CT_ParaRPr",
        children: RPR,
    },
    Sequence {
        element: "pBdr",
        parents: &[],
        schema_type: "CT_PBdr",
        children: &["top", "left", "bottom", "right", "between", "bar"],
    },
    Sequence {
        element: "style",
        parents: &[],
        schema_type: "CT_Style",
        children: STYLE,
    },
    Sequence {
        element: "docDefaults",
        parents: &[],
        schema_type: "CT_DocDefaults",
        children: &["rPrDefault", "pPrDefault"],
    },
    Sequence {
        element: "tblPr",
        parents: &[],
        schema_type: "CT_TblPr",
        children: TBL_PR,
    },
    Sequence {
        element: "tblBorders",
        parents: &[],
        schema_type: "CT_TblBorders",
        children: &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV",
        ],
    },
    Sequence {
        element: "tcPr",
        parents: &[],
        schema_type: "CT_TcPr",
        children: TC_PR,
    },
    Sequence {
        element: "tcBorders",
        parents: &[],
        schema_type: "CT_TcBorders",
        children: &[
            "top", "start", "left", "bottom", "end", "right", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
    },
    Sequence {
        element: "sectPr",
        parents: &[],
        schema_type: "CT_SectPr",
        children: SECT_PR,
    },
    Sequence {
        element: "settings",
        parents: &[],
        schema_type: "CT_Settings",
        children: SETTINGS,
    },
    Sequence {
        element: "compat",
        parents: &[],
        schema_type: "CT_Compat",
        children: COMPAT,
    },
];

/// Attributes docx-rs writes that the schema does not define on that element, by element.
pub const UNDEFINED_ATTRIBUTES: &[(&str, &str)] = &[("gridCol", "w:type")];

/// A child to add to an element before its children are ordered.
#[derive(Debug, Clone, Copy)]
pub struct Append<'a> {
    /// Local name of the element's parent.
    pub parent: &'static str,
    /// Local name of the element.
    pub element: &'static str,
    /// The child, as XML (one `w:` element).
    pub xml: &'a [u8],
}

const fn concat<const A: usize, const B: usize, const N: usize>(
    a: [&'static str; A],
    b: [&'static str; B],
) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < A {
        out[i] = a[i];
        i += 1;
    }
    while i < N {
        out[i] = b[i - A];
        i += 1;
    }
    out
}

/// The name without its `w:` prefix; other prefixes are kept.
fn wml_name(qname: &[u8]) -> &[u8] {
    qname.strip_prefix(b"w:").unwrap_or(qname)
}

/// The sequence the pass applies to the children of `element` under `parent` (local names).
pub fn sequence_for(element: &str, parent: &str) -> Option<&'static Sequence> {
    lookup(element.as_bytes(), parent.as_bytes())
}

fn lookup(name: &[u8], parent: &[u8]) -> Option<&'static Sequence> {
    SEQUENCES.iter().find(|s| {
        s.element.as_bytes() == name
            && (s.parents.is_empty() || s.parents.iter().any(|p| p.as_bytes() == parent))
    })
}

fn sequence_of(element: &[u8], parent: &[u8]) -> Option<&'static [&'static str]> {
    lookup(element.strip_prefix(b"w:")?, parent).map(|s| s.children)
}

fn rank(children: &[&str], qname: &[u8]) -> Option<u16> {
    let name = wml_name(qname);
    children
        .iter()
        .position(|c| c.as_bytes() == name)
        .map(|i| i as u16)
}

/// An open element.
struct Frame<'x> {
    /// Qualified name, from the input.
    name: &'x [u8],
    /// The order of its children, when it is a property element.
    sequence: Option<&'static [&'static str]>,
    /// Where its children start in the shared list.
    first_child: usize,
    /// Its rank and start in the output, when its parent orders its children.
    slot: Option<(u16, usize)>,
    /// A child to add at its end.
    append: Option<&'x [u8]>,
}

/// A written child of an ordered element: its rank and bytes `start..end` of the output.
#[derive(Debug, Clone, Copy)]
struct Child {
    rank: u16,
    start: usize,
    end: usize,
}

/// An error of the pass: the part is not well-formed XML.
#[derive(Debug, thiserror::Error)]
#[error("XML part not well-formed at byte {position}: {message}")]
pub struct OrderError {
    /// Byte offset of the problem.
    pub position: u64,
    /// What the parser found.
    pub message: String,
}

/// Rewrites one WordprocessingML part into `out`: the children of the elements of
/// [`SEQUENCES`] in schema order, the attributes of [`UNDEFINED_ATTRIBUTES`] dropped, the
/// `appends` added, and empty children the schema does not allow in an ordered element
/// (docx-rs's `<w:rPr/>` in a style's paragraph properties) dropped. Everything else is copied
/// byte for byte.
pub fn rewrite<'x>(
    xml: &'x [u8],
    appends: &'x [Append<'x>],
    out: &mut Vec<u8>,
) -> Result<(), OrderError> {
    let mut pass = Pass {
        out,
        frames: Vec::with_capacity(16),
        children: Vec::with_capacity(64),
        scratch: Vec::new(),
        appends,
    };
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut pos = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| OrderError {
            position: reader.error_position(),
            message: e.to_string(),
        })?;
        let end = reader.buffer_position() as usize;
        let raw = &xml[pos..end];
        match event {
            Event::Eof => break,
            Event::Start(e) => pass.open(raw, &e, false),
            Event::Empty(e) => pass.empty(raw, &e),
            Event::End(_) => pass.close(raw),
            _ => pass.other(raw),
        }
        pos = end;
    }
    Ok(())
}

struct Pass<'x, 'o> {
    out: &'o mut Vec<u8>,
    frames: Vec<Frame<'x>>,
    children: Vec<Child>,
    scratch: Vec<u8>,
    appends: &'x [Append<'x>],
}

impl<'x> Pass<'x, '_> {
    /// The qualified name of a tag, as a slice of the input.
    fn name_of(&self, raw: &'x [u8], e: &BytesStart) -> &'x [u8] {
        &raw[1..1 + e.name().as_ref().len()]
    }

    fn parent(&self) -> (&'x [u8], Option<&'static [&'static str]>) {
        match self.frames.last() {
            Some(f) => (f.name, f.sequence),
            None => (b"", None),
        }
    }

    fn open(&mut self, raw: &'x [u8], e: &BytesStart, expand_empty: bool) {
        let name = self.name_of(raw, e);
        let (parent, parent_sequence) = self.parent();
        let slot = parent_sequence.map(|s| (rank(s, name).unwrap_or(u16::MAX), self.out.len()));
        let append = self
            .appends
            .iter()
            .find(|a| {
                wml_name(name) == a.element.as_bytes() && wml_name(parent) == a.parent.as_bytes()
            })
            .map(|a| a.xml);
        self.write_start(raw, e, expand_empty);
        self.frames.push(Frame {
            name,
            sequence: sequence_of(name, wml_name(parent)),
            first_child: self.children.len(),
            slot,
            append,
        });
    }

    fn empty(&mut self, raw: &'x [u8], e: &BytesStart) {
        let name = self.name_of(raw, e);
        let (parent, parent_sequence) = self.parent();
        if let Some(sequence) = parent_sequence {
            if rank(sequence, name).is_none() && e.attributes().next().is_none() {
                return;
            }
        }
        let appended = self.appends.iter().any(|a| {
            wml_name(name) == a.element.as_bytes() && wml_name(parent) == a.parent.as_bytes()
        });
        if appended {
            self.open(raw, e, true);
            self.close(&[b"</", name, b">"].concat());
            return;
        }
        let start = self.out.len();
        self.write_start(raw, e, false);
        if let Some(sequence) = parent_sequence {
            self.children.push(Child {
                rank: rank(sequence, name).unwrap_or(u16::MAX),
                start,
                end: self.out.len(),
            });
        }
    }

    /// Closes the innermost element with its end tag.
    fn close(&mut self, end_tag: &[u8]) {
        let Some(frame) = self.frames.pop() else {
            self.out.extend_from_slice(end_tag);
            return;
        };
        if let (Some(xml), Some(sequence)) = (frame.append, frame.sequence) {
            let start = self.out.len();
            self.out.extend_from_slice(xml);
            let name = xml[1..]
                .split(|&b| b == b' ' || b == b'/' || b == b'>')
                .next()
                .unwrap_or_default();
            self.children.push(Child {
                rank: rank(sequence, name).unwrap_or(u16::MAX),
                start,
                end: self.out.len(),
            });
        }
        if frame.sequence.is_some() {
            sort(
                &mut self.children[frame.first_child..],
                self.out,
                &mut self.scratch,
            );
        }
        self.children.truncate(frame.first_child);
        self.out.extend_from_slice(end_tag);
        if let Some((rank, start)) = frame.slot {
            self.children.push(Child {
                rank,
                start,
                end: self.out.len(),
            });
        }
    }

    fn other(&mut self, raw: &[u8]) {
        self.out.extend_from_slice(raw);
        if let Some(f) = self.frames.last() {
            if f.sequence.is_some() && self.children.len() > f.first_child {
                if let Some(last) = self.children.last_mut() {
                    last.end = self.out.len();
                }
            }
        }
    }

    /// Writes a start tag, without the attributes the schema does not define; `expand_empty`
    /// writes `<a/>` as `<a>`.
    fn write_start(&mut self, raw: &[u8], e: &BytesStart, expand_empty: bool) {
        let local = wml_name(e.name().into_inner());
        let dropped: Option<&str> = UNDEFINED_ATTRIBUTES
            .iter()
            .find(|(el, _)| el.as_bytes() == local)
            .map(|(_, a)| *a);
        let empty = raw.ends_with(b"/>");
        match dropped {
            None if !(empty && expand_empty) => self.out.extend_from_slice(raw),
            None => {
                self.out.extend_from_slice(&raw[..raw.len() - 2]);
                self.out.push(b'>');
            }
            Some(attribute) => {
                self.out.push(b'<');
                self.out.extend_from_slice(e.name().as_ref());
                for a in e.attributes().with_checks(false).flatten() {
                    if a.key.as_ref() == attribute.as_bytes() {
                        continue;
                    }
                    self.out.push(b' ');
                    self.out.extend_from_slice(a.key.as_ref());
                    self.out.extend_from_slice(b"=\"");
                    self.out.extend_from_slice(&a.value);
                    self.out.push(b'"');
                }
                self.out
                    .extend_from_slice(if empty && !expand_empty { b" />" } else { b">" });
            }
        }
    }
}

/// Orders contiguous children in place, stably, by rank.
fn sort(children: &mut [Child], out: &mut [u8], scratch: &mut Vec<u8>) {
    if children.windows(2).all(|w| w[0].rank <= w[1].rank) {
        return;
    }
    let from = children[0].start;
    let to = children[children.len() - 1].end;
    children.sort_by_key(|c| c.rank);
    scratch.clear();
    for c in children.iter() {
        scratch.extend_from_slice(&out[c.start..c.end]);
    }
    out[from..to].copy_from_slice(scratch);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(xml: &str, appends: &[Append]) -> String {
        let mut out = Vec::new();
        rewrite(xml.as_bytes(), appends, &mut out).expect("well-formed");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn orders_paragraph_properties_and_keeps_content_order() {
        let xml = r#"<w:p><w:pPr><w:rPr/><w:jc w:val="center"/><w:pStyle w:val="A"/></w:pPr><w:r><w:t>b</w:t></w:r><w:r><w:t>a</w:t></w:r></w:p>"#;
        assert_eq!(
            run(xml, &[]),
            r#"<w:p><w:pPr><w:pStyle w:val="A"/><w:jc w:val="center"/><w:rPr/></w:pPr><w:r><w:t>b</w:t></w:r><w:r><w:t>a</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn orders_nested_elements_and_drops_the_empty_mark_properties_of_a_style() {
        let xml = r#"<w:style w:styleId="A"><w:name w:val="A"/><w:rPr><w:sz w:val="2"/><w:rFonts w:ascii="T"/></w:rPr><w:pPr><w:rPr/><w:spacing w:before="0"/><w:jc w:val="left"/></w:pPr><w:qFormat/><w:basedOn w:val="Normal"/></w:style>"#;
        assert_eq!(
            run(xml, &[]),
            r#"<w:style w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:rFonts w:ascii="T"/><w:sz w:val="2"/></w:rPr></w:style>"#
        );
    }

    #[test]
    fn drops_undefined_attributes_and_appends_children_in_order() {
        let xml = r#"<w:tblGrid><w:gridCol w:w="10" w:type="dxa" /></w:tblGrid><w:rPrDefault><w:rPr><w:sz w:val="28"/><w:rFonts w:ascii="T"/></w:rPr></w:rPrDefault><w:rPrDefault><w:rPr/></w:rPrDefault>"#;
        let lang = Append {
            parent: "rPrDefault",
            element: "rPr",
            xml: br#"<w:lang w:val="vi-VN"/>"#,
        };
        assert_eq!(
            run(xml, &[lang]),
            r#"<w:tblGrid><w:gridCol w:w="10" /></w:tblGrid><w:rPrDefault><w:rPr><w:rFonts w:ascii="T"/><w:sz w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:rPrDefault><w:rPr><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault>"#
        );
    }

    #[test]
    fn moves_header_references_first_in_section_properties() {
        let xml = r#"<w:sectPr><w:pgSz w:w="1"/><w:headerReference w:type="default" r:id="a"/><w:titlePg/><w:headerReference w:type="first" r:id="b"/></w:sectPr>"#;
        assert_eq!(
            run(xml, &[]),
            r#"<w:sectPr><w:headerReference w:type="default" r:id="a"/><w:headerReference w:type="first" r:id="b"/><w:pgSz w:w="1"/><w:titlePg/></w:sectPr>"#
        );
    }

    #[test]
    fn reports_a_part_that_is_not_xml() {
        let mut out = Vec::new();
        let e = rewrite(b"<w:p><w:pPr w:val=\"1", &[], &mut out).expect_err("unclosed tag");
        assert!(e.to_string().contains("not well-formed"), "{e}");
    }
}
